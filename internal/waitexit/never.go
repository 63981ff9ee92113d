package waitexit

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
)

// NeverClosed reports whether a receive from ch can be shown never to see
// the channel closed: every identity ch may have is a Timer's or Ticker's C
// or a time.After/time.Tick channel (the runtime never closes them), or a
// make of the indexed package that nothing closes and that does not escape
// to code that could. It is evidence, not a guess: a channel from a
// parameter, a field of another package or a call is not known never to
// close.
func (c *Checker) NeverClosed(ch ssa.Value) bool {
	ids := chans.Origins(ch)
	if len(ids) == 0 {
		return false
	}
	timers := 0
	for _, id := range ids {
		if isTimer(id) {
			timers++
		} else if id.Kind != chans.Make {
			return false
		}
	}
	if timers == len(ids) {
		return true // the runtime never closes a timer's channel
	}
	for _, info := range c.chans.Channels(ch) {
		if len(info.Closes) > 0 || len(info.Escapes) > 0 {
			return false
		}
		for _, id := range info.IDs {
			if id.Kind != chans.Make && !isTimer(id) {
				return false // merged with a field or parameter: others may hold it
			}
		}
	}
	return true
}

// LeavesToReturnLive is LeavesToReturn without the exits that cannot be
// taken: the branch a loop takes when a channel it ranges over (or
// receives from with comma-ok) is closed, when that channel is never
// closed (see NeverClosed). for range ticker.C runs for as long as the
// process does.
func (c *Checker) LeavesToReturnLive(fn *ssa.Function, l Loop) bool {
	if !LeavesToReturn(fn, l) {
		return false
	}
	dead := map[*ssa.BasicBlock]*ssa.BasicBlock{} // block → its successor that cannot be reached from it
	for _, b := range l.Blocks {
		if n := len(b.Instrs); n > 0 {
			if iff, ok := b.Instrs[n-1].(*ssa.If); ok && len(b.Succs) == 2 && c.okOfNeverClosed(iff.Cond) {
				dead[b] = b.Succs[1] // the !ok branch
			}
		}
	}
	if len(dead) == 0 {
		return true
	}
	return leavesToReturn(fn, l, func(from, to *ssa.BasicBlock) bool { return dead[from] != to })
}

// okOfNeverClosed reports whether v is the ok result of a comma-ok receive
// from a channel that is never closed.
func (c *Checker) okOfNeverClosed(v ssa.Value) bool {
	e, ok := v.(*ssa.Extract)
	if !ok || e.Index != 1 {
		return false
	}
	recv, ok := e.Tuple.(*ssa.UnOp)
	if !ok || recv.Op != token.ARROW || !recv.CommaOk {
		return false
	}
	return c.NeverClosed(recv.X)
}

// ChecksContextAfter reports whether a context is checked for
// cancellation on some path after instr: ctx.Err() is called, or
// ctx.Done() received from (plainly or in a select). Passing a context on
// does not count here: it says the context is used, not that the author
// expects the wait before it to be cut short. The instruction that checks
// is returned, for a message.
func ChecksContextAfter(instr ssa.Instruction) (ssa.Instruction, bool) {
	b := instr.Block()
	if b == nil {
		return nil, false
	}
	checks := func(x ssa.Instruction) bool {
		switch x := x.(type) {
		case ssa.CallInstruction:
			_, ok := ctxflow.IsContextCall(x.Common(), "Err")
			return ok
		case *ssa.UnOp, *ssa.Select:
			return observesContext(x)
		}
		return false
	}
	after := false
	for _, x := range b.Instrs {
		if after && checks(x) {
			return x, true
		}
		if x == instr {
			after = true
		}
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[s] {
			continue
		}
		seen[s] = true
		for _, x := range s.Instrs {
			if checks(x) {
				return x, true
			}
		}
		stack = append(stack, s.Succs...)
	}
	return nil, false
}
