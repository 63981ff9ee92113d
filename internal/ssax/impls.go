package ssax

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Impls resolves calls through an interface declared in a package to the
// single type of that package that implements it, when there is exactly
// one: a common shape (an interface for testing, one real implementation)
// that a static view would otherwise lose.
type Impls struct {
	cache map[*types.Named][]types.Type // interface → implementing types of its package
}

// NewImpls returns an empty resolver; it memoizes per interface.
func NewImpls() *Impls { return &Impls{cache: map[*types.Named][]types.Type{}} }

// Resolve returns the method that the interface call reaches, or nil when
// the call is not through an interface of the caller's package or when
// that interface has zero or several implementations there.
func (im *Impls) Resolve(call *ssa.CallCommon, caller *ssa.Function) *ssa.Function {
	if im == nil || !call.IsInvoke() || caller == nil || caller.Pkg == nil {
		return nil
	}
	named, ok := types.Unalias(call.Value.Type()).(*types.Named)
	if !ok || named.Obj().Pkg() != caller.Pkg.Pkg {
		return nil
	}
	impls, done := im.cache[named]
	if !done {
		impls = implementations(named, caller.Pkg.Pkg)
		im.cache[named] = impls
	}
	if len(impls) != 1 {
		return nil
	}
	prog := caller.Prog
	sel := prog.MethodSets.MethodSet(impls[0]).Lookup(call.Method.Pkg(), call.Method.Name())
	if sel == nil {
		return nil
	}
	return prog.MethodValue(sel)
}

// implementations returns the types T or *T, for each non-interface named
// type T declared at package level in pkg, that implement iface (each T
// counted once, preferring T over *T).
func implementations(iface *types.Named, pkg *types.Package) []types.Type {
	it, ok := iface.Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		return nil
	}
	var out []types.Type
	scope := pkg.Scope()
	for _, name := range scope.Names() { // sorted: deterministic
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		t, ok := tn.Type().(*types.Named)
		if !ok || types.IsInterface(t) || t.TypeParams().Len() > 0 {
			continue
		}
		switch {
		case types.Implements(t, it):
			out = append(out, t)
		case types.Implements(types.NewPointer(t), it):
			out = append(out, types.NewPointer(t))
		}
	}
	return out
}
