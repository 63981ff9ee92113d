package goroutineleak

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
	"github.com/conclint/conclint/internal/wake"
)

const catSkippedSend = "skipped-send"

// checkSkippedSends reports a wait of fn (a receive, or a select of
// receives with no other way out) on channels fn makes, when every send
// and close of them is in the goroutine fn starts before the wait and
// that goroutine can return without any of them: on that path fn waits
// forever for a result that never comes (a campaign that sends only when
// it wins).
//
//	go func() {
//		if try() {
//			elected <- id
//		}
//	}()
//	<-elected // blocks forever when try fails
//
// The goroutine must be started once (not in a loop), by a go statement
// that dominates the wait, with a body of the package; a deferred send or
// close covers every path; a path that panics or ends the process is no
// return. A select whose other case gives up (<-ctx.Done(), a stop
// channel that can close while fn waits: givingUpSends) does not count
// as a send on the path that takes that case.
func (c *checker) checkSkippedSends(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	var cyc map[*ssa.BasicBlock]bool
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			chs := waitedChans(instr)
			if len(chs) == 0 {
				continue
			}
			if recv, ok := instr.(*ssa.UnOp); ok && chans.LenGuarded(recv, recv.X) {
				continue // ok: it runs only once the buffer holds a value (if len(ch) > 0 { <-ch }): it takes that value, it does not wait
			}
			if cyc == nil {
				cyc = spawn.Cyclic(fn, nil)
			}
			if g, body, ret, mk, gaveUp, ok := c.skippingSender(fn, instr, chs, cyc); ok {
				c.reportSkippedSend(fn, instr, mk, g, body, ret, gaveUp)
				return
			}
		}
	}
}

// waitedChans returns the channels instr waits to receive from: a plain
// receive's, or every case of a blocking select whose cases all receive;
// nil otherwise.
func waitedChans(instr ssa.Instruction) []ssa.Value {
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return []ssa.Value{x.X}
		}
	case *ssa.Select:
		if !x.Blocking {
			return nil
		}
		var out []ssa.Value
		for _, st := range x.States {
			if st.Dir != types.RecvOnly {
				return nil
			}
			out = append(out, st.Chan)
		}
		return out
	}
	return nil
}

// skippingSender finds the goroutine that alone wakes wait and a return
// of its body that no wake precedes. The goroutine is started by the
// function that makes the channels: fn itself, or a function of the
// package that fn calls once for the channel it returns (for e := range
// w.events()). When every such return passes a select that sends in
// one case and gives up in another (givingUpSends), gaveUp is that
// select's give-up case.
func (c *checker) skippingSender(fn *ssa.Function, wait ssa.Instruction, chs []ssa.Value, cyc map[*ssa.BasicBlock]bool) (*ssa.Go, *ssa.Function, *ssa.Return, *ssa.MakeChan, giveUp, bool) {
	sites := map[ssa.Instruction]bool{}
	var wakerFn *ssa.Function
	var first *ssa.MakeChan
	var via *ssa.Call // the call of the function that makes the channels, when it is not fn
	for _, ch := range chs {
		mk, call := c.madeOnceFor(ch, fn, cyc)
		if mk == nil || first != nil && (mk.Parent() != first.Parent() || call != via) {
			return nil, nil, nil, nil, giveUp{}, false // ok: a channel made elsewhere, or anew per iteration
		}
		if first == nil {
			first, via = mk, call
		}
		w := c.model.ChanWakes(ch, false)
		if !w.Known {
			return nil, nil, nil, nil, giveUp{}, false
		}
		closer, workers := closerWithWorkers(wait, chs, w.Sites)
		for _, s := range w.Sites {
			if s.Instr == nil || s.AtExit {
				return nil, nil, nil, nil, giveUp{}, false
			}
			p := s.Instr.Parent()
			if closer != nil && workers[p] {
				continue // a worker the closer starts: it sends at most once, and only the closer's close ends a range
			}
			if wakerFn != nil && p != wakerFn {
				return nil, nil, nil, nil, giveUp{}, false // ok: more than one function wakes it
			}
			wakerFn = p
			sites[s.Instr] = true
		}
	}
	maker := first.Parent()
	if wakerFn == nil || wakerFn == fn || wakerFn == maker || wakerFn.Pkg != fn.Pkg {
		return nil, nil, nil, nil, giveUp{}, false // ok: no wake at all is the one-sided check's; the owner's own is not a goroutine's
	}
	makerCyc := cyc
	if via != nil {
		if !cfg.Dominates(via, wait) {
			return nil, nil, nil, nil, giveUp{}, false // ok: the wait may be on a channel of an earlier call
		}
		makerCyc = spawn.Cyclic(maker, nil)
	}
	var start *ssa.Go
	for _, b := range maker.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok || c.calls.Callee(g.Common()) != wakerFn {
				continue
			}
			if start != nil || makerCyc[b] || via == nil && !cfg.Dominates(g, wait) {
				return nil, nil, nil, nil, giveUp{}, false // ok: started twice, in a loop, or not before the wait
			}
			start = g
		}
	}
	if start == nil {
		return nil, nil, nil, nil, giveUp{}, false
	}
	if callers, _ := c.model.Callers(wakerFn); len(callers) > 0 {
		return nil, nil, nil, nil, giveUp{}, false // ok: also called directly, where its sends may come from
	}
	for _, b := range wakerFn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Defer); ok && sites[instr] {
				return nil, nil, nil, nil, giveUp{}, false // ok: a deferred send or close runs on every return
			}
		}
	}
	stop := func(instr ssa.Instruction) bool { return sites[instr] || c.noReturnCall(instr) }
	skip := c.answeredOnOther(wait, wakerFn, maker, cyc)
	if edges := spawn.StartValueEdges(start, wakerFn, func(instr ssa.Instruction) bool { return sites[instr] }); len(edges) > 0 {
		// ok: the nil side of a test of a captured variable that holds
		// the channel until the goroutine has sent (if first != nil {
		// first <- v; first = nil }) is not taken before a send
		answered := skip
		skip = func(from, to *ssa.BasicBlock) bool {
			return slices.Contains(edges, [2]*ssa.BasicBlock{from, to}) || answered != nil && answered(from, to)
		}
	}
	if closed := c.closedOnlyPastWait(wait, wakerFn); len(closed) > 0 {
		// ok: the goroutine's range over a channel that fn closes only
		// where it no longer waits (a worker answering fn's requests,
		// for r := range reqs { resps <- do(r) }) ends on that close
		// only once fn is past the wait
		before := skip
		skip = func(from, to *ssa.BasicBlock) bool {
			return closed[[2]*ssa.BasicBlock{from, to}] || before != nil && before(from, to)
		}
	}
	if counted := sendingRounds(wakerFn, sites); len(counted) > 0 {
		// ok: a loop with a constant trip count that sends on every
		// round leaves by its test only after a send
		before := skip
		skip = func(from, to *ssa.BasicBlock) bool {
			return counted[[2]*ssa.BasicBlock{from, to}] || before != nil && before(from, to)
		}
	}
	ret := c.model.EntryReturnAvoiding(wakerFn, stop, skip)
	if ret != nil {
		return start, wakerFn, ret, first, giveUp{}, true
	}
	giveUps := c.givingUpSends(wait, sites, chs)
	if len(giveUps) == 0 {
		return nil, nil, nil, nil, giveUp{}, false
	}
	// A select that gives up its send (case <-ctx.Done()) lets the
	// goroutine pass without waking the waiter, unless it takes the send's
	// case: the waiter, which does not watch that context, waits forever.
	passes := func(instr ssa.Instruction) bool {
		sel, ok := instr.(*ssa.Select)
		return ok && giveUps[sel].sel != nil
	}
	stopOr := func(instr ssa.Instruction) bool { return !passes(instr) && stop(instr) }
	skipOr := func(from, to *ssa.BasicBlock) bool {
		for _, g := range giveUps {
			if g.sendEdge == [2]*ssa.BasicBlock{from, to} {
				return true
			}
		}
		return skip != nil && skip(from, to)
	}
	ret = c.model.EntryReturnAvoiding(wakerFn, stopOr, skipOr)
	if ret == nil {
		return nil, nil, nil, nil, giveUp{}, false
	}
	var gaveUp giveUp
	for _, b := range wakerFn.Blocks { // the first in block order, for a stable message
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok && giveUps[sel].sel != nil && gaveUp.sel == nil {
				gaveUp = giveUps[sel]
			}
		}
	}
	return start, wakerFn, ret, first, gaveUp, true
}

// giveUp is a select of the waking goroutine that sends to the waiter in
// one case and, in another, receives from a channel that is closed when
// the work is abandoned (a context's Done, a stop channel).
type giveUp struct {
	sel      *ssa.Select
	sendEdge [2]*ssa.BasicBlock // the edge taken when the send's case fires
	state    int                // the give-up case
}

// words names, for a message, when the goroutine gives up ("ctx is
// done", "w.stop is closed") and what a wait should select on to see it
// ("<-ctx.Done()", "<-w.stop").
func (g giveUp) words() (when, watch string) {
	ch := g.sel.States[g.state].Chan
	if ctx, ok := ctxflow.IsDoneChannel(ch); ok {
		return ssax.Name(ctx) + " is done", "<-" + ssax.Name(ctx) + ".Done()"
	}
	return ssax.Name(ch) + " is closed", "<-" + ssax.Name(ch)
}

// givingUpSends returns the wake sites among sites that are blocking
// selects sending on one of chs in one case and receiving, in another,
// from a channel that can be closed while wait waits: a context's Done
// whose cancel is not known to come only after wait
// (wake.Model.CancelsOnlyAfter), or a channel only ever closed, not only
// after wait (wake.Model.WakesOnlyAfter). A select with a default case
// may skip its send for a full buffer, which holds a value for the
// waiter: it is no give-up.
func (c *checker) givingUpSends(wait ssa.Instruction, sites map[ssa.Instruction]bool, chs []ssa.Value) map[*ssa.Select]giveUp {
	out := map[*ssa.Select]giveUp{}
	for site := range sites {
		sel, ok := site.(*ssa.Select)
		if !ok || !sel.Blocking {
			continue
		}
		send := -1
		for i, st := range sel.States {
			if st.Dir == types.SendOnly && c.model.SameChannel(st.Chan, chs) {
				send = i
			}
		}
		if send < 0 {
			continue
		}
		e := spawn.CaseEdges(sel)[send]
		if e[1] == nil {
			continue
		}
		for i, st := range sel.States {
			if st.Dir != types.RecvOnly {
				continue
			}
			if ctx, isCtx := ctxflow.IsDoneChannel(st.Chan); isCtx {
				if _, _, after := c.model.CancelsOnlyAfter(st.Chan, wait); !after && ctxflow.CanBeCancelled(ctx) {
					out[sel] = giveUp{sel: sel, sendEdge: e, state: i}
					break
				}
				continue
			}
			if c.stopCloser(st.Chan) != nil {
				if _, _, after := c.model.WakesOnlyAfter(st.Chan, true, wait); !after {
					out[sel] = giveUp{sel: sel, sendEdge: e, state: i}
					break
				}
			}
		}
	}
	return out
}

// stopCloser returns a close of ch when every wake of a receive from ch
// is known and is a close (ch is a stop channel), nil otherwise.
func (c *checker) stopCloser(ch ssa.Value) ssa.Instruction {
	w := c.model.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return nil
	}
	for _, s := range w.Sites {
		if s.What != "close" {
			return nil
		}
	}
	return w.Sites[0].Instr
}

// sendingRounds returns the exit edges from the header of each loop of
// body that runs a constant number of times, at least once
// (spawn.ConstTrips), and passes one of the wake sites on every round
// (a site's block dominates every way back to the header): the loop
// leaves by its test only after a wake, and a path that avoids every
// wake cannot take these edges.
func sendingRounds(body *ssa.Function, sites map[ssa.Instruction]bool) map[[2]*ssa.BasicBlock]bool {
	out := map[[2]*ssa.BasicBlock]bool{}
	for _, l := range waitexit.LoopExits(body) {
		in := map[*ssa.BasicBlock]bool{}
		for _, x := range l.Blocks {
			in[x] = true
		}
		if n, ok := spawn.ConstTrips(l.Header, in); !ok || n < 1 {
			continue
		}
		everyRound := false
		for site := range sites {
			if !in[site.Block()] {
				continue
			}
			all := true
			for _, p := range l.Header.Preds {
				if in[p] && !site.Block().Dominates(p) {
					all = false
				}
			}
			everyRound = everyRound || all
		}
		if !everyRound {
			continue
		}
		for _, s := range l.Header.Succs {
			if !in[s] {
				out[[2]*ssa.BasicBlock{l.Header, s}] = true
			}
		}
	}
	return out
}

// closedOnlyPastWait returns the edges of body taken when a range (a
// comma-ok receive) over a channel finds it closed, for each channel
// whose every close is one by wait's function from which wait cannot be
// reached (sends only let a round go): the goroutine takes such an edge
// only once the waiter has stopped waiting for good.
func (c *checker) closedOnlyPastWait(wait ssa.Instruction, body *ssa.Function) map[[2]*ssa.BasicBlock]bool {
	out := map[[2]*ssa.BasicBlock]bool{}
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || !recv.CommaOk {
				continue
			}
			w := c.model.ChanWakes(recv.X, false)
			if !w.Known || len(w.Sites) == 0 {
				continue
			}
			onlyPast, closes := true, 0
			for _, s := range w.Sites {
				if s.What == "send" {
					continue // ok: a send lets one round go, it does not end the range
				}
				closes++
				if s.What != "close" || s.Instr == nil || s.AtExit || s.Instr.Parent() != wait.Parent() || cfg.Reaches(s.Instr, wait, nil) {
					onlyPast = false
					break
				}
				if _, deferred := s.Instr.(*ssa.Defer); deferred {
					onlyPast = false
					break
				}
			}
			if !onlyPast || closes == 0 {
				continue
			}
			if edge, ok := closeBranch(recvSite{recv, -1}); ok {
				out[edge] = true
			}
		}
	}
	return out
}

// closerWithWorkers returns, for a wait that receives until the channel
// is closed (the comma-ok receive of a range, on one channel), the one
// function that closes it when the other functions that send on it are
// function literals that it starts with go statements and that send at
// most once each (no send on a cycle of their bodies): workers whose
// results the closer collects nothing of. Once the closer returns without
// closing, the workers' last values come and the range waits forever
// (GetAnyAliveProxy's producer, which returns on a cancelled context
// before its close). It returns nil when the wait is not so served.
func closerWithWorkers(wait ssa.Instruction, chs []ssa.Value, sites []wake.Wake) (*ssa.Function, map[*ssa.Function]bool) {
	recv, ok := wait.(*ssa.UnOp)
	if !ok || !recv.CommaOk || len(chs) != 1 {
		return nil, nil
	}
	var closer *ssa.Function
	for _, s := range sites {
		if s.What != "close" || s.Instr == nil {
			continue
		}
		if closer != nil && s.Instr.Parent() != closer {
			return nil, nil
		}
		closer = s.Instr.Parent()
	}
	if closer == nil {
		return nil, nil
	}
	workers := map[*ssa.Function]bool{}
	cyclic := map[*ssa.Function]map[*ssa.BasicBlock]bool{}
	for _, s := range sites {
		if s.Instr == nil {
			continue
		}
		p := s.Instr.Parent()
		if p == closer {
			continue
		}
		if s.What != "send" || p.Parent() != closer || !ssax.OnlyStarted(p) {
			return nil, nil
		}
		if cyclic[p] == nil {
			cyclic[p] = spawn.Cyclic(p, nil)
		}
		if cyclic[p][s.Instr.Block()] {
			return nil, nil // a worker that sends in a loop keeps the range going
		}
		workers[p] = true
	}
	if len(workers) == 0 {
		return nil, nil
	}
	return closer, workers
}

// answeredOnOther returns, when the wait is reached only once another
// channel the same goroutine serves was found closed and empty, the edges
// of the goroutine's body taken only after it sent on that channel: on
// them the waiter took that value instead and never reaches the wait.
// This is the winner-or-error protocol:
//
//	go func() { // the body
//		var won bool
//		for r := range results {
//			if r.err == nil && !won {
//				won = true
//				winner <- r.conn
//			}
//		}
//		if !won {
//			errc <- errNone // skipped only once winner was sent on
//		}
//		close(winner)
//	}()
//	conn, ok := <-winner
//	if !ok {
//		return nil, <-errc // reached only when nothing was sent on winner
//	}
//
// The other channel must be made once by the maker, received from only by
// that one comma-ok receive (or select case), and sent on and closed only
// by the body. It returns nil when the wait is not so guarded.
func (c *checker) answeredOnOther(wait ssa.Instruction, body, maker *ssa.Function, cyc map[*ssa.BasicBlock]bool) func(from, to *ssa.BasicBlock) bool {
	other, recv := closedGuard(wait)
	if other == nil {
		return nil
	}
	if mk, via := c.madeOnceFor(other, wait.Parent(), cyc); mk == nil || via != nil || mk.Parent() != maker {
		return nil
	}
	if r := c.model.ChanWakes(other, true); !r.Known || len(r.Sites) != 1 || r.Sites[0].Instr != recv || cyc[recv.Block()] {
		return nil // another receive may take the value
	}
	w := c.model.ChanWakes(other, false)
	if !w.Known {
		return nil
	}
	var sends []*ssa.BasicBlock
	for _, s := range w.Sites {
		if s.Instr == nil || s.Instr.Parent() != body || s.AtExit {
			return nil
		}
		if _, ok := s.Instr.(*ssa.Send); ok {
			sends = append(sends, s.Instr.Block())
		}
	}
	if len(sends) == 0 {
		return nil
	}
	sent := func(b *ssa.BasicBlock) bool {
		for _, s := range sends {
			if s.Dominates(b) {
				return true
			}
		}
		return false
	}
	edges := map[[2]int]bool{}
	for _, e := range cfg.FlagEdges(body, sent) {
		edges[e] = true
	}
	if len(edges) == 0 {
		return nil
	}
	return func(from, to *ssa.BasicBlock) bool { return edges[[2]int{from.Index, to.Index}] }
}

// closedGuard returns the channel and the receive whose ok result, tested
// false, guards wait: wait lies on the branch where that comma-ok receive
// (or select case on it) found the channel closed and empty.
func closedGuard(wait ssa.Instruction) (ssa.Value, ssa.Instruction) {
	for b := wait.Block(); b != nil; b = b.Idom() {
		if len(b.Preds) != 1 {
			continue
		}
		p := b.Preds[0]
		cond, _, falseSucc, ok := cfg.Branch(p)
		if !ok {
			continue
		}
		ex, ok := cond.(*ssa.Extract)
		if !ok || ex.Index != 1 || falseSucc != b {
			continue
		}
		switch q := ex.Tuple.(type) {
		case *ssa.UnOp:
			if q.Op == token.ARROW && q.CommaOk {
				return q.X, q
			}
		case *ssa.Select:
			if ch := chosenRecv(q, p); ch != nil {
				return ch, q
			}
		}
		return nil, nil
	}
	return nil, nil
}

// chosenRecv returns the channel of the receive case of sel that block b
// lies in (b is dominated by the branch taken when sel chose that case),
// or nil.
func chosenRecv(sel *ssa.Select, b *ssa.BasicBlock) ssa.Value {
	for x := b; x != nil; x = x.Idom() {
		if len(x.Preds) != 1 {
			continue
		}
		p := x.Preds[0]
		cond, whenTrue, _, ok := cfg.Branch(p)
		if !ok || whenTrue != x {
			continue
		}
		eq, ok := cond.(*ssa.BinOp)
		if !ok || eq.Op != token.EQL {
			continue
		}
		idx, ok := eq.X.(*ssa.Extract)
		k, isConst := eq.Y.(*ssa.Const)
		if !ok || !isConst || idx.Tuple != sel || idx.Index != 0 || k.Value == nil || k.Value.Kind() != constant.Int {
			continue
		}
		i, exact := constant.Int64Val(k.Value)
		if !exact || i < 0 || int(i) >= len(sel.States) || sel.States[i].Dir != types.RecvOnly {
			return nil
		}
		return sel.States[i].Chan
	}
	return nil
}

func (c *checker) reportSkippedSend(fn *ssa.Function, wait ssa.Instruction, mk *ssa.MakeChan, g *ssa.Go, body *ssa.Function, ret *ssa.Return, gaveUp giveUp) {
	name := chanName(c, mk) // the make's name: a lifted local has only an SSA name
	maker := g.Parent()
	what := "receive from " + name
	if maker != fn {
		what = fmt.Sprintf("receive from the channel %s returns", fnName(maker))
	}
	if _, ok := wait.(*ssa.Select); ok {
		what = "select"
	}
	by := fnName(body)
	if body.Parent() != nil {
		by = "the goroutine"
	}
	if gaveUp.sel != nil {
		st := gaveUp.sel.States[gaveUp.state]
		when, watch := gaveUp.words()
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(wait),
			Category: catSkippedSend,
			Message: fmt.Sprintf("%s blocks forever once %s: only the goroutine %s starts can end this wait, and it gives up its send then, while this wait does not watch it (wait in a select with %s too) (goroutine leak)",
				what, when, fnName(maker), watch),
			Related: []analysis.RelatedInformation{
				passutil.Related(g.Pos(), "goroutine started here"),
				passutil.Related(st.Pos, "%s gives up its send here", by),
				passutil.Related(returnPos(ret), "and returns here without sending"),
				passutil.Related(mk.Pos(), "%s made here", name),
			},
		})
		return
	}
	if chs := waitedChans(wait); len(chs) == 1 {
		if closer, _ := closerWithWorkers(wait, chs, c.model.ChanWakes(chs[0], false).Sites); closer == body {
			c.report(analysis.Diagnostic{
				Pos:      ssax.Pos(wait),
				Category: catSkippedSend,
				Message: fmt.Sprintf("range over %s blocks forever when %s returns without closing it: only the goroutine %s starts closes %s (the goroutines it starts send at most once each), and it has a path to a return with no send or close (goroutine leak)",
					name, by, fnName(maker), name),
				Related: []analysis.RelatedInformation{
					passutil.Related(g.Pos(), "goroutine started here"),
					passutil.Related(returnPos(ret), "%s returns here without closing %s", by, name),
					passutil.Related(mk.Pos(), "%s made here", name),
				},
			})
			return
		}
	}
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(wait),
		Category: catSkippedSend,
		Message: fmt.Sprintf("%s blocks forever when %s returns without sending: only the goroutine %s starts can end this wait, and it has a path to a return with no send or close (goroutine leak)",
			what, by, fnName(maker)),
		Related: []analysis.RelatedInformation{
			passutil.Related(g.Pos(), "goroutine started here"),
			passutil.Related(returnPos(ret), "%s returns here without sending", by),
			passutil.Related(mk.Pos(), "%s made here", name),
		},
	})
}

// madeOnceFor returns the make of channel ch when it is one make outside
// loops, possibly kept in a field (c.elected) or handed to a parameter,
// and the index knows no other channel it may be: a make of fn (call is
// nil), or of a function of the package whose result ch is, by a call of
// fn outside fn's loops (the call); nil otherwise.
func (c *checker) madeOnceFor(ch ssa.Value, fn *ssa.Function, cyc map[*ssa.BasicBlock]bool) (*ssa.MakeChan, *ssa.Call) {
	chs := c.index.Channels(ch)
	if len(chs) != 1 {
		return nil, nil
	}
	var mk *ssa.MakeChan
	var result *chans.ID
	for _, id := range chs[0].IDs {
		switch id.Kind {
		case chans.Make:
			if mk != nil {
				return nil, nil
			}
			mk = id.Make
		case chans.Result:
			if result != nil {
				return nil, nil
			}
			result = &id
		case chans.Field, chans.Param: // ok: kept in a field, handed to the goroutine
		default:
			return nil, nil
		}
	}
	if mk == nil {
		return nil, nil
	}
	if result == nil {
		if mk.Parent() != fn || cyc[mk.Block()] {
			return nil, nil
		}
		return mk, nil
	}
	// The channel a function of the package returns: the make is that
	// function's, outside its loops, and ch is the result of one call of
	// it by fn.
	maker := result.Func
	if mk.Parent() != maker || maker == fn || spawn.Cyclic(maker, nil)[mk.Block()] {
		return nil, nil
	}
	call, _, ok := chans.CallResult(ch)
	if !ok || call.Parent() != fn || cyc[call.Block()] || call.Call.StaticCallee() != maker {
		return nil, nil
	}
	return mk, call
}
