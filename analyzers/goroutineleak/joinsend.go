package goroutineleak

import (
	"fmt"
	"go/token"
	"go/types"
	"regexp"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
	"github.com/conclint/conclint/internal/wake"
)

// tempName matches a Wait on a value with no source name.
var tempName = regexp.MustCompile(`^(t[0-9]+)?\.Wait$`)

// checkJoinBeforeDrain reports a Wait of fn that joins a goroutine fn
// started which sends on an unbuffered channel fn makes, when every
// receive of that channel is made by fn past the Wait: the Wait needs the
// goroutine to end, the goroutine's send needs a receiver, and the
// receiver comes only after the Wait. It is the mirror of
// checkJoinBeforeWake, and the common form collects results:
//
//	for _, t := range targets {
//		g.Go(func() error { s, err := scrape(t); if err != nil { return err }; results <- s; return nil })
//	}
//	if err := g.Wait(); err != nil { ... } // blocks forever once one scrape succeeds
//	close(results)
//	for s := range results { ... }
//
// The joins are a (*sync.WaitGroup).Wait that wake.Model.WaitJoins proves
// joins the goroutine, and an errgroup Group's Wait for a function given
// to Go on the same group. The send must be a plain send (or one in a
// select whose only other cases wait for a context's Done) of the
// goroutine's own body or of a function of the package it calls with the
// channel (two calls deep); the channel unbuffered and made by fn; its
// receives all known, all in fn, none deferred, and none reachable from
// the goroutine's start without passing the Wait. A goroutine that sends
// only on some paths (a result only on success) still blocks on those.
func (c *checker) checkJoinBeforeDrain(fn *ssa.Function) {
	c.eachJoin(fn, true, func(start ssa.CallInstruction, wait *ssa.Call, body *ssa.Function) bool {
		send, first, ok := c.sendDrainedOnlyPast(fn, start, wait, body)
		if ok {
			c.reportJoinBeforeDrain(fn, start, wait, send, first)
		}
		return ok
	})
}

// joins reports whether wait returns only once the goroutine started at
// start has ended: a WaitGroup's Wait that the model proves joins it, the
// Wait of the errgroup Group whose Go started it, or the acquire of a
// semaphore's whole weight that the goroutine holds a unit of until it
// returns (wake.SemaphoreJoins).
func (c *checker) joins(wait *ssa.Call, start ssa.CallInstruction) bool {
	if ssax.FullName(ssax.Callee(&wait.Call)) == "(*sync.WaitGroup).Wait" {
		return c.model.WaitJoins(wait, []ssa.CallInstruction{start})
	}
	if wake.FullAcquire(wait) {
		body := c.startedFunc(start)
		return body != nil && wake.SemaphoreJoins(wait, body)
	}
	call, ok := start.(*ssa.Call)
	if !ok || ssax.FullName(ssax.Callee(&call.Call)) != "(*golang.org/x/sync/errgroup.Group).Go" {
		return false
	}
	if wait.Call.Args[0] == call.Call.Args[0] {
		return true // the same group value (g, ctx := errgroup.WithContext(ctx))
	}
	key := wake.ObjectKey(wait.Call.Args[0])
	return key != "" && key == wake.ObjectKey(call.Call.Args[0])
}

// startedFunc returns the function the goroutine started at start runs:
// the callee of a go statement, or the closure given to a Go method.
func (c *checker) startedFunc(start ssa.CallInstruction) *ssa.Function {
	if _, isGo := start.(*ssa.Go); isGo {
		return c.calls.Callee(start.Common())
	}
	if args := start.Common().Args; len(args) == 2 {
		return ssax.FuncValue(args[1])
	}
	return nil
}

// blockedSend is a send a goroutine blocks in: a plain send, or a
// select whose only other cases wait for a context's Done (the send or
// the cancellation: without a receiver, only the cancellation ends it).
type blockedSend struct {
	instr ssa.Instruction
	ch    ssa.Value
	ctx   ssa.Value // the context of the other cases, or nil
	over  string    // a buffered channel's: why the buffer fills before the Wait returns
}

// sendsOf returns the sends of body (sendOrDone), and those of the
// functions of the package it calls with a channel (results <- hits in a
// searchShard(sh, q, results) the goroutine calls), two calls deep, each
// with its channel as body sees it.
func (c *checker) sendsOf(body *ssa.Function, depth int) []blockedSend {
	var out []blockedSend
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if send, ok := sendOrDone(instr); ok {
				out = append(out, send)
				continue
			}
			call, ok := instr.(*ssa.Call)
			if !ok || depth >= 2 {
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg != c.pass.Pkg || len(callee.Blocks) == 0 || callee == body {
				continue
			}
			for _, inner := range c.sendsOf(callee, depth+1) {
				p, isParam := ssax.Unwrap(inner.ch).(*ssa.Parameter)
				if !isParam || p.Parent() != callee {
					continue // a channel the callee finds itself
				}
				if k := slices.Index(callee.Params, p); k >= 0 && k < len(call.Call.Args) {
					inner.ch = call.Call.Args[k]
					out = append(out, inner)
				}
			}
		}
	}
	return out
}

// sendOrDone returns instr as a blockedSend.
func sendOrDone(instr ssa.Instruction) (blockedSend, bool) {
	switch x := instr.(type) {
	case *ssa.Send:
		return blockedSend{instr: x, ch: x.Chan}, true
	case *ssa.Select:
		if !x.Blocking {
			return blockedSend{}, false
		}
		out := blockedSend{instr: x}
		for _, st := range x.States {
			if st.Dir == types.SendOnly {
				if out.ch != nil {
					return blockedSend{}, false
				}
				out.ch = st.Chan
				continue
			}
			ctx, ok := ctxflow.IsDoneChannel(st.Chan)
			if !ok {
				return blockedSend{}, false // another way out
			}
			out.ctx = ctx
		}
		return out, out.ch != nil
	}
	return blockedSend{}, false
}

// sendDrainedOnlyPast returns a send of body (plain, or in a select
// whose other cases wait only for a context's Done) on an unbuffered
// channel fn makes whose every receive is fn's and reachable from start
// only through wait, and the first such receive.
func (c *checker) sendDrainedOnlyPast(fn *ssa.Function, start ssa.CallInstruction, wait *ssa.Call, body *ssa.Function) (blockedSend, wake.Wake, bool) {
	isWait := func(instr ssa.Instruction) bool { return instr == ssa.Instruction(wait) }
	for _, send := range c.sendsOf(body, 0) {
		ch := argumentFor(body, start, send.ch)
		mk, made := soleMake(fn, ch)
		if !made {
			continue
		}
		over := ""
		if capacity, known := chans.Capacity(mk); !known || capacity != 0 {
			var fills bool
			if over, fills = c.bufferFills(fn, start, wait, body, send, mk, capacity, known); !fills {
				continue // ok: the buffer holds what the goroutines send
			}
		}
		send.over = over
		w := c.model.ChanWakes(ch, true)
		if !w.Known || len(w.Sites) == 0 {
			continue
		}
		first, all := wake.Wake{}, true
		for i, site := range w.Sites {
			if site.Instr == nil || site.Instr.Parent() != fn || site.Instr.Block() == nil || site.AtExit {
				all = false
				break
			}
			if _, deferred := site.Instr.(*ssa.Defer); deferred {
				all = false
				break
			}
			if cfg.Reaches(start, site.Instr, isWait) {
				all = false // ok: something receives before the Wait
				break
			}
			if i == 0 {
				first = site
			}
		}
		if all {
			return send, first, true
		}
	}
	return blockedSend{}, wake.Wake{}, false
}

// bufferFills reports whether the buffer of mk (capacity, when known)
// can fill with what the goroutines started at start send before anything
// receives, and says why: the goroutine's sends are plain (a select with
// another way out may give up), and one run of body can make more sends
// than one slot per goroutine holds (make(chan error, len(views)) for one
// goroutine per view that can send two errors), or the goroutines, one per
// iteration of a loop whose trip count has no constant bound that fits
// (spawn.MaxTrips: a range over ids, appended to 256 times, fits 256),
// can send more than a constant capacity holds (errc := make(chan
// error, 1) for one goroutine per server, each of which may fail).
func (c *checker) bufferFills(fn *ssa.Function, start ssa.CallInstruction, wait *ssa.Call, body *ssa.Function, send blockedSend, mk *ssa.MakeChan, capacity int64, known bool) (string, bool) {
	if send.ctx != nil {
		return "", false
	}
	if _, plain := send.instr.(*ssa.Send); !plain {
		return "", false
	}
	beh, ok := c.runBehavior(body, send)
	if !ok || beh.Guarded || beh.Sends == 0 || beh.Recv != spawn.NoRecv || beh.Escapes || beh.Closes {
		return "", false // a sender that closes the channel makes the next send panic, not wait
	}
	per := int64(beh.Sends)
	if beh.Sends >= spawn.Many {
		if n, ok := c.countedSends(body, send); ok {
			per = n // for range portsPerGoroutine { ports <- p }: a known number
		}
	}
	site := start.(ssa.Instruction)
	loops := waitexit.LoopExits(fn)
	inLoop := outermostLoop(loops, site.Block(), wait.Block()) != nil // one Wait joins a loop's goroutines
	switch {
	case !known:
		if !inLoop || per <= 1 || !waitexit.CountedBy(fn, site.Block(), mk.Size) {
			return "", false
		}
		return fmt.Sprintf("it has one slot per goroutine, and one goroutine can send %s", plural(int(min(per, spawn.Many)), "value")), true
	case !inLoop:
		if per <= capacity {
			return "", false
		}
		return fmt.Sprintf("it has capacity %d, and the goroutine can send %s", capacity, plural(int(min(per, spawn.Many)), "value")), true
	default:
		if trips, ok := maxTripsOutside(loops, site.Block(), wait.Block()); ok && int64(trips)*per <= capacity {
			return "", false
		}
		return fmt.Sprintf("it has capacity %d, and the goroutines, one per loop iteration, can send more values than that", capacity), true
	}
}

// countedSends returns how many values one run of body can send on the
// channel of send when every send on it in body lies outside loops or in
// one loop with a constant trip count (ConstTrips): one per send outside,
// the trip count per send inside, summed over all paths. ok is false for a
// send in a loop of unknown length, or in nested loops.
func (c *checker) countedSends(body *ssa.Function, send blockedSend) (int64, bool) {
	loops := waitexit.LoopExits(body)
	var total int64
	want := chans.Origins(send.ch)
	for _, other := range c.sendsOf(body, 0) {
		if !slices.Equal(chans.Origins(other.ch), want) {
			continue // another channel
		}
		x, plain := other.instr.(*ssa.Send)
		if !plain || x.Parent() != body {
			return 0, false // a select, or a send in a callee: not counted here
		}
		if !slices.ContainsFunc(loops, func(l waitexit.Loop) bool { return slices.Contains(l.Blocks, x.Block()) }) {
			total++ // outside loops: once
			continue
		}
		trips, ok := constTripsOutside(loops, x.Block(), nil)
		if !ok {
			return 0, false // a loop of unknown length, or nested loops
		}
		total += int64(trips)
	}
	return total, total > 0
}

// runBehavior returns what one run of body does with the channel of send
// (a free variable or parameter of body, as send sees it): spawn's
// summary, whose Sends is the most sends along one path.
func (c *checker) runBehavior(body *ssa.Function, send blockedSend) (spawn.Behavior, bool) {
	s := c.sp.Summarize(body)
	v := ssax.Unwrap(send.ch)
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X // a captured variable, loaded from its cell
	}
	switch v := v.(type) {
	case *ssa.FreeVar:
		if i := slices.Index(body.FreeVars, v); i >= 0 && i < len(s.FreeVars) {
			return s.FreeVars[i], true
		}
	case *ssa.Parameter:
		if i := slices.Index(body.Params, v); i >= 0 && i < len(s.Params) {
			return s.Params[i], true
		}
	}
	return spawn.Behavior{}, false
}

// soleMake returns the make of fn that ch is, when every origin of ch is
// that one make.
func soleMake(fn *ssa.Function, ch ssa.Value) (*ssa.MakeChan, bool) {
	ids := chans.Origins(ch)
	if len(ids) != 1 || ids[0].Kind != chans.Make || ids[0].Make.Parent() != fn {
		return nil, false
	}
	return ids[0].Make, true
}

func (c *checker) reportJoinBeforeDrain(fn *ssa.Function, start ssa.CallInstruction, wait *ssa.Call, send blockedSend, first wake.Wake) {
	name := ssax.Name(send.ch)
	if mk, ok := soleMake(fn, argumentFor(send.instr.Parent(), start, send.ch)); ok {
		name = chanName(c, mk)
	}
	if name == "" {
		name = "its channel"
	}
	group := ssax.Name(wait.Call.Args[0]) + ".Wait"
	if tempName.MatchString(group) {
		group = "the group's Wait" // g, ctx := errgroup.WithContext(ctx): an SSA temporary
	}
	if wake.FullAcquire(wait) {
		sem := ssax.Name(wait.Call.Args[0])
		if made, ok := ssax.Unwrap(wait.Call.Args[0]).(*ssa.Call); ok {
			sem = c.assignedName(made.Pos(), "the semaphore") // sem := semaphore.NewWeighted(n)
		}
		group = sem + ".Acquire of the whole weight"
	}
	related := []analysis.RelatedInformation{
		passutil.Related(start.Pos(), "goroutine started here"),
		passutil.Related(ssax.Pos(send.instr), "the goroutine blocks here sending on %s", name),
		passutil.Related(first.Pos(), "%s is received from here, only after the Wait", name),
	}
	if mk, ok := soleMake(fn, argumentFor(send.instr.Parent(), start, send.ch)); ok {
		if send.over == "" {
			related = append(related, passutil.Related(mk.Pos(), "%s made here with capacity 0", name))
		} else {
			related = append(related, passutil.Related(mk.Pos(), "%s made here", name))
		}
	}
	forever, deadlock := "blocks forever", "deadlock"
	if send.ctx != nil {
		// the send's select also waits for ctx.Done: the Wait returns
		// only once the context is cancelled, never with the results
		forever = fmt.Sprintf("returns only once %s is cancelled", ssax.Name(send.ctx))
		deadlock = "the results can never be collected"
	}
	msg := fmt.Sprintf("%s %s: it waits for a goroutine that sends on the unbuffered %s, and %s receives from %s only after this Wait (%s)",
		group, forever, name, fnName(fn), name, deadlock)
	if send.over != "" {
		msg = fmt.Sprintf("%s %s once %s is full: it waits for goroutines that send on %s, %s receives from %s only after this Wait, and %s (%s)",
			group, forever, name, name, fnName(fn), name, send.over, deadlock)
		if wake.FullAcquire(wait) {
			// Acquire returns when its context is cancelled: the wait
			// ends then, and the blocked senders stay
			msg = fmt.Sprintf("%s can wait until %s is cancelled once %s is full, and the goroutines stay blocked: they hold the units it waits for and send on %s, %s receives from %s only after this acquire, and %s (deadlock or goroutine leak)",
				group, ssax.Name(wait.Call.Args[1]), name, name, fnName(fn), name, send.over)
		}
	}
	c.report(analysis.Diagnostic{
		Pos:      wait.Pos(),
		Category: catMutualWait,
		Message:  msg,
		Related:  related,
	})
}
