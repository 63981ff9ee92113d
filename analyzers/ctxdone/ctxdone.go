package ctxdone

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
	"github.com/conclint/conclint/internal/wake"
)

//go:embed doc.go
var doc string

// Analyzer reports waits, loops, calls and goroutines that ignore a
// context the function was given.
var Analyzer = &analysis.Analyzer{
	Name:      "ctxdone",
	Doc:       passutil.Doc(doc),
	URL:       "https://github.com/conclint/conclint/blob/main/docs/ctxdone.md",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer, noreturn.Analyzer, callees.Analyzer, blocking.Analyzer},
	Run:       passutil.Guard("ctxdone", run),
	FactTypes: []analysis.Fact{new(IgnoresContextFact)},
}

// IgnoresContextFact marks a function that takes a context, never
// observes it (no Done, no Err, never passes it on), and can wait without
// bound: a goroutine started on it keeps waiting after the context is
// cancelled.
type IgnoresContextFact struct {
	Blocks string // the wait, for a message
}

func (*IgnoresContextFact) AFact() {}

func (f *IgnoresContextFact) String() string { return "ignoresContext(" + f.Blocks + ")" }

// Diagnostic categories, one per kind of finding.
const (
	catSelect    = "select-without-done"
	catWait      = "wait-ignores-context"
	catLoop      = "loop-ignores-context"
	catSibling   = "context-variant"
	catGoroutine = "goroutine-ignores-context"
)

// shortSleep bounds the time.Sleep not reported: it delays
// cancellation by at most that much.
const shortSleep = time.Second

type checker struct {
	pass     *analysis.Pass
	blk      *blocking.Info
	resolver *callees.Resolver
	idx      *chans.Summary
	exits    *waitexit.Checker
	diags    []analysis.Diagnostic
	reported map[*ssa.Function]bool      // functions with a finding in their body
	flagged  map[*ssa.BasicBlock]bool    // blocks with a finding, to not report their loop again
	observes map[*ssa.Function]bool      // memo of waitexit.FuncObservesContext
	calls    map[token.Pos]*ast.CallExpr // by Lparen; the AST index is built lazily
	loops    []ast.Stmt                  // for and range statements
	src      *ssax.Source                // built lazily
	testPkg  bool                        // the package exists only for tests
	// testsOtherCode: the package's _test.go files test code that is not
	// in them (passutil.TestsOtherCode); otherwise it is a bug kernel
	// whose own functions are code (passutil.KernelCode)
	testsOtherCode bool
	srcFuncs       []*ssa.Function // the package's, for the wake model
	model          *wake.Model     // built on first use (wakes)
	closes         *ctxflow.Closes // built on first use (closedElsewhere)
}

// wakes returns the package's wake model, built on first use: only a join
// about to be reported asks it.
func (c *checker) wakes() *wake.Model {
	if c.model == nil {
		c.model = wake.New(c.srcFuncs, c.idx)
	}
	return c.model
}

func (c *checker) source() *ssax.Source {
	if c.src == nil {
		c.src = ssax.SourceOf(c.pass.Files)
	}
	return c.src
}

func run(pass *analysis.Pass) (any, error) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	blk := pass.ResultOf[blocking.Analyzer].(*blocking.Info).Fork()
	idx := blk.Chans() // the package's channel index, shared
	c := &checker{
		pass:     pass,
		blk:      blk,
		resolver: pass.ResultOf[callees.Analyzer].(*callees.Resolver),
		idx:      idx,
		exits:    waitexit.New(idx),
		reported: map[*ssa.Function]bool{},
		flagged:  map[*ssa.BasicBlock]bool{},
		observes: map[*ssa.Function]bool{},
		srcFuncs: ssainfo.SrcFuncs,
	}
	c.testPkg = passutil.TestOnlyPackage(pass)
	c.testsOtherCode = passutil.TestsOtherCode(pass)
	var funcs, checked []*ssa.Function
	for _, fn := range ssainfo.SrcFuncs {
		if c.inTestCode(fn) {
			continue
		}
		funcs = append(funcs, fn)
		if !passutil.ExampleCode(pass, fn) {
			// ok: an example program is a demo that a person runs and
			// stops; its facts still serve the packages that import it
			checked = append(checked, fn)
		}
	}
	passutil.EachFunc(checked, c.checkFunc)
	passutil.EachFunc(checked, c.checkGo)
	passutil.EachFunc(funcs, c.exportFact)
	sort.SliceStable(c.diags, func(i, j int) bool { return c.diags[i].Pos < c.diags[j].Pos })
	for _, d := range c.diags {
		passutil.Report(pass, d)
	}
	return nil, nil
}

// inTestCode reports whether fn is test code: in a _test.go file or in a
// package that exists only for tests (passutil.TestOnlyPackage). ok: a test's
// waits are bounded by the test binary's -timeout, and tests block on
// purpose. A bug kernel's own code, in a package made only of _test.go
// files, is code (passutil.KernelCode).
func (c *checker) inTestCode(fn *ssa.Function) bool {
	return c.testPkg || passutil.InTestFile(c.pass, fn) && !passutil.KernelCode(c.pass, c.testsOtherCode, fn)
}

func (c *checker) report(fn *ssa.Function, instr ssa.Instruction, d analysis.Diagnostic) {
	c.diags = append(c.diags, d)
	c.reported[fn] = true
	if instr != nil && instr.Block() != nil {
		c.flagged[instr.Block()] = true
	}
}

func (c *checker) funcObserves(fn *ssa.Function) bool {
	if v, ok := c.observes[fn]; ok {
		return v
	}
	v := waitexit.FuncObservesContext(fn)
	c.observes[fn] = v
	return v
}

// checkFunc reports the waits, loops and calls of fn that ignore an
// accepted context.
//
// A context read from a struct field counts for selects and loops only:
// such a context belongs to the object's lifetime, and its plain waits are
// usually ended by another goroutine of the object that watches it (as
// os/exec's Cmd.Wait relies on the goroutine that kills the process).
func (c *checker) checkFunc(fn *ssa.Function) {
	if blankContextParam(fn) {
		return // ok: func(_ context.Context) ignores its context on purpose
	}
	ctxs := ctxflow.Accepted(fn)
	if len(ctxs) > 0 && !c.onlyUncancellable(fn, ctxs) {
		ctx := ctxs[0]
		direct := directContext(ctxs)
		var loops []waitexit.Loop
		done, doneDirect := ctxflow.AfterDone(ctx, fn), (*ctxflow.Done)(nil)
		if direct != nil {
			loops = waitexit.LoopExits(fn)
			doneDirect = done
			if direct != ctx {
				doneDirect = ctxflow.AfterDone(direct, fn)
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if sel, ok := instr.(*ssa.Select); ok {
					if done.At(sel) {
						continue // ok: ctx is already done here: the select is clean-up after cancellation
					}
					c.checkSelect(fn, ctx, sel)
				} else if direct != nil {
					if doneDirect.At(instr) {
						continue // ok: reached only after ctx is done (stop a worker, then wait for it)
					}
					c.checkWait(fn, direct, instr, loops)
				}
			}
		}
		c.checkLoops(fn, ctx, done)
	}
	c.checkSiblings(fn)
}

// directContext returns the first of ctxs that is not a struct field.
func directContext(ctxs []ssa.Value) ssa.Value {
	for _, v := range ctxs {
		switch v.(type) {
		case *ssa.UnOp, *ssa.Field:
			continue
		}
		return v
	}
	return nil
}

// checkWait reports instr when it is a wait that ignores ctx; loops are
// fn's.
func (c *checker) checkWait(fn *ssa.Function, ctx ssa.Value, instr ssa.Instruction, loops []waitexit.Loop) {
	if ctxflow.DoneNilAt(ctx, instr) {
		return // ok: on this path ctx.Done() is nil: ctx can never be cancelled
	}
	if send, ok := instr.(*ssa.Send); ok && c.idx.SendToken(send) {
		c.checkAcquire(fn, ctx, send)
		return
	}
	op, ok := c.blk.Classify(instr)
	if !ok || !op.Unbounded() {
		return // ok: not a wait, or bounded by a timer or a Done channel
	}
	switch op.Kind {
	case blocking.ChanRecv, blocking.ChanSend:
		c.checkChanOp(fn, ctx, op)
	case blocking.WaitGroupWait:
		c.checkGroupWait(fn, ctx, op)
	case blocking.Sleep:
		c.checkSleep(fn, ctx, op, loops)
	case blocking.Call:
		c.checkHelper(fn, ctx, op, loops)
	}
}

// checkAcquire reports a bare send that takes a slot of a semaphore
// channel (chans.SendToken): when every slot is held, it waits until one
// is given back, and cancelling ctx does not end that wait.
func (c *checker) checkAcquire(fn *ssa.Function, ctx ssa.Value, send *ssa.Send) {
	if c.holdersObserve(fn, send) {
		return // ok: the slots are given back by goroutines that observe a context: cancelling it frees a slot
	}
	name := ctxName(ctx)
	ch, ok := c.source().ChanOperand(send.Pos())
	if !ok {
		ch = ssax.Name(send.Chan)
	}
	c.report(fn, send, analysis.Diagnostic{
		Pos:      send.Pos(),
		Category: catWait,
		Message:  fmt.Sprintf("send on channel %s acquires a semaphore slot and ignores %s: while every slot is held it waits, and cancelling %s does not end the wait (select on the send and <-%s.Done())", ch, name, name, name),
		Related:  ctxRelated(ctx),
	})
}

// holdersObserve reports whether every release of the semaphore that
// send acquires (a receive from its channel) runs in a function nested in
// fn, or in a function it nests in that is not fn itself, that observes a
// context: the goroutines that hold the slots take the context along (a
// worker started per item, doing ctx-aware work), so cancelling it ends
// their work and gives a slot back, and the acquire waits no longer than
// one of them. A goroutine started per item that acquires and releases
// the slot itself (semaphore <- x; defer func() { <-semaphore }();
// provider.DeletePod(ctx, pod)) waits for its sibling instances, which
// observe the context when it does.
func (c *checker) holdersObserve(fn *ssa.Function, send *ssa.Send) bool {
	found := false
	for _, ch := range c.idx.Channels(send.Chan) {
		for _, u := range ch.Recvs {
			g := u.Instr.Parent()
			observed := false
			for ; g != nil && g != fn; g = g.Parent() {
				if c.funcObserves(g) {
					observed = true
					break
				}
			}
			if g == fn && startedByGo(fn) && c.funcObserves(fn) {
				// ok: fn is a goroutine that acquires and releases the
				// slot itself (one started per item): the holders are its
				// sibling instances, doing the same ctx-aware work
				observed = true
			}
			if !observed {
				return false
			}
			found = true
		}
	}
	return found
}

// startedByGo reports whether fn, an anonymous function, is started as a
// goroutine: its closure (or the function itself) is the callee of a go
// statement, and is used for nothing else.
func startedByGo(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	started := false
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			var v ssa.Value
			switch x := instr.(type) {
			case *ssa.MakeClosure:
				if x.Fn != fn {
					continue
				}
				v = x
			default:
				continue
			}
			refs := v.Referrers()
			if refs == nil {
				return false
			}
			for _, r := range *refs {
				g, ok := r.(*ssa.Go)
				if !ok || g.Call.Value != v {
					return false
				}
				started = true
			}
		}
	}
	if !started {
		for _, b := range parent.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok && g.Call.Value == ssa.Value(fn) {
					started = true
				}
			}
		}
	}
	return started
}

// checkHelper reports, inside a loop of fn that never observes ctx, a call
// to a helper whose summary waits on every path through it on a sleep, a
// send or a receive, and that is not handed a context: cancelling ctx ends
// neither the helper's wait nor the loop. ok: a loop that checks ctx
// (ctx.Err(), ctx.Done(), or passing it on) notices cancellation after at
// most one wait.
func (c *checker) checkHelper(fn *ssa.Function, ctx ssa.Value, op blocking.Op, loops []waitexit.Loop) {
	switch op.LeafKind {
	case blocking.Sleep, blocking.ChanSend, blocking.ChanRecv:
	default:
		return // ok: network and process waits are ctxtimeout's business
	}
	if waitexit.ObservesContext(op.Instr) {
		return // ok: the helper is handed a context
	}
	var loop *waitexit.Loop
	for i := range loops {
		if slices.Contains(loops[i].Blocks, op.Instr.Block()) {
			if loops[i].ObservesContext {
				return // ok: the loop checks the context every iteration
			}
			loop = &loops[i]
		}
	}
	if loop == nil {
		return // ok: one wait, not a loop of them (the loop rule and the goroutine rule cover the rest)
	}
	name := ctxName(ctx)
	c.report(fn, op.Instr, analysis.Diagnostic{
		Pos:      ssax.Pos(op.Instr),
		Category: catWait,
		Message:  fmt.Sprintf("%s ignores %s: nothing in this loop observes %s, so cancelling it ends neither the wait nor the loop (pass %s to the helper and select on <-%s.Done() there)", op.What, name, name, name, name),
		Related:  ctxRelated(ctx),
	})
}

// checkSelect reports a blocking select none of whose cases can fire when
// ctx is cancelled. Accepted ways out are waitexit's: ctx.Done() (of any
// context), a timer, a channel closed somewhere in the package, a channel
// named like a stop signal, a channel that escapes to code that may close
// it, and a channel that a context-observing goroutine sends on or closes.
func (c *checker) checkSelect(fn *ssa.Function, ctx ssa.Value, sel *ssa.Select) {
	if !sel.Blocking {
		return // ok: default case
	}
	e, hasExit := c.exits.HasExit(sel)
	if hasExit && strongExit(e) {
		return // ok: ctx.Done(), a timer, or a channel the package closes
	}
	observed := c.funcObserves(fn)
	if hasExit && observed {
		return // ok: a channel that may be closed elsewhere, in a function that does observe its context
	}
	for _, st := range sel.States {
		if observed && st.Dir == types.RecvOnly && c.rescued(fn, st.Chan, false) {
			return // ok: a goroutine that observes a context feeds this case
		}
	}
	name := ctxName(ctx)
	msg := fmt.Sprintf("select has no case for %s.Done(): it keeps waiting after %s is cancelled (add case <-%s.Done())", name, name, name)
	if hasExit {
		// A channel that escapes or is named like a stop signal may be
		// closed by someone, but nothing here shows it, and the function
		// promised to honour ctx and never looks at it.
		msg = fmt.Sprintf("select has no case for %s.Done(), and %s is never observed here: its only way out is a %s that nothing in this package is shown to close (add case <-%s.Done())", name, name, e, name)
	}
	if len(sel.States) == 0 {
		msg = fmt.Sprintf("select {} blocks forever and ignores %s (wait on <-%s.Done() instead)", name, name)
	}
	c.report(fn, sel, analysis.Diagnostic{
		Pos:      sel.Pos(),
		Category: catSelect,
		Message:  msg,
		Related:  ctxRelated(ctx),
	})
}

// checkChanOp reports a plain send or receive on a channel whose other
// side is only in goroutines that can themselves wait without bound while
// ignoring every context, or that has no other side at all. It is
// deliberately narrow: a channel that escapes, is closed, has a
// counterpart in fn itself or in a goroutine that observes a context, or
// was made with a buffer of unknown size, is not reported.
func (c *checker) checkChanOp(fn *ssa.Function, ctx ssa.Value, op blocking.Op) {
	recv := op.Kind == blocking.ChanRecv
	if recv {
		if _, ok := c.exits.CanEnd(op.Chan); ok {
			return // ok: closed, escaping, timer, Done or stop-named channel
		}
	} else if !c.visibleUnbuffered(op.Chan) {
		return // ok: buffered, or receivers we cannot see
	}
	if c.rescued(fn, op.Chan, !recv) {
		return // ok: the other side observes a context
	}
	var others []chans.Use
	for _, ch := range c.idx.Channels(op.Chan) {
		if recv {
			others = append(others, ch.Sends...)
			others = append(others, ch.Closes...)
		} else {
			others = append(others, ch.Recvs...)
		}
	}
	name := ctxName(ctx)
	related := ctxRelated(ctx)
	what := c.describe(op)
	var why string
	if len(others) == 0 && !c.wakes().Unwakeable(op.Chan, !recv) {
		return // ok: made by code the package does not show (a test's hook in a field), which keeps the other end (wake.Model.Unwakeable)
	}
	if len(others) == 0 {
		side := "sends on it or closes it"
		if !recv {
			side = "receives from it"
		}
		why = fmt.Sprintf("nothing %s, so it blocks forever", side)
	} else {
		for _, u := range others {
			g := u.Instr.Parent()
			if g == fn {
				return // ok: the other side is this function's own, synchronous
			}
			slow, ok := c.waitsElsewhere(g, u.Instr, op.Chan, sentOn(fn)...)
			if !ok {
				return // ok: the other side does not wait for long
			}
			related = append(related, passutil.Related(u.Pos(), "the other side is here, in a goroutine that first may wait forever on %s", slow.What))
		}
		why = "its other side waits without bound and never observes a context"
	}
	c.report(fn, op.Instr, analysis.Diagnostic{
		Pos:      ssax.Pos(op.Instr),
		Category: catWait,
		Message:  fmt.Sprintf("%s ignores %s: %s (select on it and <-%s.Done())", what, name, why, name),
		Related:  related,
	})
}

// visibleUnbuffered reports whether every channel ch may be is a make in
// this package with a constant zero buffer that does not escape.
func (c *checker) visibleUnbuffered(ch ssa.Value) bool {
	ids := chans.Origins(ch)
	if len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		if id.Kind != chans.Make {
			return false
		}
		if n, known := chans.Capacity(id.Make); !known || n != 0 {
			return false
		}
	}
	for _, info := range c.idx.Channels(ch) {
		if len(info.Escapes) > 0 || len(info.IDs) > len(ids) {
			return false
		}
	}
	return true
}

// rescued reports whether a goroutine other than fn that observes a
// context sends on or closes ch (forSend: receives from ch): it presumably
// does so when the context is cancelled.
func (c *checker) rescued(fn *ssa.Function, ch ssa.Value, forSend bool) bool {
	for _, info := range c.idx.Channels(ch) {
		uses := append(append([]chans.Use(nil), info.Sends...), info.Closes...)
		if forSend {
			uses = info.Recvs
		}
		for _, u := range uses {
			if g := u.Instr.Parent(); g != nil && g != fn && c.funcObserves(g) {
				return true
			}
		}
	}
	return false
}

// sentOn returns the channels fn sends on (plainly or in a select case).
// The other side's waits on them are fed by fn itself: a server loop's
// receive of the next request is satisfied by the request fn sent before
// it waits for the reply (a request carrying its reply channel).
func sentOn(fn *ssa.Function) []ssa.Value {
	var out []ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				out = append(out, x.Chan)
			case *ssa.Select:
				for _, st := range x.States {
					if st.Dir == types.SendOnly {
						out = append(out, st.Chan)
					}
				}
			}
		}
	}
	return out
}

// waitsElsewhere returns a wait of g, other than its operations on ch
// (and on the channels of fed), that can last forever, when g observes no
// context. With before set (g's own operation on ch), only a wait that can
// come before it counts: a wait after g's last operation on the channel
// (r.started <- err; ...; cmd.Wait()) does not keep the other side
// waiting.
func (c *checker) waitsElsewhere(g *ssa.Function, before ssa.Instruction, ch ssa.Value, fed ...ssa.Value) (blocking.Op, bool) {
	if g == nil || c.funcObserves(g) {
		return blocking.Op{}, false
	}
	same := c.idx.Channels(ch)
	for _, v := range fed {
		same = append(same, c.idx.Channels(v)...)
	}
	isSame := func(v ssa.Value) bool {
		for _, x := range c.idx.Channels(v) {
			for _, y := range same {
				if x == y {
					return true
				}
			}
		}
		return false
	}
	var cycles map[*ssa.BasicBlock]bool
	cyclic := func(fn *ssa.Function) map[*ssa.BasicBlock]bool {
		if cycles == nil {
			cycles = spawn.Cyclic(fn, nil)
		}
		return cycles
	}
	for _, b := range g.Blocks {
		for _, instr := range b.Instrs {
			op, ok := c.blk.Classify(instr)
			if !ok || !op.Unbounded() || op.Kind == blocking.MutexLock {
				continue
			}
			if op.Chan != nil && isSame(op.Chan) {
				continue
			}
			if sel, ok := instr.(*ssa.Select); ok && selectUses(sel, isSame) {
				continue
			}
			if c.endsByClose(instr, op) {
				continue // ok: a close in the package ends it (a worker ranging over jobs its owner closes)
			}
			if deadlineBounded(instr, op) {
				continue // ok: the connection gets a deadline here
			}
			if op.Kind == blocking.Sleep && !cyclic(g)[b] {
				continue // ok: one sleep ends by itself (a settle delay between two gathers); a loop of them is the loop's question
			}
			if before != nil && before.Parent() == g && !cfg.Reaches(instr, before, nil) {
				continue // ok: it waits only after its operation on the channel
			}
			return op, true
		}
	}
	return blocking.Op{}, false
}

func selectUses(sel *ssa.Select, isSame func(ssa.Value) bool) bool {
	for _, st := range sel.States {
		if isSame(st.Chan) {
			return true
		}
	}
	return false
}

// checkGroupWait reports wg.Wait (or an errgroup's Wait) when every
// goroutine of the group started in fn can wait without bound and none
// observes a context. Groups not local to fn, and groups with no worker
// found, are not reported.
func (c *checker) checkGroupWait(fn *ssa.Function, ctx ssa.Value, op blocking.Op) {
	call, ok := op.Instr.(*ssa.Call)
	if !ok || len(call.Call.Args) == 0 {
		return
	}
	group := ssax.Unwrap(call.Call.Args[0])
	workers := c.groupWorkers(fn, group)
	if len(workers) == 0 {
		c.checkForeignJoin(fn, ctx, op, group)
		return
	}
	related := ctxRelated(ctx)
	for _, w := range workers {
		slow, ok := c.waitsElsewhere(w.fn, nil, nil)
		if !ok {
			return // ok: a worker observes a context, or does not wait for long
		}
		related = append(related, passutil.Related(w.pos, "goroutine started here may wait forever on %s and never observes a context", slow.What))
	}
	name := ctxName(ctx)
	c.report(fn, op.Instr, analysis.Diagnostic{
		Pos:      ssax.Pos(op.Instr),
		Category: catWait,
		Message:  fmt.Sprintf("%s ignores %s: it waits for goroutines that may never finish and never observe a context (let them select on <-%s.Done())", op.What, name, name),
		Related:  related,
	})
}

// checkForeignJoin reports a join on workers started elsewhere when the
// function checks ctx for cancellation only after it: the author expects
// cancellation here, yet the join cannot see it. ok: without such a check
// we cannot tell who calls Done or how soon; a group made by
// errgroup.WithContext hands its workers a context derived from this one.
func (c *checker) checkForeignJoin(fn *ssa.Function, ctx ssa.Value, op blocking.Op, group ssa.Value) {
	if fromWithContext(group) {
		return
	}
	check, ok := waitexit.ChecksContextAfter(op.Instr)
	if !ok {
		return
	}
	if c.joinedEnd(fn, op.Instr) {
		return // ok: every goroutine the join waits for ends without a context (a quit channel closed, a timer)
	}
	name := ctxName(ctx)
	c.report(fn, op.Instr, analysis.Diagnostic{
		Pos:      ssax.Pos(op.Instr),
		Category: catWait,
		Message:  fmt.Sprintf("%s ignores %s: it joins goroutines started elsewhere and %s is checked only after the join, so a cancellation during it goes unseen (wait in a goroutine that closes a channel, and select on it and <-%s.Done())", op.What, name, name, name),
		Related:  append(ctxRelated(ctx), passutil.Related(ssax.Pos(check), "%s is checked here, after the join", name)),
	})
}

// joinedEnd reports whether the wake model knows every goroutine that the
// join wait (of fn) waits for, the functions whose Done (or return) ends
// it, and each of them ends without any context's help (endsUnaided). A
// Shutdown that closes its workers' quit channel and joins them waits no
// longer than they take to see it. A worker that observes a context does
// not count: it was started elsewhere, with a context that need not be
// this one.
func (c *checker) joinedEnd(fn *ssa.Function, wait ssa.Instruction) bool {
	w, ok := c.wakes().WaitWakes(wait)
	if !ok || !w.Known || len(w.Sites) == 0 {
		return false
	}
	for _, site := range w.Sites {
		if site.Fn == nil || site.Fn == fn || !c.endsUnaided(site.Fn) {
			return false
		}
	}
	return true
}

// endsUnaided reports whether every wait of g has an end that no context
// provides: a timer, a channel the package closes, a deadline on the
// connection, or a lock (held briefly). A select whose only way out is
// some ctx.Done() does not: that context need not be the caller's.
func (c *checker) endsUnaided(g *ssa.Function) bool {
	unaided := func(e waitexit.Exit) bool { return e == waitexit.Timer || e == waitexit.ClosedChannel }
	for _, b := range g.Blocks {
		for _, instr := range b.Instrs {
			op, ok := c.blk.Classify(instr)
			if !ok || op.Kind == blocking.NotBlocking || op.Kind == blocking.MutexLock || op.Bounded {
				continue
			}
			ends := false
			switch x := instr.(type) {
			case *ssa.Select:
				ends = slices.ContainsFunc(c.exits.Cases(x), unaided)
			case *ssa.UnOp:
				if op.Kind == blocking.ChanRecv {
					e, _ := c.exits.CanEnd(op.Chan)
					ends = unaided(e)
				}
			default:
				ends = deadlineBounded(instr, op)
			}
			if !ends {
				return false
			}
		}
	}
	return true
}

// fromWithContext reports whether the group g is the first result of
// errgroup.WithContext.
func fromWithContext(g ssa.Value) bool {
	e, ok := g.(*ssa.Extract)
	if !ok || e.Index != 0 {
		return false
	}
	call, ok := e.Tuple.(*ssa.Call)
	return ok && ssax.FullName(ssax.Callee(&call.Call)) == "golang.org/x/sync/errgroup.WithContext"
}

type worker struct {
	fn  *ssa.Function
	pos token.Pos
}

// groupWorkers returns the goroutines fn starts that belong to group: go
// statements whose closure captures it or whose call is passed it, and
// closures given to its Go method. The functions started are those
// internal/callees resolves to one candidate (a closure literal, a function,
// a function value whose every store the package makes).
func (c *checker) groupWorkers(fn *ssa.Function, group ssa.Value) []worker {
	var out []worker
	uses := func(common *ssa.CallCommon) bool {
		if mc, ok := common.Value.(*ssa.MakeClosure); ok {
			for _, b := range mc.Bindings {
				if ssax.Unwrap(b) == group {
					return true
				}
			}
		}
		for _, a := range common.Args {
			if ssax.Unwrap(a) == group {
				return true
			}
		}
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Go:
				if g := c.resolver.Resolve(&x.Call).Single(); g != nil && uses(&x.Call) {
					out = append(out, worker{g, x.Pos()})
				}
			case *ssa.Call:
				if len(x.Call.Args) != 2 || ssax.Unwrap(x.Call.Args[0]) != group {
					continue
				}
				// group.Go(f): the library starts f in a goroutine
				for _, res := range c.resolver.Implicit(&x.Call) {
					if g := res.Single(); res.Go && g != nil {
						out = append(out, worker{g, x.Pos()})
					}
				}
			}
		}
	}
	return out
}

// checkSleep reports time.Sleep in a loop whose duration is not known to
// be short.
func (c *checker) checkSleep(fn *ssa.Function, ctx ssa.Value, op blocking.Op, loops []waitexit.Loop) {
	call, ok := op.Instr.(*ssa.Call)
	if !ok || shortPause(call, shortSleep) {
		return // ok: a short constant pause delays cancellation by at most that much
	}
	if waitexit.Innermost(loops, call.Block()) == nil {
		// ok: one pause, outside any loop, delays cancellation by its own
		// length and no more: the author chose it (a throttle after a
		// Nack, a final sleep before exit, a delay the request asked for).
		// Repeated, pauses add up without bound: a sleep in a loop, or a
		// sleeping helper called in one (checkHelper), is reported.
		return
	}
	// A loop whose every way out waits for a call that is handed the
	// context to succeed notices nothing: once the context is cancelled,
	// every attempt fails and the loop goes round forever.
	loop := waitexit.Innermost(waitexit.LoopExits(fn), call.Block())
	retry := loop.ExitsOnlyOnSuccess()
	if retry == nil && shortPause(call, pollSleep) && inObservingLoop(fn, op.Instr) {
		return // ok: a polling loop that checks the context every iteration notices cancellation within one pause
	}
	if retry == nil && len(call.Call.Args) == 1 && waitexit.EveryCycleObservesBesides(op.Instr, pauseSources(call.Call.Args[0])) {
		if !loop.GrownInLoop(call.Call.Args[0]) {
			// ok: every way round to the sleep looks at the context (a
			// retry's request takes ctx), and the pause is not one the
			// loop grows itself (a policy or retrier it calls may pick
			// it from the retry count): cancellation is noticed within
			// one pause, whose length the caller configures
			return
		}
	}
	name := ctxName(ctx)
	if retry != nil && waitexit.EveryCycleObservesBesides(op.Instr, nil) {
		callee := "the call"
		if f := ssax.Callee(retry.Common()); f != nil {
			callee = ssax.ShortFuncName(f)
		}
		c.report(fn, op.Instr, analysis.Diagnostic{
			Pos:      ssax.Pos(op.Instr),
			Category: catWait,
			Message: fmt.Sprintf("time.Sleep ignores %s, and the loop ends only when %s succeeds: once %s is cancelled every attempt fails, so the loop sleeps and retries forever (check %s.Err() after a failure, or select on <-%s.Done() and a time.Timer's C)",
				name, callee, name, name, name),
			Related: append(ctxRelated(ctx), passutil.Related(ssax.Pos(retry), "the loop's only way out: %s succeeds", callee)),
		})
		return
	}
	c.report(fn, op.Instr, analysis.Diagnostic{
		Pos:      ssax.Pos(op.Instr),
		Category: catWait,
		Message:  fmt.Sprintf("time.Sleep ignores %s: cancelling %s does not end the sleep (select on <-%s.Done() and a time.Timer's C)", name, name, name),
		Related:  ctxRelated(ctx),
	})
}

// pauseSources returns a predicate for the calls whose results the pause
// d is computed from (wait, ok := retrier.Retry(ctx, n); time.Sleep(wait)),
// following operands within the function: handing ctx to the call that
// picks the pause does not show that the loop notices a cancellation.
func pauseSources(d ssa.Value) func(ssa.Instruction) bool {
	calls := map[ssa.Instruction]bool{}
	seen := map[ssa.Value]bool{}
	var visit func(v ssa.Value, depth int)
	visit = func(v ssa.Value, depth int) {
		if v == nil || seen[v] || depth > 16 {
			return
		}
		seen[v] = true
		instr, ok := v.(ssa.Instruction)
		if !ok {
			return
		}
		if _, ok := v.(*ssa.Phi); ok {
			return
		}
		if call, ok := v.(*ssa.Call); ok {
			calls[call] = true
			return
		}
		var rands []*ssa.Value
		for _, op := range instr.Operands(rands) {
			visit(*op, depth+1)
		}
	}
	visit(d, 0)
	return func(x ssa.Instruction) bool { return calls[x] }
}

// checkLoops reports loops that no path leaves for a return and that never
// observe a context, unless a wait inside was already reported.
func (c *checker) checkLoops(fn *ssa.Function, ctx ssa.Value, done *ctxflow.Done) {
	for _, l := range waitexit.LoopExits(fn) {
		if l.ObservesContext || c.exits.LeavesToReturnLive(fn, l) {
			continue // ok: checks the context, or has a way out
		}
		if loopAfterDone(done, l) {
			continue // ok: the loop runs only after ctx is done
		}
		pos := token.NoPos
		skip := false
		for _, b := range l.Blocks {
			if c.flagged[b] {
				skip = true // ok: the wait inside says it better
			}
			for _, instr := range b.Instrs {
				if _, ok := instr.(*ssa.Phi); ok {
					continue // a phi of a variable declared before the loop
				}
				if p := instr.Pos(); p.IsValid() && (!pos.IsValid() || p < pos) {
					pos = p
				}
			}
		}
		if skip || !pos.IsValid() {
			continue
		}
		if p := c.loopAt(pos); p.IsValid() {
			pos = p
		}
		name := ctxName(ctx)
		c.report(fn, nil, analysis.Diagnostic{
			Pos:      pos,
			Category: catLoop,
			Message:  fmt.Sprintf("loop never exits and never checks %s: it keeps running after %s is cancelled (return when <-%s.Done() fires or %s.Err() != nil)", name, name, name, name),
			Related:  ctxRelated(ctx),
		})
	}
}

// loopAfterDone reports whether every block of l runs only after ctx is
// done.
func loopAfterDone(done *ctxflow.Done, l waitexit.Loop) bool {
	for _, b := range l.Blocks {
		if len(b.Instrs) == 0 || !done.At(b.Instrs[0]) {
			return false
		}
	}
	return len(l.Blocks) > 0
}

// checkSiblings reports calls to a function that has a context-taking
// variant while a context is lexically at hand.
func (c *checker) checkSiblings(fn *ssa.Function) {
	ctxs, req := c.siblingContexts(fn)
	if len(ctxs) == 0 && req == nil {
		return
	}
	dones := make([]*ctxflow.Done, len(ctxs))
	for i, ctx := range ctxs {
		dones[i] = ctxflow.AfterDone(ctx, fn)
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := instr.(*ssa.Go); isGo {
				continue
			}
			c.checkSibling(fn, call, ctxs, req, dones)
		}
	}
}

func (c *checker) checkSibling(fn *ssa.Function, call ssa.CallInstruction, ctxs []ssa.Value, req *ssa.Parameter, dones []*ctxflow.Done) {
	common := call.Common()
	callee := ssax.Callee(common)
	if callee == nil {
		return
	}
	if passutil.OwnAPI(c.pass, callee) {
		// ok: the package calls its own context-free variant with its own
		// context variant in view: the author wrote both and chose (a batch
		// that must be complete before it is recycled)
		return
	}
	for _, a := range common.Args {
		if ctxflow.IsContext(a.Type()) {
			return // ok: it takes a context already
		}
	}
	sig := callee.Type().(*types.Signature)
	if sig.Results().Len() == 0 {
		return // ok: fire-and-forget (slog's Info vs InfoContext): the context carries values, not a wait
	}
	if obj, ok := fn.Object().(*types.Func); ok && strings.HasPrefix(obj.Name(), callee.Name()) {
		return // ok: fn is a variant of callee itself (Query calling Query, QueryContext delegating)
	}
	if _, ok := call.(*ssa.Defer); ok || ssax.OnlyDeferred(fn) {
		// ok: clean-up run as the function returns, often because ctx was
		// cancelled: handed ctx, the variant would skip the clean-up
		return
	}
	for _, done := range dones {
		if done.At(call) {
			return // ok: ctx is already done here; the variant would fail at once (clean-up after cancellation)
		}
	}
	if ctxflow.LocalConnect(call) {
		return // ok: connecting a Unix socket does not wait on the peer: ctx has nothing to cancel
	}
	if closedOnCancel(fn, call, ctxs) {
		return // ok: fn closes the connection under it once ctx is done (a watcher goroutine, context.AfterFunc): cancelling ctx does end the wait
	}
	if givenContextLater(call) {
		return // ok: the result gets the context before use (req.WithContext(ctx), req.Cancel = ctx.Done())
	}
	if sentThroughBoundedClients(call) {
		return // ok: the request is sent only by clients with a Timeout: the wait is bounded, cancellation or not
	}
	if op, ok := c.blk.Classify(call); (!ok || op.Kind == blocking.NotBlocking) && keptBeyond(fn, call) {
		// ok: the call does not wait, and its result is kept beyond this
		// call: the variant would tie it to ctx (exec.CommandContext kills
		// a process meant to outlive the start-up context), and its holder
		// chooses what governs it
		return
	}
	if !c.waitsUnbounded(call) && !c.resultWaits(call) {
		// ok: neither the call nor a use of its result in fn waits without
		// a bound (a constructor whose value goes elsewhere, a config
		// reader, a dial through a dialer whose Timeout is set): handing
		// it ctx would change no wait here
		return
	}
	full := ssax.FullName(callee)
	ctxText, ctxPos := "", token.NoPos
	if len(ctxs) > 0 {
		ctxText, ctxPos = c.ctxExprAt(ctxs, common.Pos())
	} else {
		ctxText, ctxPos = req.Name()+".Context()", req.Pos()
		if !c.namesVar(req.Name(), req.Object(), common.Pos()) {
			ctxText = ""
		}
	}
	shown := ctxText
	switch {
	case shown != "":
	case len(ctxs) > 0:
		shown = ctxName(ctxs[0])
	default:
		shown = req.Name() + ".Context()"
	}
	var related []analysis.RelatedInformation
	if ctxPos.IsValid() {
		related = append(related, passutil.Related(ctxPos, "%s is at hand here", shown))
	}
	if sib, ok := ctxflow.Sibling(callee); ok {
		d := analysis.Diagnostic{
			Pos:      common.Pos(),
			Category: catSibling,
			Message:  fmt.Sprintf("call to %s ignores %s: cancelling %s does not stop it (use %s(%s%s))", passutil.QualifiedName(callee), shown, shown, sib.Name(), shown, moreArgs(callee)),
			Related:  related,
		}
		if i, ok := ctxflow.NotDropIn(call); ok {
			// No fix: the variant may return on cancellation while its
			// work still writes into the argument, read after the call.
			d.Message = fmt.Sprintf("call to %s ignores %s: cancelling %s does not stop it (%s exists, but it may return on cancellation while still writing into %s, which is used after the call: not a drop-in replacement)", passutil.QualifiedName(callee), shown, shown, sib.Name(), c.argText(common.Pos(), i))
		} else if ctxText != "" {
			if fix, ok := c.siblingFix(common.Pos(), sib.Name(), ctxText); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		c.report(fn, call, d)
		return
	}
	if variant, ok := ctxflow.ContextVariant(full); ok {
		c.report(fn, call, analysis.Diagnostic{
			Pos:      common.Pos(),
			Category: catSibling,
			Message:  fmt.Sprintf("call to %s ignores %s: cancelling %s does not stop it (use %s(%s%s))", passutil.QualifiedName(callee), shown, shown, variant, shown, moreArgs(callee)),
			Related:  related,
		})
	}
}

// waitsUnbounded reports whether call can wait without a bound: the
// blocking summary classifies it as a wait (a dial, an HTTP exchange, a
// database round trip, a process wait, a helper that waits on every path)
// and no timeout it is made through bounds it: a local dialer or client
// whose Timeout is set (ctxflow.TimeoutSet) ends the wait within it,
// cancelled or not.
func (c *checker) waitsUnbounded(call ssa.CallInstruction) bool {
	op, ok := c.blk.Classify(call)
	if !ok || op.Kind == blocking.NotBlocking || !op.Unbounded() {
		return false
	}
	return !ctxflow.BoundedByConfig(call.Common())
}

// resultWaits reports whether the result of call (its first result, as
// http.NewRequest's request or exec.Command's command) is handed in fn to
// a call that waits without a bound (client.Do(req), cmd.Run()): the call
// does not wait itself, but the wait it sets up ignores the context.
func (c *checker) resultWaits(call ssa.CallInstruction) bool {
	v := call.Value()
	if v == nil {
		return false
	}
	if res := call.Common().Signature().Results(); res.Len() == 0 || !ctxflow.HoldsContext(res.At(0).Type()) {
		// ok: the variant's context cannot travel with the result (a
		// tls.Config built by NewTLSConfigWithContext): it served the
		// construction only, which does not wait
		return false
	}
	seen := map[ssa.Value]bool{}
	work := []ssa.Value{v}
	for len(work) > 0 && len(seen) < 64 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] || x.Referrers() == nil {
			continue
		}
		seen[x] = true
		for _, r := range *x.Referrers() {
			switch r := r.(type) {
			case *ssa.Extract:
				if r.Index == 0 {
					work = append(work, r)
				}
			case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface:
				work = append(work, r.(ssa.Value))
			case *ssa.Store:
				// c.cmd = exec.Command(path) ... c.cmd.Run(): read back
				// from the local it was stored in
				if r.Val == x {
					work = append(work, ssax.Loads(r.Addr)...)
				}
			case *ssa.MakeClosure:
				// run := func() error { return cmd.Run() }: the closure
				// sees it as a free variable
				if f, ok := r.Fn.(*ssa.Function); ok {
					for i, b := range r.Bindings {
						if b == x && i < len(f.FreeVars) {
							work = append(work, f.FreeVars[i])
						}
					}
				}
			case ssa.CallInstruction:
				if r != call && c.waitsUnbounded(r) {
					return true
				}
			}
		}
	}
	return false
}

// siblingContexts returns the contexts a call in fn could be given: fn's
// accepted contexts and, walking out through enclosing functions, theirs;
// or else the *http.Request parameter whose Context() is at hand. The walk
// stops at a function with a blank context parameter (func(_
// context.Context)), which says it ignores its context on purpose, and
// does not leave the body of a go statement: the goroutine's parent is the
// one that waits for it, and it may well select on ctx.Done() (as TLS
// handshakes run in a goroutine raced against ctx.Done() do).
func (c *checker) siblingContexts(fn *ssa.Function) ([]ssa.Value, *ssa.Parameter) {
	var ctxs []ssa.Value
	var req *ssa.Parameter
	for f, depth := fn, 0; f != nil && depth < 16; f, depth = f.Parent(), depth+1 {
		if blankContextParam(f) {
			return nil, nil // ok: ignores its context on purpose
		}
		ctxs = append(ctxs, ctxflow.Accepted(f)...)
		if req == nil {
			req = ctxflow.RequestParam(f)
		}
		if len(ctxs) > 0 || c.startedAsGoroutine(f) {
			break
		}
	}
	if len(ctxs) > 0 {
		req = nil
	}
	return ctxs, req
}

// blankContextParam reports whether fn has a context parameter named _ or
// left unnamed.
func blankContextParam(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if !ctxflow.IsContext(p.Type()) {
			continue
		}
		if v, ok := p.Object().(*types.Var); ok && (v.Name() == "_" || v.Name() == "") {
			return true
		}
	}
	return false
}

// startedAsGoroutine reports whether the closure fn is the function of a
// go statement in its parent.
func (c *checker) startedAsGoroutine(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok {
				if c.resolver.Resolve(&g.Call).Single() == fn {
					return true
				}
			}
		}
	}
	return false
}

// ctxExprAt returns source text naming one of ctxs that resolves to it at
// pos (a parameter or a captured variable not shadowed there), and where
// it comes from; "" when none can be named.
func (c *checker) ctxExprAt(ctxs []ssa.Value, pos token.Pos) (string, token.Pos) {
	for _, v := range ctxs {
		switch x := v.(type) {
		case *ssa.Parameter:
			if c.namesVar(x.Name(), x.Object(), pos) {
				return x.Name(), x.Pos()
			}
		case *ssa.FreeVar:
			if c.namesVar(x.Name(), nil, pos) {
				return x.Name(), originPos(x)
			}
		case *ssa.Call:
			if len(x.Call.Args) == 1 {
				if p, ok := x.Call.Args[0].(*ssa.Parameter); ok && c.namesVar(p.Name(), p.Object(), pos) {
					return p.Name() + ".Context()", x.Pos()
				}
			}
		}
	}
	return "", originPos(ctxs[0])
}

// namesVar reports whether name, written at pos, denotes obj (or, with obj
// nil, some variable).
func (c *checker) namesVar(name string, obj types.Object, pos token.Pos) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, found := scope.LookupParent(name, pos)
	if found == nil {
		return false
	}
	if obj != nil {
		return found == obj
	}
	_, isVar := found.(*types.Var)
	return isVar
}

// siblingFix rewrites the call whose '(' is at lparen to call variant with
// ctx first.
func (c *checker) siblingFix(lparen token.Pos, variant, ctx string) (analysis.SuggestedFix, bool) {
	call := c.callAt(lparen)
	if call == nil {
		return analysis.SuggestedFix{}, false
	}
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.IndexExpr, *ast.IndexListExpr:
		return analysis.SuggestedFix{}, false // explicit type arguments: not mechanical
	}
	if id == nil {
		return analysis.SuggestedFix{}, false
	}
	arg := ctx
	if len(call.Args) > 0 {
		arg += ", "
	}
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("Call %s with %s", variant, ctx),
		TextEdits: []analysis.TextEdit{
			{Pos: id.Pos(), End: id.End(), NewText: []byte(variant)},
			{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(arg)},
		},
	}, true
}

// argText renders argument i (as written) of the call whose '(' is at
// lparen.
func (c *checker) argText(lparen token.Pos, i int) string {
	if call := c.callAt(lparen); call != nil && i < len(call.Args) {
		return types.ExprString(call.Args[i])
	}
	return "an argument"
}

// callAt returns the call expression whose '(' is at lparen.
func (c *checker) callAt(lparen token.Pos) *ast.CallExpr {
	c.indexAST()
	return c.calls[lparen]
}

// checkGo reports go statements that start a function with an accepted
// context when that function never observes it and can wait without
// bound. Goroutines whose body already has a ctxdone finding are skipped.
func (c *checker) checkGo(fn *ssa.Function) {
	if len(ctxflow.AcceptedLexically(fn)) == 0 {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			c.checkGoStmt(fn, g)
		}
	}
}

func (c *checker) checkGoStmt(fn *ssa.Function, g *ssa.Go) {
	common := &g.Call
	var ctx ssa.Value
	// a closure or function, or a function value internal/callees
	// resolves to one candidate (a field every store of which is in view)
	target := c.resolver.Resolve(common).Single()
	if target != nil && target.Parent() == fn {
		// a closure of fn that captures its context
		if ctxs := ctxflow.Accepted(target); len(ctxs) > 0 {
			if _, isFV := ctxs[0].(*ssa.FreeVar); isFV {
				ctx = ctxs[0]
			}
		}
	}
	if ctx == nil {
		for _, a := range common.Args {
			if ctxflow.IsContext(a.Type()) && len(ctxflow.Origins(a)) > 0 && acceptedArg(fn, a) {
				ctx = a
				break
			}
		}
		if ctx == nil {
			return // ok: not started with the context
		}
	}
	if ctxflow.UsedOnlyAsStruct(ctx) {
		return // ok: the goroutine reaches the context object's fields; it is not handed a context
	}
	name := ctxName(ctx)
	var what, related string
	var relPos token.Pos
	if target != nil && target.Blocks != nil {
		if c.reported[target] || c.funcObserves(target) {
			return // ok: observes the context, or its own finding says it
		}
		op, ok := c.waitsIgnoring(target, func(instr ssa.Instruction, op blocking.Op) bool {
			return c.closedOnDone(fn, ctx, common, target, instr, op)
		})
		if !ok {
			return // ok: does not wait, or only in ways ctxdone accepts
		}
		what, related, relPos = c.describe(op), "it waits here", ssax.Pos(op.Instr)
	} else {
		callee := ssax.Callee(common)
		var fact IgnoresContextFact
		if callee == nil || !c.pass.ImportObjectFact(callee, &fact) {
			return // ok: unknown, observes its context, or reported in its package
		}
		what = fact.Blocks
	}
	rel := ctxRelated(ctx)
	if relPos.IsValid() {
		rel = append(rel, passutil.Related(relPos, "%s", related))
	}
	c.report(fn, g, analysis.Diagnostic{
		Pos:      g.Pos(),
		Category: catGoroutine,
		Message:  fmt.Sprintf("goroutine started with %s never observes it: it may wait forever on %s and keeps running after %s is cancelled (select on <-%s.Done() there)", name, what, name, name),
		Related:  rel,
	})
}

// closedOnDone reports whether the wait op of the goroutine target, which
// fn starts with go (common) and ctx, is a read, write or accept on a
// connection that fn closes once ctx is done (go func() { <-ctx.Done();
// conn.Close() }(), context.AfterFunc(ctx, ...)): cancelling ctx ends
// that wait, though the goroutine never looks at ctx.
func (c *checker) closedOnDone(fn *ssa.Function, ctx ssa.Value, common *ssa.CallCommon, target *ssa.Function, instr ssa.Instruction, op blocking.Op) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok || op.Kind != blocking.ConnIO || op.Depth != 0 || common.IsInvoke() {
		return false
	}
	recv := call.Common().Value
	if !call.Common().IsInvoke() {
		if len(call.Common().Args) == 0 {
			return false
		}
		recv = call.Common().Args[0]
	}
	var conn ssa.Value
	switch r := ssax.Unwrap(recv).(type) {
	case *ssa.Parameter:
		i := slices.Index(target.Params, r)
		if i < 0 || i >= len(common.Args) {
			return false
		}
		conn = common.Args[i]
	case *ssa.FreeVar:
		conn = r // a closure of fn: ClosedOnDone follows it to fn's value
	default:
		return false
	}
	return ctxflow.ClosedOnDone(ctx, conn, fn)
}

// closedOnCancel reports whether call is a method call on a connection
// (or on a value made from one, such as tls.Client(raw, conf)) that fn
// closes once one of ctxs is done (ctxflow.ClosedOnDone): the call's wait
// ends when ctx is cancelled, though it is not handed ctx.
func closedOnCancel(fn *ssa.Function, call ssa.CallInstruction, ctxs []ssa.Value) bool {
	common := call.Common()
	var recv ssa.Value
	switch {
	case common.IsInvoke():
		recv = common.Value
	case len(common.Args) > 0 && common.Signature().Recv() != nil:
		recv = common.Args[0]
	default:
		if callee := ssax.StaticFunction(common); callee == nil || callee.Signature.Recv() == nil || len(common.Args) == 0 {
			return false
		}
		recv = common.Args[0]
	}
	cands := []ssa.Value{recv}
	if made, ok := ssax.Unwrap(recv).(*ssa.Call); ok && len(made.Call.Args) > 0 {
		cands = append(cands, made.Call.Args[0]) // tls.Client(raw, conf): the wait ends when raw is closed
	}
	for _, ctx := range ctxs {
		for _, v := range cands {
			if ctxflow.ClosedOnDone(ctx, v, fn) {
				return true
			}
		}
	}
	return false
}

// acceptedArg reports whether the context a is derived from one of fn's
// accepted contexts (not a Background made here).
func acceptedArg(fn *ssa.Function, a ssa.Value) bool {
	if !ctxflow.CanBeCancelled(a) {
		return false
	}
	for _, o := range ctxflow.Origins(a) {
		if o.Kind != ctxflow.Background && o.Kind != ctxflow.TODO {
			return true
		}
	}
	return false
}

// exportFact records IgnoresContextFact for package-level functions and
// methods that take a context, never observe one, and can wait.
func (c *checker) exportFact(fn *ssa.Function) {
	obj, ok := passutil.FactTarget(c.pass, fn)
	if !ok {
		return
	}
	takes := false
	for _, p := range fn.Params {
		if ctxflow.IsContext(p.Type()) {
			takes = true
		}
	}
	if !takes || c.reported[fn] || c.funcObserves(fn) {
		return // ok: a fact about a reported function would only repeat the finding
	}
	if op, ok := c.waitsIgnoring(fn, nil); ok {
		c.pass.ExportObjectFact(obj, &IgnoresContextFact{Blocks: c.describe(op)})
	}
}

// ctxName renders a context for a message: "ctx", "r.Context()", "s.ctx".
func ctxName(v ssa.Value) string {
	if call, ok := v.(*ssa.Call); ok && len(call.Call.Args) == 1 {
		return ssax.Name(call.Call.Args[0]) + ".Context()"
	}
	if isNamedValue(v) {
		return ssax.Name(v)
	}
	return "ctx"
}

// isNamedValue reports whether v has a source name (parameter, free var,
// field load).
func isNamedValue(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.UnOp, *ssa.Field:
		return true
	}
	return false
}

func originPos(v ssa.Value) token.Pos {
	for _, o := range ctxflow.Origins(v) {
		if o.Pos.IsValid() {
			return o.Pos
		}
	}
	return v.Pos()
}

func ctxRelated(ctx ssa.Value) []analysis.RelatedInformation {
	if p := originPos(ctx); p.IsValid() {
		return []analysis.RelatedInformation{passutil.Related(p, "%s comes from here", ctxName(ctx))}
	}
	return nil
}

// waitsIgnoring returns the first wait of fn that can last forever in a
// way ctxdone does not accept, for a goroutine body: mutex locks, short
// constant sleeps, operations on channels fn makes itself (its own
// synchronization, judged where they are), and receives and selects that a
// ctx.Done(), a timer or a channel closed in the package can end are left
// out. Receives from channels that merely escape count: whoever owns them
// may never close them.
//
// A wait that woken reports true for is left out too.
func (c *checker) waitsIgnoring(fn *ssa.Function, woken func(ssa.Instruction, blocking.Op) bool) (blocking.Op, bool) {
	var loops []waitexit.Loop
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			op, ok := c.blk.Classify(instr)
			if !ok || !op.Unbounded() || op.Kind == blocking.MutexLock {
				continue
			}
			switch x := instr.(type) {
			case *ssa.Select:
				if e, ok := c.exits.HasExit(x); ok && strongExit(e) {
					continue
				}
			case *ssa.Send, *ssa.UnOp:
				if localChan(fn, op.Chan) {
					continue
				}
				if e, ok := c.exits.CanEnd(op.Chan); ok && op.Kind == blocking.ChanRecv && strongExit(e) {
					continue
				}
			case *ssa.Call:
				if op.Kind == blocking.Sleep && shortPause(x, shortSleep) {
					continue
				}
				if op.Kind == blocking.Sleep {
					if loops == nil {
						loops = waitexit.LoopExits(fn)
					}
					if waitexit.Innermost(loops, x.Block()) == nil {
						continue // ok: one pause outside a loop ends by itself (checkSleep)
					}
				}
				if ctxflow.BoundedByConfig(&x.Call) {
					continue // ok: the dialer's or client's Timeout bounds the wait
				}
				if deadlineBounded(x, op) {
					continue // ok: the connection gets a deadline here: time bounds the wait
				}
				if ctxflow.LocalConnect(x) {
					continue // ok: connecting a Unix socket does not wait on the peer
				}
				if c.closedElsewhere(fn, x, op) {
					continue // ok: another function of the package closes the listener or connection: that is how this wait ends
				}
			}
			if woken != nil && woken(instr, op) {
				continue
			}
			return op, true
		}
	}
	return blocking.Op{}, false
}

// closedElsewhere reports whether op, a Serve, Accept, read or write
// that call in fn makes on a listener or connection held in a field or a
// package variable, ends when another function of the package closes it
// (a CleanUp or Stop method): the package controls that wait as it does a
// receive from a channel it closes, whatever ctx does.
func (c *checker) closedElsewhere(fn *ssa.Function, call *ssa.Call, op blocking.Op) bool {
	if op.Depth != 0 || (op.Kind != blocking.ConnIO && op.Kind != blocking.HTTP) {
		return false
	}
	v, ok := ctxflow.ServedOrAccepted(call)
	if !ok {
		return false
	}
	if c.closes == nil {
		c.closes = ctxflow.IndexCloses(c.srcFuncs)
	}
	return c.closes.ClosedElsewhere(v, fn)
}

// endsByClose reports whether the wait op of instr, a receive or a select,
// can be ended by evidence, not a guess: a channel the package closes, a
// timer or a Done channel (strongExit). The same evidence lets a select of
// fn itself go unreported.
func (c *checker) endsByClose(instr ssa.Instruction, op blocking.Op) bool {
	switch x := instr.(type) {
	case *ssa.Select:
		e, ok := c.exits.HasExit(x)
		return ok && strongExit(e)
	case *ssa.UnOp:
		if op.Kind != blocking.ChanRecv {
			return false
		}
		e, ok := c.exits.CanEnd(op.Chan)
		return ok && strongExit(e)
	case ssa.CallInstruction:
		// A call that receives from the channel it is handed, itself
		// (dump(jobs) ranging over its parameter): a close of jobs ends it
		// as it ends the receive written in place. Asked of the one make
		// jobs is (chans.ClosedByMaker), not of the index's may-alias
		// class, which joins every channel the callee is handed (dump(a)
		// here, dump(b) there).
		if op.Kind != blocking.Call || op.Depth != 1 || op.LeafKind != blocking.ChanRecv {
			return false
		}
		if op.LeafChan == nil {
			return c.closureEndsByClose(x)
		}
		return chans.ClosedByMaker(op.LeafChan)
	}
	return false
}

// capturedBy reports whether v is one of fn's free variables, or a load
// of one (a variable captured by reference).
func capturedBy(v ssa.Value, fn *ssa.Function) bool {
	v = ssax.Unwrap(v)
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X
	}
	fv, ok := v.(*ssa.FreeVar)
	return ok && slices.Contains(fn.FreeVars, fv)
}

// closureEndsByClose reports whether call runs a closure (made in the
// package, called through a captured variable: worker := func(int) { for
// h := range jobCh { ... } }) whose every unbounded wait is a receive from
// a channel it captures that the channel's maker closes: a close of jobs
// ends the closure's loop as it ends a receive written in place.
func (c *checker) closureEndsByClose(call ssa.CallInstruction) bool {
	mc := ssax.ClosureOf(call.Common().Value)
	if mc == nil {
		return false
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || len(fn.Blocks) == 0 {
		return false
	}
	waits := 0
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			op, ok := c.blk.Classify(instr)
			if !ok || !op.Unbounded() {
				continue
			}
			recv, isRecv := instr.(*ssa.UnOp)
			if !isRecv || op.Kind != blocking.ChanRecv || !capturedBy(recv.X, fn) || !chans.ClosedByMaker(recv.X) {
				return false // ok: another wait, judged by what it is
			}
			waits++
		}
	}
	return waits > 0
}

// deadlineBounded reports whether op, a read, write or accept on a
// connection, is bounded by a deadline the function sets on that
// connection (conn.SetReadDeadline before conn.Read): it cannot wait
// forever, and the code bounds it by time instead of by a context.
func deadlineBounded(instr ssa.Instruction, op blocking.Op) bool {
	call, ok := instr.(ssa.CallInstruction)
	return ok && op.Kind == blocking.ConnIO && op.Depth == 0 && ctxflow.ConnIOGetsDeadline(call.Common())
}

// strongExit reports whether e is evidence, not a guess, that a wait ends.
func strongExit(e waitexit.Exit) bool {
	switch e {
	case waitexit.Default, waitexit.CtxDone, waitexit.Timer, waitexit.ClosedChannel:
		return true
	}
	return false
}

// localChan reports whether every channel ch may be is made in fn.
func localChan(fn *ssa.Function, ch ssa.Value) bool {
	ids := chans.Origins(ch)
	for _, id := range ids {
		if id.Kind != chans.Make || id.Make.Parent() != fn {
			return false
		}
	}
	return len(ids) > 0
}

// shortPause reports whether a time.Sleep call sleeps for less than
// limit on every path: a constant, or a value whose range is known to end
// below it (a jitter of time.Duration(rand.IntN(100)) * time.Millisecond,
// a back-off capped with min(d, 500*time.Millisecond) or with if d > max {
// d = max }, as net/http's accept loop caps it).
func shortPause(call *ssa.Call, limit time.Duration) bool {
	if len(call.Call.Args) != 1 {
		return false
	}
	_, hi, ok := ssax.IntRange(call.Call.Args[0])
	return ok && time.Duration(hi) < limit
}

// pollSleep bounds the constant pauses accepted inside a loop that
// observes the context on every iteration.
const pollSleep = 10 * time.Second

// inObservingLoop reports whether instr lies in a loop of fn that observes
// a context (ctx.Err(), ctx.Done(), or passing it on) in its body.
func inObservingLoop(fn *ssa.Function, instr ssa.Instruction) bool {
	for _, l := range waitexit.LoopExits(fn) {
		if !l.ObservesContext {
			continue
		}
		for _, b := range l.Blocks {
			if b == instr.Block() {
				return true
			}
		}
	}
	return false
}

// describe names op for a message; the core already renders channels as
// written in the source.
func (c *checker) describe(op blocking.Op) string { return op.What }

// indexAST records, by position, the call expressions (by '(') and the
// loops.
func (c *checker) indexAST() {
	if c.calls != nil {
		return
	}
	c.calls = map[token.Pos]*ast.CallExpr{}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				c.calls[n.Lparen] = n
			case *ast.RangeStmt:
				c.loops = append(c.loops, n)
			case *ast.ForStmt:
				c.loops = append(c.loops, n)
			}
			return true
		})
	}
}

// loopAt returns the position of the innermost for or range statement
// whose body contains pos.
func (c *checker) loopAt(pos token.Pos) token.Pos {
	c.indexAST()
	best := token.NoPos
	var bestLen token.Pos
	for _, l := range c.loops {
		if l.Pos() <= pos && pos < l.End() && (!best.IsValid() || l.End()-l.Pos() < bestLen) {
			best, bestLen = l.Pos(), l.End()-l.Pos()
		}
	}
	return best
}

// givenContextLater reports whether the value call returns (its first
// result) is later handed a context or a Done channel: passed to a call
// together with a context (req = req.WithContext(ctx)), or given one in a
// field (req.Cancel = ctx.Done()). Such a value was built without a
// context but does not ignore it.
// sentThroughBoundedClients reports whether the request that call makes
// (http.NewRequest) is sent, and only sent, by (*http.Client).Do calls on
// local clients whose Timeout is set (ctxflow.TimeoutSet): each exchange
// then ends within that Timeout.
func sentThroughBoundedClients(call ssa.CallInstruction) bool {
	v := call.Value()
	if v == nil || v.Referrers() == nil {
		return false
	}
	sent := false
	for _, r := range *v.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 0 {
			continue // the error
		}
		for _, u := range *ex.Referrers() {
			do, ok := u.(ssa.CallInstruction)
			if !ok || ssax.FullName(ssax.Callee(do.Common())) != "(*net/http.Client).Do" {
				if _, isDebug := u.(*ssa.DebugRef); isDebug {
					continue
				}
				if fa, ok := u.(*ssa.FieldAddr); ok && !fieldGetsContext(fa) {
					continue // a header set, a field read
				}
				return false
			}
			if args := do.Common().Args; len(args) != 2 || args[1] != ex || !ctxflow.TimeoutSet(args[0], ctxflow.Client) {
				return false
			}
			sent = true
		}
	}
	return sent
}

func givenContextLater(call ssa.CallInstruction) bool {
	v := call.Value()
	if v == nil {
		return false
	}
	tracked := map[ssa.Value]bool{}
	work := []ssa.Value{v}
	for len(work) > 0 && len(tracked) < 64 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if tracked[x] {
			continue
		}
		tracked[x] = true
		refs := x.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.Extract:
				if r.Index == 0 {
					work = append(work, r)
				}
			case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface:
				work = append(work, r.(ssa.Value))
			case *ssa.FieldAddr:
				if fieldGetsContext(r) {
					return true
				}
			case *ssa.Store:
				// a variable a closure captures (req, _ := ...; send :=
				// func() { c.Do(req) }): read back from it
				if r.Val == x {
					work = append(work, ssax.Loads(r.Addr)...)
				}
			case ssa.CallInstruction:
				common := r.Common()
				for _, a := range common.Args {
					if ctxflow.IsContext(a.Type()) {
						return true
					}
				}
			}
		}
	}
	return false
}

// keptBeyond reports whether fn keeps the result of call in memory that
// outlives fn: a global, a field or element of a parameter (its receiver:
// p.cmd = cmd) or of a value fn returns (return &Plugin{cmd: cmd}), or a
// variable that a goroutine fn starts captures (go func() { cmd.Wait() }()). A
// context variant would bind the result to a context scoped to this call.
func keptBeyond(fn *ssa.Function, call ssa.CallInstruction) bool {
	v := call.Value()
	if v == nil {
		return false
	}
	tracked := map[ssa.Value]bool{}
	work := []ssa.Value{v}
	for len(work) > 0 && len(tracked) < 64 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if tracked[x] {
			continue
		}
		tracked[x] = true
		refs := x.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.Extract:
				if r.Index == 0 {
					work = append(work, r) // the value of (v, err)
				}
			case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface:
				work = append(work, r.(ssa.Value))
			case *ssa.Store:
				if r.Val == x && storedOutside(fn, r.Addr) {
					return true
				}
			}
		}
	}
	return false
}

// storedOutside reports whether addr is memory that outlives fn: a
// global, a field or element of a parameter or of a value fn returns.
func storedOutside(fn *ssa.Function, addr ssa.Value) bool {
	var base ssa.Value
	switch a := addr.(type) {
	case *ssa.Global:
		return true
	case *ssa.FieldAddr:
		base = a.X
	case *ssa.IndexAddr:
		base = a.X
	case *ssa.Alloc:
		return a.Heap && capturedByGoroutine(a)
	default:
		return false
	}
	switch b := ssax.Unwrap(base).(type) {
	case *ssa.Parameter, *ssa.Global:
		return true
	case *ssa.Alloc:
		return b.Heap && returned(fn, b)
	}
	return false
}

// capturedByGoroutine reports whether the variable v is captured by a
// closure that a go statement starts: the goroutine can outlive fn
// (go func() { cmd.Wait(); ... }()).
func capturedByGoroutine(v *ssa.Alloc) bool {
	for _, r := range *v.Referrers() {
		mc, ok := r.(*ssa.MakeClosure)
		if !ok || mc.Referrers() == nil {
			continue
		}
		for _, u := range *mc.Referrers() {
			if g, ok := u.(*ssa.Go); ok && g.Call.Value == mc {
				return true
			}
		}
	}
	return false
}

// returned reports whether fn returns v (or an interface or pointer
// conversion of it).
func returned(fn *ssa.Function, v ssa.Value) bool {
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			for _, r := range ret.Results {
				if ssax.Unwrap(r) == v {
					return true
				}
			}
		}
	}
	return false
}

// fieldGetsContext reports whether a context or a Done channel is stored
// through fa.
func fieldGetsContext(fa *ssa.FieldAddr) bool {
	refs := fa.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if st, ok := r.(*ssa.Store); ok && st.Addr == fa {
			if ctxflow.IsContext(st.Val.Type()) {
				return true
			}
			if _, ok := ctxflow.IsDoneChannel(st.Val); ok {
				return true
			}
		}
	}
	return false
}

// onlyUncancellable reports whether no context fn accepts can ever be
// cancelled (context.Background(), TODO, values derived from them without
// a cancel or a deadline), by ctxflow.CanBeCancelledUnless: a parameter is
// followed to what every call passes when the package shows every call of
// its function (callees.Resolver.ParamArgs), and a closure's captured
// context to the value it binds, through any depth of calls and closures
// the walk bounds. Ignoring such a context while waiting costs nothing: it
// never ends (a shutdown step whose only caller passes
// context.Background(); a connection handler started by a listener whose
// only caller runs it with context.Background()).
func (c *checker) onlyUncancellable(fn *ssa.Function, ctxs []ssa.Value) bool {
	known := ctxflow.Known{Args: c.resolver.ParamArgs}
	for _, ctx := range ctxs {
		if can, _, _ := ctxflow.CanBeCancelledUnless(ctx, known); can {
			return false
		}
	}
	return len(ctxs) > 0
}

// moreArgs is what follows the context in the variant's call as the
// message shows it: ", ..." when the call has arguments of its own,
// nothing when it has none (db.Ping() becomes db.PingContext(ctx)).
func moreArgs(callee *types.Func) string {
	if sig, ok := callee.Type().(*types.Signature); ok && sig.Params().Len() == 0 {
		return ""
	}
	return ", ..."
}
