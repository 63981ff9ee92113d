package groups

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssax"
)

// BoundedWaitsFact marks a function that waits on its group parameters at
// the given indexes (receiver first, as in an SSA call's Args) only with a
// bound: every Wait on such a parameter runs in a goroutine the function
// starts, which signals a channel once Wait returns, and the function
// receives from that channel only in a select that can also end on a
// timer or a context (a WaitTimeout helper):
//
//	ch := make(chan struct{})
//	go func() { defer close(ch); wg.Wait() }()
//	select {
//	case <-ch:
//	case <-time.After(d):
//	}
//
// A Done that is never called leaves the helper's goroutine blocked, not
// the function or its caller.
type BoundedWaitsFact struct{ Params []int }

func (*BoundedWaitsFact) AFact()           {}
func (f *BoundedWaitsFact) String() string { return "waits with a bound" }

// WaitsBounded reports whether g is waited on, and only with a bound:
// every Wait on it runs in a goroutine started by g's owner whose end the
// owner awaits only in a select that can end without it (selectBounded),
// and every call g escapes to is handed it as a parameter that the callee
// waits on only so (BoundedWaitsFact). There is at least one such wait,
// and no other escape (a Wait the core cannot see might be a plain one).
func (info *Info) WaitsBounded(g *Group) bool {
	found := false
	for _, op := range g.Ops {
		if op.Method != Wait && op.Method != WaitVia {
			continue
		}
		if !boundedJoin(g.Owner, op) {
			return false
		}
		found = true
	}
	for _, e := range g.Escapes {
		c, ok := e.(ssa.CallInstruction)
		if !ok || !info.handsBounded(c.Common(), g.Kind) {
			return false
		}
		found = true
	}
	return found
}

// handsBounded reports whether every group argument of kind k of the call
// c is a parameter that c's one callee waits on only with a bound (by
// summary in this package, or BoundedWaitsFact).
func (info *Info) handsBounded(c *ssa.CallCommon, k Kind) bool {
	if _, m, _ := MethodOf(c); m != NoMethod {
		return false
	}
	if _, isClosure := ssax.Unwrap(c.Value).(*ssa.MakeClosure); isClosure {
		return false // bindings shift parameters
	}
	var params []int
	res := info.calls.Resolve(c)
	if res.Dynamic {
		return false
	}
	if fn := res.Single(); fn != nil && fn.Blocks != nil && (info.pass == nil || fn.Pkg == nil || fn.Pkg.Pkg == info.pass.Pkg) {
		params = info.boundedParams(fn)
	} else if f := ssax.Callee(c); f != nil && info.pass != nil {
		var fact BoundedWaitsFact
		if !info.pass.ImportObjectFact(f, &fact) {
			return false
		}
		params = fact.Params
	} else {
		return false
	}
	args := c.Args
	if c.IsInvoke() {
		args = append([]ssa.Value{c.Value}, args...)
	}
	handed := false
	for i, a := range args {
		if KindOf(a.Type()) != k {
			continue
		}
		if !slices.Contains(params, i) {
			return false
		}
		handed = true
	}
	return handed
}

// boundedParams returns the indexes of fn's group parameters that fn
// waits on only with a bound (see BoundedWaitsFact).
func (info *Info) boundedParams(fn *ssa.Function) []int {
	if ps, ok := info.bounded[fn]; ok {
		return ps
	}
	info.bounded[fn] = nil // a cycle does not wait
	if fn.Blocks == nil {
		return nil
	}
	var ps []int
	for i, p := range fn.Params {
		k := KindOf(p.Type())
		if k == NoKind {
			continue
		}
		if _, ok := p.Type().Underlying().(*types.Pointer); !ok {
			continue
		}
		if info.WaitsBounded(info.follow(fn, p, k)) {
			ps = append(ps, i)
		}
	}
	info.bounded[fn] = ps
	return ps
}

// boundedJoin reports whether op, a Wait (or a waiting call) on a group
// of owner, runs in a goroutine that owner starts (go func() { ...; Wait
// }()), which signals a channel of owner after Wait returns (a deferred
// close, or a close or send that Wait dominates), and every receive of
// owner from that channel is in a select that can end without it.
func boundedJoin(owner *ssa.Function, op Op) bool {
	start, ok := op.Site.(*ssa.Go)
	if !ok || start.Parent() != owner {
		return false
	}
	mc, ok := start.Call.Value.(*ssa.MakeClosure)
	if !ok || mc.Fn != op.Fn {
		return false // a Wait deeper than the started body: not followed
	}
	wait, ok := op.Instr.(*ssa.Call)
	if !ok {
		return false
	}
	for _, ch := range signals(op.Fn, wait) {
		if v := StartValue(start, ch); v != nil && awaitedWithBound(owner, v, mc) {
			return true
		}
	}
	return false
}

// signals returns the channels the body fn closes or sends on once the
// call wait has returned: a deferred close, or a close or send that wait
// dominates.
func signals(fn *ssa.Function, wait *ssa.Call) []ssa.Value {
	var out []ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Defer:
				if isClose(&x.Call) {
					out = append(out, x.Call.Args[0])
				}
			case *ssa.Call:
				if isClose(&x.Call) && cfg.Dominates(wait, x) {
					out = append(out, x.Call.Args[0])
				}
			case *ssa.Send:
				if cfg.Dominates(wait, x) {
					out = append(out, x.Chan)
				}
			}
		}
	}
	return out
}

// isClose reports whether c calls the builtin close.
func isClose(c *ssa.CallCommon) bool {
	b, ok := c.Value.(*ssa.Builtin)
	return ok && b.Name() == "close" && len(c.Args) == 1
}

// awaitedWithBound reports whether ch, a channel made in owner, is
// received from by owner, and only in selects that can end on a timer,
// ctx.Done() or a default case, and that are not in a loop. Its other uses are the variable it is
// stored in once (a channel captured by a closure), the binding of the
// signalling goroutine's closure mc, and closes: anything else (another
// closure, a call it is handed to) might be a plain receive.
func awaitedWithBound(owner *ssa.Function, ch ssa.Value, mc *ssa.MakeClosure) bool {
	if _, ok := ch.(*ssa.MakeChan); !ok || ch.Parent() != owner {
		return false // a channel someone else may also wait on
	}
	found := false
	var uses func(v ssa.Value, depth int) bool
	uses = func(v ssa.Value, depth int) bool {
		if depth > 4 {
			return false
		}
		for _, ref := range refs(v) {
			switch r := ref.(type) {
			case *ssa.Store:
				if r.Val != v {
					continue // ok: a store into the variable v itself
				}
				if sv, single := ssax.SingleStore(r.Addr); !single || sv != v || !uses(r.Addr, depth+1) {
					return false
				}
			case *ssa.UnOp:
				// a load of the variable holding ch is ch; a receive from
				// ch waits as long as Wait
				if r.Op != token.MUL || !uses(r, depth+1) {
					return false
				}
			case *ssa.MakeClosure:
				if r != mc {
					return false
				}
			case *ssa.Select:
				if !selectBounded(r, v) || cfg.Reaches(r, r, nil) {
					// a select in a loop waits again after its timer
					// fires (for { select { case <-ch: return; case
					// <-tick.C: } }): no bound
					return false
				}
				found = true
			case *ssa.Call:
				if !isClose(&r.Call) {
					return false
				}
			case *ssa.DebugRef:
			default:
				return false
			}
		}
		return true
	}
	return uses(ch, 0) && found
}

// selectBounded reports whether sel receives from ch and can end without
// it: a default case, or a receive from a timer's channel or from the
// Done of a context that can be cancelled.
func selectBounded(sel *ssa.Select, ch ssa.Value) bool {
	recv := false
	bound := !sel.Blocking
	for _, st := range sel.States {
		if st.Chan == ch {
			if st.Dir != types.RecvOnly {
				return false
			}
			recv = true
			continue
		}
		if st.Dir != types.RecvOnly {
			continue
		}
		if ctx, ok := ctxflow.IsDoneChannel(st.Chan); ok {
			// context.Background().Done() is nil: that case never fires
			bound = bound || ctxflow.CanBeCancelled(ctx)
			continue
		}
		for _, id := range chans.Origins(st.Chan) {
			if chans.IsTimer(id) {
				bound = true
			}
		}
	}
	return recv && bound
}
