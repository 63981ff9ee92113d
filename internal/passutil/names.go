package passutil

import "go/types"

// QualifiedName names a function for a message with its package's name:
// "(*sql.DB).Query", "exec.Command".
func QualifiedName(f *types.Func) string {
	if o := f.Origin(); o != nil {
		f = o
	}
	sig, ok := f.Type().(*types.Signature)
	if ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, isPtr := t.(*types.Pointer); isPtr {
			return "(*" + TypeName(p.Elem()) + ")." + f.Name()
		}
		return "(" + TypeName(t) + ")." + f.Name()
	}
	if f.Pkg() != nil {
		return f.Pkg().Name() + "." + f.Name()
	}
	return f.Name()
}

// TypeName names a type for a message with its package's name and
// without type parameters: "sql.DB".
func TypeName(t types.Type) string {
	qual := func(p *types.Package) string { return p.Name() }
	if n, ok := types.Unalias(t).(*types.Named); ok {
		obj := n.Obj()
		if obj.Pkg() != nil {
			return qual(obj.Pkg()) + "." + obj.Name()
		}
		return obj.Name()
	}
	return types.TypeString(t, qual)
}

// FieldName names a struct field for a message by the named type of its
// package that declares it: "Watcher.Events"; the bare field name when
// no package-level type declares it (a field of an anonymous struct).
func FieldName(fld *types.Var) string {
	if fld.Pkg() == nil {
		return fld.Name()
	}
	scope := fld.Pkg().Scope()
	for _, name := range scope.Names() { // sorted: deterministic
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for f := range st.Fields() {
			if f == fld {
				return tn.Name() + "." + fld.Name()
			}
		}
	}
	return fld.Name()
}
