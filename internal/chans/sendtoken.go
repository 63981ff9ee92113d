package chans

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// SendToken reports whether the send acquires a slot of a channel used as
// a counting semaphore: the channel is buffered, the value sent carries no
// data (a constant, such as struct{}{} or true), nothing in the package
// closes the channel (a queue is closed when its producer is done; a
// semaphore never is), and the function that sends, a closure of it, or a
// function it defers gives the slot back by a receive whose value is
// dropped. Such a send waits, like Mutex.Lock, whenever every slot is
// taken.
func (s *Summary) SendToken(send *ssa.Send) bool {
	fn := send.Parent()
	if fn == nil || !s.Buffered(send.Chan) {
		return false
	}
	if _, ok := send.X.(*ssa.Const); !ok {
		return false // data, not a token
	}
	chs := s.Channels(send.Chan)
	if len(chs) == 0 {
		return false
	}
	deferred := s.deferredFuncs(fn)
	gives := false
	for _, ch := range chs {
		if len(ch.Closes) > 0 {
			return false // ok: a queue that is drained and closed
		}
		for _, r := range ch.Recvs {
			recv, ok := r.Instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || recv.CommaOk || !valueDropped(recv) {
				continue
			}
			if p := recv.Parent(); within(p, fn) || deferred[p] {
				gives = true
			}
		}
	}
	return gives
}

// deferredFuncs returns the functions fn defers: by a static call, or
// through a value the resolver reduces to one function (a method value).
func (s *Summary) deferredFuncs(fn *ssa.Function) map[*ssa.Function]bool {
	out := map[*ssa.Function]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok {
				if f := s.Resolver().Callee(&d.Call); f != nil {
					out[f] = true
				}
			}
		}
	}
	return out
}

// valueDropped reports whether the received value is never used.
func valueDropped(recv *ssa.UnOp) bool { return ssax.Unread(recv) }
