package wake

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/ssax"
)

// NeededAfterWait is Acquired narrowed to the acquisitions that can keep
// the wake from coming once the wait has begun: not one the waking
// goroutine makes before the Add that its Done answers (Wait counts only
// the Adds made before it), nor one made by the very call that hands it
// the channel it then receives from (the lock is released before the
// sender can have the channel).
func (m *Model) NeededAfterWait(w Wake, lock string) (Acquisition, bool) {
	a, ok := m.Acquired(w, lock)
	if !ok || addedAfter(w, a) || handsOver(a.At, w.Instr) {
		return Acquisition{}, false
	}
	return a, true
}

// addedAfter reports whether w is a WaitGroup's Done whose goroutine takes
// the lock at a and only then adds to that WaitGroup (wgMu.Lock(); wg.Add(1);
// wgMu.Unlock(); defer wg.Done()): a goroutine stopped at a has made no Add
// that the Wait counts.
func addedAfter(w Wake, a Acquisition) bool {
	if w.Instr == nil || a.At == nil {
		return false
	}
	done, ok := w.Instr.(ssa.CallInstruction)
	if !ok || ssax.FullName(ssax.Callee(done.Common())) != "(*sync.WaitGroup).Done" || len(done.Common().Args) == 0 {
		return false
	}
	fn := w.Instr.Parent()
	if fn == nil || a.At.Parent() != fn {
		return false
	}
	wg := locks.Identify(done.Common().Args[0]).Key()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			add, ok := instr.(*ssa.Call)
			if !ok || ssax.FullName(ssax.Callee(&add.Call)) != "(*sync.WaitGroup).Add" || len(add.Call.Args) == 0 {
				continue
			}
			if locks.Identify(add.Call.Args[0]).Key() == wg && cfg.Dominates(a.At, add) && cfg.Dominates(add, w.Instr) {
				return true
			}
		}
	}
	return false
}

// handsOver reports whether at, the acquisition on a receiver's way to
// recv, is a call given the very channel recv receives from: the call
// that registers the channel with the sender (Break(ch), Subscribe(ch))
// takes the lock before the sender can hold the channel.
func handsOver(at, recv ssa.Instruction) bool {
	call, ok := at.(ssa.CallInstruction)
	if !ok || recv == nil {
		return false
	}
	var received []ssa.Value
	switch r := recv.(type) {
	case *ssa.UnOp:
		received = append(received, r.X)
	case *ssa.Select:
		for _, st := range r.States {
			if st.Dir == types.RecvOnly {
				received = append(received, st.Chan)
			}
		}
	}
	for _, arg := range call.Common().Args {
		for _, ch := range received {
			if arg == ch || sameChannel(arg, ch) {
				return true
			}
		}
	}
	return false
}

// sameChannel reports whether a and b are one channel: the same value
// once conversions are stripped, or loads of the same variable (a
// captured channel read once for the call and once for the receive).
func sameChannel(a, b ssa.Value) bool {
	a, b = ssax.Unwrap(a), ssax.Unwrap(b)
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	return ok1 && ok2 && la.Op == token.MUL && lb.Op == token.MUL && la.X == lb.X
}
