package goroutineleak

import (
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
)

const catQuitReceiver = "receiver-quits"

// checkQuitReceiver reports senders left behind by the only receiver of a
// channel that quits without a word: the owner makes the channel and
// starts one goroutine that receives from it; that goroutine can return
// right after a value (on the error of handling it: a failed write), and
// on the way out it closes nothing, sends nothing, cancels nothing and
// calls no Done, so nobody learns that it is gone; meanwhile the owner,
// or another goroutine it started, sends on the channel with plain sends
// in a loop. The next send blocks forever:
//
//	go s.writeWs(c, in) // returns on its first write error
//	for {
//		_, msg, err := c.ReadMessage()
//		...
//		in <- msg // blocks forever once writeWs has returned
//	}
//
// Let the receiver close a done channel (deferred) that the senders
// select on, or keep receiving after the error. The receiver must be the
// only one and be started once (not in a loop), the channel must have a
// constant buffer and reach no code the model does not follow, the
// receiver's exit must come from the receive's own case (a select case on
// another channel, such as a quit the owner closes after its last send,
// is not one) and not from a counted loop (for i := 0; i < n; i++), and a
// range's exit on the close does not count.
func (c *checker) checkQuitReceiver(fn *ssa.Function, u *chanUse) {
	if len(u.returned) > 0 || len(u.escapes) != u.groupEscapes {
		return // ok: the channel reaches code we do not follow
	}
	if capacity, known := chans.Capacity(u.mk); !known || capacity < 0 {
		return // ok: a buffer sized at run time (often to the work)
	}
	cyc := spawn.Cyclic(fn, func(_, to *ssa.BasicBlock) bool { return to == u.mk.Block() })
	var receiver *goroutine
	var senders []*goroutine
	gs := slices.Concat(u.goroutines, u.groupGos)
	for i := range gs {
		g := &gs[i]
		b := g.beh
		if b.Escapes || cyc[g.site.Block()] {
			return // ok: a goroutine we do not follow, or one per iteration
		}
		switch {
		case b.Recv != spawn.NoRecv || b.SelectRecv:
			if receiver != nil || b.Sends > 0 || b.Guarded || b.Closes {
				return // ok: two receivers, or a receiver that also sends or closes
			}
			receiver = g
		case b.Sends > 0 && !b.Guarded && b.LoopSendsOnly:
			senders = append(senders, g)
		}
	}
	if receiver == nil {
		return
	}
	var ownerSend ssa.Instruction
	for _, ev := range u.events {
		switch ev.kind {
		case evRecv, evDrain:
			return // ok: the owner receives too
		case evSend:
			if send, ok := ev.instr.(*ssa.Send); ok && cyc[ev.block] && ownerSend == nil {
				ownerSend = send
			}
		}
	}
	if ownerSend == nil && len(senders) == 0 {
		return // ok: no sender that keeps sending
	}
	body := c.startedBody(*receiver)
	if body == nil || len(receiver.channel()) == 0 || len(body.Blocks) > 2000 {
		return
	}
	recv, exit := c.quitsAfterValue(body, receiver)
	if exit == nil {
		return // ok: the receiver leaves only on the close, a count, or another channel
	}
	if c.model.MayWakeAnyone(body) {
		return // ok: the receiver tells someone it is gone (a close, a send, a cancel, a Done)
	}
	if c.testChoreography(body, u.mk) {
		return // ok: a test's own goroutine, parked harmlessly (testhelpers.go)
	}
	name := chanName(c, u.mk)
	var pos token.Pos
	sender := "this loop"
	related := []analysis.RelatedInformation{}
	if ownerSend != nil {
		pos = ssax.Pos(ownerSend)
	} else {
		g := senders[0]
		pos = g.beh.SendPos
		sender = g.body
		if !pos.IsValid() {
			pos = g.site.Pos()
		}
		related = append(related, passutil.Related(g.site.Pos(), "the sending goroutine is started here"))
	}
	if c.oneSided[pos] {
		return // ok: reported as a one-sided channel (model.go)
	}
	related = append(related,
		passutil.Related(receiver.site.Pos(), "the only receiver, %s, is started here", receiver.body),
		passutil.Related(ssax.Pos(recv), "it receives here"),
		passutil.Related(returnPos(exit), "and can return here, after a value, without telling the senders"),
		passutil.Related(u.mk.Pos(), "%s made here", name))
	c.report(analysis.Diagnostic{
		Pos:      pos,
		Category: catQuitReceiver,
		Message: fmt.Sprintf("send on %s can block forever: its only receiver, %s, can return after a value without closing, sending or cancelling anything, and %s keeps sending with plain sends (goroutine leak); have the receiver close a done channel that the sends select on, or keep receiving",
			name, receiver.body, sender),
		Related: related,
	})
}

// quitsAfterValue returns a receive of the goroutine g's channel in body
// and a return that body can reach right after it: from the receive's
// continuation (a select's case body), not back through the receive, and
// not through an exit of the receive's loop that a counter decides. For a
// comma-ok receive (a range) the exit on the close does not count
// (leftBeforeClose).
func (c *checker) quitsAfterValue(body *ssa.Function, g *goroutine) (ssa.Instruction, *ssa.Return) {
	accs := chans.Accesses(g.channel()...)
	if len(accs) == 0 {
		return nil, nil
	}
	for _, a := range accs {
		switch a.Kind {
		case chans.AccRecv, chans.AccSelectRecv:
			if a.Instr.Parent() != body {
				return nil, nil
			}
		default:
			return nil, nil // ok: handed on, captured, sent on: not modelled
		}
	}
	for _, a := range accs {
		if a.Kind == chans.AccRecv && a.CommaOk {
			if ret, recv := c.leftBeforeClose(*g); ret != nil {
				return recv.instr, ret
			}
			continue
		}
		var start []*ssa.BasicBlock
		var avoid *ssa.BasicBlock
		switch a.Kind {
		case chans.AccRecv:
			avoid = a.Instr.Block()
		case chans.AccSelectRecv:
			sel := a.Instr.(*ssa.Select)
			avoid = sel.Block()
			if e := spawn.CaseEdges(sel)[a.Case]; e[1] != nil {
				start = []*ssa.BasicBlock{e[1]}
			} else if len(sel.States) != 1 || !sel.Blocking {
				continue
			}
		}
		if start == nil {
			if r, ok := avoid.Instrs[len(avoid.Instrs)-1].(*ssa.Return); ok {
				return a.Instr, r // the receive's own block returns
			}
			start = avoid.Succs
		}
		if ret := c.returnAfter(body, avoid, start); ret != nil {
			return a.Instr, ret
		}
	}
	return nil, nil
}

// returnAfter returns a return reachable from start without passing
// through avoid (the receive's block), a block that ends the path, or an
// exit of avoid's loop that a loop-carried condition decides (a counter).
func (c *checker) returnAfter(body *ssa.Function, avoid *ssa.BasicBlock, start []*ssa.BasicBlock) *ssa.Return {
	var loop *waitexit.Loop
	loops := waitexit.LoopExits(body)
	for i := range loops {
		if slices.Contains(loops[i].Blocks, avoid) && (loop == nil || len(loops[i].Blocks) < len(loop.Blocks)) {
			loop = &loops[i]
		}
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := slices.Clone(start)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == avoid || seen[x] || c.neverReturns(x) || c.failedTestReturn(body, x) {
			continue
		}
		seen[x] = true
		if r, ok := x.Instrs[len(x.Instrs)-1].(*ssa.Return); ok {
			return r
		}
		for _, s := range x.Succs {
			if loop != nil && slices.Contains(loop.Blocks, x) && !slices.Contains(loop.Blocks, s) {
				if cond := exitCondition(loop, x); cond != nil && loop.CarriedAcross(cond) {
					continue // ok: a counted exit, which may come after the last value
				}
			}
			stack = append(stack, s)
		}
	}
	return nil
}
