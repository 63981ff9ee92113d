package goroutineleak

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/percall"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
	"github.com/conclint/conclint/internal/wake"
)

//go:embed doc.go
var doc string

// Analyzer reports goroutines that can block forever on a channel whose
// other end may never come.
var Analyzer = &analysis.Analyzer{
	Name:      "goroutineleak",
	Doc:       passutil.Doc(doc),
	URL:       "https://github.com/conclint/conclint/blob/main/docs/goroutineleak.md",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer, noreturn.Analyzer, callees.Analyzer, blocking.Analyzer, spawn.Analyzer, groups.Analyzer, locks.Analyzer},
	Run:       passutil.Guard("goroutineleak", run),
	FactTypes: []analysis.Fact{new(StartsForeverFact), new(ProducerFact), new(PerCallFact), new(PerCallInterfacesFact)},
}

func init() {
	Analyzer.Flags.Bool(percall.WholeRunFlag, false, "emit the records by which a driver that sees the whole run settles a per-call finding of an exported entry that the program calls once (internal/percall); the standalone driver sets it")
}

// Diagnostic categories, one per kind of finding.
const (
	catSender   = "abandoned-sender"
	catReceiver = "abandoned-receiver"
	catProducer = "producer-no-exit"
)

// big saturates path sums: more sends than any buffer holds.
const big = spawn.Many

type checker struct {
	pass *analysis.Pass
	// cancelReads caches ctxflow.CancelReads by WithCancel call.
	cancelReads map[*ssa.Call]cancelReads
	sp          *spawn.Info
	groups      *groups.Info
	locks       *locks.Info
	nr          *noreturn.Info
	files       map[*token.File]*ast.File
	funcs       []*ssa.Function
	index       *chans.Summary // of funcs, built on first use (fields.go)
	model       *wake.Model
	calls       *callees.Resolver
	runs        *wake.Evidence              // built on first use (model.go)
	spawns      map[*ssa.Function][]*ssa.Go // go statements by body (model.go)
	// globals are the uses of each package-level variable (model.go)
	globals map[*ssa.Global][]ssa.Instruction
	// oneSided are the positions of the waits nothing can wake, found
	// before the other checks so that they do not report them again.
	oneSided map[token.Pos]bool
	// joinedBeforeWake are the Waits checkJoinBeforeWake reported, which
	// checkJoinBeforeStop does not report again.
	joinedBeforeWake map[*ssa.Call]bool
	// testsOtherCode: the package's _test.go files are scaffolding
	// around code that is not in them (passutil.TestsOtherCode).
	testsOtherCode bool
	handedToGo     map[*ssa.Function]bool // bodies handed to a Go method (testhelpers.go)
	testReach      *passutil.TestReach
	// wholeRun: emit internal/percall's records (percall.go).
	wholeRun bool
	// perCall, when set, is the function each call of which the finding
	// being reported costs one goroutine (percall.go).
	perCall *ssa.Function
	// perCallWorker: the finding being reported is a goroutine that keeps
	// working and never ends, not one left blocked (percall.Kind).
	perCallWorker bool
	entries       map[*ssa.Function][]string // CallerEntries by function, as keys (percall.go)
	// marked are the package's entries that carry a PerCallFact, in the
	// order they were marked (percall.go).
	marked []*ssa.Function
	// perCallMethods are the entries of the packages in view that an
	// interface method may run, by the method's types.Func.FullName
	// (percall.go), built on first use.
	perCallMethods map[string][]string
	// perCallInterfaces are the interface methods through which this
	// package's entries may be called, by entry (percall.go).
	perCallInterfaces map[string][]string
	// convertedTo are the interfaces each named type of the package is
	// converted to in the package, built on first use (percall.go).
	convertedTo map[*types.TypeName][]*types.Interface
}

func run(pass *analysis.Pass) (any, error) {
	// A package that exists only for tests (a fake, a mock, a test
	// helper): the goroutines its non-test files park hang and fail
	// nothing. Its _test.go files, like those of any package, are still
	// analyzed: a bug kernel lives there.
	testOnly := passutil.TestOnlyPackage(pass)
	c := &checker{
		pass:   pass,
		sp:     pass.ResultOf[spawn.Analyzer].(*spawn.Info),
		groups: pass.ResultOf[groups.Analyzer].(*groups.Info).Fork(),
		locks:  pass.ResultOf[locks.Analyzer].(*locks.Info).Fork(),
		nr:     pass.ResultOf[noreturn.Analyzer].(*noreturn.Info),
		files:  map[*token.File]*ast.File{},
		calls:  pass.ResultOf[callees.Analyzer].(*callees.Resolver),

		testsOtherCode: passutil.TestsOtherCode(pass),
		wholeRun:       passutil.FlagIsTrue(pass.Analyzer, percall.WholeRunFlag),
	}
	for _, f := range pass.Files {
		c.files[pass.Fset.File(f.FileStart)] = f
	}
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c.funcs = ssainfo.SrcFuncs
	c.testReach = passutil.NewTestReach(pass, c.funcs)
	if waitsOrSpawns(c.funcs) {
		c.buildModel()
		c.findOneSided()
		c.checkLostWakeups()
	}
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		if testOnly && !passutil.InTestFile(pass, fn) {
			return // ok: a test-only package's fake or helper
		}
		if passutil.Deprecated(fn) {
			return // ok: its authors retire it and send callers elsewhere (doc.go)
		}
		c.checkNeverEnds(fn)
		c.checkImportedStarters(fn)
		c.recordImportedCalls(fn)
		c.checkMutualWait(fn) // a deadlock hangs main and tests alike
		c.checkSelfJoins(fn)  // so does a goroutine that waits for itself
		c.checkUnsharedSends(fn)
		c.checkTimerTwice(fn) // a wait for a value that will never come hangs main too
		c.checkJoinBeforeWake(fn)
		c.checkJoinBeforeStop(fn)
		c.checkJoinBeforeDrain(fn)
		c.checkStopThenJoin(fn)
		if wake.ProcessEntry(fn) {
			return // ok: goroutines of main.main and init live as long as the process
		}
		if passutil.InScaffoldingFile(pass, c.testsOtherCode, fn.Pos()) {
			// ok: a test or a test helper that returns and leaves a
			// goroutine blocked, whatever code the goroutine runs: the
			// abandoning is the test's choreography, one goroutine parked
			// until the test binary exits (test scaffolding, doc.go); a
			// wait on the test's own goroutine is still reported
			c.checkOneSided(fn)
			return
		}
		once := c.model != nil && c.model.ProcessLifetime(fn)
		if !once && (!passutil.InTestFile(pass, fn) || c.kernelCode(fn)) {
			// a test's wait for its own mock that returns early hangs
			// the test, which go test's timeout reports with every stack
			c.perCall = fn
			c.checkStopBlindSends(fn)
			c.checkSkippedSends(fn)
			c.checkGivenUpReceives(fn)
			c.checkSkippedFieldCloses(fn)
			c.checkSkippedCondFlags(fn)
			c.checkUnlockedCondChecks(fn)
			c.checkUnanswered(fn)
			c.perCall = nil
		} else if !once && c.kernelTest(fn) {
			// a bug kernel's test drives the kernel's own goroutines
			// the way its program would (go wc.run()): a send the
			// kernel's stop does not reach leaks there as anywhere
			c.checkStopBlindSends(fn)
		}
		var loops map[*ssa.BasicBlock]bool
		if once {
			loops = spawn.Cyclic(fn, nil)
		}
		c.checkImportedProducers(fn, once, loops)
		for _, b := range fn.Blocks {
			if once && !loops[b] {
				// ok: fn runs once per process (a helper only main calls,
				// a command's action) and makes this channel once: a
				// goroutine left blocked on it is one goroutine for the
				// rest of the run, not one more per call
				continue
			}
			for _, instr := range b.Instrs {
				if mk, ok := instr.(*ssa.MakeChan); ok {
					if c.wholeRun && loops == nil {
						loops = spawn.Cyclic(fn, nil) // built on the first make, in whole-run mode
					}
					if !loops[b] {
						c.perCall = fn // a channel made once per call
					}
					c.checkChan(fn, mk)
					c.perCall = nil
				}
			}
		}
		c.checkGroups(fn)
		c.checkMutexes(fn)
		c.checkConds(fn)
		c.checkOneSided(fn)
		if !once {
			c.perCall = fn
			c.checkFieldFutures(fn) // once per process: one goroutine for the run
			c.perCall = nil
		}
	})
	c.recordOwnCalls()
	c.exportPerCallInterfaces()
	return nil, nil
}

// buildModel builds the package's counterpart model on first use.
func (c *checker) buildModel() {
	if c.model == nil {
		c.index = c.sharedIndex()
		c.model = wake.New(c.funcs, c.index)
	}
}

// goroutine is one spawn of a goroutine that uses the channel.
type goroutine struct {
	site ssa.CallInstruction // a go statement, a call of (*sync.WaitGroup).Go, or a time.AfterFunc whose timer is dropped
	beh  spawn.Behavior
	body string        // what runs: "a goroutine", "(*worker).run"
	fn   *ssa.Function // the closure a WaitGroup.Go call starts (nil for a go statement)
	// chIn is the channel as the started closure sees it (its free
	// variable), when the goroutine runs a closure that captures it
	chIn ssa.Value
	// field is the struct field through which the goroutine reaches the
	// channel, when the owner stores it there (fields.go), and fieldLoads
	// are the started body's loads of it
	field      *types.Var
	fieldLoads []ssa.Value
}

// channel returns the values that are the channel in the started body:
// its parameter or free variable, or its loads of the owner's field.
func (g goroutine) channel() []ssa.Value {
	if g.chIn != nil {
		return []ssa.Value{g.chIn}
	}
	return g.fieldLoads
}

// startedBody returns the function g runs: the closure a WaitGroup.Go
// call starts, or the go statement's callee (nil when unresolved).
func (c *checker) startedBody(g goroutine) *ssa.Function {
	if g.fn != nil {
		return g.fn
	}
	return c.calls.Callee(g.site.Common())
}

// ownerEvent is something the spawning function itself does with the
// channel at an instruction.
type ownerEvent struct {
	instr ssa.Instruction
	block *ssa.BasicBlock // where it takes effect (the case block of a select)
	// from, when set, says the event takes effect on the edge from -> block
	// only: a select case whose empty body go/ssa threaded to the block
	// after the select, which the other cases enter too.
	from *ssa.BasicBlock
	kind int
	pos  token.Pos
	// stopAt, for a call that receives (evRecv), is where its callee can
	// stop receiving while the channel is still open (wake.Model.
	// CalleeStopsEarly): the call takes some values, not all.
	stopAt ssa.Instruction
	// drained, when set, is the edge on which the call's error was found
	// nil, and the callee reports every early stop with an error: there
	// it received everything.
	drained [2]*ssa.BasicBlock
}

// takesEdge reports whether the event takes effect when control goes
// from -> to: on entering its block, or on its one edge.
func (ev ownerEvent) takesEdge(from, to *ssa.BasicBlock) bool {
	if ev.from != nil {
		return ev.from == from && ev.block == to
	}
	return ev.block == to
}

const (
	evRecv  = iota // one receive
	evDrain        // a call that receives, maybe until closed
	evSend
	evClose
)

// chanUse is everything the spawning function and its goroutines do with
// one channel it made.
type chanUse struct {
	mk         *ssa.MakeChan
	goroutines []goroutine
	events     []ownerEvent
	returned   []ssa.Instruction
	escapes    []chans.Access
	// groupGos are the closures errgroup's Go starts with the channel;
	// each such capture is also one of escapes (groupEscapes counts them)
	groupGos     []goroutine
	groupEscapes int
}

// collect classifies the uses of mk, made in fn.
func (c *checker) collect(fn *ssa.Function, mk *ssa.MakeChan, fo *chans.FieldOwner) *chanUse {
	u := &chanUse{mk: mk}
	roots := []ssa.Value{mk}
	if fo != nil {
		roots = append(roots, fo.Loads...)
	}
	for _, a := range chans.Accesses(roots...) {
		if fo != nil && a.Instr == ssa.Instruction(fo.Store) {
			continue // ok: the owned field (fields.go) is followed through its loads
		}
		if a.Instr.Block() == nil || a.Instr.Parent() != fn {
			u.escapes = append(u.escapes, a)
			continue
		}
		switch a.Kind {
		case chans.AccSend:
			u.events = append(u.events, ownerEvent{instr: a.Instr, block: a.Instr.Block(), kind: evSend, pos: a.Pos()})
		case chans.AccSelectSend:
			u.events = append(u.events, ownerEvent{instr: a.Instr, block: a.Instr.Block(), kind: evSend, pos: a.Pos()})
		case chans.AccRecv:
			u.events = append(u.events, ownerEvent{instr: a.Instr, block: a.Instr.Block(), kind: evRecv, pos: a.Pos()})
		case chans.AccSelectRecv:
			sel := a.Instr.(*ssa.Select)
			ev := ownerEvent{instr: a.Instr, block: sel.Block(), kind: evRecv, pos: a.Pos()} // ok: when the case is not found, count the receive on every path
			if e := spawn.CaseEdges(sel)[a.Case]; e[1] != nil {
				ev.block = e[1]
				if len(e[1].Preds) > 1 {
					ev.from = e[0] // an empty case body: the receive is on the edge
				}
			}
			u.events = append(u.events, ev)
		case chans.AccClose:
			u.events = append(u.events, ownerEvent{instr: a.Instr, block: a.Instr.Block(), kind: evClose, pos: a.Pos()})
		case chans.AccArg:
			call := a.Instr.(ssa.CallInstruction)
			beh, ok := c.sp.CallBehavior(call, a.Arg)
			if !ok {
				u.escapes = append(u.escapes, a)
				continue
			}
			if stop, failsOnStop := c.consumerStopsEarly(call, a.Arg, beh); stop != nil {
				u.events = append(u.events, earlyStopEvent(call, stop, failsOnStop))
				continue
			}
			c.callUse(u, call, beh, calleeName(call))
			if g, isGo := call.(*ssa.Go); isGo {
				if callee := g.Call.StaticCallee(); callee != nil && a.Arg < len(callee.Params) {
					u.goroutines[len(u.goroutines)-1].chIn = callee.Params[a.Arg]
				}
			}
		case chans.AccCapture:
			cfn, ok := a.Closure.Fn.(*ssa.Function)
			if !ok {
				u.escapes = append(u.escapes, a)
				continue
			}
			s := c.sp.Summarize(cfn)
			calls, escapes := ssax.ClosureCalls(a.Closure)
			var started []ssa.CallInstruction
			if escapes {
				started, escapes = startingCalls(a.Closure)
			}
			if escapes || a.Arg >= len(s.FreeVars) {
				if grouped := errgroupGos(a.Closure); len(grouped) > 0 && len(calls) == 0 && a.Arg < len(s.FreeVars) {
					// started by errgroup's Go: followed only by the
					// pipeline check (siblings.go); to the others the
					// channel escapes, as before
					for _, call := range grouped {
						u.groupGos = append(u.groupGos, goroutine{site: call, beh: s.FreeVars[a.Arg], body: "a goroutine", fn: cfn, chIn: cfn.FreeVars[a.Arg]})
					}
					u.groupEscapes++
				}
				u.escapes = append(u.escapes, a)
				continue
			}
			for _, call := range calls {
				c.callUse(u, call.(ssa.CallInstruction), s.FreeVars[a.Arg], "a goroutine")
				if _, isGo := call.(*ssa.Go); isGo {
					u.goroutines[len(u.goroutines)-1].chIn = cfn.FreeVars[a.Arg]
				}
			}
			for _, call := range started {
				u.goroutines = append(u.goroutines, goroutine{site: call, beh: s.FreeVars[a.Arg], body: "a goroutine", fn: cfn, chIn: cfn.FreeVars[a.Arg]})
			}
		case chans.AccEscape:
			if a.Reason == chans.Returned {
				u.returned = append(u.returned, a.Instr)
			} else {
				u.escapes = append(u.escapes, a)
			}
		}
	}
	u.goroutines = c.mergeSameStart(u.goroutines, mk)
	return u
}

// mergeSameStart makes one goroutine of the entries that one go statement
// of a closure adds for one channel, reached both as an argument and as a
// captured variable (go func(errs chan<- error) { ...; recvErrors <- nil
// }(recvErrors)): the closure's sends through both are counted along its
// paths together (spawn.Info.Joint), so a send through each on exclusive
// paths is one send, not two.
func (c *checker) mergeSameStart(gs []goroutine, mk *ssa.MakeChan) []goroutine {
	out := make([]goroutine, 0, len(gs))
	merged := map[*ssa.Go]int{}
	for _, g := range gs {
		site, isGo := g.site.(*ssa.Go)
		if !isGo {
			out = append(out, g)
			continue
		}
		i, seen := merged[site]
		if !seen {
			merged[site] = len(out)
			out = append(out, g)
			continue
		}
		roots, cfn := sameChannelRoots(site, mk)
		if cfn == nil || len(roots) < 2 {
			out = append(out, g)
			continue
		}
		beh := c.sp.Joint(cfn, roots...)
		if out[i].chIn == nil {
			out[i].chIn = g.chIn
		}
		if out[i].fn == nil {
			out[i].fn = g.fn
		}
		out[i].beh = beh
	}
	return out
}

// sameChannelRoots returns the closure a go statement starts and the
// values of it (parameters bound to arguments, free variables bound to
// captures) that are the channel mk makes.
func sameChannelRoots(g *ssa.Go, mk *ssa.MakeChan) ([]ssa.Value, *ssa.Function) {
	mc, ok := g.Call.Value.(*ssa.MakeClosure)
	if !ok {
		return nil, nil
	}
	cfn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil, nil
	}
	isMk := func(v ssa.Value) bool {
		for _, id := range chans.Origins(v) {
			if id.Kind == chans.Make && id.Make == mk {
				return true
			}
		}
		return false
	}
	var roots []ssa.Value
	for i, a := range g.Call.Args {
		if i < len(cfn.Params) && isMk(a) {
			roots = append(roots, cfn.Params[i])
		}
	}
	for i, b := range mc.Bindings {
		if i >= len(cfn.FreeVars) {
			continue
		}
		v := b
		if a, ok := b.(*ssa.Alloc); ok {
			if stored, ok := ssax.SingleStore(a); ok {
				v = stored
			}
		}
		if isMk(v) {
			roots = append(roots, cfn.FreeVars[i])
		}
	}
	return roots, cfn
}

// earlyStopEvent is the owner's event for call, a consumer that ranges
// over the channel and can return from inside its loop (consume(ch)):
// the call takes some values, not all (a partial receive, not a drain),
// unless its error says it took them all (failsOnStop).
func earlyStopEvent(call ssa.CallInstruction, stop ssa.Instruction, failsOnStop bool) ownerEvent {
	ev := ownerEvent{instr: call.(ssa.Instruction), block: call.Block(), kind: evRecv, pos: ssax.Pos(call.(ssa.Instruction)), stopAt: stop}
	if failsOnStop {
		ev.drained = nilErrorEdge(call)
	}
	return ev
}

// consumerStopsEarly returns where the callee of call, a plain call that
// only receives from the channel it is handed as argument arg, can stop
// receiving while the channel is still open, or nil.
func (c *checker) consumerStopsEarly(call ssa.CallInstruction, arg int, beh spawn.Behavior) (ssa.Instruction, bool) {
	if _, plain := call.(*ssa.Call); !plain || c.model == nil {
		return nil, false
	}
	if !onlyReceives(beh) {
		return nil, false
	}
	return c.model.CalleeStopsEarly(call, arg)
}

// onlyReceives reports whether beh receives from the channel and does
// nothing else with it.
func onlyReceives(beh spawn.Behavior) bool {
	return beh.Recv != spawn.NoRecv && beh.Sends == 0 && !beh.Guarded && !beh.Closes && !beh.Escapes && !beh.Async
}

// nilErrorEdge returns the edge on which the error result of call (its
// last) is tested and found nil, in the block that makes the call or the
// one after it (if err := consume(ch); err != nil { ... }), or the zero
// edge.
func nilErrorEdge(call ssa.CallInstruction) [2]*ssa.BasicBlock {
	c, ok := call.(*ssa.Call)
	if !ok {
		return [2]*ssa.BasicBlock{}
	}
	errv := ssax.ResultValue(c, c.Call.Signature().Results().Len()-1)
	if errv == nil {
		return [2]*ssa.BasicBlock{}
	}
	for _, r := range *errv.Referrers() {
		cmp, ok := r.(*ssa.BinOp)
		if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
			continue
		}
		other := cmp.Y
		if other == errv {
			other = cmp.X
		}
		if k, isConst := other.(*ssa.Const); !isConst || !k.IsNil() {
			continue
		}
		b := cmp.Block()
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || iff.Cond != cmp || len(b.Succs) != 2 {
			continue
		}
		nilSucc := b.Succs[1] // err != nil: the else branch is nil
		if cmp.Op == token.EQL {
			nilSucc = b.Succs[0]
		}
		return [2]*ssa.BasicBlock{b, nilSucc}
	}
	return [2]*ssa.BasicBlock{}
}

// callUse records a go statement as a goroutine, and a call or defer as
// what the owner does at that point.
func (c *checker) callUse(u *chanUse, call ssa.CallInstruction, beh spawn.Behavior, body string) {
	if g, ok := call.(*ssa.Go); ok {
		u.goroutines = append(u.goroutines, goroutine{site: g, beh: beh, body: body})
		return
	}
	if _, isDefer := call.(*ssa.Defer); !isDefer && beh.Async {
		// startWatch(ctx, ch): the callee hands the channel to goroutines
		// it starts and returns; to the owner the call is a start
		u.goroutines = append(u.goroutines, goroutine{site: call, beh: beh, body: body})
		return
	}
	instr := call.(ssa.Instruction)
	ev := func(kind int) {
		u.events = append(u.events, ownerEvent{instr: instr, block: instr.Block(), kind: kind, pos: ssax.Pos(instr)})
	}
	if beh.Escapes {
		u.escapes = append(u.escapes, chans.Access{Kind: chans.AccEscape, Instr: instr, Reason: chans.PassedOut})
	}
	if beh.Recv != spawn.NoRecv || beh.SelectRecv {
		ev(evDrain)
	}
	if beh.Sends > 0 || beh.Guarded {
		ev(evSend)
	}
	if beh.Closes {
		ev(evClose)
	}
}

// startingCalls returns the calls that start the closure mc in a
// goroutine of its own: wg.Go(f) (Go 1.25), and time.AfterFunc(d, f)
// whose timer is dropped (nothing can Stop it: f runs once d has passed),
// when every use of mc other than a direct call is one of them; escapes
// is true otherwise. A timer kept (t := time.AfterFunc(...); defer
// t.Stop()) is an escape: its function may never run.
func startingCalls(mc *ssa.MakeClosure) (started []ssa.CallInstruction, escapes bool) {
	for _, r := range *mc.Referrers() {
		call, ok := r.(ssa.CallInstruction)
		if !ok {
			if _, dbg := r.(*ssa.DebugRef); dbg {
				continue
			}
			return nil, true
		}
		com := call.Common()
		if !com.IsInvoke() && com.Value == mc {
			continue // a direct call: ssax.ClosureCalls has it
		}
		if _, isGo := call.(*ssa.Go); isGo {
			return nil, true // go wg.Go(f): not the usual form
		}
		f := com.StaticCallee()
		switch {
		case f != nil && f.String() == "(*sync.WaitGroup).Go" && len(com.Args) == 2 && com.Args[1] == mc:
		case f != nil && f.String() == "time.AfterFunc" && len(com.Args) == 2 && com.Args[1] == mc && droppedTimer(call):
		default:
			return nil, true
		}
		started = append(started, call)
	}
	return started, false
}

// droppedTimer reports whether the *time.Timer that call (a
// time.AfterFunc) returns is dropped: nothing can Stop it, so its function
// runs, in a goroutine of its own, once the duration has passed.
func droppedTimer(call ssa.CallInstruction) bool {
	v := call.Value()
	if v == nil || v.Referrers() == nil {
		return v != nil
	}
	for _, r := range *v.Referrers() {
		if _, dbg := r.(*ssa.DebugRef); !dbg {
			return false
		}
	}
	return true
}

// errgroupGos returns the calls g.Go(f) of a golang.org/x/sync/errgroup
// Group that start the closure mc, when every use of mc is one of them.
func errgroupGos(mc *ssa.MakeClosure) []ssa.CallInstruction {
	var started []ssa.CallInstruction
	for _, r := range *mc.Referrers() {
		if _, dbg := r.(*ssa.DebugRef); dbg {
			continue
		}
		call, ok := r.(*ssa.Call)
		if !ok {
			return nil
		}
		com := call.Common()
		if com.IsInvoke() || ssax.FullName(ssax.Callee(com)) != "(*golang.org/x/sync/errgroup.Group).Go" || len(com.Args) != 2 || com.Args[1] != mc {
			return nil
		}
		started = append(started, call)
	}
	return started
}

func calleeName(c ssa.CallInstruction) string {
	if f := ssax.Callee(c.Common()); f != nil {
		return ssax.ShortFuncName(f)
	}
	return "a goroutine"
}

// checkChan looks for goroutines left blocked on the channel mk.
func (c *checker) checkChan(fn *ssa.Function, mk *ssa.MakeChan) {
	u := c.collect(fn, mk, nil)
	local := len(u.escapes) == 0 // not stored in a field other methods can use
	if !c.checkSiblingConsumer(fn, u) {
		c.checkQuitReceiver(fn, u) // the same senders, when the pipeline's own rule says nothing
	}
	c.checkAbandonedFeed(fn, u)
	if len(u.escapes) > 0 {
		if fu := c.collectField(fn, mk); fu != nil {
			u = fu
			// a struct-held channel between two goroutines the owner starts
			// (go tr.run(); go watch(tr)): the same pipeline rules
			if !c.checkSiblingConsumer(fn, u) {
				c.checkQuitReceiver(fn, u)
			}
		}
	}
	if len(u.goroutines) == 0 {
		return
	}
	c.checkSenders(fn, u)
	c.checkReceivers(fn, u)
	if local {
		c.checkOverReceive(fn, u)
	}
}

// checkSenders reports goroutines that send on u's channel when the
// receiving side can stop before taking every value that does not fit in
// the buffer.
func (c *checker) checkSenders(fn *ssa.Function, u *chanUse) {
	var senders []goroutine
	for _, g := range u.goroutines {
		if g.beh.Recv != spawn.NoRecv || g.beh.SelectRecv || g.beh.Escapes {
			return // ok: a goroutine that also receives or hands the channel on is a protocol we do not model
		}
		if g.beh.Sends > 0 {
			senders = append(senders, g)
		}
	}
	if len(senders) == 0 || len(u.escapes) > 0 {
		return // ok: no plain send, or the channel escapes to code that may drain it
	}
	for _, ev := range u.events {
		if ev.kind == evSend {
			return // ok: the owner sends too; who receives what is not modelled
		}
	}
	capacity, known := chans.Capacity(u.mk)
	if !known || capacity < 0 {
		return // ok: a buffer sized at run time (often to the number of senders)
	}
	// a branch an index test takes in one iteration only (if i+1 ==
	// len(cmds)) starts its goroutine once, not once per iteration
	cyc := spawn.Cyclic(fn, func(from, to *ssa.BasicBlock) bool { return to == u.mk.Block() || cfg.OnceEdge(from, to) })
	if len(u.returned) > 0 {
		c.checkProducer(fn, u, senders, cyc, capacity)
		return
	}
	exit := c.leftUnreceived(fn, u, senders, cyc, capacity)
	if exit == nil {
		return
	}
	loops := waitexit.LoopExits(fn)
	total := 0
	// most is the largest number of sends the goroutines can make: the
	// buffer a fix must give (a goroutine that sends in a loop can make
	// more than any constant buffer holds, and gets no fix)
	most := 0
	for _, g := range senders {
		n, _ := c.spawnSends(g, cyc, loops, u.mk.Block())
		per := g.beh.Sends
		switch {
		case exit.perRound[g.site]:
			// one per way round the loop, its value taken before the
			// next starts: one outstanding when the owner leaves
			n, per = leakSends(g.beh), leakSends(g.beh)
		case cyc[g.site.Block()]:
			per = n // started per iteration: n counts its sends, if each makes a fixed number
			if g.beh.Sends != leakSends(g.beh) {
				per = big
			}
		}
		total = sat(total + n)
		most = sat(most + per)
	}
	name := chanName(c, u.mk)
	reportedAt := map[token.Pos]bool{} // a goroutine started by two calls of one closure: one send, one finding
	for _, g := range senders {
		if c.outcomeTaken(fn, u, g) {
			continue // ok: the owner's select takes the goroutine's only outcome (model.go)
		}
		if deferredBefore(u, g.site, true) {
			continue // ok: the owner closes the channel as it returns (deferred before the start): a send still pending then panics, it does not block (not reported here)
		}
		ret := exit.ret
		single := len(senders) == 1 && !cyc[g.site.Block()]
		var passed map[ssa.Instruction]bool
		if ret != nil {
			if ret = exit.from(g.site); ret == nil {
				continue // ok: every return that leaves values behind comes before this goroutine starts
			}
			if single {
				passed = c.passedWait(fn, g, u)
			}
			if ret = exit.consistentlyFrom(g, u, single, passed); ret == nil {
				continue // ok: only paths that contradict the test that started the goroutine, or take a value it sends only after this send, skip the receive (cfg.ConsistentPath)
			}
			if len(senders) > 1 {
				if ret = exit.consistentExcess(g); ret == nil {
					continue // ok: only paths that contradict themselves leave more than the buffer holds (cfg.ConsistentCount)
				}
			}
		}
		if ret != nil && c.excusedAt(fn, g, u, ret) {
			continue // ok: the return releases the goroutine, shuts its server down, or ends the process (excusedAt)
		}
		if ret != nil {
			ret = c.commonerReturn(fn, g, u, exit, ret, single, passed, len(senders) > 1)
		}
		related := []analysis.RelatedInformation{startedHere(g)}
		taken := 0 // receives made on every way to ret: the owner takes some values, not all
		if ret != nil {
			taken = receivesBefore(u, ret)
			if taken == 0 && total >= big {
				if alt := c.returnAfterReceive(fn, g, u, exit); alt != nil {
					// goroutines started per iteration: the return that
					// takes one value and leaves the rest (the first
					// answer wins) is the path a run takes, a timeout's
					// return only the rarer one
					ret, taken = alt, receivesBefore(u, alt)
				}
			}
		}
		var stopEv *ownerEvent
		for i := range u.events {
			if u.events[i].stopAt != nil {
				stopEv = &u.events[i]
				break
			}
		}
		switch {
		case ret != nil && stopEv != nil:
			callee := calleeName(stopEv.instr.(ssa.CallInstruction))
			related = append(related,
				passutil.Related(returnPos(ret), "%s returns here, after %s, which can stop receiving from %s before it is closed", fnName(fn), callee, name),
				passutil.Related(ssax.Pos(stopEv.stopAt), "%s stops receiving here while %s is still open", callee, name))
		case ret != nil && taken > 0:
			related = append(related, passutil.Related(returnPos(ret), "%s returns here after %s from %s", fnName(fn), plural(taken, "receive"), name))
		case ret != nil:
			timeout, timedOut := timedOutBefore(u, ret)
			switch {
			case timedOut && doneCase(ret):
				related = append(related, passutil.Related(returnPos(ret), "%s returns here, once its context is done and the wait for %s has timed out, without receiving from it", fnName(fn), name),
					passutil.Related(timeout, "the wait times out here"))
			case timedOut:
				related = append(related, passutil.Related(returnPos(ret), "%s returns here, once its wait has timed out, without receiving from %s", fnName(fn), name),
					passutil.Related(timeout, "the wait times out here"))
			case doneCase(ret):
				related = append(related, passutil.Related(returnPos(ret), "%s returns here, once its context is done, without receiving from %s", fnName(fn), name))
			default:
				related = append(related, passutil.Related(returnPos(ret), "%s returns here without receiving from %s", fnName(fn), name))
			}
		default:
			related = append(related, passutil.Related(exit.pos, "the loop makes a new %s here without receiving from the previous one", name))
		}
		for _, ev := range u.events {
			if taken == 0 && stopEv == nil && (ev.kind == evRecv || ev.kind == evDrain) {
				related = append(related, passutil.Related(ev.pos, "the receive that this path skips"))
				break
			}
		}
		if taken == 0 && stopEv == nil && ret != nil {
			related = append(related, laterSkippedReceives(u, ret)...)
		}
		related = append(related, passutil.Related(u.mk.Pos(), "%s made here with capacity %d", name, capacity))
		what := "send on " + name
		pos := g.beh.SendPos
		if pos == token.NoPos || g.beh.SendWhat == "" {
			pos = g.site.Pos()
			what = fmt.Sprintf("%s (which %s)", g.body, g.beh.SendWhat)
			if _, isGo := g.site.(*ssa.Go); !isGo && g.fn == nil {
				what = fmt.Sprintf("the goroutine %s starts (which %s)", g.body, g.beh.SendWhat)
			}
		}
		if c.oneSided[pos] || reportedAt[pos] {
			continue // ok: reported as a one-sided channel (model.go), or for another start of the same goroutine
		}
		if c.testChoreography(c.goBody(g), u.mk) {
			continue // ok: a test's own goroutine, parked harmlessly (testhelpers.go)
		}
		reportedAt[pos] = true
		related = append(related, otherSends(g.chIn, pos, name)...)
		more := ""
		if total >= big {
			more = " (one goroutine per loop iteration, more than the buffer holds)"
		}
		msg := fmt.Sprintf("goroutine can block forever in %s: %s can return without receiving from it and %s has capacity %d%s (goroutine leak)",
			what, fnName(fn), name, capacity, more)
		if taken > 0 && total >= big {
			msg = fmt.Sprintf("goroutine can block forever in %s: %s can return after %s from it, and the goroutines, one per loop iteration, can send more than %s's capacity of %d holds (goroutine leak)",
				what, fnName(fn), plural(taken, "receive"), name, capacity)
		}
		if taken > 0 && total < big {
			msg = fmt.Sprintf("goroutine can block forever in %s: %s can return after %s from it, %s has capacity %d, and its goroutines can send %d values (goroutine leak)",
				what, fnName(fn), plural(taken, "receive"), name, capacity, total)
		}
		if c.floods(fn, g, u) && ownerReceives(u) {
			msg = fmt.Sprintf("goroutine can block forever in %s: the goroutines send values until they close %s, and %s can stop receiving before that (goroutine leak)",
				what, name, fnName(fn))
		}
		c.report(analysis.Diagnostic{
			Pos:            pos,
			Category:       catSender,
			Message:        msg,
			Related:        related,
			SuggestedFixes: c.bufferFix(u.mk, capacity, most),
		})
	}
}

// commonerReturn returns the return that a finding on g names: ret, the
// first that leaves g's value behind, unless ret is taken only once the
// owner's context is done or its wait has timed out and another return
// that leaves the value behind is not: a successful call is the path a
// run commonly takes, and the one a reader checks first. Among those, a
// return whose error result is nil comes first.
func (c *checker) commonerReturn(fn *ssa.Function, g goroutine, u *chanUse, exit *exitWitness, ret *ssa.Return, single bool, passed map[ssa.Instruction]bool, shared bool) *ssa.Return {
	giveUp := func(r *ssa.Return) bool {
		_, timedOut := timedOutBefore(u, r)
		return timedOut || doneCase(r)
	}
	if !giveUp(ret) || receivesBefore(u, ret) > 0 {
		return ret
	}
	var best *ssa.Return
	for r := range exit.consistentReturns(g, u, single, passed) {
		if r == ret || giveUp(r) || receivesBefore(u, r) > 0 || (shared && !exit.excessAt(g, r)) || c.excusedAt(fn, g, u, r) {
			continue
		}
		if best == nil || (nilErrorReturn(r) && !nilErrorReturn(best)) {
			best = r
		}
	}
	if best == nil {
		return ret
	}
	return best
}

// nilErrorReturn reports whether r returns a nil error as its last
// result: a success.
func nilErrorReturn(r *ssa.Return) bool {
	n := len(r.Results)
	if n == 0 {
		return false
	}
	last := r.Results[n-1]
	if !types.Identical(last.Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	k, ok := last.(*ssa.Const)
	return ok && k.IsNil()
}

// doneCase reports whether the return r runs only once a context is
// done (ctxflow.AfterDone: a receive from its Done channel, the body of
// a select case on it, or a branch where its Err is not nil dominates r):
// the owner gave up on cancellation.
// timedOutBefore returns the timer case (time.After, a Timer's C) of a
// select that receives from u's channel in another case, from which ret
// can be reached: the owner stops waiting for the value when the timer
// fires.
func timedOutBefore(u *chanUse, ret *ssa.Return) (token.Pos, bool) {
	isRet := func(x ssa.Instruction) bool { return x == ret }
	never := func(ssa.Instruction) bool { return false }
	for _, ev := range u.events {
		sel, ok := ev.instr.(*ssa.Select)
		if !ok || ev.kind != evRecv {
			continue
		}
		edges := spawn.CaseEdges(sel)
		for i, st := range sel.States {
			if st.Dir != types.RecvOnly || edges[i][1] == nil || len(edges[i][1].Instrs) == 0 || !isTimerChan(st.Chan) {
				continue
			}
			from := edges[i][1].Instrs[0]
			if from == ret || cfg.FirstAvoiding(from, isRet, never, nil) != nil {
				return st.Pos, true
			}
		}
	}
	return token.NoPos, false
}

// isTimerChan reports whether ch is a timer's channel: a Timer's C, or
// the result of time.After or time.Tick.
func isTimerChan(ch ssa.Value) bool {
	if _, ok := chans.TimerOf(ch); ok {
		return true
	}
	for _, id := range chans.Origins(ch) {
		if chans.IsTimer(id) {
			return true
		}
	}
	return false
}

// laterSkippedReceives lists the owner's receives from u's channel after
// the first that ret's path also skips: a select case that ret's block
// does not come through (a second wait, after a context is done, that
// times out).
func laterSkippedReceives(u *chanUse, ret *ssa.Return) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	first := true
	for _, ev := range u.events {
		if ev.kind != evRecv && ev.kind != evDrain {
			continue
		}
		if first {
			first = false // already named
			continue
		}
		if ev.instr != nil && ev.instr.Block() != nil && ev.instr.Block().Dominates(ret.Block()) {
			if _, isSel := ev.instr.(*ssa.Select); isSel {
				out = append(out, passutil.Related(ev.pos, "and this one, which it also skips"))
			}
		}
	}
	return out
}

func doneCase(r *ssa.Return) bool {
	fn := r.Parent()
	seen := map[ssa.Value]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, ch := range chans.Received(instr) {
				ctx, ok := ctxflow.IsDoneChannel(ch)
				if !ok || seen[ctx] {
					continue
				}
				seen[ctx] = true
				if ctxflow.AfterDone(ctx, fn).At(r) {
					return true
				}
			}
		}
	}
	return false
}

// otherSends lists, as related information, the plain sends on ch (the
// channel as the goroutine's function sees it) other than the one at
// pos: a goroutine that sends on several branches blocks in whichever it
// takes (k6's waitForEvent handler: the named first send may be the
// unlikely one).
func otherSends(ch ssa.Value, pos token.Pos, name string) []analysis.RelatedInformation {
	if ch == nil {
		return nil
	}
	var out []analysis.RelatedInformation
	for _, a := range chans.Accesses(ch) {
		if send, ok := a.Instr.(*ssa.Send); ok && a.Kind == chans.AccSend && send.Pos() != pos && len(out) < 4 {
			out = append(out, passutil.Related(send.Pos(), "the goroutine also sends on %s here, and blocks there too", name))
		}
	}
	return out
}

// excusedAt reports whether the owner's return r leaves g's send
// unblocked or harmless after all: g's select leaves on the context the
// owner cancels as it returns; g sends only a failure of a server's
// Serve other than http.ErrServerClosed, and the owner shuts that server
// down before it returns (serverclosed.go); or r hands a failure to
// callers that all exit the process on it (a command's action), so the
// sender ends with the process.
func (c *checker) excusedAt(fn *ssa.Function, g goroutine, u *chanUse, r *ssa.Return) bool {
	return c.releasedAtReturn(fn, g, r) || c.shutDownAtReturn(fn, g, u, r) ||
		c.nr.EndsProcessAt(r, c.pass.ResultOf[blocking.Analyzer].(*blocking.Info).Chans().Sites())
}

// returnAfterReceive returns a return of the witness, other than the
// first, that comes after a receive from u's channel and that a path
// through g's start reaches with more pending than the buffer holds, and
// that no rule excuses (a context the owner cancels there, a server it
// shuts down, a caller that exits): nil when there is none.
func (c *checker) returnAfterReceive(fn *ssa.Function, g goroutine, u *chanUse, exit *exitWitness) *ssa.Return {
	for _, r := range exit.rets {
		if receivesBefore(u, r) == 0 || !exit.excessAt(g, r) {
			continue
		}
		if c.excusedAt(fn, g, u, r) {
			continue
		}
		return r
	}
	return nil
}

// floods reports whether the goroutine g keeps sending on u's channel
// until it is closed: the channel is closed by one of the goroutines (the
// protocol of a range consumer), and every plain send g's body makes on
// that channel lies in a loop. Its consumer then takes every value only by
// receiving until the close, and any other way out of the receiving loop
// (a return on a value, a break, a select on another channel) leaves it
// blocked in its next send. A body with a send on the channel outside its
// loops (a last result or error sent on the way out, which a consumer may
// stop at) is not counted as flooding; an error sent on another channel
// on the way out is not such a send (errc <- err; return: the consumer of
// out is not told to stop by it).
//
// An owner with a second loop that receives until the close (a drain after
// the first loop, on its error path) is not judged so: which paths reach
// the drain depends on values the analysis does not follow (break with err
// set; if err != nil { for range results {} }).
func (c *checker) floods(fn *ssa.Function, g goroutine, u *chanUse) bool {
	if g.beh.Sends < big || closeLoops(fn, u) > 1 {
		return false
	}
	closed := false
	for _, o := range u.goroutines {
		closed = closed || o.beh.Closes
	}
	if !closed {
		return false
	}
	body := c.startedBody(g)
	if body == nil || len(body.Blocks) == 0 {
		// another package's function: its fact says whether every send
		// it makes lies in a loop (go dep.SendAll(items, out))
		return body != nil && g.beh.LoopSendsOnly
	}
	cyc := spawn.Cyclic(body, nil)
	inLoop := false
	ours := startedChanOf(g, body, u.mk)
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if send, ok := instr.(*ssa.Send); ok && ours(send.Chan) {
				if !cyc[b] {
					return false
				}
				inLoop = true
			}
		}
	}
	return inLoop
}

// checkDroppedFuture reports the calls in the package that drop the
// channel fn returns, when fn's goroutines send on it more than its buffer
// holds: nothing can receive from a dropped channel, so each such call
// leaves the goroutine blocked in its send for good.
func (c *checker) checkDroppedFuture(fn *ssa.Function, u *chanUse, senders []goroutine, cyc map[*ssa.BasicBlock]bool, capacity int64, results []int) {
	total := 0
	for _, g := range senders {
		if cyc[g.site.Block()] {
			total = big
		} else {
			total = sat(total + leakSends(g.beh))
		}
	}
	if int64(total) <= capacity {
		return // ok: every send fits in the buffer, received or not
	}
	name := chanName(c, u.mk)
	outer := c.perCall
	c.perCall = nil // a finding at each call that drops the channel: per call of the caller, not of fn
	defer func() { c.perCall = outer }()
	for _, call := range c.model.DroppingCalls(fn, results) {
		if passutil.InScaffoldingFile(c.pass, c.testsOtherCode, call.Pos()) {
			continue // ok: a test's own call: its goroutine parks until the test binary exits
		}
		c.report(analysis.Diagnostic{
			Pos:      call.Pos(),
			Category: catSender,
			Message: fmt.Sprintf("the channel %s returns is dropped here: nothing can receive from it, and the goroutine %s started blocks forever in its send on %s (capacity %d) (goroutine leak)",
				fnName(fn), fnName(fn), name, capacity),
			Related: []analysis.RelatedInformation{
				startedHere(senders[0]),
				passutil.Related(u.mk.Pos(), "%s made here with capacity %d", name, capacity),
			},
			SuggestedFixes: c.bufferFix(u.mk, capacity, total),
		})
	}
	for _, skip := range c.model.SkippingCalls(fn, results, c.noReturnCall) {
		if passutil.InScaffoldingFile(c.pass, c.testsOtherCode, skip.Call.Pos()) {
			continue // ok: a test's own call: its goroutine parks until the test binary exits
		}
		caller := skip.Call.Parent()
		callerLoops := spawn.Cyclic(caller, nil)[skip.Call.Block()]
		if c.model.ProcessLifetime(caller) && !callerLoops {
			continue // ok: called once per process: one goroutine for the rest of the run
		}
		if c.nr.EndsProcessAt(skip.Return, c.pass.ResultOf[blocking.Analyzer].(*blocking.Info).Chans().Sites()) {
			continue // ok: the return hands a failure to callers that all exit the process on it: the sender ends with the process
		}
		outer := c.perCall
		c.perCall = nil
		if !callerLoops {
			c.perCall = caller // one goroutine per call of the caller
		}
		c.report(analysis.Diagnostic{
			Pos:      skip.Call.Pos(),
			Category: catSender,
			Message: fmt.Sprintf("%s can return without receiving from the channel that %s, called here, returns: the goroutine %s started blocks forever in its send on %s (capacity %d) (goroutine leak)",
				fnName(caller), fnName(fn), fnName(fn), name, capacity),
			Related: []analysis.RelatedInformation{
				passutil.Related(returnPos(skip.Return), "%s returns here without receiving from it", fnName(caller)),
				startedHere(senders[0]),
				passutil.Related(u.mk.Pos(), "%s made here with capacity %d", name, capacity),
			},
			SuggestedFixes: c.bufferFix(u.mk, capacity, total),
		})
		c.perCall = outer
	}
}

// closeLoops counts the loops of fn that leave when a receive from u's
// channel sees it closed.
func closeLoops(fn *ssa.Function, u *chanUse) int {
	n := 0
	for _, l := range waitexit.LoopExits(fn) {
		if slices.ContainsFunc(l.Blocks, func(b *ssa.BasicBlock) bool { return closedTest(b, u) }) {
			n++
		}
	}
	return n
}

// ownerReceives reports whether the owner receives from u's channel
// itself (or through a callee).
func ownerReceives(u *chanUse) bool {
	for _, ev := range u.events {
		if ev.kind == evRecv || ev.kind == evDrain {
			return true
		}
	}
	return false
}

// leakSends is how many sends of a goroutine can be counted on: at least
// one when it may send, more only when every finishing path makes them
// (a send guarded by a flag or an error must not count twice).
func leakSends(b spawn.Behavior) int {
	if b.Sends == 0 {
		return 0
	}
	return max(1, b.MinSends)
}

// checkProducer reports a generator: the channel is returned and the
// goroutine fills it with plain sends, so a consumer that stops early
// leaves it blocked.
func (c *checker) checkProducer(fn *ssa.Function, u *chanUse, senders []goroutine, cyc map[*ssa.BasicBlock]bool, capacity int64) {
	for _, ev := range u.events {
		if ev.kind == evRecv || ev.kind == evDrain {
			return // ok: the owner receives too; not a plain generator
		}
	}
	results := returnedResults(u)
	for _, g := range senders {
		if g.beh.Sends < big || cyc[g.site.Block()] {
			c.checkDroppedFuture(fn, u, senders, cyc, capacity, results)
			return // ok: a future (a fixed number of sends) or several producers: a consumer is expected to take them all
		}
	}
	// A receive from another channel the producer returns, which its
	// goroutines send on or close only once done with this one (its
	// error, sent as it returns), ends a consumer's duty (wake.LastWord).
	terminal := c.lastWordResults(fn, u, senders, results)
	if c.model.DrainedToClose(fn, results, terminal) {
		return // ok: every consumer is known and receives until the close (wake.DrainedToClose)
	}
	// Other packages can call an exported function, or an exported method
	// even of an unexported type (through the exported interface it
	// implements: nats.go's js.KeyValueStoreNames): its users consume the
	// channel, and stopping early is ordinary use for them. No other
	// package imports a main package: its exported names are no API.
	api := fn.Parent() == nil && token.IsExported(fn.Name()) && (fn.Pkg == nil || fn.Pkg.Pkg.Name() != "main")
	stage, forwards := c.forwardStages(fn, senders)
	// A consumer that stops at a terminal value (e.Type == CancelEvent) of
	// what a stage forwards stops where the stage's source ends: it is no
	// evidence against the stage (wake.KnownConsumerStops).
	// A test of a package whose tests test other code that stops early
	// leaves the producer parked until the test binary exits: the test's
	// choreography (test scaffolding, doc.go), no evidence against the
	// producer. Nor is a consumer that nothing shows runs (dead code, a
	// disabled function nothing calls: wake.Evidence).
	consumerStops := c.model.KnownConsumerStops(fn, results, terminal, !forwards, func(call ssa.Instruction) bool {
		return passutil.InScaffoldingFile(c.pass, c.testsOtherCode, call.Pos()) || !c.reached(call.Parent())
	})
	if !consumerStops && stage {
		// ok: each producer forwards a source its caller holds (a
		// channel parameter, or one that ends with the caller's
		// context) and closes the channel at its end: end the source,
		// then drain to the close is the caller's contract, and no
		// consumer in view breaks it (wake.ForwardsCallerSource)
		return
	}
	if !consumerStops {
		// ok: no consumer in view stops early: its consumers are out of
		// view (other packages call an exported producer; an unexported
		// one is used as a value, reached through an interface, or its
		// channel is handed to code the walk cannot follow), so there is
		// no evidence that any does. The importers that call an exported
		// one are judged where they are (checkImportedProducers).
		if api {
			c.exportProducer(fn, u, senders, results, terminal, forwards)
		}
		return
	}
	name := chanName(c, u.mk)
	for _, g := range senders {
		what := "send on " + name
		pos := g.beh.SendPos
		if pos == token.NoPos || g.beh.SendWhat == "" {
			pos = g.site.Pos()
			what = fmt.Sprintf("%s (which %s)", g.body, g.beh.SendWhat)
		}
		c.report(analysis.Diagnostic{
			Pos:      pos,
			Category: catProducer,
			Message: fmt.Sprintf("producer goroutine can block forever in %s: %s returns the channel and a consumer that stops receiving early leaves it blocked; make the send a case of a select with ctx.Done() or a done channel (goroutine leak)",
				what, fnName(fn)),
			Related: []analysis.RelatedInformation{
				startedHere(g),
				passutil.Related(u.returned[0].Pos(), "%s returned to the consumer here", name),
			},
		})
	}
}

// lastWordResults returns the results of fn, other than results (u's
// channel), that hold a channel every sender of u sends on or closes only
// once it no longer touches u's channel (wake.Model.LastWord): the error
// channel of a generator that sends its error, or closes it, as it ends.
func (c *checker) lastWordResults(fn *ssa.Function, u *chanUse, senders []goroutine, results []int) []int {
	if len(senders) == 0 || len(u.returned) == 0 {
		return nil
	}
	ret, ok := u.returned[0].(*ssa.Return)
	if !ok {
		return nil
	}
	var out []int
	for j, r := range ret.Results {
		if slices.Contains(results, j) {
			continue
		}
		if _, isChan := r.Type().Underlying().(*types.Chan); !isChan {
			continue
		}
		last := true
		for _, g := range senders {
			body := c.startedBody(g)
			if body == nil || len(body.Blocks) == 0 || !c.model.LastWord(r, body, startedChanOf(g, body, u.mk)) {
				last = false
				break
			}
		}
		if last {
			out = append(out, j)
		}
	}
	return out
}

// startedChanOf returns a test of whether a value of body, the function
// goroutine g runs, is mk's channel: made there, or a parameter of body
// that g's start passes it for (go s.wait(ec, errc); spawnOrigins).
func startedChanOf(g goroutine, body *ssa.Function, mk *ssa.MakeChan) func(ssa.Value) bool {
	return func(v ssa.Value) bool {
		if _, ok := v.Type().Underlying().(*types.Chan); !ok {
			return false
		}
		ids := chans.Origins(v)
		if g.field != nil && len(ids) > 0 && !slices.ContainsFunc(ids, func(id chans.ID) bool { return id.Kind != chans.Field || id.Field != g.field }) {
			return true // a load of the field the owner stores the channel in
		}
		return allMadeBy(spawnOrigins(body, []ssa.CallInstruction{g.site}, ids), mk)
	}
}

// forwardStages reports whether every sender closes the channel when it
// ends and is a forwarding stage over a source that fn's caller holds
// (stage), and whether every one of them sends only the values it
// receives from that source (forwards).
func (c *checker) forwardStages(fn *ssa.Function, senders []goroutine) (stage, forwards bool) {
	forwards = true
	for _, g := range senders {
		body := c.startedBody(g)
		recv := wake.ForwardsCallerSource(body, fn, g.site)
		if !g.beh.Closes || recv == nil {
			return false, false
		}
		forwards = forwards && wake.ForwardsReceived(body, recv)
	}
	if len(senders) == 0 {
		return false, false
	}
	return true, forwards
}

// returnedResults lists the results through which the owner returns u's
// channel, or nil when a return hands it out some other way.
func returnedResults(u *chanUse) []int {
	var out []int
	for _, instr := range u.returned {
		ret, ok := instr.(*ssa.Return)
		if !ok {
			return nil
		}
		found := false
		for i, r := range ret.Results {
			id, ok := chans.Origin(r)
			if !ok || id.Kind != chans.Make || id.Make != u.mk {
				continue // ok: another result
			}
			found = true
			if !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
		if !found {
			return nil
		}
	}
	return out
}

// exitWitness is a way out of the owner that leaves sends unreceived.
type exitWitness struct {
	ret *ssa.Return // or nil: the loop re-makes the channel at pos
	pos token.Pos
	// rets are all the returns where more is left than the buffer holds,
	// in block order (ret is the first).
	rets []*ssa.Return
	// the tables of the count, for consistentExcess
	weight     []int
	drain      []bool
	dead       []bool
	edgeWeight map[[2]int]int
	normal     map[[2]int]bool
	mk         *ssa.BasicBlock
	capacity   int
	// perRound holds the starts in a loop whose every way round receives
	// a value before the next start: at most one of their goroutines is
	// outstanding when the owner leaves
	perRound map[ssa.Instruction]bool
}

// consistentExcess returns the first return of the witness that a path
// through the start of g reaches with more values pending than the
// buffer holds, counted as leftUnreceived counts them but path by path,
// deciding the path's branches consistently (cfg.ConsistentCount): a
// goroutine started under a condition whose receive waits under the same
// condition leaves nothing behind, however many others share the
// channel. nil when there is none.
func (w *exitWitness) consistentExcess(g goroutine) *ssa.Return {
	for _, r := range w.rets {
		if w.excessAt(g, r) {
			return r
		}
	}
	return nil
}

// excessAt reports whether a path through the start of g reaches the
// return r of the witness with more values pending than the buffer
// holds (consistentExcess, for one return).
func (w *exitWitness) excessAt(g goroutine, r *ssa.Return) bool {
	if w.weight == nil {
		return cfg.Reaches(g.site, r, nil)
	}
	// The search tells paths apart by their count: keep it in a small
	// range. Above it the count stays high (more may be reported, never
	// less); far below, it stays drained as leftUnreceived's -big does.
	top, bottom := w.capacity+8, -8
	keep := func(n int) int {
		switch {
		case n >= top:
			return top
		case n <= bottom:
			return bottom - 1
		}
		return n
	}
	enter := func(b *ssa.BasicBlock, n int) int {
		if b == w.mk {
			n = 0 // a new channel: its count starts again
		}
		if w.drain[b.Index] {
			return bottom - 1
		}
		if n < bottom || n >= top {
			return n // sticky: drained, or more than the search counts
		}
		return keep(n + w.weight[b.Index])
	}
	edge := func(from, to *ssa.BasicBlock, n int, after bool) (int, bool) {
		if w.dead[to.Index] || (after && to == w.mk) {
			return n, false // a dead block; or a new channel, not the one g sends on
		}
		e := [2]int{from.Index, to.Index}
		if w.normal[e] {
			return bottom - 1, true
		}
		if n < bottom || n >= top {
			return n, true
		}
		return keep(n + w.edgeWeight[e]), true
	}
	return cfg.ConsistentCount(g.site, r, enter, edge, w.capacity)
}

// from returns the first return of the witness that a goroutine started
// at site can still be running at (reachable from site), or nil when
// every such return comes before the goroutine starts.
func (w *exitWitness) from(site ssa.Instruction) *ssa.Return {
	for r := range w.reachedFrom(site) {
		return r
	}
	return nil
}

// reachedFrom yields, in block order, the returns of the witness
// reachable from site.
func (w *exitWitness) reachedFrom(site ssa.Instruction) iter.Seq[*ssa.Return] {
	return func(yield func(*ssa.Return) bool) {
		for _, r := range w.rets {
			if cfg.Reaches(site, r, nil) && !yield(r) {
				return
			}
		}
	}
}

// consistentlyFrom returns the first return of the witness that a path
// through the start of g reaches without a receive that takes g's value
// (a drain, or any receive when g sends at most once), deciding its
// branches consistently (cfg.ConsistentPath): a goroutine started under a
// condition whose consumer runs under the same condition leaves nothing
// behind. A receive in passed (passedWait: from a channel g sends on only
// once it no longer touches u's channel) takes g past its send too: g
// sends its error, then its result, and the owner took the result. nil
// when there is none. Asked only for a lone goroutine started once
// (single): a receive on the way is then its own.
func (w *exitWitness) consistentlyFrom(g goroutine, u *chanUse, single bool, passed map[ssa.Instruction]bool) *ssa.Return {
	for r := range w.consistentReturns(g, u, single, passed) {
		return r
	}
	return nil
}

// consistentReturns yields, in block order, the returns of the witness
// that consistentlyFrom accepts.
func (w *exitWitness) consistentReturns(g goroutine, u *chanUse, single bool, passed map[ssa.Instruction]bool) iter.Seq[*ssa.Return] {
	if !single {
		return w.reachedFrom(g.site)
	}
	var taking []ownerEvent
	for _, ev := range u.events {
		if ev.kind == evDrain || (ev.kind == evRecv && leakSends(g.beh) <= 1 && g.beh.Sends < big) {
			taking = append(taking, ev)
		}
	}
	start := g.site.Block()
	passedIn := map[*ssa.BasicBlock]bool{}
	for instr := range passed {
		passedIn[instr.Block()] = true
	}
	avoid := func(from, to *ssa.BasicBlock) bool {
		if passedIn[to] && to != start {
			return true
		}
		for _, ev := range taking {
			if ev.takesEdge(from, to) && (ev.from != nil || to != start) {
				return true
			}
		}
		return false
	}
	return func(yield func(*ssa.Return) bool) {
		for _, r := range w.rets {
			if cfg.ConsistentPath(g.site, r, avoid) && !yield(r) {
				return
			}
		}
	}
}

// leftUnreceived runs a longest-path analysis from the make: along each
// path it adds the sends of the goroutines started and subtracts the
// receives, and reports an exit (a return, or the loop coming back to the
// make) where more values are left than the buffer holds. The normal
// exits of a receive loop (its header, or a range that saw the channel
// closed) are taken to have received everything; other exits (break,
// return, a ctx.Done case) keep their count.
func (c *checker) leftUnreceived(fn *ssa.Function, u *chanUse, senders []goroutine, cyc map[*ssa.BasicBlock]bool, capacity int64) *exitWitness {
	mkBlock := u.mk.Block()
	n := len(fn.Blocks)
	if n == 0 || n > 5000 {
		return nil
	}
	weight := make([]int, n)
	// pathWeight and pathEdgeWeight are the tables of consistentExcess's
	// path search: there a goroutine started at most once per way round
	// its loop counts where it starts, and the search follows the way
	// round (a timer's case that fires once per arming, a flag).
	pathWeight := make([]int, n)
	pathEdgeWeight := map[[2]int]int{}
	drain := make([]bool, n)
	mkIndex := cfg.Index(u.mk)
	after := func(instr ssa.Instruction, blk *ssa.BasicBlock) bool {
		return blk != mkBlock || instr.Block() != mkBlock || cfg.Index(instr) > mkIndex
	}
	recvBlocks := map[*ssa.BasicBlock]bool{}
	recvEdges := map[[2]*ssa.BasicBlock]bool{} // empty select cases (ownerEvent.from)
	edgeWeight := map[[2]int]int{}
	loops := waitexit.LoopExits(fn)
	for _, ev := range u.events {
		if after(ev.instr, ev.block) && (ev.kind == evRecv || ev.kind == evDrain) {
			if ev.from != nil {
				recvEdges[[2]*ssa.BasicBlock{ev.from, ev.block}] = true
			} else {
				recvBlocks[ev.block] = true
			}
		}
	}
	// receivesOn reports whether control receives going from -> to; the
	// block of a start is not counted when entered again (its receive,
	// if any, is not between two starts).
	receivesOn := func(start *ssa.BasicBlock) func(from, to *ssa.BasicBlock) bool {
		return func(from, to *ssa.BasicBlock) bool {
			return recvEdges[[2]*ssa.BasicBlock{from, to}] || (to != start && recvBlocks[to])
		}
	}
	perRound := map[ssa.Instruction]bool{}
	for _, g := range u.goroutines {
		if !after(g.site, g.site.Block()) {
			continue
		}
		s, l := c.spawnSends(g, cyc, loops, mkBlock)
		onePerRound := false
		if l == nil && s >= big && cyc[g.site.Block()] && (!spawn.CycleAvoiding(g.site.Block(), receivesOn(g.site.Block())) || !cfg.ConsistentCycle(g.site, receivesOn(g.site.Block()))) {
			// ok: every way round the loop back to the spawn receives
			// (one goroutine per try, its result taken before the next;
			// a case disabled by tick = nil until the receive re-arms
			// it; a flag that records the start and guards the receive:
			// cfg.ConsistentCycle): at most one is outstanding, counted
			// once per entry into the loop
			if ol := outermostLoop(loops, g.site.Block(), mkBlock); ol != nil {
				s, l = leakSends(g.beh), ol
				onePerRound = true
			}
		}
		if c.floods(fn, g, u) {
			s = big // it sends until the channel is closed: only the close exit takes it all
			onePerRound = false
		}
		if onePerRound {
			perRound[g.site] = true
		}
		if l == nil || onePerRound {
			site := g.site.Block().Index
			pathWeight[site] = sat(pathWeight[site] + s)
		}
		if l == nil {
			weight[g.site.Block().Index] = sat(weight[g.site.Block().Index] + s)
			continue
		}
		// Counted once per entry into the loop, not per iteration.
		for _, p := range l.Header.Preds {
			if !slices.Contains(l.Blocks, p) {
				e := [2]int{p.Index, l.Header.Index}
				edgeWeight[e] = sat(edgeWeight[e] + s)
				if !onePerRound {
					pathEdgeWeight[e] = sat(pathEdgeWeight[e] + s)
				}
			}
		}
	}
	for _, ev := range u.events {
		if !after(ev.instr, ev.block) {
			continue
		}
		switch ev.kind {
		case evRecv:
			if ev.from != nil {
				edgeWeight[[2]int{ev.from.Index, ev.block.Index}]--
				pathEdgeWeight[[2]int{ev.from.Index, ev.block.Index}]--
				continue
			}
			weight[ev.block.Index]--
			pathWeight[ev.block.Index]--
		case evDrain:
			drain[ev.block.Index] = true
		}
	}
	// A join of the senders leaves nothing pending: every send was made,
	// and so received (model.go).
	for b := range c.joinedBlocks(fn, senders) {
		drain[b.Index] = true
	}
	normal := c.normalExits(fn, u, recvBlocks, recvEdges)
	// A consumer's nil error says it received everything (its early
	// stops all fail): that edge leaves nothing pending.
	for _, ev := range u.events {
		if ev.drained[0] != nil {
			normal[[2]int{ev.drained[0].Index, ev.drained[1].Index}] = true
		}
	}
	// A guard on a counter of at-most-once receives that needs every one
	// of them leaves nothing pending (counterjoin.go).
	for e := range c.counterJoinEdges(fn, u) {
		normal[e] = true
	}
	// A guard that a count of outstanding goroutines is back at its start
	// leaves nothing pending (counterjoin.go).
	for e := range c.pendingCounterEdges(fn, u) {
		normal[e] = true
	}
	// A flag that records a receive (if !stopped { <-stop }): the edge
	// around the receive is taken only after one was made.
	afterRecv := func(b *ssa.BasicBlock) bool {
		for rb := range recvBlocks {
			if rb.Dominates(b) {
				return true
			}
		}
		return false
	}
	for _, e := range cfg.FlagEdges(fn, afterRecv) {
		edgeWeight[e]--
		pathEdgeWeight[e]--
	}
	dead := make([]bool, n)
	for _, b := range fn.Blocks {
		// a test helper's error return is a failing test (testhelpers.go)
		dead[b.Index] = c.neverReturns(b) || c.failedTestReturn(fn, b)
	}
	const unreached = -1 << 40
	in := make([]int, n)
	for i := range in {
		in[i] = unreached
	}
	in[mkBlock.Index] = 0
	var witness *exitWitness
	var rets []*ssa.Return
	for round := 0; round <= n+2; round++ {
		changed := false
		witness, rets = nil, nil
		for _, b := range fn.Blocks {
			if in[b.Index] == unreached || dead[b.Index] {
				continue
			}
			out := clamp(in[b.Index] + weight[b.Index])
			if drain[b.Index] {
				out = -big
			}
			if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && int64(out) > capacity {
				if witness == nil {
					witness = &exitWitness{ret: r, pos: r.Pos()}
				}
				rets = append(rets, r)
			}
			for _, s := range b.Succs {
				if c.model != nil && c.model.Impossible(b, s) {
					continue // ok: an edge no run takes (the error branch of a call that cannot fail, the closed exit of a channel nothing closes: wake.Model.Impossible)
				}
				v := clamp(out + edgeWeight[[2]int{b.Index, s.Index}])
				if normal[[2]int{b.Index, s.Index}] {
					v = -big
				}
				if s == mkBlock {
					if int64(v) > capacity && witness == nil {
						witness = &exitWitness{pos: u.mk.Pos()}
					}
					continue
				}
				if v > in[s.Index] {
					in[s.Index] = v
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	if witness != nil {
		witness.rets = rets
		witness.weight, witness.drain, witness.dead = pathWeight, drain, dead
		witness.edgeWeight, witness.normal = pathEdgeWeight, normal
		witness.mk, witness.capacity = mkBlock, int(min(capacity, int64(big)))
		witness.perRound = perRound
	}
	return witness
}

// spawnSends returns how many sends the goroutines started at g.site can
// leave pending. For a spawn in a loop it returns the loop too, when the
// count is per entry into it: the trip count times the sends when the loop
// counts to a constant; one goroutine's sends when the send is guarded by
// a condition on shared state (perhaps only one goroutine of the loop
// sends, as when the last to arrive signals: spawn.OwnGates). Otherwise a
// spawn in a loop whose goroutines all send, or each may (a send guarded
// by its own error), is unbounded (big) and counted at the spawn.
func (c *checker) spawnSends(g goroutine, cyc map[*ssa.BasicBlock]bool, loops []waitexit.Loop, mk *ssa.BasicBlock) (int, *waitexit.Loop) {
	s := leakSends(g.beh)
	if !cyc[g.site.Block()] {
		if l := outermostLoop(loops, g.site.Block(), mk); l != nil {
			return s, l // a start an index test allows in one iteration (cfg.OnceEdge): once per entry into its loop
		}
		return s, nil
	}
	l := outermostLoop(loops, g.site.Block(), mk)
	if l == nil {
		return big, nil
	}
	if n, ok := constTripsOutside(loops, g.site.Block(), mk); ok {
		return sat(n * s), l
	}
	if g.beh.MinSends > 0 || spawn.OwnGates(c.startedBody(g)) {
		// every goroutine sends, or each may: its send is guarded only
		// by its own values (if err != nil { errc <- err })
		return big, nil
	}
	return s, l
}

// constTripsOutside returns how many times b runs per run of the code
// outside its loops, when b lies in exactly one loop that does not hold
// outside (the make of a channel, a Wait) and that loop's trip count is a
// constant.
func constTripsOutside(loops []waitexit.Loop, b, outside *ssa.BasicBlock) (int, bool) {
	return tripsOutside(loops, b, outside, spawn.ConstTrips)
}

// tripsOutside counts, with count, the trips of the one loop that holds b
// and not outside.
func tripsOutside(loops []waitexit.Loop, b, outside *ssa.BasicBlock, count func(*ssa.BasicBlock, map[*ssa.BasicBlock]bool) (int, bool)) (int, bool) {
	if !single(loops, b, outside) {
		return 0, false
	}
	l := outermostLoop(loops, b, outside)
	in := map[*ssa.BasicBlock]bool{}
	for _, x := range l.Blocks {
		in[x] = true
	}
	return count(l.Header, in)
}

// maxTripsOutside is constTripsOutside's bound: how many times b runs at
// most (spawn.MaxTrips: a range over a slice of bounded length counts).
func maxTripsOutside(loops []waitexit.Loop, b, outside *ssa.BasicBlock) (int, bool) {
	return tripsOutside(loops, b, outside, spawn.MaxTrips)
}

// single reports whether b lies in exactly one loop that does not contain
// mk: a trip count then says how often b runs.
func single(loops []waitexit.Loop, b, mk *ssa.BasicBlock) bool {
	n := 0
	for _, l := range loops {
		if slices.Contains(l.Blocks, b) && !slices.Contains(l.Blocks, mk) {
			n++
		}
	}
	return n == 1
}

// outermostLoop returns the largest natural loop that contains b but not
// the block that makes the channel, or nil.
func outermostLoop(loops []waitexit.Loop, b, mk *ssa.BasicBlock) *waitexit.Loop {
	var best *waitexit.Loop
	for i := range loops {
		l := &loops[i]
		hasB, hasMk := false, false
		for _, x := range l.Blocks {
			hasB = hasB || x == b
			hasMk = hasMk || x == mk
		}
		if hasB && !hasMk && (best == nil || len(l.Blocks) > len(best.Blocks)) {
			best = l
		}
	}
	return best
}

// normalExits returns the edges that leave a loop receiving from the
// channel the way a loop that drains it ends: from the loop header, or on
// the ok of a receive from the channel being false (a range loop).
func (c *checker) normalExits(fn *ssa.Function, u *chanUse, recvBlocks map[*ssa.BasicBlock]bool, recvEdges map[[2]*ssa.BasicBlock]bool) map[[2]int]bool {
	out := map[[2]int]bool{}
	for _, l := range waitexit.LoopExits(fn) {
		in := map[*ssa.BasicBlock]bool{}
		drains := false
		for _, b := range l.Blocks {
			in[b] = true
			drains = drains || recvBlocks[b]
		}
		for e := range recvEdges {
			drains = drains || (in[e[0]] && in[e[1]])
		}
		if !drains {
			continue
		}
		targets := map[*ssa.BasicBlock]bool{}
		for _, b := range l.Blocks {
			for _, s := range b.Succs {
				if in[s] {
					continue
				}
				if (b == l.Header && !selectDispatch(b)) || closedTest(b, u) || countedExit(b, l.Blocks, recvBlocks, u) {
					out[[2]int{b.Index, s.Index}] = true
					targets[s] = true
				}
			}
		}
		// The guard of a rotated loop (for range n tests n > 0 before
		// entering) skips it to where its normal exit goes: zero
		// iterations, zero values expected.
		for _, p := range l.Header.Preds {
			if in[p] || len(p.Succs) != 2 {
				continue
			}
			for _, s := range p.Succs {
				if s != l.Header && targets[s] {
					out[[2]int{p.Index, s.Index}] = true
				}
			}
		}
	}
	return out
}

// receivesBefore counts the owner's receives from u's channel, outside
// loops, that every way to ret passes: the values the owner takes before
// it returns.
func receivesBefore(u *chanUse, ret *ssa.Return) int {
	n := 0
	for _, ev := range u.events {
		if ev.kind != evRecv || ev.from != nil || ev.instr == nil || ev.instr.Block() == nil {
			continue
		}
		if sel, ok := ev.instr.(*ssa.Select); ok {
			// a select's case counts on the returns its case block
			// leads to (case v := <-respCh: return v), once per call
			if ev.block != nil && ev.block != sel.Block() && !cfg.Reaches(sel, sel, nil) && ev.block.Dominates(ret.Block()) {
				n++
			}
			continue
		}
		if recv, ok := ev.instr.(*ssa.UnOp); !ok || recv.Op != token.ARROW || recv.CommaOk {
			continue // a comma-ok receive may see the close
		}
		if cfg.Reaches(ev.instr, ev.instr, nil) {
			continue // in a loop: not one receive per call
		}
		b := ev.instr.Block()
		if b == ret.Block() && cfg.Index(ev.instr) < cfg.Index(ret) || b != ret.Block() && b.Dominates(ret.Block()) {
			n++
		}
	}
	return n
}

// plural says n things: "1 receive", "2 receives".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// selectDispatch reports whether b ends in the test of which case of a
// select was taken. A for loop without a condition has its body as its
// header; a select there leaves the loop by one of its cases (a stop, a
// ctx.Done), which is not the loop's condition coming false.
func selectDispatch(b *ssa.BasicBlock) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	ex, ok := cmp.X.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return false
	}
	_, ok = ex.Tuple.(*ssa.Select)
	return ok
}

// countedExit reports whether the loop is left from b after a receive in
// the same iteration, on a condition that does not look at the received
// value: a loop that counts its receives (if pending == 0 { return }).
// A condition on the value (if err != nil { return err }) is an early
// exit: the "first error wins" leak.
func countedExit(b *ssa.BasicBlock, loop []*ssa.BasicBlock, recvBlocks map[*ssa.BasicBlock]bool, u *chanUse) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	afterRecv := false
	for _, r := range loop {
		if recvBlocks[r] && r.Dominates(b) {
			afterRecv = true
		}
	}
	if !afterRecv {
		return false
	}
	recvs := map[ssa.Instruction]bool{}
	for _, ev := range u.events {
		if ev.kind == evRecv {
			recvs[ev.instr] = true
		}
	}
	return !dependsOn(iff.Cond, recvs, map[ssa.Value]bool{}, 0)
}

// dependsOn reports whether v is computed from the result of one of the
// instructions in from (a bounded walk through operands). A local variable
// that go/ssa keeps in memory (a struct whose fields are read, r.err) is
// followed through the values stored into it or into its fields.
func dependsOn(v ssa.Value, from map[ssa.Instruction]bool, seen map[ssa.Value]bool, depth int) bool {
	if depth > 12 || seen[v] {
		return false
	}
	seen[v] = true
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	if from[instr] {
		return true
	}
	if a, ok := v.(*ssa.Alloc); ok {
		for _, val := range storedInto(a) {
			if dependsOn(val, from, seen, depth+1) {
				return true
			}
		}
		return false
	}
	var rands [8]*ssa.Value
	for _, op := range instr.Operands(rands[:0]) {
		if *op != nil && dependsOn(*op, from, seen, depth+1) {
			return true
		}
	}
	return false
}

// storedInto returns the values the function stores into the local a,
// whole or into one of its fields or elements.
func storedInto(a *ssa.Alloc) []ssa.Value {
	var vals []ssa.Value
	var addrs []ssa.Value
	addrs = append(addrs, a)
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			addrs = append(addrs, r)
		case *ssa.IndexAddr:
			addrs = append(addrs, r)
		}
	}
	for _, addr := range addrs {
		refs := addr.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			if st, ok := r.(*ssa.Store); ok && st.Addr == addr {
				vals = append(vals, st.Val)
			}
		}
	}
	return vals
}

// passedWait returns the receives of fn (a plain receive, or the first
// instruction of a select case) from another channel that the goroutine g
// wakes only once it no longer touches u's channel
// (wake.Model.WokenOnlyAfter): once such a receive completes, g no longer
// waits on u's channel (go func() { tr.Out(w, ch); errCh <- err }() and
// case err := <-errCh: return).
func (c *checker) passedWait(fn *ssa.Function, g goroutine, u *chanUse) map[ssa.Instruction]bool {
	body := c.goBody(g)
	if body == nil || c.model == nil || len(body.Blocks) == 0 {
		return nil
	}
	touches := func(v ssa.Value) bool { return isChanOf(v, u.mk) }
	// in the body, the channel may be a parameter bound at the start
	// (go stream(next, out, errc)), not only the captured make
	touchedInBody := startedChanOf(g, body, u.mk)
	out := map[ssa.Instruction]bool{}
	eachReceive(fn, func(ch ssa.Value) bool {
		return !touches(ch) && c.model.WokenOnlyAfter(ch, body, touchedInBody)
	}, func(recv *ssa.UnOp, caseBlock *ssa.BasicBlock) {
		if recv != nil {
			out[recv] = true
		} else if len(caseBlock.Instrs) > 0 {
			out[caseBlock.Instrs[0]] = true
		}
	})
	return out
}

// isChanOf reports whether every origin of v is the make mk.
func isChanOf(v ssa.Value, mk *ssa.MakeChan) bool {
	if _, ok := v.Type().Underlying().(*types.Chan); !ok {
		return false
	}
	return allMadeBy(chans.Origins(v), mk)
}

// allMadeBy reports whether ids are all the make mk, and there is one.
func allMadeBy(ids []chans.ID, mk *ssa.MakeChan) bool {
	for _, id := range ids {
		if id.Kind != chans.Make || id.Make != mk {
			return false
		}
	}
	return len(ids) > 0
}

// closedTest reports whether b ends by testing the ok of a receive from
// the channel (for v := range ch, or v, ok := <-ch).
func closedTest(b *ssa.BasicBlock, u *chanUse) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	ex, ok := iff.Cond.(*ssa.Extract)
	if !ok || ex.Index != 1 {
		return false
	}
	tuple, ok := ex.Tuple.(ssa.Instruction)
	if !ok {
		return false
	}
	for _, ev := range u.events {
		if ev.kind == evRecv && ev.instr == tuple {
			return true
		}
	}
	return false
}

// neverReturns reports whether control that enters b cannot reach b's
// successors: b calls panic, os.Exit, log.Fatal, t.Fatal and the like.
func (c *checker) neverReturns(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if c.noReturnCall(instr) {
			return true
		}
	}
	return false
}

// noReturnCall reports whether instr ends the path it is on for a leak:
// a panic, a call that never returns (noreturn: os.Exit, t.FailNow,
// require.FailNow, any helper of any package that always ends in one), or
// a call that marks the running test failed (passutil.FailsTest).
func (c *checker) noReturnCall(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.Panic:
		return true
	case *ssa.Call:
		return c.nr.NeverReturns(&x.Call) || passutil.FailsTest(&x.Call) // a leak on a path where the test already failed is not worth a report
	}
	return false
}

// checkReceivers reports goroutines that wait to receive from u's channel
// when the owner can return without sending on it or closing it.
func (c *checker) checkReceivers(fn *ssa.Function, u *chanUse) {
	if len(u.escapes) > 0 || len(u.returned) > 0 {
		return // ok: code we cannot see may send on it or close it
	}
	var receivers []goroutine
	for _, g := range u.goroutines {
		if g.beh.Sends > 0 || g.beh.Guarded || g.beh.Closes || g.beh.Escapes {
			return // ok: another goroutine may release the receivers
		}
		if g.beh.Recv != spawn.NoRecv {
			receivers = append(receivers, g)
		}
	}
	name := chanName(c, u.mk)
	for _, g := range receivers {
		needClose := g.beh.Recv == spawn.RecvRange
		if deferredBefore(u, g.site, needClose) {
			continue // ok: a defer registered before the spawn closes (or sends on) it on every return
		}
		releases := func(ev ownerEvent) bool {
			return ev.kind == evClose || (ev.kind == evSend && !needClose)
		}
		released := false
		for _, ev := range u.events {
			if releases(ev) && cfg.Reaches(ev.instr, g.site, nil) {
				released = true // ok: a send before the spawn (a semaphore token, an earlier iteration) pairs with it
			}
		}
		if released {
			continue
		}
		// A loop that releases the channel somewhere in its body is taken
		// to do so: the path that skips it (zero iterations) is how
		// "send n values to n goroutines" looks, not a leak.
		releasingHeader := map[*ssa.BasicBlock]bool{}
		for _, l := range waitexit.LoopExits(fn) {
			for _, b := range l.Blocks {
				for _, ev := range u.events {
					if releases(ev) && ev.instr.Block() == b {
						releasingHeader[l.Header] = true
					}
				}
			}
		}
		passed := c.passedWait(fn, g, u)
		stop := func(instr ssa.Instruction) bool {
			if c.noReturnCall(instr) {
				return true // ok: the process or goroutine ends here
			}
			if releasingHeader[instr.Block()] && instr.Block().Instrs[0] == instr {
				return true
			}
			if passed[instr] {
				return true // ok: a signal the goroutine sends only once it no longer waits on the channel
			}
			for _, ev := range u.events {
				if ev.instr == instr && releases(ev) {
					return true
				}
			}
			return false
		}
		ret := cfg.ReturnAvoiding(g.site, stop)
		if ret == nil {
			continue
		}
		what, needs := "receive from "+name, "sending on it or closing it"
		if needClose {
			what, needs = "range over "+name, "closing it"
		}
		pos := g.beh.RecvPos
		if pos == token.NoPos || g.beh.RecvWhat == "" {
			pos = g.site.Pos()
			what = fmt.Sprintf("%s (which %s)", g.body, g.beh.RecvWhat)
		}
		if c.oneSided[pos] {
			continue // ok: reported as a one-sided channel (model.go)
		}
		if c.testChoreography(c.goBody(g), u.mk) {
			continue // ok: a test's own goroutine, parked harmlessly (testhelpers.go)
		}
		c.report(analysis.Diagnostic{
			Pos:      pos,
			Category: catReceiver,
			Message: fmt.Sprintf("goroutine can block forever in %s: %s can return without %s, and nothing else can (goroutine leak)",
				what, fnName(fn), needs),
			Related: []analysis.RelatedInformation{
				startedHere(g),
				passutil.Related(returnPos(ret), "%s returns here without %s", fnName(fn), needs),
				passutil.Related(u.mk.Pos(), "%s made here", name),
			},
		})
	}
}

// deferredBefore reports whether a deferred close (or, when a send is
// enough, a deferred call that sends) is registered on every path to site.
func deferredBefore(u *chanUse, site ssa.Instruction, needClose bool) bool {
	for _, ev := range u.events {
		if _, ok := ev.instr.(*ssa.Defer); !ok {
			continue
		}
		if (ev.kind == evClose || (ev.kind == evSend && !needClose)) && cfg.Dominates(ev.instr, site) {
			return true
		}
	}
	return false
}

// bufferFix offers make(chan T, total) when the make is written in this
// package and the number of sends is known.
func (c *checker) bufferFix(mk *ssa.MakeChan, capacity int64, total int) []analysis.SuggestedFix {
	if total >= big || int64(total) <= capacity {
		return nil
	}
	call := c.makeCall(mk)
	if call == nil {
		return nil
	}
	size := fmt.Sprint(total)
	var edit analysis.TextEdit
	switch len(call.Args) {
	case 1:
		edit = analysis.TextEdit{Pos: call.Args[0].End(), End: call.Args[0].End(), NewText: []byte(", " + size)}
	case 2:
		if _, ok := call.Args[1].(*ast.BasicLit); !ok {
			return nil
		}
		edit = analysis.TextEdit{Pos: call.Args[1].Pos(), End: call.Args[1].End(), NewText: []byte(size)}
	default:
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("buffer the channel to the %d send(s) that can be left unreceived", total),
		TextEdits: []analysis.TextEdit{edit},
	}}
}

// makeCall finds the make(...) call expression of mk.
func (c *checker) makeCall(mk *ssa.MakeChan) *ast.CallExpr {
	path := c.path(mk.Pos())
	for _, n := range path {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == mk.Pos() {
			return call
		}
	}
	return nil
}

func (c *checker) path(pos token.Pos) []ast.Node {
	if !pos.IsValid() {
		return nil
	}
	tf := c.pass.Fset.File(pos)
	f := c.files[tf]
	if f == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	return path
}

// chanName names the channel made by mk as the source does: the variable
// it is assigned to, else "the channel".
func chanName(c *checker, mk *ssa.MakeChan) string {
	return c.assignedName(mk.Pos(), "the channel")
}

// assignedName names the value of the expression at pos as the source
// does: the variable an assignment or declaration gives it (ch :=
// make(...), t := time.NewTimer(d)), else fallback.
//
// A value made inside a keyed composite literal is named by its field:
// t := &tree{expected: make(...)} names t.expected. One made as an
// argument of another call, or as an unkeyed element, has no name of its
// own, and is the fallback.
func (c *checker) assignedName(pos token.Pos, fallback string) string {
	var keys []string // the fields of the composite literals around pos, innermost first
	keyed := false    // a key was crossed since the last composite literal
	suffix := func() string {
		var b strings.Builder
		for i := len(keys) - 1; i >= 0; i-- {
			b.WriteString("." + keys[i])
		}
		return b.String()
	}
	for _, n := range c.path(pos) {
		switch x := n.(type) {
		case *ast.CallExpr:
			if x.Lparen != pos && !contains(x.Fun, pos) {
				return fallback // an argument of another call
			}
		case *ast.KeyValueExpr:
			key, ok := x.Key.(*ast.Ident)
			if !ok || !contains(x.Value, pos) {
				return fallback
			}
			keys, keyed = append(keys, key.Name), true
		case *ast.CompositeLit:
			if !keyed {
				return fallback // an unkeyed element
			}
			keyed = false
		case *ast.AssignStmt:
			for j, r := range x.Rhs {
				if j < len(x.Lhs) && contains(r, pos) {
					return types.ExprString(x.Lhs[j]) + suffix()
				}
			}
		case *ast.ValueSpec:
			for j, v := range x.Values {
				if j < len(x.Names) && contains(v, pos) {
					return x.Names[j].Name + suffix()
				}
			}
		case *ast.FuncDecl, *ast.FuncLit:
			return fallback
		}
	}
	return fallback
}

// returnPos is the position of r, or the closing brace of its function
// for the implicit return at its end.
func returnPos(r *ssa.Return) token.Pos {
	if r.Pos().IsValid() {
		return r.Pos()
	}
	switch syn := r.Parent().Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return r.Parent().Pos()
}

func contains(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

func fnName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		outer := fn.Parent()
		for outer.Parent() != nil {
			outer = outer.Parent()
		}
		if obj, ok := outer.Object().(*types.Func); ok {
			return "a function literal in " + ssax.ShortFuncName(obj)
		}
		return "the enclosing function"
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		return ssax.ShortFuncName(obj)
	}
	return fn.Name()
}

func sat(n int) int {
	if n > big {
		return big
	}
	return n
}

func clamp(n int) int {
	if n > big {
		return big
	}
	if n < -big {
		return -big
	}
	return n
}

// sharedIndex returns the package's channel index, built once by the
// blocking summaries and shared by the passes.
func (c *checker) sharedIndex() *chans.Summary {
	return c.pass.ResultOf[blocking.Analyzer].(*blocking.Info).Chans()
}

// startedHere is the related position of g's start: its go statement
// (or wg.Go call), or the call of a helper that starts it.
func startedHere(g goroutine) analysis.RelatedInformation {
	if f := g.site.Common().StaticCallee(); f != nil && f.String() == "time.AfterFunc" {
		return passutil.Related(g.site.Pos(), "time.AfterFunc runs the function in a goroutine of its own, once the duration has passed")
	}
	if _, ok := g.site.(*ssa.Call); ok && g.fn == nil {
		return passutil.Related(g.site.Pos(), "goroutine started by this call of %s", g.body)
	}
	return passutil.Related(g.site.Pos(), "goroutine started here")
}
