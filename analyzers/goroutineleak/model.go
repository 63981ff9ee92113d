package goroutineleak

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

// The checks of this file are queries over the counterpart model
// (internal/wake): a wait nothing can wake, and a goroutine that can
// never end.

const (
	catOneSided = "one-sided-channel"
	catNeverEnd = "never-ends"
)

// waitsOrSpawns reports whether funcs start a goroutine or wait on a
// channel or a Cond: the model's questions (model.go) have no subject
// otherwise, and the model is not built.
func waitsOrSpawns(funcs []*ssa.Function) bool {
	for _, fn := range funcs {
		if waitsOrSpawns(fn.AnonFuncs) {
			return true
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if ssax.SyncsOnChannel(instr) {
					return true
				}
				switch x := instr.(type) {
				case *ssa.Call:
					if ssax.FullName(ssax.Callee(&x.Call)) == "(*sync.Cond).Wait" {
						return true
					}
				}
			}
		}
	}
	return false
}

// findOneSided records the positions of the waits that nothing can wake.
func (c *checker) findOneSided() {
	c.oneSided = map[token.Pos]bool{}
	for _, fn := range c.funcs {
		if wake.ProcessEntry(fn) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c.model.Stuck(instr) && c.reached(fn) {
					c.oneSided[ssax.Pos(instr)] = true
				}
			}
		}
	}
}

// reached reports whether something shows that fn runs (wake.Evidence):
// a wait nothing can wake is reported only where it can be reached, not in
// a method that only code the package does not show might call.
func (c *checker) reached(fn *ssa.Function) bool {
	if c.runs == nil {
		c.runs = c.model.Evidence(c.calls)
	}
	return c.runs.Runs(fn)
}

// checkOneSided reports, in fn, a receive, send or select that nothing in
// the package can wake: every wake of the channel would be in the package
// (it does not escape) and there is none.
func (c *checker) checkOneSided(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	same := map[string][]ssa.Instruction{}
	firsts := map[string]stuckOp{}
	var order []string
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if !c.model.Stuck(instr) || !c.reached(fn) {
				continue // ok: nothing can wake it, but nothing shows it runs either
			}
			if c.blockForeverIdiom(instr) {
				continue // ok: <-make(chan T) says "block here forever", as select {} does
			}
			var ch ssa.Value
			send := false
			switch x := instr.(type) {
			case *ssa.UnOp:
				ch = x.X
			case *ssa.Send:
				ch, send = x.Chan, true
			case *ssa.Select:
				ch, send = x.States[0].Chan, x.States[0].Dir == types.SendOnly
			case *ssa.Call:
				c.reportCondNever(fn, x)
				continue
			}
			if c.testChoreography(fn, ch) {
				continue // ok: a test's own goroutine, parked harmlessly (testhelpers.go)
			}
			key := oneSidedKey(instr, ch, send)
			if key == "" {
				c.reportOneSided(fn, instr, ch, send, nil)
				continue
			}
			if _, seen := same[key]; !seen {
				order = append(order, key)
				firsts[key] = stuckOp{instr, ch, send}
			}
			same[key] = append(same[key], instr)
		}
	}
	for _, key := range order {
		f := firsts[key]
		c.reportOneSided(fn, f.instr, f.ch, f.send, same[key][1:])
	}
}

// stuckOp is a send or receive of checkOneSided.
type stuckOp struct {
	instr ssa.Instruction
	ch    ssa.Value
	send  bool
}

// oneSidedKey names the channel of a plain send or receive by its
// origins, so that one function's stuck operations on one channel make
// one finding (three sends on a result channel nothing reads); "" for a
// select, or a channel whose origins are not all makes or fields.
func oneSidedKey(instr ssa.Instruction, ch ssa.Value, send bool) string {
	switch instr.(type) {
	case *ssa.Send, *ssa.UnOp:
	default:
		return ""
	}
	ids := chans.Origins(ch)
	if len(ids) == 0 {
		return ""
	}
	key := fmt.Sprint(send)
	for _, id := range ids {
		switch id.Kind {
		case chans.Make:
			key += fmt.Sprintf(" m%d", id.Make.Pos())
		case chans.Field:
			key += fmt.Sprintf(" f%d", id.Field.Pos())
		default:
			return ""
		}
	}
	return key
}

// blockForeverIdiom reports whether instr receives from a channel made
// for that receive alone (<-make(chan T); c := make(chan T); <-c with no
// other use of c in a test file's method that only an interface call
// reaches, a fake that never answers; or an unexported package-level
// variable that only its initializer stores and only this receive reads:
// var chPause = make(chan struct{}); func Pause() { <-chPause }) or from
// a nil channel: no one
// can ever hold the other end, so the wait is written to last forever (a
// mock plugin process parking its main goroutine until it is killed), like
// select {}.
func (c *checker) blockForeverIdiom(instr ssa.Instruction) bool {
	recv, ok := instr.(*ssa.UnOp)
	if !ok || recv.Op != token.ARROW {
		return false
	}
	switch ch := recv.X.(type) {
	case *ssa.MakeChan:
		// The make is the receive's operand (its position follows the
		// arrow), not a variable that someone was meant to signal; in a
		// test file, a variable made for this receive alone too, in a
		// method that only interface calls reach (c := make(chan
		// struct{}); <-c in a fake that must never answer, which the code
		// under test calls through an interface on a goroutine of its
		// own). A test or helper that blocks so is still reported: the
		// test hangs.
		refs := ch.Referrers()
		if refs == nil || len(*refs) != 1 {
			return false
		}
		if recv.Pos().IsValid() && ch.Pos() > recv.Pos() {
			return true
		}
		fn := recv.Parent()
		if fn.Signature.Recv() == nil || !passutil.InTestFile(c.pass, fn) {
			return false
		}
		calls, _ := c.model.Callers(fn)
		for _, call := range calls {
			if call.Common().StaticCallee() != nil {
				return false // a direct call: a test or helper that blocks its caller
			}
		}
		return true
	case *ssa.Const:
		return ch.IsNil()
	case *ssa.UnOp:
		// var chPause = make(chan struct{}); func Pause() { <-chPause }: a
		// package-level variable whose only use is this receive (beside
		// the initializer's store) is made for that receive alone too
		g, ok := ch.X.(*ssa.Global)
		if !ok || ch.Op != token.MUL || token.IsExported(g.Name()) {
			return false
		}
		refs := ch.Referrers()
		if refs == nil || len(*refs) != 1 {
			return false
		}
		for _, use := range c.globalUses()[g] {
			switch x := use.(type) {
			case *ssa.Store:
				if _, isMake := x.Val.(*ssa.MakeChan); !isMake || x.Parent().Synthetic != "package initializer" {
					return false
				}
			case *ssa.UnOp:
				if x != ch {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return false
}

func (c *checker) reportOneSided(fn *ssa.Function, instr ssa.Instruction, ch ssa.Value, send bool, others []ssa.Instruction) {
	name := ssax.Name(ch)
	if mk, ok := ch.(*ssa.MakeChan); ok {
		name = chanName(c, mk) // a lifted local has only an SSA name ("t0")
	}
	if name == "" {
		name = "the channel"
	}
	what, missing := "receive from "+name, "sends on it or closes it"
	if send {
		what, missing = "send on "+name, "receives from it"
	}
	if _, ok := instr.(*ssa.Select); ok {
		what, missing = "select", "wakes any of its cases"
	} else if recv, ok := instr.(*ssa.UnOp); ok && recv.CommaOk && c.rangeLoop(recv) {
		what = "range over " + name
	}
	var related []analysis.RelatedInformation
	for _, id := range chans.Origins(ch) {
		switch id.Kind {
		case chans.Make:
			related = append(related, passutil.Related(id.Make.Pos(), "%s made here", name))
		case chans.Field:
			if _, isNil := c.model.NilField(ch); isNil {
				related = append(related, passutil.Related(id.Field.Pos(), "field %s declared here: nothing in the package sets it", id.Field.Name()))
				continue
			}
			related = append(related, passutil.Related(id.Field.Pos(), "field %s declared here: nothing in the package %s", id.Field.Name(), missing))
		}
	}
	for _, o := range others {
		verb := "receives from"
		if send {
			verb = "sends on"
		}
		related = append(related, passutil.Related(ssax.Pos(o), "the function also %s %s here, and blocks forever there too", verb, name))
	}
	for _, gs := range c.spawnsOf(fn) {
		related = append(related, passutil.Related(gs.Pos(), "goroutine started here"))
	}
	msg := fmt.Sprintf("%s blocks forever: nothing in the package %s (goroutine leak)", what, missing)
	if f, isNil := c.model.NilField(ch); isNil {
		msg = fmt.Sprintf("%s blocks forever: nothing in the package sets the field %s, so the channel is nil (goroutine leak)", what, f.Name())
	}
	if recv, ok := instr.(*ssa.UnOp); ok && !send && !c.model.Unwakeable(ch, false) && c.model.WokenOnlyBySelfAfter(recv, ch) {
		msg = fmt.Sprintf("%s blocks forever: only this goroutine sends on it or closes it, and only after this wait (goroutine leak)", what)
		for _, w := range c.model.ChanWakes(ch, false).Sites {
			related = append(related, passutil.Related(w.Pos(), "the goroutine's own %s, reached only after the wait", w.What))
		}
	}
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(instr),
		Category: catOneSided,
		Message:  msg,
		Related:  related,
	})
}

// reportCondNever reports a Cond.Wait that nothing signals.
func (c *checker) reportCondNever(fn *ssa.Function, wait *ssa.Call) {
	name := ssax.Name(wait.Call.Args[0])
	var related []analysis.RelatedInformation
	for _, gs := range c.spawnsOf(fn) {
		related = append(related, passutil.Related(gs.Pos(), "goroutine started here"))
	}
	c.report(analysis.Diagnostic{
		Pos:      wait.Pos(),
		Category: catOneSided,
		Message:  fmt.Sprintf("%s.Wait blocks forever: nothing in the package calls Signal or Broadcast on it (goroutine leak)", name),
		Related:  related,
	})
}

// rangeLoop reports whether the comma-ok receive recv is the head of a
// for-range loop (its ok tested right after it, in a loop).
func (c *checker) rangeLoop(recv *ssa.UnOp) bool {
	b := recv.Block()
	_, isIf := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	return isIf && len(b.Preds) > 1
}

// spawnsOf returns the go statements of the package that start fn.
func (c *checker) spawnsOf(fn *ssa.Function) []*ssa.Go {
	if c.spawns == nil {
		c.spawns = map[*ssa.Function][]*ssa.Go{}
		for _, f := range c.funcs {
			for _, b := range f.Blocks {
				for _, instr := range b.Instrs {
					if g, ok := instr.(*ssa.Go); ok {
						if body := c.calls.Callee(g.Common()); body != nil {
							c.spawns[body] = append(c.spawns[body], g)
						}
					}
				}
			}
		}
	}
	return c.spawns[fn]
}

// checkNeverEnds reports a goroutine started by fn that can never end:
// its loop comes back forever to a channel wait (a range over a channel
// nothing closes, a ticker's channel, a loop with no exit) and fn is code
// that runs per request or per object, so every call leaves one more.
func (c *checker) checkNeverEnds(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	if c.model.ProcessLifetime(fn) {
		return // ok: started once for the life of the process
	}
	if passutil.ExampleCode(c.pass, fn) {
		// ok: an example shows how to start a service that runs for the
		// life of the program (go metrics.Graphite(...) for a blocking
		// exporter); go test compiles an Example without Output and never
		// runs it, and an examples/ program is a demo
		return
	}
	if len(fn.Blocks) > 0 && !c.model.CanEnd(fn) {
		// ok: the starter itself never returns (a blocking exporter that
		// ranges over its own ticker's channel forever): the goroutine
		// lives exactly as long as the call that owns it
		return
	}
	var loops map[*ssa.BasicBlock]bool // built on the first go statement, in whole-run mode
	c.perCallWorker = true             // a goroutine that keeps working: start-up configuration bounds how many
	defer func() { c.perCall, c.perCallWorker = nil, false }()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			c.perCall = nil
			if c.wholeRun && loops == nil {
				loops = spawn.Cyclic(fn, nil)
			}
			if c.wholeRun && !loops[b] {
				c.perCall = fn // one goroutine per call of fn
			}
			body := c.calls.Callee(g.Common()) // go p.run() through a field, too
			if body == nil || body.Pkg != fn.Pkg || c.model.SpawnedOnce(g) {
				continue // ok: a goroutine started once lives as long as the process
			}
			if c.testLoop(fn, body) {
				continue // ok: a test's own goroutine, idling harmlessly (testhelpers.go)
			}
			if passutil.InScaffoldingFile(c.pass, c.testsOtherCode, g.Pos()) {
				continue // ok: a test (or test helper) of a package whose tests test other code starts it: it idles until the test binary exits (test scaffolding, testhelpers.go)
			}
			if c.model.SetUpService(g) {
				continue // ok: a set-up function's goroutine serves the package, not a call
			}
			if c.model.RetainedForProcess(g) {
				continue // ok: its object is kept in a package-level registry for the life of the process
			}
			f, ok := c.model.ForeverWait(body)
			if !ok {
				if gated, ok := c.model.DataGatedWait(body); ok {
					f = gated
					if packageService(f) || signalService(f) || c.model.EndsProcess(body, f) || c.deferToImporters(fn, f) {
						continue
					}
					if d := c.model.Discarded(g); d != nil && d.Kind == wake.EndedByMethod && !c.model.SentFrom(d.Method, f.Chan) {
						// the method that ends the object's life sends
						// nothing on the channel: no value leads the loop out
						c.reportNeverEnds(fn, g, f, d, true)
					}
					continue
				}
				if u, ok := c.uncancellableDone(g, body); ok {
					if _, loops := u.wait.(*ssa.Select); loops && c.model.Discarded(g) == nil {
						continue // ok: a loop that never ends, kept as a service like any other (wake.Discarded, below)
					}
					c.reportUncancellableDone(fn, g, u)
				}
				continue
			}
			if packageService(f) || signalService(f) {
				continue
			}
			if c.model.EndsProcess(body, f) {
				continue // ok: a goroutine that can end the process supervises it for its whole life
			}
			if c.deferToImporters(fn, f) {
				continue // ok: an internal package's entry: its importers tell once per process from per call
			}
			d := c.model.Discarded(g)
			if d == nil {
				// ok: nothing shows the owner let go while the process
				// runs (no method ends it, no repeated start, the
				// goroutine serves more than the call): a service kept for
				// the life of the process by the package's design
				continue
			}
			c.reportNeverEnds(fn, g, f, d, false)
		}
	}
}

// uncancellable is a goroutine's wait on the Done channel of a context
// nothing can cancel.
type uncancellable struct {
	wait ssa.Instruction // <-ctx.Done(), or the select whose ctx.Done() case is the only way out
	ctx  ssa.Value       // the context, as the goroutine names it
	// uncalled is the context.WithCancel whose cancel function nothing
	// calls while the goroutine waits, when the context would be
	// cancellable through it; nil when it comes from context.Background
	// or TODO alone.
	uncalled *ssa.Call
	// selfRead is, when only the goroutine itself calls that cancel
	// function after this wait, where it reads it back.
	selfRead ssa.Instruction
	// dropped is, when only methods of an object that every caller of
	// the starter drops could call it, the first such call.
	dropped ssa.CallInstruction
	// root is the context.Background or TODO call the context comes from.
	root ssa.Value
}

// uncancellableDone returns a wait of body, the goroutine g starts, on
// ctx.Done() where ctx (a context the goroutine captures, or the argument
// g passes for it) can never be cancelled: every chain of it is rooted in
// context.Background or TODO, through derivations none of which can
// cancel it (ctxflow.CanBeCancelledUnless: a WithCancel whose cancel
// function the package never calls, stored in a field nothing reads, or
// read back only by this goroutine after this wait, cancels nothing; a
// parameter of a function whose every call the package shows is what
// those calls pass). Done of such a context never closes: a plain receive
// from it never returns, and neither does a loop whose only way out is a
// select case on it (every return of body lies past that case).
func (c *checker) uncancellableDone(g *ssa.Go, body *ssa.Function) (uncancellable, bool) {
	ctxOf := func(ch ssa.Value) (ssa.Value, *ssa.CallCommon, bool) {
		call, ok := ch.(*ssa.Call)
		if !ok {
			return nil, nil, false
		}
		ctx, ok := ctxflow.IsContextCall(&call.Call, "Done")
		if !ok {
			return nil, nil, false
		}
		if p, isParam := ctx.(*ssa.Parameter); isParam && body.Parent() == nil {
			i := slices.Index(body.Params, p)
			if g.Call.IsInvoke() || i < 0 || i >= len(g.Call.Args) {
				return nil, nil, false
			}
			ctx = g.Call.Args[i]
		}
		return ctx, &call.Call, true
	}
	// check judges the wait on ctx.Done() at wait; past is the first
	// instruction that runs once the Done channel is closed.
	check := func(wait, past ssa.Instruction, ctx ssa.Value, call *ssa.CallCommon) (uncancellable, bool) {
		var why cancelWhy
		known := ctxflow.Known{
			Uncalled: func(wc *ssa.Call) bool {
				w, ok := c.cancelCalledOnlyAfter(wc, g, body, past)
				if ok && why == (cancelWhy{}) {
					why = w
				}
				return ok
			},
			Stores: c.fieldStores,
			Args:   c.calls.ParamArgs,
		}
		can, uncalled, root := ctxflow.CanBeCancelledUnless(ctx, known)
		if can {
			return uncancellable{}, false
		}
		if uncalled == nil {
			why = cancelWhy{}
		}
		return uncancellable{wait: wait, ctx: doneReceiver(call), uncalled: uncalled, selfRead: why.selfRead, dropped: why.dropped, root: root}, true
	}
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op != token.ARROW {
					continue
				}
				ctx, call, ok := ctxOf(x.X)
				if !ok {
					continue
				}
				if u, never := check(x, x, ctx, call); never {
					return u, true
				}
			case *ssa.Select:
				if !x.Blocking {
					continue
				}
				for i, cb := range spawn.CaseBlocks(x) {
					st := x.States[i]
					if cb == nil || st.Dir != types.RecvOnly {
						continue
					}
					ctx, call, ok := ctxOf(st.Chan)
					if !ok || !returnsOnlyPast(body, cb) {
						continue
					}
					if u, never := check(x, cb.Instrs[0], ctx, call); never {
						return u, true
					}
				}
			}
		}
	}
	return uncancellable{}, false
}

// returnsOnlyPast reports whether every return of fn (but a panic's) lies
// in a block that cb dominates, and fn has one.
func returnsOnlyPast(fn *ssa.Function, cb *ssa.BasicBlock) bool {
	n := 0
	for _, b := range fn.Blocks {
		if b == fn.Recover {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if !cb.Dominates(b) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// cancelReads is ctxflow.CancelReads of one WithCancel call.
type cancelReads struct {
	reads []ssa.Instruction
	ok    bool
}

// cancelWhy says why a cancel function that the package reads back
// cannot run while the goroutine waits (cancelCalledOnlyAfter); both
// empty when nothing reads it back.
type cancelWhy struct {
	selfRead ssa.Instruction     // read back only by the goroutine, after its wait
	dropped  ssa.CallInstruction // kept in an object every call of the starter drops: the first call
}

// cancelCalledOnlyAfter reports whether the cancel function of wc, a
// context.WithCancel, cannot run while the goroutine g starts (running
// body) waits for the context: nothing in the package calls it
// (ctxflow.CancelReads finds it dropped, or kept in fields nothing
// reads); or it is read back only by that goroutine once the wait is over
// (at past or after it), in body or in a function only body calls there
// (rows.awaitDone: <-ctx.Done(); rs.close(), and close is what calls
// rs.cancel); or it is kept in an object that every call of the starter
// drops (droppedOwner). The last two need the one goroutine per context:
// wc and g in one function, g on no loop of it, and g the only start of
// body.
func (c *checker) cancelCalledOnlyAfter(wc *ssa.Call, g *ssa.Go, body *ssa.Function, past ssa.Instruction) (cancelWhy, bool) {
	cr, seen := c.cancelReads[wc]
	if !seen {
		if c.cancelReads == nil {
			c.cancelReads = map[*ssa.Call]cancelReads{}
		}
		cr.reads, cr.ok = ctxflow.CancelReads(wc, c.funcs)
		c.cancelReads[wc] = cr
	}
	if !cr.ok {
		return cancelWhy{}, false
	}
	if len(cr.reads) == 0 {
		return cancelWhy{}, true
	}
	fn := g.Parent()
	if wc.Parent() != fn || spawn.Cyclic(fn, nil)[g.Block()] {
		return cancelWhy{}, false
	}
	if starts, known := c.calls.KnownCalls(body); !known || len(starts) != 1 || starts[0] != ssa.CallInstruction(g) {
		return cancelWhy{}, false
	}
	afterWait := func(instr ssa.Instruction) bool {
		return instr.Parent() == body && instr.Block() != nil && cfg.Dominates(past, instr)
	}
	onlyAfter := func(r ssa.Instruction) bool {
		if afterWait(r) {
			return true
		}
		calls, known := c.calls.KnownCalls(r.Parent())
		if !known {
			return false
		}
		for _, call := range calls {
			if !afterWait(call) {
				return false
			}
		}
		return true
	}
	if !slices.ContainsFunc(cr.reads, func(r ssa.Instruction) bool { return !onlyAfter(r) }) {
		return cancelWhy{selfRead: cr.reads[0]}, true
	}
	if call := c.droppedOwner(wc, g, body); call != nil {
		return cancelWhy{dropped: call}, true
	}
	return cancelWhy{}, false
}

// droppedOwner returns the first call of the starter fn (the function of
// g and wc) when wc's cancel function is kept only in a field of an object
// fn makes, hands to the goroutine g and returns, every call of fn drops
// that result, and the goroutine only reads the object's fields: no code
// can reach the object to call the cancel (cockroach#13197: begin's *Tx,
// whose Rollback is the only cancel, dropped by the caller). nil
// otherwise.
func (c *checker) droppedOwner(wc *ssa.Call, g *ssa.Go, body *ssa.Function) ssa.CallInstruction {
	fn := g.Parent()
	cancel := ssax.ResultValue(wc, 1)
	if cancel == nil {
		return nil
	}
	var obj *ssa.Alloc
	for _, r := range *cancel.Referrers() {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			fa, ok := x.Addr.(*ssa.FieldAddr)
			if !ok || x.Val != cancel {
				return nil
			}
			a, isAlloc := fa.X.(*ssa.Alloc)
			if !isAlloc || a.Parent() != fn || (obj != nil && obj != a) {
				return nil
			}
			obj = a
		default:
			return nil
		}
	}
	if obj == nil {
		return nil
	}
	// obj's uses in fn: its fields set, handed to g, returned; nothing else.
	result, arg := -1, -1
	for _, r := range *obj.Referrers() {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			for _, u := range *x.Referrers() {
				if st, ok := u.(*ssa.Store); !ok || st.Addr != ssa.Value(x) {
					if _, dbg := u.(*ssa.DebugRef); !dbg {
						return nil
					}
				}
			}
		case *ssa.Go:
			i := slices.Index(x.Call.Args, ssa.Value(obj))
			if x != g || i < 0 || arg >= 0 {
				return nil
			}
			arg = i
		case *ssa.Return:
			i := slices.Index(x.Results, ssa.Value(obj))
			if i < 0 || (result >= 0 && i != result) {
				return nil
			}
			result = i
		default:
			return nil
		}
	}
	if result < 0 || arg < 0 || g.Call.IsInvoke() || body.Parent() != nil || arg >= len(body.Params) {
		return nil
	}
	// The goroutine only reads obj's fields.
	for _, r := range *body.Params[arg].Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok {
			if _, dbg := r.(*ssa.DebugRef); dbg {
				continue
			}
			return nil
		}
		for _, u := range *fa.Referrers() {
			if ld, ok := u.(*ssa.UnOp); !ok || ld.Op != token.MUL {
				return nil
			}
		}
	}
	calls, known := c.calls.KnownCalls(fn)
	if !known {
		return nil
	}
	for _, call := range calls {
		if !dropsResult(call, result) {
			return nil
		}
	}
	return calls[0]
}

// dropsResult reports whether call discards result number i of its
// callee: a go or defer statement, or a call that never reads it.
func dropsResult(call ssa.CallInstruction, i int) bool {
	c, ok := call.(*ssa.Call)
	return !ok || ssax.ResultUnread(c, i)
}

// fieldStores returns the values the package stores into field f, when
// they are all known (ctxflow.FieldStores).
func (c *checker) fieldStores(f *types.Var) ([]ssa.Value, bool) {
	return ctxflow.FieldStores(f, c.pass.Pkg, c.funcs)
}

// doneReceiver is the context of a ctx.Done() call, as the goroutine
// names it.
func doneReceiver(c *ssa.CallCommon) ssa.Value {
	if c.IsInvoke() {
		return c.Value
	}
	return c.Args[0]
}

func (c *checker) reportUncancellableDone(fn *ssa.Function, g *ssa.Go, u uncancellable) {
	name := ssax.Name(u.ctx)
	what := "blocks forever in <-" + name + ".Done()"
	if _, ok := u.wait.(*ssa.Select); ok {
		what = "never ends: its only way out is <-" + name + ".Done()"
	}
	related := []analysis.RelatedInformation{passutil.Related(g.Pos(), "goroutine started here by %s", fnName(fn))}
	why := fmt.Sprintf("%s comes from context.Background or TODO and nothing can cancel it (its Done channel is nil)", name)
	switch {
	case u.selfRead != nil:
		why = fmt.Sprintf("%s is cancelled only by a cancel function that this goroutine itself calls, after this wait", name)
		related = append(related,
			passutil.Related(u.uncalled.Pos(), "the cancel function of this context.WithCancel"),
			passutil.Related(u.selfRead.Pos(), "read back here, only after the wait"))
	case u.dropped != nil:
		why = fmt.Sprintf("%s is cancelled only through the object %s returns, and every call of %s drops it", name, fnName(fn), fnName(fn))
		related = append(related,
			passutil.Related(u.uncalled.Pos(), "the cancel function of this context.WithCancel is kept in that object"),
			passutil.Related(u.dropped.Pos(), "the result is dropped here"))
	case u.uncalled != nil:
		why = fmt.Sprintf("%s is cancelled only by a cancel function that nothing in the package calls", name)
		related = append(related, passutil.Related(u.uncalled.Pos(), "the cancel function of this context.WithCancel is stored but never called"))
	}
	if u.root != nil && u.root.Parent() != fn && u.root.Parent() != g.Parent() && u.root.Pos().IsValid() {
		related = append(related, passutil.Related(u.root.Pos(), "the context comes from here"))
	}
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(u.wait),
		Category: catNeverEnd,
		Message: fmt.Sprintf("goroutine started by %s %s: %s; each call of %s leaves one more goroutine (goroutine leak)",
			fnName(fn), what, why, fnName(fn)),
		Related: related,
	})
}

// packageService reports whether the wait that keeps the goroutine alive
// is only on package-level channels: the goroutine serves the package, not
// an object or a request, and is started once (runtime's signal mask
// thread, a package's event loop behind a once-guard).
func packageService(f wake.Forever) bool {
	return waitsOnlyOn(f, func(id chans.ID) bool { return id.Kind == chans.Global })
}

// waitsOnlyOn reports whether the goroutine's forever wait is on channels
// every origin of which satisfies ok.
func waitsOnlyOn(f wake.Forever, ok func(chans.ID) bool) bool {
	chs := wake.WaitChannels(f.Wait)
	for _, ch := range chs {
		ids := chans.Origins(ch)
		if len(ids) == 0 {
			return false
		}
		for _, id := range ids {
			if !ok(id) {
				return false
			}
		}
	}
	return len(chs) > 0
}

// signalService reports whether the goroutine waits only on channels that
// os/signal.Notify feeds: signals belong to the process, and a goroutine
// that handles them serves the process for its whole life (a plugin's
// Serve eating interrupts), however it is started.
func signalService(f wake.Forever) bool {
	return waitsOnlyOn(f, func(id chans.ID) bool { return id.Kind == chans.Make && notified(id.Make) })
}

// notified reports whether the function that makes mk passes the channel
// to os/signal.Notify.
func notified(mk *ssa.MakeChan) bool {
	for _, b := range mk.Parent().Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || len(call.Call.Args) == 0 || ssax.FullName(ssax.Callee(&call.Call)) != "os/signal.Notify" {
				continue
			}
			for _, id := range chans.Origins(call.Call.Args[0]) {
				if id.Kind == chans.Make && id.Make == mk {
					return true
				}
			}
		}
	}
	return false
}

// reportNeverEnds reports the goroutine g starts, which waits forever at
// f; gated says it can leave its loop, but only after receiving another
// value from f.Chan (wake.Model.DataGatedWait).
func (c *checker) reportNeverEnds(fn *ssa.Function, g *ssa.Go, f wake.Forever, d *wake.Discard, gated bool) {
	why := "its loop has no exit"
	what := waitWhat(f)
	related := []analysis.RelatedInformation{passutil.Related(g.Pos(), "goroutine started here by %s", fnName(fn))}
	switch d.Kind {
	case wake.EndedByMethod:
		related = append(related, passutil.Related(d.Method.Pos(), "%s ends the object's life but does not stop the goroutine", d.Method.FullName()))
	case wake.StartedRepeatedly:
		if d.Call != nil {
			related = append(related, passutil.Related(d.Call.Pos(), "%s is called here, one of its many runs", fnName(fn)))
		}
	case wake.Forgotten:
		related = append(related, passutil.Related(fn.Pos(), "%s keeps the object in a registry that other code removes it from; the goroutine runs on", fnName(fn)))
	case wake.PerCall:
		related = append(related, passutil.Related(fn.Pos(), "the goroutine serves only this call of %s, which returns", fnName(fn)))
	}
	if f.Chan != nil {
		name := ssax.Name(f.Chan)
		why = "the loop ends only when " + name + " is closed, and nothing closes it"
		if gated {
			why = "it leaves only after receiving another value from " + name + " (its other exits lie past that receive) and nothing closes " + name + ": once the values stop, it waits there forever"
		}
		if wake.Ticker(f.Chan) {
			why += " (a ticker's channel never is)"
		}
		for _, id := range chans.Origins(f.Chan) {
			if id.Kind == chans.Make {
				related = append(related, passutil.Related(id.Make.Pos(), "%s made here", name))
			}
		}
		if stop := tickerStop(fn); stop != nil {
			related = append(related, passutil.Related(stop.Pos(), "Stop stops the ticker but does not close %s: the loop keeps waiting", name))
		}
	} else if sel, ok := f.Wait.(*ssa.Select); ok {
		why = "no case of the select can lead out of the loop (a case with an exit takes it only when its channel is closed, and nothing closes it)"
		if len(ssax.Returns(f.Fn)) == 0 {
			why = "the loop has no exit: no case of the select leaves it, not even one whose channel is closed"
		}
		for _, st := range sel.States {
			if st.Dir == types.RecvOnly && wake.Ticker(st.Chan) {
				related = append(related, passutil.Related(st.Pos, "this case waits on a ticker's or timer's channel, which is never closed"))
				break
			}
		}
		for _, st := range sel.States {
			if field, isNil := c.model.NilField(st.Chan); isNil {
				why = fmt.Sprintf("no case of the select can lead out of the loop: its way out waits on %s, which nothing in the package sets, so it is nil and never ready (a close of it panics)", ssax.Name(st.Chan))
				related = append(related, passutil.Related(field.Pos(), "field %s declared here: nothing in the package sets it", field.Name()))
				break
			}
		}
	}
	for _, call := range f.Via {
		related = append(related, passutil.Related(ssax.Pos(call), "the goroutine calls %s, which never returns", calleeName(call)))
	}
	cost := fmt.Sprintf("each call of %s leaves one more goroutine running", fnName(fn))
	if d.Kind == wake.EndedByMethod {
		// the evidence is the method that ends the object's life, not
		// repeated calls (the start may be guarded by a sync.Once)
		cost = fmt.Sprintf("%s does not stop it, so each object leaves its goroutine running after %s", ssax.ShortFuncName(d.Method), ssax.ShortFuncName(d.Method))
	}
	msg := fmt.Sprintf("goroutine started by %s never ends: it waits in %s forever, as %s; %s (goroutine leak)",
		fnName(fn), what, why, cost)
	if ctx, ok := spinsOnDone(f); ok {
		// a select in a loop with no exit whose case on ctx.Done() does
		// not leave: once ctx is done that case is ready every time
		msg = fmt.Sprintf("goroutine started by %s never ends: its loop has no exit, and once %s is done its case on %s.Done() is ready every time and does not leave, so the loop spins; %s (goroutine leak)",
			fnName(fn), ssax.Name(ctx), ssax.Name(ctx), cost)
	}
	if closer := c.closerOfWait(f); closer != nil {
		// a loop with no exit over a channel that is closed: once it
		// is, the receive returns at once and the goroutine spins
		msg = fmt.Sprintf("goroutine started by %s never ends: its loop has no exit, and once %s closes the channel it receives from, the %s returns at once and the loop spins; %s (goroutine leak)",
			fnName(fn), fnName(closer.Parent()), what, cost)
		related = append(related, passutil.Related(closer.Pos(), "the channel is closed here"))
	}
	if gated {
		msg = fmt.Sprintf("goroutine started by %s outlives its object: it waits in %s, as %s; %s (goroutine leak)",
			fnName(fn), what, why, cost)
	}
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(f.Wait),
		Category: catNeverEnd,
		Message:  msg,
		Related:  related,
	})
}

// spinsOnDone returns the context whose Done() a case of f's select
// receives from, when f's wait is a select in a loop with no exit (its
// function has no return): cancelling the context makes that case ready
// every time, and the loop spins instead of waiting.
func spinsOnDone(f wake.Forever) (ssa.Value, bool) {
	sel, ok := f.Wait.(*ssa.Select)
	if !ok || f.Chan != nil || len(ssax.Returns(f.Fn)) > 0 {
		return nil, false
	}
	for _, st := range sel.States {
		if st.Dir != types.RecvOnly {
			continue
		}
		if ctx, ok := ctxflow.IsDoneChannel(st.Chan); ok {
			return ctx, true
		}
	}
	return nil, false
}

// closerOfWait returns a close of the channel f's wait receives from, when
// the wait is a plain receive in a loop with no exit (f.Chan is nil) and
// the package closes that channel: the first close in the package's order.
func (c *checker) closerOfWait(f wake.Forever) ssa.Instruction {
	recv, ok := f.Wait.(*ssa.UnOp)
	if f.Chan != nil || !ok || recv.Op != token.ARROW {
		return nil
	}
	for _, s := range c.model.ChanWakes(recv.X, false).Sites {
		if s.What == "close" && s.Instr != nil {
			return s.Instr
		}
	}
	return nil
}

// waitWhat names the forever wait of f for a message.
func waitWhat(f wake.Forever) string {
	if f.Chan != nil {
		return "range over " + ssax.Name(f.Chan)
	}
	switch x := f.Wait.(type) {
	case *ssa.UnOp:
		return "receive from " + ssax.Name(x.X)
	case *ssa.Select:
		return "select"
	case *ssa.Send:
		return "send on " + ssax.Name(x.Chan)
	}
	return "wait"
}

// tickerStop returns a call of (*time.Ticker).Stop in fn, the starter: the
// Stop that the reader may take for the goroutine's end.
func tickerStop(fn *ssa.Function) ssa.CallInstruction {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok && ssax.FullName(ssax.Callee(c.Common())) == "(*time.Ticker).Stop" {
				return c
			}
		}
	}
	return nil
}

// outcomeTaken reports whether every path of fn from g's start to a return
// passes a blocking select whose cases all receive from channels that g
// wakes at most one of, once (wake.OneOutcome): the select took g's
// outcome, so g's send on u's channel either happened and was received or
// never happens (pull_test's "errs <- err; return" beside "close(done);
// return").
func (c *checker) outcomeTaken(fn *ssa.Function, u *chanUse, g goroutine) bool {
	body := c.startedBody(g)
	if body == nil || c.model == nil {
		return false
	}
	var sels []*ssa.Select
	taken := map[*ssa.BasicBlock]bool{} // case blocks that took g's outcome
	for _, ev := range u.events {
		sel, ok := ev.instr.(*ssa.Select)
		if !ok || ev.kind != evRecv || !sel.Blocking {
			continue
		}
		var chs []ssa.Value
		for _, st := range sel.States {
			if st.Dir != types.RecvOnly {
				chs = nil
				break
			}
			chs = append(chs, st.Chan)
		}
		if len(chs) > 1 && c.model.OneOutcome(body, chs) {
			sels = append(sels, sel)
			continue
		}
		// A select that also waits for others (a timeout): its cases on
		// g's outcome channels took g's outcome; its other cases did not.
		var mine []ssa.Value
		var cases []int
		for i, ch := range chs {
			if c.model.WokenOnlyBy(ch, body) {
				mine = append(mine, ch)
				cases = append(cases, i)
			}
		}
		if len(mine) == 0 || len(mine) == len(chs) || !c.model.SameChannel(u.mk, mine) || !c.model.OneOutcome(body, mine) {
			continue
		}
		blocks := spawn.CaseBlocks(sel)
		for _, i := range cases {
			if blocks[i] == nil {
				taken = nil
				break
			}
			taken[blocks[i]] = true
		}
		if taken == nil {
			taken = map[*ssa.BasicBlock]bool{}
		}
	}
	if len(sels) == 0 && len(taken) == 0 {
		return false
	}
	stop := func(instr ssa.Instruction) bool {
		for _, s := range sels {
			if instr == s {
				return true
			}
		}
		if taken[instr.Block()] {
			return true
		}
		return c.noReturnCall(instr)
	}
	return cfg.ReturnAvoiding(g.site, stop) == nil
}

// joinedBlocks returns the blocks of fn at whose end every goroutine of
// senders has returned, so none of their sends is pending: a block that
// calls a WaitGroup.Wait joining them (wake.WaitJoins), or that a receive
// from a channel closed only after such a Wait enters (wake.CloseJoins:
// a plain receive, or the case of a select). A sender started in the
// block after the join is not covered, and the block does not count.
func (c *checker) joinedBlocks(fn *ssa.Function, senders []goroutine) map[*ssa.BasicBlock]bool {
	if c.model == nil || len(senders) == 0 {
		return nil
	}
	sites := make([]ssa.CallInstruction, len(senders))
	for i, g := range senders {
		sites[i] = g.site
	}
	// startedAfter reports whether a sender starts in b at or after index i.
	startedAfter := func(b *ssa.BasicBlock, i int) bool {
		for _, s := range sites {
			if s.Block() == b && cfg.Index(s) >= i {
				return true
			}
		}
		return false
	}
	var out map[*ssa.BasicBlock]bool
	mark := func(b *ssa.BasicBlock, i int) {
		if b == nil || startedAfter(b, i) {
			return
		}
		if out == nil {
			out = map[*ssa.BasicBlock]bool{}
		}
		out[b] = true
	}
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			if x, ok := instr.(*ssa.Call); ok && c.model.WaitJoins(x, sites) {
				mark(b, i)
			}
		}
	}
	eachReceive(fn, func(ch ssa.Value) bool { return c.model.CloseJoins(ch, sites) }, func(recv *ssa.UnOp, caseBlock *ssa.BasicBlock) {
		if recv != nil {
			mark(recv.Block(), cfg.Index(recv))
		} else {
			mark(caseBlock, 0)
		}
	})
	return out
}

// eachReceive calls visit for each wait of fn that completes only by a
// receive from a channel that pred accepts: a plain receive (recv), or a
// receiving case of a select (caseBlock, the block the case enters).
func eachReceive(fn *ssa.Function, pred func(ch ssa.Value) bool, visit func(recv *ssa.UnOp, caseBlock *ssa.BasicBlock)) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && pred(x.X) {
					visit(x, nil)
				}
			case *ssa.Select:
				cases := spawn.CaseBlocks(x)
				for k, st := range x.States {
					if st.Dir == types.RecvOnly && cases[k] != nil && pred(st.Chan) {
						visit(nil, cases[k])
					}
				}
			}
		}
	}
}

// globalUses lists, for each package-level variable, the instructions of
// the package (its initializer included) that name it, built on first use.
func (c *checker) globalUses() map[*ssa.Global][]ssa.Instruction {
	if c.globals == nil {
		c.globals = map[*ssa.Global][]ssa.Instruction{}
		var rands []*ssa.Value
		for _, fn := range ssax.WithInit(nil, c.funcs) {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					rands = instr.Operands(rands[:0])
					for _, op := range rands {
						if g, ok := (*op).(*ssa.Global); ok {
							c.globals[g] = append(c.globals[g], instr)
						}
					}
				}
			}
		}
	}
	return c.globals
}

// releasedAtReturn reports whether the goroutine g reaches its send only
// through a select with a case on ctx.Done() of a context that the owner
// fn cancels as it returns at ret (a defer cancel() run on every path to
// ret), a case that does not lead to the send: once fn returns, that case
// is ready, and the goroutine (a watchdog waiting for its timer or for
// the call to end) leaves without sending, unless its timer fired before
// fn returned.
func (c *checker) releasedAtReturn(fn *ssa.Function, g goroutine, ret *ssa.Return) bool {
	body := c.goBody(g)
	if body == nil || g.beh.SendPos == token.NoPos {
		return false
	}
	var send *ssa.Send
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if x, ok := instr.(*ssa.Send); ok && x.Pos() == g.beh.SendPos {
				send = x
			}
		}
	}
	if send == nil {
		return false
	}
	for b := send.Block().Idom(); b != nil; b = b.Idom() {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok || !sel.Blocking {
				continue
			}
			cases := spawn.CaseEdges(sel) // the case's block, or the block after the select an empty case goes to
			for i, st := range sel.States {
				to := cases[i][1]
				if st.Dir != types.RecvOnly || to == nil || len(to.Instrs) == 0 || cfg.Reaches(to.Instrs[0], send, nil) {
					continue
				}
				if ctx, ok := ctxflow.IsDoneChannel(st.Chan); ok && ctxflow.CancelledAtReturn(ctx, ret) {
					return true
				}
			}
		}
	}
	return false
}
