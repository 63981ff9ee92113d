package blocking

import (
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
)

// maxProducerFuncs bounds the functions ownProducer inspects.
const maxProducerFuncs = 32

// ownProducer reports whether the receive recv is always woken by a
// goroutine its own function starts that cannot wait on anything else:
// a handoff bounded by computation, not a wait for an event (the lexer
// of text/template's old design: l := &lexer{items: make(chan item)};
// go l.run(); for it := range l.items { ... }, where run and the
// functions it calls only compute, send on l.items and close it at the
// end).
//
// The channel must be made in recv's function, possibly kept in a field
// (l.items), and be the only channel of that identity in the package (no
// parameter, no make elsewhere, no escape); a go statement of that function, dominating
// recv, must start a body of the package that closes the channel on
// every path through it (the receive then gets a value or sees the
// close); and every function reachable from that body (within the
// package, through static and resolved dynamic calls) must hold every
// send on the channel and wait on nothing but sends on it: no other
// channel operation, select, lock, sleep, I/O or call of another
// package that can wait.
func (info *Info) ownProducer(recv *ssa.UnOp) bool {
	if done, ok := info.producer[recv]; ok {
		return done
	}
	if info.inProducer[recv] {
		return false
	}
	info.inProducer[recv] = true
	ok := info.judgeProducer(recv)
	delete(info.inProducer, recv)
	info.producer[recv] = ok
	return ok
}

func (info *Info) judgeProducer(recv *ssa.UnOp) bool {
	fn := recv.Parent()
	if fn == nil {
		return false
	}
	chs := info.chans.Channels(recv.X)
	if len(chs) != 1 {
		return false
	}
	ch := chs[0]
	if len(ch.Escapes) > 0 || len(ch.Passed) > 0 || len(ch.Closes) == 0 {
		return false
	}
	var mk *ssa.MakeChan
	for _, id := range ch.IDs {
		switch id.Kind {
		case chans.Make:
			if mk != nil || id.Make.Parent() != fn {
				return false
			}
			mk = id.Make
		case chans.Field: // ok: the made channel kept in a field (l.items)
		default:
			return false
		}
	}
	if mk == nil {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok || !cfg.Dominates(g, recv) {
				continue
			}
			body := info.calls.Callee(&g.Call)
			if body == nil || body.Blocks == nil || body.Pkg != fn.Pkg {
				continue
			}
			if info.producerBody(body, ch) {
				return true
			}
		}
	}
	return false
}

// producerBody reports whether body closes ch on every path and the
// functions it reaches only compute and send on ch, holding every send
// of it (see ownProducer).
func (info *Info) producerBody(body *ssa.Function, ch *chans.Channel) bool {
	mine := func(v ssa.Value) bool {
		chs := info.chans.Channels(v)
		return len(chs) == 1 && chs[0] == ch
	}
	pd := cfg.PostDominators(body)
	closes := false
	reached := map[*ssa.Function]bool{body: true}
	queue := []*ssa.Function{body}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if f == body {
					if c, ok := instr.(ssa.CallInstruction); ok && isClose(c.Common()) && mine(c.Common().Args[0]) {
						_, deferred := instr.(*ssa.Defer)
						closes = closes || deferred || pd.PostDominates(b, body.Blocks[0])
					}
				}
				switch x := instr.(type) {
				case *ssa.Send:
					if !mine(x.Chan) {
						return false
					}
					continue
				case *ssa.Go:
					return false // ok: another goroutine is not followed
				}
				if c, ok := instr.(ssa.CallInstruction); ok && !isClose(c.Common()) {
					// Follow the candidates of the package; the call
					// itself is judged by its summary unless they are
					// all it can run.
					res := info.calls.Resolve(c.Common())
					local := len(res.Callees) > 0 && res.Complete
					for _, callee := range res.Callees {
						if callee.Pkg != body.Pkg || callee.Blocks == nil {
							local = false
							continue
						}
						if !reached[callee] {
							if len(reached) >= maxProducerFuncs {
								return false
							}
							reached[callee] = true
							queue = append(queue, callee)
						}
					}
					if local {
						continue
					}
				}
				if op, ok := info.Classify(instr); ok && !op.Bounded && !op.Cancellable {
					return false // ok: the producer may wait for something else
				}
			}
		}
	}
	if !closes {
		return false
	}
	for _, uses := range [][]chans.Use{ch.Sends, ch.Closes} {
		for _, u := range uses {
			if !reached[u.Instr.Parent()] {
				return false // ok: someone else sends or closes too
			}
		}
	}
	return true
}

// isClose reports whether call is close(ch).
func isClose(call *ssa.CallCommon) bool {
	bi, ok := call.Value.(*ssa.Builtin)
	return ok && bi.Name() == "close" && len(call.Args) == 1
}
