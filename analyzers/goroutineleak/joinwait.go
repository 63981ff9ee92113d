package goroutineleak

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

// checkJoinBeforeWake reports a (*sync.WaitGroup).Wait of fn that joins a
// goroutine fn started (wake.Model.WaitJoins) which can return only after
// a receive from a channel, when every wake of that channel (a send or a
// close) is made by fn past the Wait: the Wait needs the goroutine to
// end, the goroutine needs the channel, and the channel comes only after
// the Wait. The Wait in the loop that starts the workers, with the jobs
// fed and closed after the loop, is the common form:
//
//	for i := 0; i < n; i++ {
//		wg.Add(1)
//		go func() { defer wg.Done(); for j := range jobs { ... } }()
//		wg.Wait() // blocks forever: jobs is fed only after the loop
//	}
//	for _, j := range items { jobs <- j }
//	close(jobs)
//
// The goroutine must reach every return through a plain receive from the
// channel (a range over it, or a receive before its work), not a select
// with another way out; the channel's wakes must all be known, all in fn,
// and none reachable from the goroutine's start without passing the Wait.
func (c *checker) checkJoinBeforeWake(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	var starts []ssa.CallInstruction
	var waits []*ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Go:
				starts = append(starts, x)
			case *ssa.Call:
				if ssax.FullName(ssax.Callee(&x.Call)) == "(*sync.WaitGroup).Wait" {
					waits = append(waits, x)
				}
			}
		}
	}
	if len(starts) == 0 || len(waits) == 0 {
		return
	}
	for _, wait := range waits {
		for _, start := range starts {
			if !cfg.Reaches(start, wait, nil) || !c.model.WaitJoins(wait, []ssa.CallInstruction{start}) {
				continue
			}
			body := c.calls.Callee(start.Common())
			if body == nil || body.Pkg != fn.Pkg || len(body.Blocks) == 0 {
				continue
			}
			recv := gatingReceive(body)
			if recv == nil {
				continue
			}
			first, ok := c.wokenOnlyPast(fn, start, wait, recv.X)
			if !ok {
				continue
			}
			c.reportJoinBeforeWake(fn, start, wait, recv, first)
			break // one finding per Wait
		}
	}
}

// gatingReceive returns a plain receive of body (not a select's) that
// every way from its entry to a return passes: the goroutine cannot end
// until that receive completes.
func gatingReceive(body *ssa.Function) *ssa.UnOp {
	var rets []*ssa.BasicBlock
	for _, b := range body.Blocks {
		if b == body.Recover {
			continue // ok: entered only by a panic, which ends the goroutine without the receive
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			rets = append(rets, b)
		}
	}
	if len(rets) == 0 {
		return nil
	}
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW {
				continue
			}
			gates := true
			for _, r := range rets {
				if !b.Dominates(r) {
					gates = false
					break
				}
			}
			if gates {
				return recv
			}
		}
	}
	return nil
}

// wokenOnlyPast reports whether every wake of the channel ch (a send or a
// close; ch as the goroutine started at start sees it) is known, made by
// fn, and reachable from start only through wait; first is one of them,
// for the message.
func (c *checker) wokenOnlyPast(fn *ssa.Function, start ssa.Instruction, wait *ssa.Call, ch ssa.Value) (first wake.Wake, ok bool) {
	w := c.model.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return wake.Wake{}, false
	}
	isWait := func(instr ssa.Instruction) bool { return instr == ssa.Instruction(wait) }
	for _, site := range w.Sites {
		if site.Instr == nil || site.Instr.Parent() != fn || site.Instr.Block() == nil {
			return wake.Wake{}, false
		}
		if _, deferred := site.Instr.(*ssa.Defer); deferred || site.AtExit {
			return wake.Wake{}, false // ok: runs as fn returns, which the Wait does not order
		}
		if cfg.Reaches(start, site.Instr, isWait) {
			return wake.Wake{}, false // ok: the channel can be woken before the Wait
		}
	}
	return w.Sites[0], true
}

func (c *checker) reportJoinBeforeWake(fn *ssa.Function, start ssa.CallInstruction, wait *ssa.Call, recv *ssa.UnOp, first wake.Wake) {
	name := ssax.Name(recv.X)
	if name == "" {
		name = "its channel"
	}
	group := ssax.Name(wait.Call.Args[0])
	if group == "" {
		group = "the WaitGroup"
	}
	c.report(analysis.Diagnostic{
		Pos:      wait.Pos(),
		Category: catMutualWait,
		Message: fmt.Sprintf("%s.Wait blocks forever: it waits for a goroutine that can return only after receiving from %s, and %s sends on %s or closes it only after this Wait (deadlock)",
			group, name, fnName(fn), name),
		Related: []analysis.RelatedInformation{
			passutil.Related(start.Pos(), "goroutine started here"),
			passutil.Related(ssax.Pos(recv), "the goroutine waits here for %s", name),
			passutil.Related(first.Pos(), "%s is woken here, only after the Wait", name),
		},
	})
}
