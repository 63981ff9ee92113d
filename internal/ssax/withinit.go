package ssax

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// WithInit returns funcs, the source functions of one package as
// buildssa's SrcFuncs lists them, with the package initializer and the
// closures of package-level variables added in front: SrcFuncs lists only
// functions declared with func and their closures, so a channel made in
// var pool = sync.Pool{New: func() any { return &reply{done: make(chan
// error, 1)} }}, or stored by var events = make(chan string), would
// otherwise be missing from the package's index. pkg is the package, or
// nil to take it from funcs; funcs is returned as is when there is no
// package or funcs already holds the initializer.
func WithInit(pkg *ssa.Package, funcs []*ssa.Function) []*ssa.Function {
	for _, fn := range funcs {
		if pkg != nil {
			break
		}
		if fn.Pkg != nil {
			pkg = fn.Pkg
			break
		}
	}
	if pkg == nil {
		return funcs
	}
	init := pkg.Func("init")
	if init == nil || slices.Contains(funcs, init) {
		return funcs
	}
	var added []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		added = append(added, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	add(init)
	return append(added, funcs...)
}
