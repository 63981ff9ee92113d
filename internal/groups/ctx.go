package groups

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
)

// ContextUses returns the instructions of the function calling
// errgroup.WithContext (create) that use the context it returns, in block
// order: direct uses of the result and uses of loads of a variable that
// holds it (a context captured by the group's closures lives in such a
// variable). A load is counted only when no other store to the variable
// can follow the one of the group's context; phis and debug references
// are not uses.
func ContextUses(create *ssa.Call) []ssa.Instruction {
	var ctx *ssa.Extract
	for _, ref := range refs(create) {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == 1 {
			ctx = ex
		}
	}
	if ctx == nil {
		return nil
	}
	fn := create.Parent()
	var out []ssa.Instruction
	for _, ref := range refs(ctx) {
		switch r := ref.(type) {
		case *ssa.DebugRef, *ssa.Phi:
		case *ssa.Store:
			alloc, ok := r.Addr.(*ssa.Alloc)
			if !ok || r.Val != ctx || !onlyStoreAfter(alloc, r) {
				continue
			}
			for _, ar := range refs(alloc) {
				load, ok := ar.(*ssa.UnOp)
				if !ok || load.Op != token.MUL || load.Parent() != fn || !cfg.Dominates(r, load) {
					continue
				}
				for _, lr := range refs(load) {
					switch lr.(type) {
					case *ssa.DebugRef, *ssa.Phi:
					default:
						out = append(out, lr)
					}
				}
			}
		default:
			out = append(out, r)
		}
	}
	return out
}

// onlyStoreAfter reports whether no other store to alloc can execute after
// st, in this function or in a closure that captures alloc.
func onlyStoreAfter(alloc *ssa.Alloc, st *ssa.Store) bool {
	for _, ref := range refs(alloc) {
		switch r := ref.(type) {
		case *ssa.Store:
			if r != st && cfg.Reaches(st, r, nil) {
				return false
			}
		case *ssa.MakeClosure:
			cl, ok := r.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range r.Bindings {
				if b != alloc || i >= len(cl.FreeVars) {
					continue
				}
				for _, fr := range refs(cl.FreeVars[i]) {
					switch fr.(type) {
					case *ssa.UnOp, *ssa.DebugRef, *ssa.MakeClosure:
						// ok: loads and nested captures (writes there are not followed)
					default:
						return false
					}
				}
			}
		}
	}
	return true
}
