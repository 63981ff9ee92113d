package wake

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssax"
)

// CancelsOnlyAfter reports whether done, the channel of a ctx.Done()
// call, is closed only by cancel functions that all run after wait
// (WakesOnlyAfter's order: in wait's function after it, deferred there,
// or after a call of that function that always waits): ctx comes from
// context.WithCancel (or WithCancelCause) on a parent nothing can cancel
// (context.Background, TODO, WithoutCancel: ctxflow.CanBeCancelled), as
// the function makes it, a field it was stored in (every store into that
// field is such a context), a parameter every caller binds to one, or a
// captured variable; and every call of its cancel function is known (a
// call or defer of it, or of the field or captured variable it was
// stored in). It returns one cancel call and the call of wait's function
// it follows (nil when in wait's own function).
func (m *Model) CancelsOnlyAfter(done ssa.Value, wait ssa.Instruction) (first Wake, call ssa.CallInstruction, ok bool) {
	ctx, isDone := doneOf(done)
	if !isDone {
		return Wake{}, nil, false
	}
	makers, ok := m.withCancels(ctx, 0)
	if !ok || len(makers) == 0 {
		return Wake{}, nil, false
	}
	var sites []ssa.Instruction
	for _, wc := range makers {
		if len(wc.Call.Args) == 0 || ctxflow.CanBeCancelled(wc.Call.Args[0]) {
			return Wake{}, nil, false // ok: the parent's cancellation ends the wait too
		}
		cancel := ssax.ResultValue(wc, 1)
		if cancel == nil {
			return Wake{}, nil, false // ok: a cancel function nobody keeps is no wake, but nor is it a plain shape
		}
		s, ok := m.cancelCalls(cancel, 0)
		if !ok {
			return Wake{}, nil, false
		}
		sites = append(sites, s...)
	}
	if len(sites) == 0 {
		return Wake{}, nil, false // ok: nothing cancels it: a wait nothing wakes, another question
	}
	waiter := wait.Parent()
	isWait := func(i ssa.Instruction) bool { return i == wait }
	waitsAlways := cfg.EntryReturnAvoiding(waiter, isWait) == nil // every return of waiter passes wait
	for i, s := range sites {
		var before ssa.Instruction
		if s.Parent() == waiter {
			before = wait
		} else if waitsAlways {
			before = callBefore(s, waiter)
		}
		if before == nil || !after(before, s) {
			return Wake{}, nil, false
		}
		if i == 0 {
			first = Wake{Instr: s, Fn: s.Parent(), What: "cancel"}
			if before != wait {
				call = before.(ssa.CallInstruction)
			}
		}
	}
	return first, call, true
}

// CancelSites returns the calls of the cancel functions that close done,
// the channel of a ctx.Done() call: ctx comes from context.WithCancel (or
// WithCancelCause) calls the package makes (withCancels), and every call
// of their cancel functions is known (cancelCalls). ok is false when
// anything else may cancel it, or nothing does.
func (m *Model) CancelSites(done ssa.Value) ([]ssa.Instruction, bool) {
	ctx, isDone := doneOf(done)
	if !isDone {
		return nil, false
	}
	makers, ok := m.withCancels(ctx, 0)
	if !ok || len(makers) == 0 {
		return nil, false
	}
	var sites []ssa.Instruction
	for _, wc := range makers {
		cancel := ssax.ResultValue(wc, 1)
		if cancel == nil {
			return nil, false
		}
		s, ok := m.cancelCalls(cancel, 0)
		if !ok {
			return nil, false
		}
		sites = append(sites, s...)
	}
	return sites, len(sites) > 0
}

// doneOf returns the context whose Done method call done is.
func doneOf(done ssa.Value) (ssa.Value, bool) {
	c, ok := done.(*ssa.Call)
	if !ok || !c.Call.IsInvoke() || c.Call.Method.Name() != "Done" {
		return nil, false
	}
	if n, ok := types.Unalias(c.Call.Value.Type()).(*types.Named); !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "context" || n.Obj().Name() != "Context" {
		return nil, false
	}
	return c.Call.Value, true
}

// isWithCancel reports whether c calls context.WithCancel or
// WithCancelCause.
func isWithCancel(c *ssa.Call) bool {
	switch ssax.FullName(ssax.Callee(&c.Call)) {
	case "context.WithCancel", "context.WithCancelCause":
		return true
	}
	return false
}

// withCancels returns the WithCancel calls whose context ctx may be; ok
// is false when it may be any other context.
func (m *Model) withCancels(ctx ssa.Value, depth int) ([]*ssa.Call, bool) {
	if depth > 4 {
		return nil, false
	}
	switch x := ctx.(type) {
	case *ssa.Extract:
		if c, ok := x.Tuple.(*ssa.Call); ok && x.Index == 0 && isWithCancel(c) {
			return []*ssa.Call{c}, true
		}
	case *ssa.ChangeInterface:
		return m.withCancels(x.X, depth+1)
	case *ssa.MakeInterface:
		return m.withCancels(x.X, depth+1)
	case *ssa.Phi:
		return m.withCancelsOfAll(x.Edges, depth)
	case *ssa.Parameter:
		args, ok := m.chans.Resolver().ParamArgs(x)
		if !ok || len(args) == 0 {
			return nil, false
		}
		return m.withCancelsOfAll(args, depth)
	case *ssa.FreeVar:
		if b := ssax.Binding(x); b != nil {
			return m.withCancels(b, depth+1)
		}
	case *ssa.UnOp:
		if x.Op != token.MUL {
			break
		}
		switch a := x.X.(type) {
		case *ssa.FieldAddr:
			f := ssax.Field(a.X.Type(), a.Field)
			if f == nil || f.Exported() {
				return nil, false
			}
			stored := m.fieldStores(f)
			if len(stored) == 0 {
				return nil, false
			}
			return m.withCancelsOfAll(stored, depth)
		case *ssa.Alloc:
			if v, ok := ssax.SingleStore(a); ok {
				return m.withCancels(v, depth+1)
			}
		case *ssa.FreeVar:
			// a captured variable: the cell the enclosing function binds
			if cell, ok := ssax.Binding(a).(*ssa.Alloc); ok {
				if v, ok := ssax.SingleStore(cell); ok {
					return m.withCancels(v, depth+1)
				}
			}
		}
	}
	return nil, false
}

// withCancelsOfAll is withCancels of each of vals (the edges of a phi,
// the arguments of a parameter, the values stored into a field): ok only
// when every one is known.
func (m *Model) withCancelsOfAll(vals []ssa.Value, depth int) ([]*ssa.Call, bool) {
	var out []*ssa.Call
	for _, v := range vals {
		cs, ok := m.withCancels(v, depth+1)
		if !ok {
			return nil, false
		}
		out = append(out, cs...)
	}
	return out, true
}

// fieldStores returns the values the package's functions store into
// field f (nil if any store is not a plain one the scan recognizes).
func (m *Model) fieldStores(f *types.Var) []ssa.Value {
	var out []ssa.Value
	for _, fn := range m.calls.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if fa, ok := st.Addr.(*ssa.FieldAddr); ok && ssax.Field(fa.X.Type(), fa.Field) == f {
					out = append(out, st.Val)
				}
			}
		}
	}
	return out
}

// cancelCalls returns the calls (and deferred calls) of the cancel
// function v: of v itself, of the field or captured variable it is
// stored in, of the closures that capture it. ok is false when v reaches
// anything else (handed to a function, returned, stored elsewhere): code
// out of view may call it.
func (m *Model) cancelCalls(v ssa.Value, depth int) ([]ssa.Instruction, bool) {
	if depth > 4 {
		return nil, false
	}
	refs := v.Referrers()
	if refs == nil {
		return nil, true
	}
	var out []ssa.Instruction
	for _, r := range *refs {
		switch u := r.(type) {
		case *ssa.Call:
			if u.Call.Value != v {
				return nil, false // an argument: the callee may call it
			}
			out = append(out, u)
		case *ssa.Defer:
			if u.Call.Value != v {
				return nil, false
			}
			out = append(out, u)
		case *ssa.BinOp:
			// ok: a nil check (if s.cancel != nil)
		case *ssa.Store:
			if u.Val != v {
				continue
			}
			switch a := u.Addr.(type) {
			case *ssa.FieldAddr:
				f := ssax.Field(a.X.Type(), a.Field)
				if f == nil || f.Exported() {
					return nil, false
				}
				s, ok := m.fieldCalls(f, depth)
				if !ok {
					return nil, false
				}
				out = append(out, s...)
			case *ssa.Alloc:
				s, ok := m.cellCalls(a, depth)
				if !ok {
					return nil, false
				}
				out = append(out, s...)
			default:
				return nil, false
			}
		case *ssa.MakeClosure:
			fvs, ok := capturedAs(u, v)
			if !ok {
				return nil, false
			}
			for _, fv := range fvs {
				s, ok := m.cancelCalls(fv, depth+1)
				if !ok {
					return nil, false
				}
				out = append(out, s...)
			}
		default:
			return nil, false
		}
	}
	return out, true
}

// fieldCalls returns the calls of the cancel functions loaded from field
// f anywhere in the package.
func (m *Model) fieldCalls(f *types.Var, depth int) ([]ssa.Instruction, bool) {
	var out []ssa.Instruction
	for _, fn := range m.calls.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				load, ok := instr.(*ssa.UnOp)
				if !ok || load.Op != token.MUL {
					continue
				}
				fa, ok := load.X.(*ssa.FieldAddr)
				if !ok || ssax.Field(fa.X.Type(), fa.Field) != f {
					continue
				}
				s, ok := m.cancelCalls(load, depth+1)
				if !ok {
					return nil, false
				}
				out = append(out, s...)
			}
		}
	}
	return out, true
}

// cellCalls returns the calls of the cancel function kept in a captured
// variable's cell: through its loads here and in the closures that
// capture it.
func (m *Model) cellCalls(cell *ssa.Alloc, depth int) ([]ssa.Instruction, bool) {
	refs := cell.Referrers()
	if refs == nil {
		return nil, true
	}
	var out []ssa.Instruction
	for _, r := range *refs {
		switch u := r.(type) {
		case *ssa.Store:
			// ok: the store that put it there, or another cancel function
			// (its own calls are found from its WithCancel)
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return nil, false
			}
			s, ok := m.cancelCalls(u, depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, s...)
		case *ssa.MakeClosure:
			fvs, ok := capturedAs(u, cell)
			if !ok {
				return nil, false
			}
			for _, fv := range fvs {
				frefs := fv.Referrers()
				if frefs == nil {
					continue
				}
				for _, fr := range *frefs {
					load, ok := fr.(*ssa.UnOp)
					if !ok || load.Op != token.MUL {
						return nil, false
					}
					s, ok := m.cancelCalls(load, depth+1)
					if !ok {
						return nil, false
					}
					out = append(out, s...)
				}
			}
		default:
			return nil, false
		}
	}
	return out, true
}

// capturedAs returns the free variables of the closure mc makes that
// bind v; ok is false when the closure's function is not known.
func capturedAs(mc *ssa.MakeClosure, v ssa.Value) ([]*ssa.FreeVar, bool) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil, false
	}
	var out []*ssa.FreeVar
	for i, b := range mc.Bindings {
		if b == v && i < len(fn.FreeVars) {
			out = append(out, fn.FreeVars[i])
		}
	}
	return out, true
}
