// Package waitexit answers "is there a way out of this wait?": whether a
// select, a receive or a range over a channel can end (a default case,
// ctx.Done(), a timer, a channel closed somewhere in the package or reachable
// from outside it), and which loops of a function can be left and whether
// they observe a context.
//
// It builds on ctxflow (is this ctx.Done()?) and chans (is this channel
// closed, does it escape?). Like them it is intraprocedural, must stay
// linear in the function's size, and must not panic on unusual SSA. Every
// "yes" is permissive: passes prefer missing a leak to a false report.
package waitexit

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssax"
)

// Exit says how a wait may end. Exits are ordered from the strongest
// evidence to the weakest; NoExit and Send are not exits.
type Exit int

const (
	NoExit        Exit = iota // nothing known ends the wait
	Default                   // the select has a default case
	CtxDone                   // a receive from ctx.Done()
	Timer                     // a receive from time.After, time.Tick, or a Timer's or Ticker's C
	ClosedChannel             // a receive from a channel closed somewhere in the indexed package
	NamedDone                 // a receive from a channel whose name says it signals the end (see doneNames)
	Escaped                   // a receive from a channel code outside the package may close
	Send                      // a send case: it waits too, so it is no exit
)

var exitNames = [...]string{"no exit", "default case", "ctx.Done()", "timer", "closed channel",
	"done channel", "escaping channel", "send"}

func (e Exit) String() string {
	if e < 0 || int(e) >= len(exitNames) {
		return "Exit(?)"
	}
	return exitNames[e]
}

// doneNames are the name fragments that mark a channel as a stop signal when
// nothing closes it in the package: a field, global, parameter or variable
// named like done, quit, stopCh, closing, shutdown, exit or ctxDone is
// presumably closed by whoever owns it. This is a heuristic against false
// reports, not evidence.
var doneNames = []string{"done", "quit", "stop", "closing", "shutdown", "exit", "ctx"}

// Checker answers wait questions about the functions a chans.Summary
// indexed.
type Checker struct {
	chans *chans.Summary
}

// New returns a Checker that looks channels up in s.
func New(s *chans.Summary) *Checker {
	return &Checker{chans: s}
}

// Cases returns how each case of sel may end the wait, in case order.
func (c *Checker) Cases(sel *ssa.Select) []Exit {
	exits := make([]Exit, len(sel.States))
	for i, st := range sel.States {
		if st.Dir == types.SendOnly {
			exits[i] = Send
		} else {
			exits[i], _ = c.CanEnd(st.Chan)
		}
	}
	return exits
}

// HasExit reports whether sel can end other than by a send or a receive of
// a value, and returns its strongest exit.
func (c *Checker) HasExit(sel *ssa.Select) (Exit, bool) {
	if !sel.Blocking {
		return Default, true
	}
	best := NoExit
	for _, e := range c.Cases(sel) {
		if e != NoExit && e != Send && (best == NoExit || e < best) {
			best = e
		}
	}
	return best, best != NoExit
}

// CanEnd reports whether a receive from ch (a plain receive, a range loop or
// a select case) can end without a value being sent, and returns why. ch
// must belong to a function the Summary indexed.
func (c *Checker) CanEnd(ch ssa.Value) (Exit, bool) {
	if _, ok := ctxflow.IsDoneChannel(ch); ok {
		return CtxDone, true
	}
	ids := chans.Origins(ch)
	for _, id := range ids {
		if isTimer(id) {
			return Timer, true
		}
	}
	channels := c.chans.Channels(ch)
	for _, info := range channels {
		if len(info.Closes) > 0 {
			return ClosedChannel, true
		}
	}
	if hasDoneName(ch, ids) {
		return NamedDone, true
	}
	for _, info := range channels {
		if len(info.Escapes) > 0 {
			return Escaped, true
		}
	}
	return NoExit, false
}

// isTimer reports whether id is a channel from time.After or time.Tick, or
// the C field of a time.Timer or time.Ticker.
func isTimer(id chans.ID) bool { return chans.IsTimer(id) }

// hasDoneName reports whether the channel ch, or one of its identities, is
// named like a stop signal (see doneNames).
func hasDoneName(ch ssa.Value, ids []chans.ID) bool {
	var names []string
	switch v := ch.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		names = append(names, v.Name())
	case *ssa.UnOp:
		switch x := v.X.(type) {
		case *ssa.Alloc:
			names = append(names, x.Comment)
		case *ssa.FreeVar:
			names = append(names, x.Name())
		}
	}
	for _, id := range ids {
		switch id.Kind {
		case chans.Field:
			names = append(names, id.Field.Name())
		case chans.Global:
			names = append(names, id.Global.Name())
		case chans.Param:
			names = append(names, id.Param.Name())
		}
	}
	for _, name := range names {
		name = strings.ToLower(name)
		for _, d := range doneNames {
			if strings.Contains(name, d) {
				return true
			}
		}
	}
	return false
}

// Loop is a natural loop of a function.
type Loop struct {
	Header *ssa.BasicBlock
	Blocks []*ssa.BasicBlock // in index order, header included
	// Exits reports whether an edge leaves the loop for a block from which a
	// return or a panic is reachable.
	Exits bool
	// ObservesContext reports whether the loop body calls ctx.Err(),
	// receives from ctx.Done() (plainly or in a select), or passes a context
	// to a call. Passing counts: the callee is presumed to honour it.
	ObservesContext bool
}

// LoopExits returns the natural loops of fn, ordered by header, with loops
// sharing a header merged. Unreachable blocks are ignored.
func LoopExits(fn *ssa.Function) []Loop {
	if len(fn.Blocks) == 0 {
		return nil
	}
	reachable := reachableBlocks(fn)
	finishes := canFinish(fn, reachable)
	bodies := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool)
	var headers []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if !reachable[b] {
			continue
		}
		for _, h := range b.Succs {
			if !reachable[h] || !h.Dominates(b) {
				continue
			}
			if bodies[h] == nil {
				bodies[h] = map[*ssa.BasicBlock]bool{h: true}
				headers = append(headers, h)
			}
			addBody(bodies[h], b, reachable)
		}
	}
	sortBlocks(headers)
	loops := make([]Loop, 0, len(headers))
	for _, h := range headers {
		loop := Loop{Header: h}
		for _, b := range fn.Blocks {
			if bodies[h][b] {
				loop.Blocks = append(loop.Blocks, b)
			}
		}
		for _, b := range loop.Blocks {
			for _, s := range b.Succs {
				if !bodies[h][s] && finishes[s] {
					loop.Exits = true
				}
			}
			for _, instr := range b.Instrs {
				if observesContext(instr) {
					loop.ObservesContext = true
				}
			}
		}
		loops = append(loops, loop)
	}
	return loops
}

// addBody adds to body the blocks that reach the back edge's source from
// within the loop; body already holds the header, which stops the walk.
func addBody(body map[*ssa.BasicBlock]bool, from *ssa.BasicBlock, reachable map[*ssa.BasicBlock]bool) {
	stack := []*ssa.BasicBlock{from}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if body[b] || !reachable[b] {
			continue
		}
		body[b] = true
		stack = append(stack, b.Preds...)
	}
}

func reachableBlocks(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == nil || seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return seen
}

// canFinish returns the reachable blocks from which a return or a panic is
// reachable.
func canFinish(fn *ssa.Function, reachable map[*ssa.BasicBlock]bool) map[*ssa.BasicBlock]bool {
	finishes := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if !reachable[b] || len(b.Instrs) == 0 {
			continue
		}
		switch b.Instrs[len(b.Instrs)-1].(type) {
		case *ssa.Return, *ssa.Panic:
			stack = append(stack, b)
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if finishes[b] || !reachable[b] {
			continue
		}
		finishes[b] = true
		stack = append(stack, b.Preds...)
	}
	return finishes
}

// observesContext reports whether instr calls ctx.Err(), receives from
// ctx.Done(), or passes a context to a call (or an *http.Request that
// carries one, ctxflow.CarriesContext).
func observesContext(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case ssa.CallInstruction:
		common := instr.Common()
		if _, ok := ctxflow.IsContextCall(common, "Err"); ok {
			return true
		}
		for _, a := range common.Args {
			if ctxflow.IsContext(a.Type()) || ctxflow.CarriesContext(a) {
				return true // a request built with a context hands it on: client.Do(req)
			}
		}
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			_, ok := ctxflow.IsDoneChannel(instr.X)
			return ok
		}
	case *ssa.Select:
		for _, st := range instr.States {
			if _, ok := ctxflow.IsDoneChannel(st.Chan); ok {
				return true
			}
		}
	}
	return false
}

func sortBlocks(blocks []*ssa.BasicBlock) {
	slices.SortFunc(blocks, func(a, b *ssa.BasicBlock) int { return a.Index - b.Index })
}

// Innermost returns the smallest of loops that contains block b, or nil.
func Innermost(loops []Loop, b *ssa.BasicBlock) *Loop {
	var best *Loop
	for i := range loops {
		if slices.Contains(loops[i].Blocks, b) && (best == nil || len(loops[i].Blocks) < len(best.Blocks)) {
			best = &loops[i]
		}
	}
	return best
}

// EveryIteration reports whether every path through the loop's body, from
// its header back to it, passes block b: b runs on each iteration that
// comes round again.
func (l *Loop) EveryIteration(b *ssa.BasicBlock) bool {
	if b == l.Header {
		return true
	}
	seen := map[*ssa.BasicBlock]bool{b: true}
	var stack []*ssa.BasicBlock
	for _, s := range l.Header.Succs {
		if slices.Contains(l.Blocks, s) {
			stack = append(stack, s)
		}
	}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		for _, s := range x.Succs {
			if s == l.Header {
				return false // back to the header without passing b
			}
			if slices.Contains(l.Blocks, s) {
				stack = append(stack, s)
			}
		}
	}
	return true
}

// CountedBy reports whether b lies in a loop of fn that compares a
// counter (a φ of the loop, or that φ plus one, as the rotated loop of
// for range n does) with n, or with another load of the same field path
// as n: a loop that runs n times, as for range n and for i := 0; i < n;
// i++ do. Workers started in such a loop number n.
func CountedBy(fn *ssa.Function, b *ssa.BasicBlock, n ssa.Value) bool {
	for _, l := range LoopExits(fn) {
		if !slices.Contains(l.Blocks, b) {
			continue
		}
		inLoop := func(v ssa.Value) bool {
			phi, ok := v.(*ssa.Phi)
			return ok && slices.Contains(l.Blocks, phi.Block())
		}
		for _, lb := range l.Blocks {
			for _, instr := range lb.Instrs {
				cmp, ok := instr.(*ssa.BinOp)
				if !ok {
					continue
				}
				counter, bound := cmp.X, cmp.Y
				if cmp.Op == token.GTR {
					counter, bound = cmp.Y, cmp.X
				} else if cmp.Op != token.LSS {
					continue
				}
				if inc, ok := counter.(*ssa.BinOp); ok && inc.Op == token.ADD {
					counter = inc.X
				}
				if inLoop(counter) && ssax.SameFieldPath(bound, n) {
					return true
				}
			}
		}
	}
	return false
}
