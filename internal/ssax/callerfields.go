package ssax

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// CallerFields returns the struct fields whose values the callers of the
// package supply: the exported fields of the exported struct types of the
// package that its exported API takes as a parameter (by value or by
// pointer), and, through exported struct-valued fields of such types,
// those of the structs nested in them (Options{HTTP: HTTPOptions{Client:
// ...}}). A caller in another package writes these fields in the value it
// hands in (a RemotePayloadCodecOptions{Client: ...} literal), so the
// package cannot know what they hold: an http.Client there is the
// caller's, configured (or not) by the caller, even when the package
// itself never stores into the field. Value flow decides membership (the
// type reaches the package through a parameter of its API), not the
// names of the fields. funcs are the package's functions.
func CallerFields(pkg *types.Package, funcs []*ssa.Function) map[*types.Var]bool {
	fields := map[*types.Var]bool{}
	seen := map[*types.Named]bool{}
	var visit func(t types.Type)
	visit = func(t types.Type) {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || seen[n] || n.Obj().Pkg() != pkg || !n.Obj().Exported() {
			return
		}
		seen[n] = true
		st, ok := n.Underlying().(*types.Struct)
		if !ok {
			return
		}
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			if !f.Exported() {
				continue
			}
			fields[f] = true
			if _, isPtr := f.Type().Underlying().(*types.Pointer); !isPtr {
				visit(f.Type()) // a nested options struct, written in the same literal
			}
		}
	}
	for _, fn := range funcs {
		if !ExportedAPI(fn) {
			continue
		}
		params := fn.Signature.Params()
		for i := 0; i < params.Len(); i++ {
			visit(params.At(i).Type())
		}
	}
	return fields
}
