package goroutineleak

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
	"github.com/conclint/conclint/internal/wake"
)

const catStopBlind = "stop-blind-send"

// checkStopBlindSends reports a goroutine's loop that leaves when a stop
// channel is closed, but only in its select, while it also sends, outside
// that select, on an unbuffered channel that it hands out of the package
// (a Samples() accessor returns it): once the owner closes stop and its
// reader is gone, the goroutine blocks in that send forever and never
// sees stop (Kubernetes-style watchers and pollers).
//
//	for {
//		select {
//		case <-p.stop:
//			return
//		case <-t.C:
//			p.out <- p.fetch() // blocks forever once the reader left
//		}
//	}
//
// Select on stop around the send too. The stop channel must be made and
// closed in the package, the send must lie on the loop's cycle, and the
// channel sent on must be unbuffered, with readers out of the package's
// view (every receive of it is elsewhere).
func (c *checker) checkStopBlindSends(fn *ssa.Function) {
	if c.model == nil || c.index == nil {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			body := c.calls.Callee(g.Common())
			if body == nil || body.Pkg != fn.Pkg || len(body.Blocks) == 0 {
				continue
			}
			if c.kernelTest(fn) && !c.kernelCode(body) {
				continue // ok: a kernel test's own goroutine, its choreography
			}
			if !c.stopBlindSend(fn, g, body) && !c.stopBlindOneShot(fn, g, body) {
				c.stopUnreachedSend(fn, g, body)
			}
			c.stopBlindReceive(fn, g, body)
		}
	}
}

func (c *checker) stopBlindSend(fn *ssa.Function, g *ssa.Go, body *ssa.Function) bool {
	type blind struct {
		send   *ssa.Send
		sel    *ssa.Select
		stop   int
		closer ssa.Instruction
	}
	var found []blind
	c.eachStopCycleInstr(body, true, func(sel *ssa.Select, stop int, closer, x ssa.Instruction) bool {
		send, ok := x.(*ssa.Send)
		if !ok || c.oneSided[send.Pos()] || !c.handedOutUnbuffered(send.Chan) || c.model.SameChannel(send.Chan, []ssa.Value{sel.States[stop].Chan}) {
			return false // ok: a send nothing can ever take is the one-sided finding's
		}
		for _, f := range found {
			if f.send == send {
				return false
			}
		}
		found = append(found, blind{send, sel, stop, closer})
		return false
	})
	if len(found) == 0 {
		return false
	}
	first := found[0]
	stopName := c.caseOperand(first.sel, first.stop)
	how := closedWord(first.closer)
	closed := stopName
	if how == "cancelled" {
		closed = "its context" // ctx.Done() closes when ctx is cancelled
	}
	related := []analysis.RelatedInformation{
		passutil.Related(first.sel.States[first.stop].Pos, "the loop leaves here once %s is %s", closed, how),
		passutil.Related(first.closer.Pos(), "%s is %s here", closed, how),
		passutil.Related(g.Pos(), "goroutine started here"),
	}
	reader := "a reader out of the package"
	if r := c.onDemandReader(first.send.Chan); r != nil {
		reader = "a caller of " + ssax.ShortFuncName(ssax.DeclaredFunc(r.Parent()))
		related = append(related, passutil.Related(ssax.Pos(r), "the only read, on a caller's demand"))
	}
	for _, f := range found[1:] {
		// one finding per goroutine: the other sends that the same
		// select's stop case cannot end, so that a fix of the first
		// does not leave them
		related = append(related, passutil.Related(f.send.Pos(), "the send on %s here can block the same way", ssax.Name(f.send.Chan)))
	}
	c.report(analysis.Diagnostic{
		Pos:      first.send.Pos(),
		Category: catStopBlind,
		Message: fmt.Sprintf("send on %s can block forever: the goroutine %s starts leaves its loop when %s is %s, but only in its select, and this send waits for %s that may be gone by then (select on %s here too) (goroutine leak)",
			ssax.Name(first.send.Chan), fnName(fn), closed, how, reader, stopName),
		Related: related,
	})
	return true
}

// caseOperand is the channel of case i of sel as written (wc.ctx.Done()).
func (c *checker) caseOperand(sel *ssa.Select, i int) string {
	if text, ok := ssax.SourceOf(c.pass.Files).ChanOperand(sel.States[i].Pos); ok {
		return text
	}
	return ssax.Name(sel.States[i].Chan)
}

// closedWord says how a stop ends: a channel is closed, a context's Done
// is closed by cancelling it.
func closedWord(closer ssa.Instruction) string {
	if call, ok := closer.(ssa.CallInstruction); ok {
		if b, isBuiltin := call.Common().Value.(*ssa.Builtin); !isBuiltin || b.Name() != "close" {
			return "cancelled"
		}
	}
	return "closed"
}

// stopBlindOneShot is stopBlindSend for a goroutine that waits once, not
// in a loop: its select gives up when a stop channel is closed (or its
// context, which the package cancels, is done), and after another case
// it sends, outside any select, on an unbuffered channel it hands out of
// the package. A stop that comes once that case is taken finds the
// goroutine in the send, whose reader is gone by then (a watch's error
// result sent after Stop: kubernetes#25331).
//
//	select {
//	case err := <-wc.errChan:
//		wc.resultChan <- toEvent(err) // blocks forever once the reader stopped
//	case <-wc.ctx.Done():
//	}
//
// Select on the stop around the send too.
func (c *checker) stopBlindOneShot(fn *ssa.Function, g *ssa.Go, body *ssa.Function) bool {
	cyc := spawn.Cyclic(body, nil)
	for _, b := range body.Blocks {
		if cyc[b] {
			continue
		}
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok || !sel.Blocking {
				continue
			}
			stop, closer := c.stopCase(sel)
			if stop < 0 {
				continue
			}
			stopCh := sel.States[stop].Chan
			cases := spawn.CaseBlocks(sel)
			for i, cb := range cases {
				if i == stop || cb == nil {
					continue
				}
				send := c.blindSendAfter(body, cb, cyc, stopCh)
				if send == nil {
					continue
				}
				stopName := c.caseOperand(sel, stop)
				how := closedWord(closer)
				closed := stopName
				if how == "cancelled" {
					closed = "its context" // ctx.Done() closes when ctx is cancelled
				}
				related := []analysis.RelatedInformation{
					passutil.Related(sel.States[stop].Pos, "the goroutine gives up here once %s is %s", closed, how),
					passutil.Related(closer.Pos(), "%s is %s here", closed, how),
					passutil.Related(sel.States[i].Pos, "but once this case is taken"),
					passutil.Related(g.Pos(), "goroutine started here"),
				}
				reader := "a reader out of the package"
				if r := c.onDemandReader(send.Chan); r != nil {
					reader = "a caller of " + ssax.ShortFuncName(ssax.DeclaredFunc(r.Parent()))
					related = append(related, passutil.Related(ssax.Pos(r), "the only read, on a caller's demand"))
				} else if w := c.model.ChanWakes(send.Chan, true); w.Known {
					reader = "a reader (nothing in the package reads it)"
				}
				c.report(analysis.Diagnostic{
					Pos:      send.Pos(),
					Category: catStopBlind,
					Message: fmt.Sprintf("send on %s can block forever: the goroutine %s starts gives up when %s is %s, but only while it waits in its select; this send comes after, and waits for %s that may be gone by then (select on %s here too) (goroutine leak)",
						ssax.Name(send.Chan), fnName(fn), closed, how, reader, stopName),
					Related: related,
				})
				return true
			}
		}
	}
	return false
}

// blindSendAfter returns a plain send, in a block that case block cb
// dominates and that is on no cycle, on an unbuffered channel handed out
// of the package (handedOutUnbuffered) other than stop.
func (c *checker) blindSendAfter(body *ssa.Function, cb *ssa.BasicBlock, cyc map[*ssa.BasicBlock]bool, stop ssa.Value) *ssa.Send {
	for _, b := range body.Blocks {
		if cyc[b] || !cb.Dominates(b) {
			continue
		}
		for _, instr := range b.Instrs {
			send, ok := instr.(*ssa.Send)
			if !ok || c.oneSided[send.Pos()] || !c.handedOutUnbuffered(send.Chan) || c.model.SameChannel(send.Chan, []ssa.Value{stop}) {
				continue
			}
			return send
		}
	}
	return nil
}

// stopUnreachedSend reports a goroutine's plain send, on its loop's cycle,
// on an unbuffered channel it hands out of the package in an object whose
// type has a method that ends its life (Stop, Close) and that the package
// never reads: the reader stops reading once it has called Stop (a
// watch.Interface's contract), and an event the loop holds then is never
// taken. The goroutine blocks in the send forever.
//
//	out := make(chan Event)
//	go func() {
//		for ev := range inner.ResultChan() {
//			out <- ev // blocks forever once the reader called Stop
//		}
//	}()
//	return &watcher{inner: inner, events: out} // Stop stops only inner
//
// Drain the channel in Stop, or select the send on a channel Stop
// closes. The channel must be made by the starting function (one per
// object), stored in a field of a struct type the package declares, and
// closed by nobody but the goroutine (a close elsewhere turns the send
// into a panic, not a wait).
func (c *checker) stopUnreachedSend(fn *ssa.Function, g *ssa.Go, body *ssa.Function) {
	cyc := spawn.Cyclic(body, nil)
	for _, b := range body.Blocks {
		if !cyc[b] {
			continue
		}
		for _, instr := range b.Instrs {
			send, ok := instr.(*ssa.Send)
			if !ok || c.oneSided[send.Pos()] || !c.handedOutUnbuffered(send.Chan) {
				continue
			}
			mk := c.madeIn(send.Chan, fn)
			if mk == nil || !c.closedOnlyIn(send.Chan, body) {
				continue
			}
			holders := c.model.EndedHolders(send.Chan, fn.Pkg)
			if len(holders) == 0 {
				continue
			}
			h := holders[0]
			name, meth := ssax.Name(send.Chan), "(*"+passutil.TypeName(h.Type)+")."+h.Method.Name()
			stopAt := passutil.Related(h.Method.Pos(), "%s ends a %s without reading %s", h.Method.Name(), h.Type.Obj().Name(), name)
			if h.Promoted {
				stopAt = passutil.Related(h.Type.Obj().Pos(), "%s, promoted from a field %s embeds, ends a %s without reading %s", h.Method.Name(), h.Type.Obj().Name(), h.Type.Obj().Name(), name)
			}
			reader := "the channel is handed out in a " + passutil.TypeName(h.Type)
			related := []analysis.RelatedInformation{
				stopAt,
				passutil.Related(mk.Pos(), "the channel is made here"),
				passutil.Related(g.Pos(), "goroutine started here"),
			}
			if r := c.onDemandReader(send.Chan); r != nil {
				reader = "the package reads it only when a caller asks, in " + ssax.ShortFuncName(ssax.DeclaredFunc(r.Parent()))
				related = append(related, passutil.Related(ssax.Pos(r), "the only read, on a caller's demand"))
			}
			c.report(analysis.Diagnostic{
				Pos:      send.Pos(),
				Category: catStopBlind,
				Message: fmt.Sprintf("send on %s can block forever: the goroutine %s starts sends on it with no way out, %s, and %s neither reads it nor stops the send: a reader that stops reading and then calls %s leaves the goroutine blocked here (select the send on a channel %s closes, or drain %s there) (goroutine leak)",
					name, fnName(fn), reader, meth, h.Method.Name(), h.Method.Name(), name),
				Related: related,
			})
			return
		}
	}
}

// madeIn returns the make of channel v when v is one channel, made in fn.
func (c *checker) madeIn(v ssa.Value, fn *ssa.Function) *ssa.MakeChan {
	var mk *ssa.MakeChan
	for _, ch := range c.index.Channels(v) {
		for _, id := range ch.IDs {
			if id.Kind != chans.Make {
				continue
			}
			if mk != nil || id.Make.Parent() != fn {
				return nil
			}
			mk = id.Make
		}
	}
	return mk
}

// closedOnlyIn reports whether every close of channel v lies in body or
// a function literal of it.
func (c *checker) closedOnlyIn(v ssa.Value, body *ssa.Function) bool {
	for _, ch := range c.index.Channels(v) {
		for _, u := range ch.Closes {
			fn := u.Instr.Parent()
			for fn != nil && fn != body {
				fn = fn.Parent()
			}
			if fn == nil {
				return false
			}
		}
	}
	return true
}

// eachStopCycleInstr calls visit with each instruction on body's cycles
// and a select of those cycles that has a stop case (stopCase; a
// blocking select only, when blocking is set), until visit returns true.
func (c *checker) eachStopCycleInstr(body *ssa.Function, blocking bool, visit func(sel *ssa.Select, stop int, closer, x ssa.Instruction) bool) {
	cyc := spawn.Cyclic(body, nil)
	for _, b := range body.Blocks {
		if !cyc[b] {
			continue
		}
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok || (blocking && !sel.Blocking) {
				continue
			}
			stop, closer := c.stopCase(sel)
			if stop < 0 {
				continue
			}
			for _, xb := range body.Blocks {
				if !cyc[xb] {
					continue
				}
				for _, x := range xb.Instrs {
					if visit(sel, stop, closer, x) {
						return
					}
				}
			}
		}
	}
}

// stopBlindReceive reports the receiving mirror of stopBlindSend: a
// goroutine's loop that leaves when a stop channel is closed, seen only in
// a select (often a poll with a default), and that waits outside it in a
// plain receive from a channel nothing closes, whose every sender selects
// on the same stop channel: once the owner closes stop, the senders stop
// sending, and the goroutine waits in that receive forever, never back at
// its check of stop.
//
//	for {
//		select {
//		case <-w.done:
//			return
//		default:
//		}
//		ev := <-w.events // Notify selects on w.done too: after Stop, nothing comes
//	}
//
// Receive in the select on stop.
func (c *checker) stopBlindReceive(fn *ssa.Function, g *ssa.Go, body *ssa.Function) {
	c.eachStopCycleInstr(body, false, func(sel *ssa.Select, stop int, closer, x ssa.Instruction) bool {
		stopCh := sel.States[stop].Chan
		recv, ok := x.(*ssa.UnOp)
		if !ok || recv.Op != token.ARROW || c.model.SameChannel(recv.X, []ssa.Value{stopCh}) || !c.sendersStopOn(recv.X, stopCh) {
			return false
		}
		name, stopName := ssax.Name(recv.X), ssax.Name(stopCh)
		c.report(analysis.Diagnostic{
			Pos:      recv.Pos(),
			Category: catStopBlind,
			Message: fmt.Sprintf("receive from %s can block forever: the goroutine %s starts leaves its loop when %s is closed, but waits here outside that check, and every sender on %s stops sending once %s is closed (receive in a select with %s) (goroutine leak)",
				name, fnName(fn), stopName, name, stopName, stopName),
			Related: []analysis.RelatedInformation{
				passutil.Related(sel.States[stop].Pos, "the loop leaves here once %s is closed", stopName),
				passutil.Related(closer.Pos(), "%s is closed here", stopName),
				passutil.Related(g.Pos(), "goroutine started here"),
			},
		})
		return true
	})
}

// sendersStopOn reports whether every wake of a receive from ch is a send
// in a select that also receives from stop (nothing closes ch): once stop
// is closed, the senders give up rather than send.
func (c *checker) sendersStopOn(ch, stop ssa.Value) bool {
	w := c.model.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return false
	}
	for _, s := range w.Sites {
		sel, ok := s.Instr.(*ssa.Select)
		if !ok || s.What != "send" {
			return false
		}
		watches := false
		for _, st := range sel.States {
			if st.Dir == types.RecvOnly && c.model.SameChannel(st.Chan, []ssa.Value{stop}) {
				watches = true
			}
		}
		if !watches {
			return false
		}
	}
	return true
}

// stopCase returns the index of a receive case of sel on a channel that
// only ever closes (a stop channel: made and closed in the package,
// nothing sends on it) and a close of it, or -1.
func (c *checker) stopCase(sel *ssa.Select) (int, ssa.Instruction) {
	for i, st := range sel.States {
		if st.Dir != types.RecvOnly {
			continue
		}
		if closer := c.stopCloser(st.Chan); closer != nil {
			return i, closer
		}
		// a context the package makes with WithCancel and cancels
		// itself (a Stop that calls w.cancel()): its Done closes then
		if sites, ok := c.model.CancelSites(st.Chan); ok {
			return i, sites[0]
		}
	}
	return -1, nil
}

// handedOutUnbuffered reports whether v is an unbuffered channel made in
// the package whose every receive is out of the package's view: it is
// handed out (returned by an accessor, passed to another package), and
// nothing in the package receives from it.
func (c *checker) handedOutUnbuffered(v ssa.Value) bool {
	ids := chans.Origins(v)
	made, onDemand := false, false
	for _, ch := range c.index.Channels(v) {
		for _, id := range ch.IDs {
			if id.Kind == chans.Make {
				n, known := chans.Capacity(id.Make)
				if !known || n != 0 {
					return false
				}
				made = true
			}
		}
		if len(ch.Recvs) > 0 {
			if !c.onDemandReads(ch.Recvs) {
				return false // ok: the package reads it itself
			}
			onDemand = true
		}
	}
	if !made || len(ids) == 0 {
		return false
	}
	if onDemand {
		return true // its reads are the callers', who stop calling
	}
	// out of view, or in view of nobody: a bug kernel's accessor hands it
	// to a test that never reads it
	w := c.model.ChanWakes(v, true)
	return !w.Known || len(w.Sites) == 0
}

// onDemandReader returns the first receive of channel v when the package
// reads it only on its callers' demand (onDemandReads), else nil.
func (c *checker) onDemandReader(v ssa.Value) ssa.Instruction {
	var first ssa.Instruction
	for _, ch := range c.index.Channels(v) {
		if len(ch.Recvs) == 0 {
			continue
		}
		if !c.onDemandReads(ch.Recvs) {
			return nil
		}
		if first == nil {
			first = ch.Recvs[0].Instr
		}
	}
	return first
}

// onDemandReads reports whether every receive of recvs is a read the
// package's users make when they choose to: one receive, not in a loop,
// in an exported function or method that no go statement starts and whose
// name does not end an object's life (func (w *watcher) Next() int {
// return <-w.result }). Such a channel is read by the callers, as if it
// were handed out: once they stop calling, nothing reads it. A Stop or
// Close that receives drains it.
func (c *checker) onDemandReads(recvs []chans.Use) bool {
	for _, u := range recvs {
		fn := u.Instr.Parent()
		if fn == nil || fn.Parent() != nil || fn.Object() == nil || !fn.Object().Exported() || wake.IsLifetimeName(fn.Name()) {
			return false
		}
		if sel, ok := u.Instr.(*ssa.Select); ok && !sel.Blocking {
			return false
		}
		for _, l := range waitexit.LoopExits(fn) {
			if slices.Contains(l.Blocks, u.Instr.Block()) {
				return false // a loop that keeps reading
			}
		}
		if calls, ok := c.calls.Sites().AllCalls(fn); ok {
			for _, call := range calls {
				if _, isGo := call.(*ssa.Go); isGo {
					return false
				}
			}
		}
	}
	return true
}
