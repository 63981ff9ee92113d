package goroutineleak

import (
	"fmt"
	"regexp"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

// checkJoinBeforeStop reports a WaitGroup's (or errgroup's) Wait that
// waits for a member goroutine which can end only after a receive from a
// channel that is closed or sent on only after the Wait: the Stop that
// waits for its workers before it closes the stop channel they wait for
// (cockroach#1055):
//
//	func (s *Stopper) RunWorker(f func()) {
//		s.wg.Add(1)
//		go func() { defer s.wg.Done(); f() }() // f: <-s.ShouldStop()
//	}
//	func (s *Stopper) Stop() {
//		s.wg.Wait() // blocks forever while a worker runs
//		close(s.stopper)
//	}
//
// The members are the Wait's wakes in the counterpart model (the Done
// calls of the WaitGroup, wherever its field is used; the functions given
// to errgroup's Go). A member counts when every way from its start to its
// Done passes the receive (wake.Model.ReturnGates: a plain receive, a
// select whose only way out is that case, or a call of a function the
// member runs, such as the task its runner was handed, that has such a
// receive). Every wake of the channel must be known and come after the
// Wait (wake.Model.WakesOnlyAfter): in the Wait's function after it, or
// after a call of that function in its caller (Stop calling Quiesce); for
// a context's Done, every cancel of a context nothing else can cancel
// (wake.Model.CancelsOnlyAfter). One such member is enough: the Wait
// waits for all of them. Close (send, cancel) first, then Wait.
func (c *checker) checkJoinBeforeStop(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			wait, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			switch ssax.FullName(ssax.Callee(&wait.Call)) {
			case "(*sync.WaitGroup).Wait", "(*golang.org/x/sync/errgroup.Group).Wait":
			default:
				continue
			}
			if c.joinedBeforeWake[wait] {
				continue // ok: reported as a join before its wake already
			}
			c.joinBeforeStop(wait)
		}
	}
}

func (c *checker) joinBeforeStop(wait *ssa.Call) {
	ws, ok := c.model.WaitWakes(wait)
	if !ok {
		return
	}
	seen := map[*ssa.Function]bool{}
	for _, site := range ws.Sites {
		member := site.Fn
		if member == nil || seen[member] || member.Pkg != wait.Parent().Pkg || site.Instr == nil {
			continue
		}
		seen[member] = true
		for _, g := range c.model.ReturnGates(member) {
			closedOnly := g.ClosedOnly
			if !site.AtExit {
				// a Done of its own: the gate must come before it, and
				// any value received reaches it (a Done per item of a
				// range, wg.Add(len(items)), counts items, not ends)
				if _, sel := g.At.(*ssa.Select); sel || site.Instr.Parent() != member || !cfg.Dominates(g.At, site.Instr) {
					continue
				}
				closedOnly = false
			}
			first, call, ok := c.model.WakesOnlyAfter(g.Chan, closedOnly, wait)
			if !ok {
				// a ctx.Done() whose only cancel comes after the Wait
				if first, call, ok = c.model.CancelsOnlyAfter(g.Chan, wait); !ok {
					if root, never := c.neverDone(g.Chan); never && c.onlyCallee(g) {
						c.reportJoinNeverDone(wait, site, g, root)
						return
					}
					continue
				}
			}
			c.reportJoinBeforeStop(wait, site, g, first, call)
			return
		}
	}
}

func (c *checker) reportJoinBeforeStop(wait *ssa.Call, member wake.Wake, g wake.Gate, first wake.Wake, call ssa.CallInstruction) {
	ch := wokenChanName(first)
	if ch == "" || registerName.MatchString(ch) {
		// a captured channel's make has no name of its own: the receive's
		// operand, as written
		ch = ssax.Name(g.Chan)
		if recv, ok := g.Recv.(*ssa.UnOp); ok {
			if written, ok := ssax.SourceOf(c.pass.Files).ChanOperand(recv.Pos()); ok {
				ch = written
			}
		}
	}
	if ch == "" {
		ch = "its channel"
	}
	group := ssax.Name(wait.Call.Args[0])
	if group == "" {
		group = "the group"
	}
	waker := fnName(first.Fn)
	how := "sends on " + ch + " or closes it"
	if g.ClosedOnly || first.What == "close" {
		how = "closes " + ch
	}
	when := "only after this Wait"
	if call != nil {
		when = fmt.Sprintf("only after calling %s, which waits here", fnName(wait.Parent()))
	}
	needs := "can return only after receiving from " + ch
	if g.ClosedOnly {
		needs = "returns only once " + ch + " is closed"
	}
	if first.What == "cancel" {
		// a context nothing else can cancel (its parent cannot be)
		needs = "can return only once its context is done (" + ch + ")"
		how = "cancels that context"
	}
	related := []analysis.RelatedInformation{
		passutil.Related(member.Pos(), "the goroutine it waits for ends here (%s)", fnName(member.Fn)),
	}
	if g.Via != nil {
		related = append(related,
			passutil.Related(ssax.Pos(g.At), "which first runs %s", fnName(g.Via)),
			passutil.Related(ssax.Pos(g.Recv), "which waits here for %s", ch))
	} else {
		related = append(related, passutil.Related(ssax.Pos(g.Recv), "the goroutine waits here for %s", ch))
	}
	if call != nil {
		related = append(related, passutil.Related(ssax.Pos(call), "%s calls %s here", waker, fnName(wait.Parent())))
	}
	if first.What == "cancel" {
		related = append(related, passutil.Related(first.Pos(), "the context is cancelled here, only after the Wait; its parent cannot be cancelled"))
	} else {
		related = append(related, passutil.Related(first.Pos(), "%s is woken here, only after the Wait", ch))
	}
	c.report(analysis.Diagnostic{
		Pos:      wait.Pos(),
		Category: catMutualWait,
		Message: fmt.Sprintf("%s.Wait blocks forever: it waits for a goroutine that %s, and %s %s %s (deadlock; wake the goroutines first, then Wait)",
			group, needs, waker, how, when),
		Related: related,
	})
}

// neverDone reports whether done is ctx.Done() of a context that nothing
// can cancel (ctxflow.CanBeCancelledUnless: every chain of it is rooted
// in context.Background or TODO, through fields and parameters whose
// values the package shows, and WithCancels whose cancel nothing calls),
// and returns the Background or TODO call it comes from.
func (c *checker) neverDone(done ssa.Value) (root ssa.Value, never bool) {
	call, ok := done.(*ssa.Call)
	if !ok {
		return nil, false
	}
	ctx, ok := ctxflow.IsContextCall(&call.Call, "Done")
	if !ok {
		return nil, false
	}
	known := ctxflow.Known{Stores: c.fieldStores, Args: c.calls.ParamArgs}
	can, _, root := ctxflow.CanBeCancelledUnless(ctx, known)
	if can || root == nil {
		return nil, false
	}
	return root, true
}

// onlyCallee reports whether the gate is the member's own, or held by
// the one function its call can run: a runner shared by several callers
// runs each caller's task, and a gate of one task says nothing of the
// Wait of another.
func (c *checker) onlyCallee(g wake.Gate) bool {
	if g.Via == nil {
		return true
	}
	call, ok := g.At.(ssa.CallInstruction)
	return ok && c.calls.Resolve(call.Common()).Single() == g.Via
}

// reportJoinNeverDone reports a Wait for a member goroutine that can
// return only once a context is done that nothing can cancel
// (cockroach#24808's compactor, a worker of the stopper given
// context.Background(): Stop waits for it forever).
func (c *checker) reportJoinNeverDone(wait *ssa.Call, member wake.Wake, g wake.Gate, root ssa.Value) {
	group, ok := ssax.SourceOf(c.pass.Files).Receiver(wait.Call.Pos())
	if !ok {
		group = ssax.Name(wait.Call.Args[0])
	}
	if group == "" {
		group = "the group"
	}
	related := []analysis.RelatedInformation{
		passutil.Related(member.Pos(), "the goroutine it waits for ends here (%s)", fnName(member.Fn)),
	}
	if g.Via != nil {
		related = append(related,
			passutil.Related(ssax.Pos(g.At), "which first runs %s", fnName(g.Via)),
			passutil.Related(ssax.Pos(g.Recv), "which can get past here only once its context is done"))
	} else {
		related = append(related, passutil.Related(ssax.Pos(g.Recv), "the goroutine can get past here only once its context is done"))
	}
	related = append(related, passutil.Related(root.Pos(), "the context comes from here, and nothing can cancel it"))
	c.report(analysis.Diagnostic{
		Pos:      wait.Pos(),
		Category: catMutualWait,
		Message: fmt.Sprintf("%s.Wait blocks forever: it waits for a goroutine that can return only once its context is done, and that context can never be cancelled (it comes from %s); give the goroutine a context that is cancelled before the Wait",
			group, rootName(root)),
		Related: related,
	})
}

// rootName names the context.Background or TODO call a context comes
// from, as written.
func rootName(root ssa.Value) string {
	if call, ok := root.(*ssa.Call); ok {
		if fn := ssax.Callee(&call.Call); fn != nil {
			return ssax.FullName(fn) + "()"
		}
	}
	return ssax.Name(root)
}

// registerName matches the name of an SSA register (t7).
var registerName = regexp.MustCompile(`^t[0-9]+$`)

// wokenChanName names the channel a wake (a send or a close) is on, as
// the waking function names it.
func wokenChanName(w wake.Wake) string {
	switch x := w.Instr.(type) {
	case *ssa.Send:
		return ssax.Name(x.Chan)
	case ssa.CallInstruction:
		if args := x.Common().Args; len(args) == 1 {
			return ssax.Name(args[0])
		}
	}
	return ""
}
