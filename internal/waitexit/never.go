package waitexit

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
)

// NeverClosed reports whether a receive from ch can be shown never to see
// the channel closed: every identity ch may have is a Timer's or Ticker's C
// or a time.After/time.Tick channel (the runtime never closes them), or
// the package sees every holder of the channel (a make, an unexported
// field or global: no escape, nothing from outside) and nothing closes
// it. It is evidence, not a guess: a channel from a call, an exported
// field or any parameter is not known never to close (a method called
// through an interface receives channels the index does not connect to
// its parameter). This is the counterpart
// model's "no wake by close" (internal/wake) for a receive.
func (c *Checker) NeverClosed(ch ssa.Value) bool {
	ids := chans.Origins(ch)
	if len(ids) == 0 {
		return false
	}
	timers := 0
	for _, id := range ids {
		if isTimer(id) {
			timers++
		} else if id.Kind == chans.External || id.Kind == chans.Param {
			return false
		}
	}
	if timers == len(ids) {
		return true // the runtime never closes a timer's channel
	}
	if timers > 0 {
		return false // mixed: judge neither way
	}
	channels := c.chans.Channels(ch)
	if len(channels) == 0 {
		return false
	}
	for _, info := range channels {
		if len(info.Closes) > 0 || len(info.Escapes) > 0 {
			return false
		}
		for _, id := range info.IDs {
			if id.Kind == chans.External || id.Kind == chans.Param {
				return false
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

// ChecksContextAfter reports whether ctx.Err() is called on some path
// after instr before any wait on ctx.Done(): the author asks whether the
// context expired meanwhile, so expects the wait at instr may outlast it.
// A receive from ctx.Done() after instr ends the search on its path: it
// is a cancellable wait of its own (a polling loop after a short join),
// and an Err() behind it reports that wait's cancellation. Nor does
// passing a context on: it says the context is used, not that the wait
// before it may be long. The instruction that checks is returned, for a
// message.
func ChecksContextAfter(instr ssa.Instruction) (ssa.Instruction, bool) {
	b := instr.Block()
	if b == nil {
		return nil, false
	}
	checks := func(x ssa.Instruction) bool {
		if call, ok := x.(ssa.CallInstruction); ok {
			_, ok := ctxflow.IsContextCall(call.Common(), "Err")
			return ok
		}
		return false
	}
	waitsDone := func(x ssa.Instruction) bool {
		switch x.(type) {
		case *ssa.UnOp, *ssa.Select:
			return observesContext(x)
		}
		return false
	}
	// scan returns the check found in instrs, and whether the path goes
	// on past them (no Done wait).
	scan := func(instrs []ssa.Instruction) (ssa.Instruction, bool) {
		for _, x := range instrs {
			if checks(x) {
				return x, false
			}
			if waitsDone(x) {
				return nil, false
			}
		}
		return nil, true
	}
	rest := b.Instrs
	for i, x := range b.Instrs {
		if x == instr {
			rest = b.Instrs[i+1:]
		}
	}
	if x, _ := scan(rest); x != nil {
		return x, true
	} else if _, goOn := scan(rest); !goOn {
		return nil, false
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
		x, goOn := scan(s.Instrs)
		if x != nil {
			return x, true
		}
		if goOn {
			stack = append(stack, s.Succs...)
		}
	}
	return nil, false
}
