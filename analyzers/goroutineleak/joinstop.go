package goroutineleak

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
	"github.com/conclint/conclint/internal/wake"
)

// checkStopThenJoin reports a join of fn that waits for a goroutine fn
// started which sends, with plain sends in a loop, on an unbuffered
// channel that only fn receives from, when fn reaches the join by leaving
// its receive loop another way than the channel's close (a stop request)
// and never receives again: the join needs the goroutine to end, and the
// goroutine, once it has a value in hand, needs fn to receive it (the
// shape of telebot's Bot.Start and Stop):
//
//	go func() { poll(updates, stop); close(stopped) }() // poll: for { ...; updates <- u }
//	for {
//		select {
//		case u := <-updates:
//			handle(u)
//		case <-quit:
//			close(stop)
//			<-stopped // blocks forever if poll is sending
//			return
//		}
//	}
//
// The join is a WaitGroup's or errgroup's Wait that joins the goroutine
// (wake.Model.WaitJoins), or a plain receive from a channel fn makes that
// only the goroutine closes, as it ends. The goroutine is started once
// (not in a loop); its every plain send on the channel lies in a loop,
// none in a select, and it neither receives from nor closes the channel;
// it receives nothing that fn sends (a goroutine that answers fn's
// requests has no value in hand once fn has taken the last answer). The
// loop exit that leads to the join is not a counted one (n++; if n ==
// len(ids)). Drain the channel while waiting, or let the goroutine's send
// select on the stop channel.
func (c *checker) checkStopThenJoin(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	reported := map[ssa.Instruction]bool{}
	visit := func(start ssa.CallInstruction, wait ssa.Instruction, body *ssa.Function) bool {
		if reported[wait] {
			return true
		}
		if c.stopThenJoin(fn, start, wait, body) {
			reported[wait] = true
			return true
		}
		return false
	}
	c.eachJoin(fn, true, func(start ssa.CallInstruction, wait *ssa.Call, body *ssa.Function) bool {
		return visit(start, wait, body)
	})
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
			for _, wait := range closedOnExitReceives(c.model, fn, g, body) {
				visit(g, wait, body)
			}
		}
	}
}

// closedOnExitReceives returns fn's plain receives, reachable from the go
// statement g, from a channel fn makes whose every wake in the package is
// a close by body that every return of body passes (or a deferred one):
// each returns only once the goroutine has ended.
func closedOnExitReceives(m *wake.Model, fn *ssa.Function, g *ssa.Go, body *ssa.Function) []ssa.Instruction {
	var out []ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || !cfg.Reaches(g, recv, nil) {
				continue
			}
			if _, made := soleMake(fn, recv.X); !made {
				continue
			}
			w := m.ChanWakes(recv.X, false)
			if !w.Known || len(w.Sites) == 0 {
				continue
			}
			ofDone := madeBy(recv.X)
			if ofDone == nil {
				continue
			}
			if !slices.ContainsFunc(w.Sites, func(s wake.Wake) bool { return ofDone(s.Instr) && !closesOnExit(s, body) }) {
				out = append(out, recv)
			}
		}
	}
	return out
}

// closesOnExit reports whether the wake s is a close made by body as it
// ends: deferred, or in a block that dominates every return of body.
func closesOnExit(s wake.Wake, body *ssa.Function) bool {
	if s.What != "close" || s.Instr == nil || s.Instr.Parent() != body {
		return false
	}
	if _, deferred := s.Instr.(*ssa.Defer); deferred || s.AtExit {
		return true
	}
	rets := 0
	for _, b := range body.Blocks {
		if _, isRet := b.Instrs[len(b.Instrs)-1].(*ssa.Return); !isRet {
			continue
		}
		rets++
		if !s.Instr.Block().Dominates(b) {
			return false
		}
	}
	return rets > 0
}

// stopThenJoin reports (and says whether it did) the goroutine started
// at start, running body, left sending by fn's join wait.
func (c *checker) stopThenJoin(fn *ssa.Function, start ssa.CallInstruction, wait ssa.Instruction, body *ssa.Function) bool {
	loops := waitexit.LoopExits(fn)
	site := start.(ssa.Instruction)
	if slices.ContainsFunc(loops, func(l waitexit.Loop) bool { return slices.Contains(l.Blocks, site.Block()) }) {
		return false // ok: one goroutine per iteration, a protocol we do not model
	}
	if c.receivesFromOwner(fn, body) {
		return false // ok: the goroutine answers fn's requests
	}
	for _, send := range c.sendsOf(body, 0) {
		if _, plain := send.instr.(*ssa.Send); !plain || send.ctx != nil {
			continue
		}
		ch := argumentFor(body, start, send.ch)
		mk, made := soleMake(fn, ch)
		if !made {
			continue
		}
		if capacity, known := chans.Capacity(mk); !known || capacity != 0 {
			continue // ok: a buffer may hold the value in hand
		}
		beh, ok := c.runBehavior(body, send)
		if !ok || beh.Guarded || beh.SelectRecv || beh.Recv != spawn.NoRecv || beh.Escapes || beh.Closes || !beh.LoopSendsOnly || beh.Sends < spawn.Many {
			continue
		}
		w := c.model.ChanWakes(ch, true)
		if !w.Known || len(w.Sites) == 0 {
			continue
		}
		var last wake.Wake
		owned := true
		for _, s := range w.Sites {
			if s.Instr != nil && !mayReceiveFrom(s.Instr, mk) {
				continue // ok: a receive from another make of a shared helper's parameter
			}
			if s.Instr == nil || s.Instr.Parent() != fn || s.AtExit {
				owned = false
				break
			}
			if _, deferred := s.Instr.(*ssa.Defer); deferred || cfg.Reaches(wait, s.Instr, nil) {
				owned = false // ok: fn receives again after the join
				break
			}
			if cfg.Reaches(s.Instr, wait, nil) {
				last = s
			}
		}
		if !owned || last.Instr == nil {
			continue
		}
		exit := leftUncounted(loops, last.Instr, wait)
		if exit == nil {
			continue // ok: fn leaves its receive loop only on a count, or receives once
		}
		c.reportStopThenJoin(fn, start, wait, send, mk, last, exit)
		return true
	}
	return false
}

// mayReceiveFrom reports whether instr, a receive or a select, may
// receive from the channel mk makes: a plain receive unless its channel
// was made elsewhere, a select when one of its receive cases may be on mk
// (a case on a field's channel is taken to be another channel).
func mayReceiveFrom(instr ssa.Instruction, mk *ssa.MakeChan) bool {
	mayBe := func(ch ssa.Value, unknown bool) bool {
		origins := chans.Origins(ch)
		if len(origins) == 0 {
			return unknown
		}
		for _, id := range origins {
			if id.Make == mk || (id.Kind != chans.Make && unknown) {
				return true
			}
		}
		return false
	}
	switch x := instr.(type) {
	case *ssa.UnOp:
		return mayBe(x.X, true)
	case *ssa.Select:
		for _, st := range x.States {
			if st.Dir == types.RecvOnly && mayBe(st.Chan, false) {
				return true
			}
		}
		return false
	}
	return true
}

// receivesFromOwner reports whether body, or a function of the package it
// calls, receives from a channel that fn sends on.
func (c *checker) receivesFromOwner(fn, body *ssa.Function) bool {
	seen := map[*ssa.Function]bool{}
	var walk func(f *ssa.Function, depth int) bool
	walk = func(f *ssa.Function, depth int) bool {
		if seen[f] || depth > 2 {
			return false
		}
		seen[f] = true
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok {
					if callee := call.Call.StaticCallee(); callee != nil && callee.Pkg == fn.Pkg && walk(callee, depth+1) {
						return true
					}
				}
				for _, ch := range chans.Received(instr) {
					w := c.model.ChanWakes(ch, false)
					if !w.Known {
						return true // ok: woken by code we do not see, perhaps fn's
					}
					if slices.ContainsFunc(w.Sites, func(s wake.Wake) bool { return s.What == "send" && s.Instr.Parent() == fn }) {
						return true
					}
				}
			}
		}
		return false
	}
	return walk(body, 0)
}

// leftUncounted returns the edge's source block by which fn leaves the
// innermost loop holding recv for a block that reaches wait, when the
// loop's condition there is not a counter the loop carries.
func leftUncounted(loops []waitexit.Loop, recv, wait ssa.Instruction) *ssa.BasicBlock {
	var loop *waitexit.Loop
	for i := range loops {
		if slices.Contains(loops[i].Blocks, recv.Block()) && (loop == nil || len(loops[i].Blocks) < len(loop.Blocks)) {
			loop = &loops[i]
		}
	}
	if loop == nil || slices.Contains(loop.Blocks, wait.Block()) {
		return nil
	}
	for _, b := range loop.Blocks {
		for _, s := range b.Succs {
			if slices.Contains(loop.Blocks, s) || !blockReaches(s, wait.Block()) {
				continue
			}
			if cond := exitCondition(loop, b); cond != nil && loop.CarriedAcross(cond) {
				continue // ok: a counted exit, after the last value
			}
			return b
		}
	}
	return nil
}

// blockReaches reports whether to is reachable from from (or is from).
func blockReaches(from, to *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{from}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == to {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}

func (c *checker) reportStopThenJoin(fn *ssa.Function, start ssa.CallInstruction, wait ssa.Instruction, send blockedSend, mk *ssa.MakeChan, last wake.Wake, exit *ssa.BasicBlock) {
	name := chanName(c, mk)
	what := "the receive"
	if call, ok := wait.(*ssa.Call); ok {
		what = ssax.Name(call.Call.Args[0]) + ".Wait"
		if tempName.MatchString(what) {
			what = "the group's Wait"
		}
	} else if recv, ok := wait.(*ssa.UnOp); ok {
		if mkDone, made := soleMake(fn, recv.X); made {
			what = "the receive from " + chanName(c, mkDone)
		}
	}
	exitPos := token.NoPos
	if n := len(exit.Instrs); n > 0 {
		exitPos = ssax.Pos(exit.Instrs[n-1])
	}
	related := []analysis.RelatedInformation{
		passutil.Related(start.Pos(), "goroutine started here"),
		passutil.Related(ssax.Pos(send.instr), "it sends on %s here, with a plain send in a loop", name),
		passutil.Related(last.Pos(), "%s receives from %s here, and not after the wait", fnName(fn), name),
	}
	if exitPos.IsValid() {
		related = append(related, passutil.Related(exitPos, "%s leaves its receive loop here, without draining %s", fnName(fn), name))
	}
	related = append(related, passutil.Related(mk.Pos(), "%s made here with capacity 0", name))
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(wait),
		Category: catMutualWait,
		Message: fmt.Sprintf("%s can block forever: it waits for a goroutine to end that sends on the unbuffered %s in a loop, and %s has stopped receiving from %s (deadlock); drain %s while waiting, or make the send select on the stop signal",
			what, name, fnName(fn), name, name),
		Related: related,
	})
}
