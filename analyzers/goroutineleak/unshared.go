package goroutineleak

import (
	"fmt"

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
			sends, shares, ok := chans.SendsBeforeHandOff(mk)
			if !ok {
				continue // ok: the send's channel may be another one
			}
			for _, s := range sends {
				if c.model == nil || !c.reached(fn) {
					continue // ok: nothing shows that fn runs
				}
				c.reportUnsharedSend(fn, mk, s, shares, len(sends))
			}
		}
	}
}

// reportUnsharedSend reports send, one of unshared sends of mk that no
// hand-off (shares) precedes.
func (c *checker) reportUnsharedSend(fn *ssa.Function, mk *ssa.MakeChan, send *ssa.Send, shares []ssa.Instruction, unshared int) {
	name := chanName(c, mk)
	related := []analysis.RelatedInformation{passutil.Related(mk.Pos(), "%s made here with capacity 0", name)}
	if first := firstShareAfter(send, shares); first != nil {
		related = append(related, passutil.Related(ssax.Pos(first), "%s is handed on only here, after the send", name))
	}
	var fixes []analysis.SuggestedFix
	if unshared == 1 && !cfg.Reaches(send, send, nil) {
		fixes = c.bufferFix(mk, 0, 1)
	}
	c.report(analysis.Diagnostic{
		Pos:      send.Pos(),
		Category: catUnsharedSend,
		Message: fmt.Sprintf("send on %s blocks forever: %s is unbuffered and %s has not handed it to anyone yet, so no other goroutine can receive it: the goroutine running %s waits here forever (self-deadlock)",
			name, name, fnName(fn), fnName(fn)),
		Related:        related,
		SuggestedFixes: fixes,
	})
}

// firstShareAfter returns the hand-off of shares that send can reach and
// that comes first in block order (the one on the send's own way on, not
// another branch's), or nil.
func firstShareAfter(send *ssa.Send, shares []ssa.Instruction) ssa.Instruction {
	var first ssa.Instruction
	for _, b := range send.Parent().Blocks {
		for _, instr := range b.Instrs {
			for _, sh := range shares {
				if sh == instr && first == nil && ssax.Pos(sh).IsValid() && cfg.Reaches(send, sh, nil) {
					first = sh
				}
			}
		}
	}
	return first
}
