package wake

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/spawn"
)

// A Gate is a receive that a function cannot end without completing: every
// path from its entry to a return (that can happen, EntryReturnAvoiding)
// passes it. A worker that returns only on its stop channel has that
// receive as its gate:
//
//	for {
//		select {
//		case <-s.stop:
//			return
//		case j := <-s.jobs:
//			handle(j)
//		}
//	}
type Gate struct {
	// At is the instruction of fn the gate is passed at: the receive, the
	// select whose case it is, or a call whose callee (Via) holds it.
	At ssa.Instruction
	// Recv is the receive itself (a *ssa.UnOp or *ssa.Select), in fn or in
	// the callee the call At runs.
	Recv ssa.Instruction
	// Chan is the channel received from, as Recv names it.
	Chan ssa.Value
	// ClosedOnly: a range over the channel, whose only way out is its
	// close; values sent do not let the function past.
	ClosedOnly bool
	// Via is the callee of At that holds the gate, nil when fn does.
	Via *ssa.Function
}

// ReturnGates returns the gates of fn's returns: the receives that every
// way from fn's entry to a return passes. A call counts as a gate when one
// of the functions it may run (callees.Resolver.Resolve; a parameter bound
// to a closure its callers pass) has one of its own, one level down: a
// task runner's `defer wg.Done(); f()` is gated by the stop channel the
// task waits for. A function with no return that can happen has no gates
// (it never ends at all, which is another question).
func (m *Model) ReturnGates(fn *ssa.Function) []Gate {
	return m.returnGates(fn, 1)
}

func (m *Model) returnGates(fn *ssa.Function, depth int) []Gate {
	if len(fn.Blocks) == 0 {
		return nil
	}
	never := func(ssa.Instruction) bool { return false }
	if m.EntryReturnAvoiding(fn, never, nil) == nil {
		return nil // ok: fn cannot return at all
	}
	var out []Gate
	try := func(g Gate, stop func(ssa.Instruction) bool, skip func(from, to *ssa.BasicBlock) bool) {
		if m.EntryReturnAvoiding(fn, stop, skip) == nil {
			out = append(out, g)
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op != token.ARROW {
					continue
				}
				try(Gate{At: x, Recv: x, Chan: x.X, ClosedOnly: RangeExitOnly(fn, x)},
					func(i ssa.Instruction) bool { return i == ssa.Instruction(x) }, nil)
			case *ssa.Select:
				edges := spawn.CaseEdges(x)
				for i, st := range x.States {
					if st.Dir != types.RecvOnly || edges[i][0] == nil {
						continue
					}
					// every way out of fn takes this case's edge: the other
					// cases lead back to the select, or nowhere
					others := map[[2]*ssa.BasicBlock]bool{}
					for j, e := range edges {
						if j != i && e[0] != nil {
							others[e] = true
						}
					}
					edge := edges[i]
					try(Gate{At: x, Recv: x, Chan: st.Chan},
						func(ssa.Instruction) bool { return false },
						func(from, to *ssa.BasicBlock) bool { return from == edge[0] && to == edge[1] })
				}
			case *ssa.Call:
				if depth == 0 || x.Call.IsInvoke() {
					continue
				}
				res := m.chans.Resolver().Resolve(&x.Call)
				for _, callee := range res.Callees {
					if callee == fn || callee.Pkg != fn.Pkg {
						continue
					}
					for _, g := range m.returnGates(callee, depth-1) {
						if g.Via != nil {
							continue
						}
						try(Gate{At: x, Recv: g.Recv, Chan: g.Chan, ClosedOnly: g.ClosedOnly, Via: callee},
							func(i ssa.Instruction) bool { return i == ssa.Instruction(x) }, nil)
						break
					}
				}
			}
		}
	}
	return out
}

// RangeExitOnly reports whether recv is the receive of a range over a
// channel (a comma-ok receive whose ok is branched on) and the branch out
// of the range when the channel is closed leads to every return of fn:
// fn ends only once the channel is closed, whatever is sent on it before
// (for d := range docs { ... }).
func RangeExitOnly(fn *ssa.Function, recv *ssa.UnOp) bool {
	if !recv.CommaOk || recv.Referrers() == nil {
		return false
	}
	var exit *ssa.BasicBlock
	for _, r := range *recv.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 1 || ex.Referrers() == nil {
			continue
		}
		for _, u := range *ex.Referrers() {
			if iff, ok := u.(*ssa.If); ok && iff.Cond == ssa.Value(ex) {
				exit = iff.Block().Succs[1]
			}
		}
	}
	if exit == nil || len(exit.Preds) != 1 {
		return false
	}
	returns := 0
	for _, b := range fn.Blocks {
		if b == fn.Recover {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if !exit.Dominates(b) {
				return false
			}
			returns++
		}
	}
	return returns > 0
}

// WakesOnlyAfter reports whether every wake of a receive from ch (a send
// or a close; only the closes when closesOnly) is known and can happen
// only after wait has returned: each is in wait's function after it on
// every path (a deferred one registered there runs at the return, which
// every path reaches only through wait), or in a function that calls
// wait's function, which waits on every path, before the wake on every
// path. It returns one of those wakes and the call it follows (nil when
// it is in wait's own function).
func (m *Model) WakesOnlyAfter(ch ssa.Value, closesOnly bool, wait ssa.Instruction) (first Wake, call ssa.CallInstruction, ok bool) {
	w := m.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return Wake{}, nil, false
	}
	waiter := wait.Parent()
	isWait := func(i ssa.Instruction) bool { return i == wait }
	// waitsAlways: every return of waiter passes wait
	waitsAlways := cfg.EntryReturnAvoiding(waiter, isWait) == nil
	found := false
	for _, site := range w.Sites {
		if closesOnly && site.What != "close" {
			continue // ok: a value sent does not end a range over the channel
		}
		if site.Instr == nil || site.Instr.Block() == nil {
			return Wake{}, nil, false
		}
		var before ssa.Instruction // the wait, or the call of its function, that the wake follows
		if site.Instr.Parent() == waiter {
			before = wait
		} else if waitsAlways {
			before = callBefore(site.Instr, waiter)
		}
		if before == nil || !after(before, site.Instr) {
			return Wake{}, nil, false
		}
		if !found {
			first, found = site, true
			if before != wait {
				call = before.(ssa.CallInstruction)
			}
		}
	}
	return first, call, found
}

// after reports whether instr can run only once before has: before
// dominates it, or instr is a deferred call that every way from it to a
// return passes before.
func after(before, instr ssa.Instruction) bool {
	if cfg.Dominates(before, instr) && before != instr {
		return true
	}
	if _, deferred := instr.(*ssa.Defer); deferred {
		isBefore := func(i ssa.Instruction) bool { return i == before }
		return cfg.Reaches(instr, before, nil) && cfg.ReturnAvoiding(instr, isBefore) == nil
	}
	return false
}

// callBefore returns a static call of callee in instr's function that runs
// before instr on every path to it (or before its deferred run), nil when
// there is none.
func callBefore(instr ssa.Instruction, callee *ssa.Function) ssa.Instruction {
	for _, b := range instr.Parent().Blocks {
		for _, i := range b.Instrs {
			c, ok := i.(*ssa.Call)
			if !ok || c.Call.StaticCallee() != callee {
				continue
			}
			if after(c, instr) {
				return c
			}
		}
	}
	return nil
}
