package goroutineleak

import (
	"fmt"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
)

// checkGivenUpReceives reports a wait of fn (a receive, or a select of
// receives with no other way out) on a channel kept in a struct field,
// when every send on it is in a select of a goroutine the package starts
// that gives up in another case (a context's Done, a stop channel:
// givingUpSends) and then returns without sending, and nothing closes
// the channel: once that context is done, no send comes again, and fn,
// which does not watch the context, waits forever (grpc#1275: a stream's Read after its RPC was
// cancelled).
//
//	func (t *transport) deliver(s *Stream) {
//		for {
//			select {
//			case <-s.ctx.Done():
//				return
//			case s.recv <- t.next():
//			}
//		}
//	}
//	func (s *Stream) Read() msg { return <-s.recv } // blocks forever once s.ctx is done
//
// The skipped send's local form (the waiter makes the channel) is
// checkSkippedSends'. The senders must run only on goroutines the package
// starts (wake.Roots: no exported way to call them), each give-up case
// must lead to a return with no send on the way, and fn must not receive
// from the give-up channel anywhere (a loop that watches it elsewhere is
// the stop-blind receive's).
func (c *checker) checkGivenUpReceives(fn *ssa.Function) {
	if c.model == nil || c.index == nil {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			chs := waitedChans(instr)
			if len(chs) == 0 {
				continue
			}
			if g, ret, ok := c.givenUpReceive(fn, instr, chs); ok {
				c.reportGivenUpReceive(fn, instr, chs, g, ret)
				return
			}
		}
	}
}

// givenUpReceive reports whether every wake of wait is a give-up select
// of a package goroutine, as checkGivenUpReceives describes; g is one
// and ret the return its give-up case leads to.
func (c *checker) givenUpReceive(fn *ssa.Function, wait ssa.Instruction, chs []ssa.Value) (giveUp, *ssa.Return, bool) {
	sites := map[ssa.Instruction]bool{}
	for _, ch := range chs {
		ids := c.index.Channels(ch)
		if len(ids) != 1 {
			return giveUp{}, nil, false
		}
		field := false
		for _, id := range ids[0].IDs {
			switch id.Kind {
			case chans.Field:
				field = true
			case chans.Make:
				if id.Make.Parent() == fn {
					return giveUp{}, nil, false // the skipped send's local form
				}
			}
		}
		if !field {
			return giveUp{}, nil, false
		}
		w := c.model.ChanWakes(ch, false)
		if !w.Known || len(w.Sites) == 0 {
			return giveUp{}, nil, false
		}
		for _, s := range w.Sites {
			if s.Instr == nil || s.AtExit || s.What != "send" || s.Instr.Parent() == fn {
				return giveUp{}, nil, false
			}
			sites[s.Instr] = true
		}
	}
	giveUps := c.givingUpSends(wait, sites, chs)
	if len(giveUps) != len(sites) {
		return giveUp{}, nil, false // ok: some send does not give up
	}
	var first giveUp
	var firstRet *ssa.Return
	isReturn := func(x ssa.Instruction) bool { _, ok := x.(*ssa.Return); return ok }
	stop := func(x ssa.Instruction) bool { return sites[x] || c.noReturnCall(x) }
	for _, sel := range sortedSelects(giveUps) {
		g := giveUps[sel]
		sender := sel.Parent()
		roots := c.model.GoroutineRoots(sender)
		if roots.Unknown || len(roots.Entries) > 0 || len(roots.Spawns) == 0 {
			return giveUp{}, nil, false // ok: a caller may send again
		}
		giveUpCh := sel.States[g.state].Chan
		if c.receivesFrom(fn, giveUpCh) {
			return giveUp{}, nil, false // ok: fn watches the give-up channel elsewhere
		}
		e := spawn.CaseEdges(sel)[g.state]
		if e[1] == nil || len(e[1].Instrs) == 0 {
			return giveUp{}, nil, false
		}
		from := e[1].Instrs[0]
		var ret *ssa.Return
		if r, ok := from.(*ssa.Return); ok {
			ret = r
		} else if stop(from) {
			return giveUp{}, nil, false
		} else {
			ret, _ = cfg.FirstAvoiding(from, isReturn, stop, c.model.Impossible).(*ssa.Return)
		}
		if ret == nil {
			return giveUp{}, nil, false // ok: it goes on sending after giving up once
		}
		if first.sel == nil {
			first, firstRet = g, ret
		}
	}
	return first, firstRet, first.sel != nil
}

// sortedSelects returns the selects of m in position order.
func sortedSelects(m map[*ssa.Select]giveUp) []*ssa.Select {
	out := make([]*ssa.Select, 0, len(m))
	for sel := range m {
		out = append(out, sel)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// receivesFrom reports whether fn receives from ch anywhere (a receive or
// a select's receive case).
func (c *checker) receivesFrom(fn *ssa.Function, ch ssa.Value) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, w := range chans.Received(instr) {
				if c.model.SameChannel(w, []ssa.Value{ch}) {
					return true
				}
			}
		}
	}
	return false
}

func (c *checker) reportGivenUpReceive(fn *ssa.Function, wait ssa.Instruction, chs []ssa.Value, g giveUp, ret *ssa.Return) {
	st := g.sel.States[g.state]
	name := ssax.Name(chs[0])
	what := "receive from " + name
	if _, ok := wait.(*ssa.Select); ok {
		what = "select"
	}
	when, watch := g.words()
	sender := fnName(g.sel.Parent())
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(wait),
		Category: catSkippedSend,
		Message: fmt.Sprintf("%s blocks forever once %s: every send on %s is in a goroutine that gives up its send then and returns (%s), and %s does not watch it (wait in a select with %s too) (goroutine leak)",
			what, when, name, sender, fnName(fn), watch),
		Related: []analysis.RelatedInformation{
			passutil.Related(st.Pos, "%s gives up its send here", sender),
			passutil.Related(returnPos(ret), "and returns here"),
		},
	})
}
