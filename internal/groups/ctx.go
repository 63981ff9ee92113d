package groups

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssax"
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

// ParentCancelledBy reports whether the parent context that the
// errgroup.WithContext call create derives from is cancelled by a
// deferred call of its cancel function that has been registered whenever
// control reaches at (ctx, cancel := context.WithTimeout(ctx, d); defer
// cancel(); g, gctx := errgroup.WithContext(ctx)): at a return past at the
// group's context is cancelled too, with or without Wait.
func ParentCancelledBy(create *ssa.Call, at ssa.Instruction) bool {
	if len(create.Call.Args) != 1 {
		return false
	}
	parent := loadedValue(create.Call.Args[0])
	ex, ok := parent.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return false
	}
	with, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return false
	}
	switch ssax.FullName(ssax.Callee(&with.Call)) {
	case "context.WithCancel", "context.WithTimeout", "context.WithDeadline",
		"context.WithCancelCause", "context.WithTimeoutCause", "context.WithDeadlineCause":
	default:
		return false
	}
	for _, ref := range refs(with) {
		cancel, ok := ref.(*ssa.Extract)
		if !ok || cancel.Index != 1 {
			continue
		}
		for _, d := range deferredCalls(cancel) {
			if d.Parent() == at.Parent() && cfg.Dominates(d, at) {
				return true
			}
		}
	}
	return false
}

// loadedValue is v, or the value stored into the variable v is loaded from
// when that variable is written once.
func loadedValue(v ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if stored, ok := ssax.SingleStore(load.X); ok {
			return stored
		}
	}
	return v
}

// deferredCalls returns the defer statements that call the function value
// fv, directly or through a variable written once.
func deferredCalls(fv ssa.Value) []*ssa.Defer {
	var out []*ssa.Defer
	for _, ref := range refs(fv) {
		switch r := ref.(type) {
		case *ssa.Defer:
			if r.Call.Value == fv {
				out = append(out, r)
			}
		case *ssa.Store:
			if stored, ok := ssax.SingleStore(r.Addr); !ok || stored != fv {
				continue
			}
			for _, ar := range refs(r.Addr) {
				if load, ok := ar.(*ssa.UnOp); ok && load.Op == token.MUL {
					for _, lr := range refs(load) {
						if d, ok := lr.(*ssa.Defer); ok && d.Call.Value == load {
							out = append(out, d)
						}
					}
				}
			}
		}
	}
	return out
}

// IsGroupContext reports whether ctx is the context that the
// errgroup.WithContext call create returns (or a load of the variable
// that holds it).
func IsGroupContext(create *ssa.Call, ctx ssa.Value) bool {
	ctx = loadedValue(ctx)
	ex, ok := ctx.(*ssa.Extract)
	return ok && ex.Tuple == create && ex.Index == 1
}

// ContextDoneAt reports whether the context of the errgroup.WithContext
// call create, or its parent, is known to be done whenever control
// reaches the end of at (ctxflow.DoneAt): the group's context is cancelled then,
// with or without Wait.
func ContextDoneAt(create *ssa.Call, at *ssa.BasicBlock) bool {
	if len(create.Call.Args) == 1 && doneAtEnd(create.Call.Args[0], at) {
		return true
	}
	for _, ref := range refs(create) {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == 1 && doneAtEnd(ex, at) {
			return true
		}
	}
	return false
}

// doneAtEnd reports whether ctx is done whenever control reaches the end
// of block at.
func doneAtEnd(ctx ssa.Value, at *ssa.BasicBlock) bool {
	return len(at.Instrs) > 0 && ctxflow.DoneAt(ctx, at.Instrs[len(at.Instrs)-1])
}
