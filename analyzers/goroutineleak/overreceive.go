package goroutineleak

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
)

const catOverReceive = "over-receive"

// checkOverReceive reports a plain receive by the owner that some path
// from the go statement reaches after the owner has already taken every
// value the goroutines can send: a one-shot result received twice, or a
// result taken in a select and then received again after the select
// (select { case v := <-ch: ...; case <-time.After(d): }; return <-ch).
// Nothing else can send on the channel or close it (it is the owner's
// own, and does not escape), so that receive blocks forever.
func (c *checker) checkOverReceive(fn *ssa.Function, u *chanUse) {
	if len(u.escapes) > 0 || len(u.returned) > 0 || len(u.goroutines) == 0 {
		return
	}
	cyc := spawn.Cyclic(fn, nil)
	sends := 0
	for _, g := range u.goroutines {
		b := g.beh
		if b.Closes || b.Escapes || b.Guarded || b.Recv != spawn.NoRecv || b.SelectRecv || b.Sends >= big || cyc[g.site.Block()] {
			return // ok: a close, a loop of sends, or a goroutine that also receives: counts say nothing
		}
		sends += b.Sends
	}
	marked := map[ssa.Instruction]bool{}
	entered := map[*ssa.BasicBlock]bool{}
	var plain []ssa.Instruction
	for _, ev := range u.events {
		switch ev.kind {
		case evSend, evClose, evDrain:
			return // ok: the owner sends, closes, or hands it to a callee that receives
		case evRecv:
			if _, isSelect := ev.instr.(*ssa.Select); isSelect {
				if ev.block == ev.instr.Block() || ev.from != nil {
					return // ok: the case body was not found, or is empty (an edge; entered counts blocks)
				}
				entered[ev.block] = true
				continue
			}
			marked[ev.instr] = true
			plain = append(plain, ev.instr)
		}
	}
	if len(plain) == 0 {
		return
	}
	// Take the last start: the receives after it are the ones counted
	// against every goroutine's sends.
	last := u.goroutines[0].site
	for _, g := range u.goroutines[1:] {
		if !cfg.Reaches(g.site, last, nil) {
			last = g.site
		}
	}
	for _, g := range u.goroutines {
		if g.site != last && !cfg.Reaches(g.site, last, nil) {
			return // ok: starts on different paths: their sends do not add up
		}
	}
	most, ok := cfg.MostBefore(last, marked, entered, cyc)
	if !ok {
		return
	}
	name := chanName(c, u.mk)
	for _, r := range plain {
		n, reached := most[r]
		if !reached || n < sends {
			continue
		}
		c.report(analysis.Diagnostic{
			Pos:      r.Pos(),
			Category: catOverReceive,
			Message: fmt.Sprintf("receive from %s blocks forever: the goroutines started for it send %s in all, and on some path this is receive number %d; nothing else sends on %s or closes it",
				name, times(sends), n+1, name),
			Related: []analysis.RelatedInformation{
				passutil.Related(last.Pos(), "goroutine started here"),
				passutil.Related(u.mk.Pos(), "%s made here", name),
			},
		})
	}
}

func times(n int) string {
	switch n {
	case 0:
		return "nothing"
	case 1:
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
