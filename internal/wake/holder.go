package wake

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
)

// Holder is a struct type of the package that keeps a channel in one of
// its fields, with the method that ends an object's life (Close, Stop,
// ...).
type Holder struct {
	Type   *types.Named
	Field  *types.Var
	Method *types.Func
	// Promoted: the method is promoted from a field the type embeds.
	Promoted bool
}

// declaredOn reports whether meth is declared with named (or *named) as
// its receiver.
func declaredOn(meth *types.Func, named *types.Named) bool {
	sig, ok := meth.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Origin() == named.Origin()
}

// EndedHolders returns the struct types declared in pkg that hold channel
// v in a field (a make stored in a struct literal or assigned to a field,
// or the field v is loaded from) and have a method that ends an object's
// life, in field order. A reader that gets the channel from such an object
// (an Events() accessor) is told by that method that the object's life is
// over: after Stop, nobody is obliged to read any more.
func (m *Model) EndedHolders(v ssa.Value, pkg *ssa.Package) []Holder {
	if pkg == nil {
		return nil
	}
	var out []Holder
	seen := map[*types.Var]bool{}
	for _, ch := range m.chans.Channels(v) {
		for _, id := range ch.IDs {
			if id.Kind != chans.Field || seen[id.Field] {
				continue
			}
			seen[id.Field] = true
			named := fieldOwner(pkg.Pkg, id.Field)
			if named == nil {
				continue
			}
			if meth := lifetimeMethod(named, pkg); meth != nil {
				// the type is the package's: a Stop it declares, or one
				// promoted from a field it embeds (a watch.Interface
				// whose Stop it delegates to), is what its Stop does
				out = append(out, Holder{Type: named, Field: id.Field, Method: meth, Promoted: meth.Pkg() != pkg.Pkg || !declaredOn(meth, named)})
			}
		}
	}
	return out
}

// fieldOwner returns the named struct type declared at pkg's top level
// that has field f, or nil.
func fieldOwner(pkg *types.Package, f *types.Var) *types.Named {
	if pkg == nil || f.Pkg() != pkg {
		return nil
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			continue
		}
		st, ok := named.Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			if st.Field(i) == f {
				return named
			}
		}
	}
	return nil
}
