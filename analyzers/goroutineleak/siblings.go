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

const catPipeline = "abandoned-pipeline"

// checkSiblingConsumer reports (and says whether it did) a pipeline of two goroutines the owner
// starts on a channel it makes and does not touch again: a producer that
// sends in a loop and closes the channel when done, and a consumer that
// ranges over it and can return before the close (on an error of one
// value). Once the consumer has returned, nothing receives: the
// producer's next send blocks forever, and a Wait of the group that
// started them never returns.
//
//	g.Go(func() error {
//		defer close(items)
//		for _, id := range ids {
//			items <- fetch(id) // blocks forever once the consumer has failed
//		}
//		return nil
//	})
//	g.Go(func() error {
//		for it := range items {
//			if err := process(it); err != nil {
//				return err
//			}
//		}
//		return nil
//	})
//
// The fix is the errgroup pipeline's: send in a select that also waits
// for the group's context, or let the consumer drain the channel before
// it returns. Goroutines started by go statements, WaitGroup.Go and
// errgroup's Go are followed; the producer must be the only sender and
// closer, with no send in a select (a producer that watches a context or
// a stop channel may be released), the consumer the only receiver, with
// one receive (a range, or a comma-ok receive whose !ok branch leaves the
// loop, also as one case of a select with no default); neither is started
// in a loop, and the channel has a constant buffer. A consumer that
// receives in a select counts only the returns it reaches from that
// case's body (after a value: a failed flush), not those of the select's
// other cases (a quit the owner may close only after the producer is
// done).
func (c *checker) checkSiblingConsumer(fn *ssa.Function, u *chanUse) (reported bool) {
	if len(u.events) > 0 || len(u.returned) > 0 || len(u.escapes) != u.groupEscapes {
		return false // ok: the owner uses the channel itself, or it reaches code we do not follow
	}
	capacity, known := chans.Capacity(u.mk)
	if !known || capacity < 0 {
		return false // ok: a buffer sized at run time (often to the work)
	}
	gs := slices.Concat(u.goroutines, u.groupGos)
	if len(gs) != 2 {
		return false
	}
	cyc := spawn.Cyclic(fn, func(_, to *ssa.BasicBlock) bool { return to == u.mk.Block() })
	var producer, consumer *goroutine
	for i := range gs {
		g := &gs[i]
		b := g.beh
		if b.Escapes || b.Guarded || cyc[g.site.Block()] {
			return false // ok: a protocol we do not model (a select may be released)
		}
		switch {
		case b.Sends > 0 && b.Recv == spawn.NoRecv && !b.SelectRecv && b.Closes && b.LoopSendsOnly:
			producer = g
		case (b.Recv != spawn.NoRecv || b.SelectRecv) && b.Sends == 0 && !b.Closes:
			consumer = g // a range, a comma-ok receive, or one case of a select (leftBeforeClose)
		}
	}
	if producer == nil || consumer == nil {
		return false
	}
	exit, recv := c.leftBeforeClose(*consumer)
	if exit == nil {
		return false // ok: the consumer takes every value until the close
	}
	if c.testChoreography(c.goBody(*producer), u.mk) {
		return false // ok: a test's own goroutine, parked harmlessly (testhelpers.go)
	}
	name := chanName(c, u.mk)
	pos := producer.beh.SendPos
	what := "send on " + name
	if pos == token.NoPos || producer.beh.SendWhat == "" {
		pos = producer.site.Pos()
		what = fmt.Sprintf("%s (which %s)", producer.body, producer.beh.SendWhat)
	}
	if c.oneSided[pos] {
		return false // ok: reported as a one-sided channel (model.go)
	}
	c.report(analysis.Diagnostic{
		Pos:      pos,
		Category: catPipeline,
		Message: fmt.Sprintf("goroutine can block forever in %s: it sends until %s is closed, and the goroutine that receives from it can return before that (goroutine leak)",
			what, name),
		Related: []analysis.RelatedInformation{
			passutil.Related(producer.site.Pos(), "the sending goroutine is started here"),
			passutil.Related(consumer.site.Pos(), "the receiving goroutine is started here"),
			passutil.Related(recv.Pos(), "it receives here"),
			passutil.Related(returnPos(exit), "and can return here without receiving the rest"),
			passutil.Related(u.mk.Pos(), "%s made here with capacity %d", name, capacity),
		},
	})
	return true
}

// startedPerSlot reports whether every goroutine of gs is started in a
// loop that runs size times: a buffer of one slot per worker
// (make(chan T, n) for n workers), which holds no more than n values
// once the workers have quit, whatever the number of values sent.
func startedPerSlot(fn *ssa.Function, size ssa.Value, gs []goroutine) bool {
	for _, g := range gs {
		site := g.site.(ssa.Instruction)
		if site.Parent() != fn || !waitexit.CountedBy(fn, site.Block(), size) {
			return false
		}
	}
	return len(gs) > 0
}

// checkAbandonedFeed reports the owner's side of the same protocol: fn
// feeds the channel it makes with plain sends in a loop and closes it,
// and the only receivers are goroutines it starts that range over it and
// can each return before the close (a worker that quits on its first
// error). Once every one has returned, nothing receives, and fn blocks
// forever in its next send.
//
//	for i := 0; i < n; i++ {
//		go func() { for j := range jobs { if err := do(j); err != nil { errs <- err; return } } }()
//	}
//	for _, j := range batch {
//		jobs <- j // blocks forever once every worker has failed
//	}
//	close(jobs)
//
// Let the workers record the error and go on receiving, or select on a
// done channel the failure closes. The owner must not receive from the
// channel nor send on it in a select; the goroutines must not send on it,
// close it or hand it on; the buffer must be a constant.
func (c *checker) checkAbandonedFeed(fn *ssa.Function, u *chanUse) {
	if len(u.returned) > 0 || len(u.escapes) != u.groupEscapes || len(u.goroutines)+len(u.groupGos) == 0 {
		return
	}
	workers := slices.Concat(u.goroutines, u.groupGos)
	capacity, known := chans.Capacity(u.mk)
	perWorker := !known && startedPerSlot(fn, u.mk.Size, workers)
	if (!known || capacity < 0) && !perWorker {
		return // ok: a buffer sized at run time (often to the work)
	}
	var send *ssa.Send
	closes := false
	cyc := spawn.Cyclic(fn, func(_, to *ssa.BasicBlock) bool { return to == u.mk.Block() })
	for _, ev := range u.events {
		switch ev.kind {
		case evSend:
			s, plain := ev.instr.(*ssa.Send)
			if !plain {
				return // ok: a send in a select may be released by another case
			}
			if cyc[s.Block()] && send == nil {
				send = s
			}
			if perWorker && waitexit.CountedBy(fn, s.Block(), u.mk.Size) {
				return // ok: the owner sends as many values as the buffer holds
			}
		case evClose:
			closes = true
		default:
			return // ok: the owner receives too
		}
	}
	if send == nil || !closes {
		return
	}
	var first goroutine
	var exit *ssa.Return
	var recv recvSite
	for i, g := range workers {
		b := g.beh
		if b.Escapes || b.SelectRecv || b.Sends > 0 || b.Guarded || b.Closes || b.Recv == spawn.NoRecv {
			return // ok: a goroutine that does more than receive is a protocol we do not model
		}
		ret, r := c.leftBeforeClose(g)
		if ret == nil {
			return // ok: this one receives until the close, so the feed always has a taker
		}
		if i == 0 {
			first, exit, recv = g, ret, r
		}
	}
	name := chanName(c, u.mk)
	made := passutil.Related(u.mk.Pos(), "%s made here with capacity %d", name, capacity)
	if perWorker {
		made = passutil.Related(u.mk.Pos(), "%s made here with one slot per worker, fewer than the values sent", name)
	}
	c.report(analysis.Diagnostic{
		Pos:      send.Pos(),
		Category: catPipeline,
		Message: fmt.Sprintf("send on %s can block forever: every goroutine that receives from it can return before %s is closed, and then nothing receives (deadlock)",
			name, name),
		Related: []analysis.RelatedInformation{
			passutil.Related(first.site.Pos(), "the receiving goroutine is started here"),
			passutil.Related(recv.Pos(), "it receives here"),
			passutil.Related(returnPos(exit), "and can return here without receiving the rest"),
			made,
		},
	})
}

// leftBeforeClose returns a return of the consumer g's body that is
// reached from its receive loop other than by the channel's close, and
// the receive: nil when the body is not one plain loop receiving until
// the close, or every way out of that loop is the close (or ends the
// path: a panic, os.Exit, a failed test).
func (c *checker) leftBeforeClose(g goroutine) (*ssa.Return, recvSite) {
	if c.startedBody(g) == nil || len(g.channel()) == 0 {
		return nil, recvSite{}
	}
	recv, ok := c.onlyReceive(g.channel(), 0)
	if !ok || recv.instr == nil {
		return nil, recvSite{}
	}
	body := recv.instr.Parent()
	if len(body.Blocks) > 2000 {
		return nil, recvSite{}
	}
	closeEdge, ok := closeBranch(recv)
	if !ok {
		return nil, recvSite{}
	}
	// In a select, only the receive's own case leads to a return after a
	// value; avoid is the block the wait is in.
	var arm *ssa.BasicBlock
	avoid := recv.instr.Block()
	if sel, isSelect := recv.instr.(*ssa.Select); isSelect {
		if arm = spawn.CaseEdges(sel)[recv.state][1]; arm == nil || len(arm.Preds) != 1 {
			return nil, recvSite{}
		}
	}
	var loop *waitexit.Loop
	loops := waitexit.LoopExits(body)
	for i := range loops {
		if slices.Contains(loops[i].Blocks, avoid) && (loop == nil || len(loops[i].Blocks) < len(loop.Blocks)) {
			loop = &loops[i]
		}
	}
	if loop == nil || !slices.Contains(loop.Blocks, closeEdge[0]) || slices.Contains(loop.Blocks, closeEdge[1]) {
		return nil, recvSite{}
	}
	for _, b := range loop.Blocks {
		if arm != nil && !arm.Dominates(b) {
			continue // ok: another case of the select, or the code all cases share
		}
		for _, s := range b.Succs {
			if slices.Contains(loop.Blocks, s) || (b == closeEdge[0] && s == closeEdge[1]) {
				continue
			}
			if cond := exitCondition(loop, b); cond != nil && loop.CarriedAcross(cond) {
				continue // ok: a counted exit (n++; if n == len(ids)), which may come after the last value
			}
			if ret := c.returnAvoiding(s, avoid); ret != nil {
				return ret, recv
			}
		}
	}
	return nil, recvSite{}
}

// recvSite is a comma-ok receive: a *ssa.UnOp (a range, v, ok := <-ch),
// or case state of a blocking *ssa.Select (case v, ok := <-ch:).
type recvSite struct {
	instr ssa.Instruction
	state int
}

// Pos is the receive's position: the arrow of its select case.
func (r recvSite) Pos() token.Pos {
	if sel, ok := r.instr.(*ssa.Select); ok {
		return sel.States[r.state].Pos
	}
	return ssax.Pos(r.instr)
}

// onlyReceive returns the one comma-ok receive (a range, v, ok := <-ch,
// or one case of a select with no default) made on the channel (roots:
// its values as a function sees it, a parameter or the loads of a field),
// directly or in the callees of the package it hands it to; ok is false
// when the channel is used any other way (a second receive, a send, a
// close, an escape, a closure).
func (c *checker) onlyReceive(roots []ssa.Value, depth int) (recv recvSite, ok bool) {
	if depth > 3 {
		return recvSite{}, false
	}
	for _, a := range chans.Accesses(roots...) {
		var found recvSite
		switch a.Kind {
		case chans.AccRecv:
			r, isRecv := a.Instr.(*ssa.UnOp)
			if !isRecv || !r.CommaOk {
				return recvSite{}, false
			}
			found = recvSite{r, -1}
		case chans.AccSelectRecv:
			sel := a.Instr.(*ssa.Select)
			if !sel.Blocking {
				return recvSite{}, false // ok: a poll, which never waits for the value
			}
			found = recvSite{sel, a.Case}
		case chans.AccArg:
			call, isCall := a.Instr.(*ssa.Call)
			if !isCall || call.Call.IsInvoke() {
				return recvSite{}, false
			}
			callee := call.Call.StaticCallee()
			if callee == nil || len(callee.Blocks) == 0 || a.Arg >= len(callee.Params) {
				return recvSite{}, false
			}
			r, ok := c.onlyReceive([]ssa.Value{callee.Params[a.Arg]}, depth+1)
			if !ok {
				return recvSite{}, false
			}
			found = r
		default:
			return recvSite{}, false
		}
		if found.instr != nil {
			if recv.instr != nil {
				return recvSite{}, false // ok: two receives: which one stops first is not modelled
			}
			recv = found
		}
	}
	return recv, true
}

// closeBranch returns the edge a comma-ok receive's loop takes when the
// channel is closed: from the block testing ok to its !ok successor. For
// a select case, the ok tested is the one extracted in that case's body.
func closeBranch(recv recvSite) ([2]*ssa.BasicBlock, bool) {
	v, ok := recv.instr.(ssa.Value)
	if !ok || v.Referrers() == nil {
		return [2]*ssa.BasicBlock{}, false
	}
	var arm *ssa.BasicBlock
	if sel, isSelect := recv.instr.(*ssa.Select); isSelect {
		if arm = spawn.CaseEdges(sel)[recv.state][1]; arm == nil {
			return [2]*ssa.BasicBlock{}, false
		}
	}
	for _, r := range *v.Referrers() {
		ok, isExtract := r.(*ssa.Extract)
		if !isExtract || ok.Index != 1 || (arm != nil && !arm.Dominates(ok.Block())) {
			continue
		}
		for _, rr := range *ok.Referrers() {
			var iff *ssa.If
			negated := false
			switch x := rr.(type) {
			case *ssa.If:
				iff = x
			case *ssa.UnOp:
				if x.Op == token.NOT && len(*x.Referrers()) == 1 {
					iff, _ = (*x.Referrers())[0].(*ssa.If)
					negated = true
				}
			}
			if iff == nil || len(iff.Block().Succs) != 2 {
				continue
			}
			b := iff.Block()
			if negated {
				return [2]*ssa.BasicBlock{b, b.Succs[0]}, true
			}
			return [2]*ssa.BasicBlock{b, b.Succs[1]}, true
		}
	}
	return [2]*ssa.BasicBlock{}, false
}

// returnAvoiding returns a return reachable from b without passing
// through avoid or a block that ends the path (a panic, os.Exit, a
// failed test).
func (c *checker) returnAvoiding(b, avoid *ssa.BasicBlock) *ssa.Return {
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == avoid || seen[x] || c.neverReturns(x) || c.failedTestReturn(x.Parent(), x) {
			continue
		}
		seen[x] = true
		if r, ok := x.Instrs[len(x.Instrs)-1].(*ssa.Return); ok {
			return r
		}
		stack = append(stack, x.Succs...)
	}
	return nil
}

// exitCondition returns the condition that decides whether control
// leaves loop l from block b: b's own If, or the If of the nearest block
// of l that dominates b.
func exitCondition(l *waitexit.Loop, b *ssa.BasicBlock) ssa.Value {
	for x := b; x != nil && slices.Contains(l.Blocks, x); x = x.Idom() {
		if iff, ok := x.Instrs[len(x.Instrs)-1].(*ssa.If); ok {
			return iff.Cond
		}
	}
	return nil
}
