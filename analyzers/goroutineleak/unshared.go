package goroutineleak

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

const catUnsharedSend = "unshared-send"

// checkUnsharedSends reports a send on an unbuffered channel that fn makes,
// made before anything else can hold the channel: no goroutine started,
// no call, no store, no closure and no return hands it on before the send
// on any path (errC := make(chan error); if err != nil { errC <- err;
// return errC }). Only the sending goroutine holds the channel, and it is
// blocked in the send, so nothing can ever receive.
func (c *checker) checkUnsharedSends(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			mk, ok := instr.(*ssa.MakeChan)
			if !ok {
				continue
			}
			if n, known := chans.Capacity(mk); !known || n != 0 {
				continue // ok: a buffer takes the first sends
			}
			sends, shares, ok := unsharedUses(mk)
			if !ok {
				continue
			}
			for _, s := range sends {
				if handedOnBefore(shares, s) {
					continue // ok: some path hands the channel on before the send
				}
				if c.model == nil || !c.reached(fn) {
					continue // ok: nothing shows that fn runs
				}
				c.reportUnsharedSend(fn, mk, s, shares)
			}
		}
	}
}

// unsharedUses follows the channel mk through phis and conversions and
// returns the plain sends on it and the instructions that hand it on to
// code that could receive from it: everything but its own sends, receives,
// selects on it, len, cap, close and nil tests. ok is false when a send's
// channel may also be another channel than mk (a phi with another value).
func unsharedUses(mk *ssa.MakeChan) (sends []*ssa.Send, shares []ssa.Instruction, ok bool) {
	seen := map[ssa.Value]bool{mk: true}
	work := []ssa.Value{mk}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch x := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Phi, *ssa.ChangeType:
				next := x.(ssa.Value)
				if !seen[next] {
					seen[next] = true
					work = append(work, next)
				}
			case *ssa.Send:
				if x.X == v {
					shares = append(shares, x) // sent as a value
				}
				if x.Chan == v {
					if !isChanOf(x.Chan, mk) {
						return nil, nil, false
					}
					sends = append(sends, x)
				}
			case *ssa.UnOp:
				if x.Op != token.ARROW {
					shares = append(shares, x)
				}
			case *ssa.BinOp:
				// ch == nil: a test, not a hand-off
			case *ssa.Select:
				for _, st := range x.States {
					if st.Send == v {
						shares = append(shares, x)
					}
				}
			case *ssa.Call:
				if b, isBuiltin := x.Call.Value.(*ssa.Builtin); isBuiltin {
					switch b.Name() {
					case "len", "cap", "close":
						continue
					}
				}
				shares = append(shares, x)
			default:
				shares = append(shares, r)
			}
		}
	}
	return sends, shares, true
}

// handedOnBefore reports whether some instruction of shares can run
// before send (a later round of a loop counts).
func handedOnBefore(shares []ssa.Instruction, send *ssa.Send) bool {
	for _, sh := range shares {
		if cfg.Reaches(sh, send, nil) {
			return true
		}
	}
	return false
}

func (c *checker) reportUnsharedSend(fn *ssa.Function, mk *ssa.MakeChan, send *ssa.Send, shares []ssa.Instruction) {
	name := chanName(c, mk)
	related := []analysis.RelatedInformation{passutil.Related(mk.Pos(), "%s made here with capacity 0", name)}
	if first := firstShare(fn, shares); first != nil {
		related = append(related, passutil.Related(ssax.Pos(first), "%s is handed on only here, after the send", name))
	}
	var fixes []analysis.SuggestedFix
	if len(unsharedSendSites(mk)) == 1 && !inCycle(send) {
		fixes = c.bufferFix(mk, 0, 1)
	}
	c.report(analysis.Diagnostic{
		Pos:      send.Pos(),
		Category: catUnsharedSend,
		Message: fmt.Sprintf("send on %s blocks forever: %s is unbuffered and %s has not handed it to anyone yet, so no other goroutine can receive it (goroutine leak)",
			name, name, fnName(fn)),
		Related:        related,
		SuggestedFixes: fixes,
	})
}

// firstShare returns the hand-off of shares that comes first in fn's
// block order, or nil.
func firstShare(fn *ssa.Function, shares []ssa.Instruction) ssa.Instruction {
	var first ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, sh := range shares {
				if sh == instr && first == nil && ssax.Pos(sh).IsValid() {
					first = sh
				}
			}
		}
	}
	return first
}

// unsharedSendSites returns the plain sends on mk that no hand-off
// precedes.
func unsharedSendSites(mk *ssa.MakeChan) []*ssa.Send {
	sends, shares, ok := unsharedUses(mk)
	if !ok {
		return nil
	}
	var out []*ssa.Send
	for _, s := range sends {
		if !handedOnBefore(shares, s) {
			out = append(out, s)
		}
	}
	return out
}

// inCycle reports whether instr lies on a cycle of its function.
func inCycle(instr ssa.Instruction) bool {
	return cfg.Reaches(instr, instr, nil)
}
