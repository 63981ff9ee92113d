package passutil

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// FactTarget returns the object to attach a function summary fact to, and
// whether fn deserves one: a named function or method of this package
// that other packages can call by name. Other packages reach an
// unexported function only through values and interfaces, which they
// resolve to no object of this package, so its fact would never be read.
// The runner re-encodes every dependency's facts for each package that
// imports it, so facts nobody reads were the larger part of a run's
// memory above the floor (bench/run.sh; docs/benchmarks.md).
func FactTarget(pass *analysis.Pass, fn *ssa.Function) (*types.Func, bool) {
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Parent() != nil || obj.Pkg() != pass.Pkg || !obj.Exported() {
		return nil, false
	}
	return obj, true
}
