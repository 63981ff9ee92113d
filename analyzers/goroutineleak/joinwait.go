package goroutineleak

import (
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
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
// A goroutine that returns only once the channel is closed (a range whose
// exit leads to every return) waits for the close alone: values sent
// before the Wait do not end it (the jobs fed, then wg.Wait(), then
// close(jobs)).
func (c *checker) checkJoinBeforeWake(fn *ssa.Function) {
	c.eachJoin(fn, false, func(start ssa.CallInstruction, wait *ssa.Call, body *ssa.Function) bool {
		recv := gatingReceive(body)
		if recv == nil {
			return false
		}
		byClose := wake.RangeExitOnly(body, recv)
		first, ok := c.wokenOnlyPast(fn, start, wait, argumentFor(body, start, recv.X), byClose)
		if !ok {
			return false
		}
		c.reportJoinBeforeWake(fn, start, wait, recv, first, byClose)
		return true
	})
}

// eachJoin calls visit with each goroutine start of fn, a Wait of fn it
// reaches that joins it (c.joins), and the started function when it is
// the package's; a visit that reports returns true, and the Wait's other
// starts are skipped (one finding per Wait). With groups, WaitGroup.Go,
// errgroup's Go and errgroup's Wait count too (startsAndWaits).
func (c *checker) eachJoin(fn *ssa.Function, groups bool, visit func(start ssa.CallInstruction, wait *ssa.Call, body *ssa.Function) bool) {
	if c.model == nil {
		return
	}
	starts, waits := startsAndWaits(fn, groups)
	if len(starts) == 0 || len(waits) == 0 {
		return
	}
	for _, wait := range waits {
		for _, start := range starts {
			if !cfg.Reaches(start, wait, nil) || !c.joins(wait, start) {
				continue
			}
			body := c.startedFunc(start)
			if body == nil || body.Pkg != fn.Pkg || len(body.Blocks) == 0 {
				continue
			}
			if visit(start, wait, body) {
				break
			}
		}
	}
}

// startsAndWaits returns fn's go statements and its WaitGroup Waits;
// with groups, also the calls of WaitGroup.Go and errgroup's Go,
// errgroup's Waits, and the acquires of a weighted semaphore's whole
// weight (wake.FullAcquire).
func startsAndWaits(fn *ssa.Function, groups bool) (starts []ssa.CallInstruction, waits []*ssa.Call) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Go:
				starts = append(starts, x)
			case *ssa.Call:
				switch name := ssax.FullName(ssax.Callee(&x.Call)); {
				case name == "(*sync.WaitGroup).Wait", groups && name == "(*golang.org/x/sync/errgroup.Group).Wait":
					waits = append(waits, x)
				case groups && wake.FullAcquire(x):
					waits = append(waits, x) // sem.Acquire(ctx, n): waits for every holder
				case groups && (name == "(*sync.WaitGroup).Go" || name == "(*golang.org/x/sync/errgroup.Group).Go"):
					starts = append(starts, x)
				}
			}
		}
	}
	return starts, waits
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

// argumentFor returns, for v a parameter of body, the argument that the
// go statement start passes for it (the channel as the owner names it:
// the worker's parameter may be bound to other channels by other calls);
// v otherwise.
func argumentFor(body *ssa.Function, start ssa.CallInstruction, v ssa.Value) ssa.Value {
	p, ok := ssax.Unwrap(v).(*ssa.Parameter)
	if !ok || p.Parent() != body {
		return v
	}
	for i, q := range body.Params {
		if q == p && i < len(start.Common().Args) {
			return start.Common().Args[i]
		}
	}
	return v
}

// madeBy returns, when ch is a channel of known makes, a test of whether a
// wake (a send or a close) may be on one of them: false only for a wake
// on channels all made elsewhere; nil when ch's makes are not all known.
func madeBy(ch ssa.Value) func(ssa.Instruction) bool {
	ids := chans.Origins(ch)
	if len(ids) == 0 {
		return nil
	}
	for _, id := range ids {
		if id.Kind != chans.Make {
			return nil
		}
	}
	return func(instr ssa.Instruction) bool {
		var v ssa.Value
		switch x := instr.(type) {
		case *ssa.Send:
			v = x.Chan
		case ssa.CallInstruction:
			if args := x.Common().Args; len(args) == 1 {
				v = args[0]
			}
		}
		if v == nil {
			return true // ok: not a plain send or close: keep it
		}
		origins := chans.Origins(v)
		for _, id := range origins {
			if id.Kind != chans.Make || slices.Contains(ids, id) {
				return true // ok: it may be one of them
			}
		}
		return len(origins) == 0
	}
}

// wokenOnlyPast reports whether every wake of the channel ch (a send or a
// close; ch as the goroutine started at start sees it; only the closes
// when closesOnly, for a goroutine that ends only once ch is closed) is
// known, made by fn, reachable from start only through wait, and none can
// come before wait (a close before the goroutines start has happened
// already); first is one of them, for the message.
func (c *checker) wokenOnlyPast(fn *ssa.Function, start ssa.Instruction, wait *ssa.Call, ch ssa.Value, closesOnly bool) (first wake.Wake, ok bool) {
	w := c.model.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return wake.Wake{}, false
	}
	isWait := func(instr ssa.Instruction) bool { return instr == ssa.Instruction(wait) }
	mine := madeBy(ch)
	var firstClose *wake.Wake
	for _, site := range w.Sites {
		if closesOnly && site.What != "close" {
			continue // ok: values sent before the Wait do not end a range over the channel
		}
		if mine != nil && !mine(site.Instr) {
			continue // ok: a wake of another channel the index merged with it (another caller's, through the worker's parameter)
		}
		if firstClose == nil {
			firstClose = &site
		}
		if site.Instr == nil || site.Instr.Parent() != fn || site.Instr.Block() == nil {
			return wake.Wake{}, false
		}
		if _, deferred := site.Instr.(*ssa.Defer); deferred || site.AtExit {
			return wake.Wake{}, false // ok: runs as fn returns, which the Wait does not order
		}
		if cfg.Reaches(start, site.Instr, isWait) || cfg.Reaches(site.Instr, wait, nil) {
			// ok: the channel can be woken before the Wait: between the
			// start and the Wait, or before the goroutine even starts (the
			// jobs queued and closed, then the workers started)
			return wake.Wake{}, false
		}
	}
	if firstClose == nil {
		return wake.Wake{}, false
	}
	return *firstClose, true
}

func (c *checker) reportJoinBeforeWake(fn *ssa.Function, start ssa.CallInstruction, wait *ssa.Call, recv *ssa.UnOp, first wake.Wake, byClose bool) {
	name := ssax.Name(recv.X)
	if name == "" {
		name = "its channel"
	}
	group := ssax.Name(wait.Call.Args[0])
	if group == "" {
		group = "the WaitGroup"
	}
	msg := fmt.Sprintf("%s.Wait blocks forever: it waits for a goroutine that can return only after receiving from %s, and %s sends on %s or closes it only after this Wait (deadlock)",
		group, name, fnName(fn), name)
	if byClose {
		msg = fmt.Sprintf("%s.Wait blocks forever: it waits for a goroutine that returns only once %s is closed, and %s closes %s only after this Wait (deadlock)",
			group, name, fnName(fn), name)
	}
	if c.joinedBeforeWake == nil {
		c.joinedBeforeWake = map[*ssa.Call]bool{}
	}
	c.joinedBeforeWake[wait] = true
	c.report(analysis.Diagnostic{
		Pos:      wait.Pos(),
		Category: catMutualWait,
		Message:  msg,
		Related: []analysis.RelatedInformation{
			passutil.Related(start.Pos(), "goroutine started here"),
			passutil.Related(ssax.Pos(recv), "the goroutine waits here for %s", name),
			passutil.Related(first.Pos(), "%s is woken here, only after the Wait", name),
		},
	})
}
