package goroutineleak

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

// A test's own choreography. A test function that makes a channel and
// starts a goroutine of its own (a closure it declares) on it, and then
// finishes without taking the goroutine's last send, leaves that
// goroutine parked until the test binary exits: the analysis is right,
// but the leak is the test's, costs one parked goroutine, and neither
// hangs nor fails the test. goleak reports it where a module asks for it.
// The pass does not: on real modules such findings were all harmless
// (docs/evaluation.md, the sixth and seventh held-out sets). A leak stays
// reported when the code under test takes part in it: the blocked
// goroutine is a function or method of the package (a bug kernel's
// worker), or the channel comes from code the test calls; and when the
// test's own goroutine is the one that blocks, since then the test hangs.

// testChoreography reports whether the goroutine left blocked, running
// blocked, is a closure that a test function starts with a go statement
// of its own, on a channel whose every origin is a make of the same test
// function (or one of its closures).
func (c *checker) testChoreography(blocked *ssa.Function, ch ssa.Value) bool {
	if blocked == nil || ch == nil {
		return false
	}
	root := passutil.TestFunction(c.pass, blocked)
	if root == nil || blocked == root {
		return false
	}
	spawns := c.spawnsOf(blocked)
	if len(spawns) == 0 {
		return false // a subtest body or a helper the test calls: the test waits for it
	}
	for _, g := range spawns {
		if passutil.TestFunction(c.pass, g.Parent()) != root {
			return false
		}
	}
	starts := make([]ssa.CallInstruction, len(spawns))
	for i, g := range spawns {
		starts[i] = g
	}
	ids := spawnOrigins(blocked, starts, chans.Origins(ch))
	if len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		if id.Kind != chans.Make || passutil.TestFunction(c.pass, id.Make.Parent()) != root {
			return false
		}
	}
	return true
}

// spawnOrigins replaces, in ids, a parameter of body, the function the go
// statements (or Go calls) spawns start, by the origins of the arguments
// they pass for it (go func(o chan bool) { ... }(o), go s.wait(ec, errc)).
func spawnOrigins(body *ssa.Function, spawns []ssa.CallInstruction, ids []chans.ID) []chans.ID {
	var out []chans.ID
	for _, id := range ids {
		if id.Kind != chans.Param || id.Param.Parent() != body {
			out = append(out, id)
			continue
		}
		i := slices.Index(body.Params, id.Param)
		for _, g := range spawns {
			args := g.Common().Args
			if g.Common().IsInvoke() || i < 0 || i >= len(args) {
				return nil // a method value or an interface call: not a closure's parameter
			}
			out = append(out, chans.Origins(args[i])...)
		}
	}
	return out
}

// goBody returns the function a go statement g starts, or nil when g is
// not a go statement (a WaitGroup.Go call, whose Wait the test makes).
func (c *checker) goBody(g goroutine) *ssa.Function {
	if _, ok := g.site.(*ssa.Go); !ok {
		return nil
	}
	if g.fn != nil {
		return g.fn
	}
	return c.calls.Callee(g.site.Common())
}

// testLoop reports whether the goroutine that fn starts, running body,
// is a closure of the same test function as fn, so that a loop of it that
// never ends (a ticker of a mock clock ranged over) is the test's own
// choreography too: it idles until the test binary exits. A function or
// method of the package started by the test stays reported.
func (c *checker) testLoop(fn, body *ssa.Function) bool {
	root := passutil.TestFunction(c.pass, fn)
	return root != nil && body.Parent() != nil && passutil.TestFunction(c.pass, body) == root
}

// failedTestReturn reports whether b ends fn with a return that hands a
// non-nil error back, where fn is a function of a _test.go file (a test
// helper). An error from a test helper is a failing test: its caller
// fails on it, and a goroutine the helper leaves parked on that path
// neither hangs nor fails the run any further (the passutil.FailsTest standard). A
// leak on a path that returns a nil error, or no error, stays reported: a
// bug kernel's leak is on the path that passes. A helper kept in a
// non-test file is not known to be one: the package is also analyzed
// without its tests, where nothing calls it. Nor is a function a call of
// which drops its error (go watch(tr), call(ctx, c) as a statement, _ =
// call()): nothing fails on that error (a bug kernel's test that calls
// the buggy function and ignores what it returns). Nor is a function one
// of whose callers fails the test when the error is nil (errorExpected):
// the error is the path that test drives on purpose (grpc#862's kernel
// dials with a timeout and fails unless DialContext times out).
func (c *checker) failedTestReturn(fn *ssa.Function, b *ssa.BasicBlock) bool {
	ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	if !ok || len(ret.Results) == 0 || !passutil.InTestFile(c.pass, fn) || c.errorDropped(fn) {
		return false
	}
	if c.errorExpected(fn) {
		return false // ok: a test that fails when no error comes back passes on this one
	}
	last := ret.Results[len(ret.Results)-1]
	if !types.Identical(last.Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	k, isConst := last.(*ssa.Const)
	return !isConst || !k.IsNil()
}

// Test scaffolding. In a package whose _test.go files test code that is
// not in them (passutil.TestsOtherCode), a goroutine that a test, a test
// helper or a mock of those files starts and leaves blocked is the test's
// scaffolding: it parks until the test binary exits, costs one goroutine
// of a test run, and neither hangs nor fails the test. On real modules
// such findings were harmless almost without exception (docs/evaluation.md,
// "Test scaffolding"), and the code a user ships is not in them. What stays
// reported there: a wait on the test's own goroutine, or on a helper it
// calls (the test hangs), and any wait in the package's own code (a file
// that is not a test), whoever started the goroutine. A package made only
// of _test.go files (a bug kernel) is a program of its own and analyzed
// in full.

// report emits d unless it points at a wait of a goroutine that test
// scaffolding starts (onScaffoldingGoroutine).
func (c *checker) report(d analysis.Diagnostic) {
	if c.onScaffoldingGoroutine(d.Pos) {
		return // ok: a goroutine of test scaffolding, parked until the test binary exits
	}
	if c.testReach.OnlyTestsAt(d.Pos) {
		return // ok: code that only the package's tests run (a fake kept in a non-test file)
	}
	if c.onExampleGoroutine(d.Pos) {
		return // ok: a goroutine of an example program, parked until the demo exits
	}
	passutil.Report(c.pass, d)
	if c.wholeRun && c.perCall != nil {
		c.recordPerCall(d)
	}
}

// onExampleGoroutine reports whether pos is in an example program
// (passutil.ExamplePackage: documentation written as a program, not
// deployed code), inside a function that runs as a goroutine of its own:
// a goroutine the demo leaves blocked parks until the person running it
// stops it, as test scaffolding's does until the test binary exits. A wait
// on the demo's own goroutine hangs the demo and stays reported.
func (c *checker) onExampleGoroutine(pos token.Pos) bool {
	if !passutil.ExamplePackage(c.pass) {
		return false
	}
	fn := passutil.EnclosingFunc(c.funcs, pos)
	return fn != nil && !c.onTestGoroutine(fn)
}

// onScaffoldingGoroutine reports whether pos is in a _test.go file of a
// package whose tests test other code, inside a function that runs as a
// goroutine of its own: the body of a go statement, or a function handed
// to a Go method (sync.WaitGroup.Go, errgroup.Group.Go).
func (c *checker) onScaffoldingGoroutine(pos token.Pos) bool {
	if !passutil.InScaffoldingFile(c.pass, c.testsOtherCode, pos) {
		return false
	}
	fn := passutil.EnclosingFunc(c.funcs, pos)
	return fn != nil && !c.onTestGoroutine(fn)
}

// onTestGoroutine reports whether fn runs on the goroutine of the test
// that reaches it, so that a wait in it that never ends hangs the test: a
// named function or method that nothing starts as a goroutine (a test, a
// helper it calls), or a closure that its function calls itself or hands
// to a Run method (t.Run, b.Run, a suite's Run), which waits for it. A
// closure handed anywhere else (a library's GoC, a callback, a hook) runs
// where the callee decides; in scaffolding, that is the scaffolding's.
func (c *checker) onTestGoroutine(fn *ssa.Function) bool {
	if len(c.spawnsOf(fn)) > 0 || c.handedToGoMethod(fn) {
		return false
	}
	parent := fn.Parent()
	if parent == nil {
		return true
	}
	synchronous := false
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			var uses []ssa.Instruction
			switch x := instr.(type) {
			case *ssa.MakeClosure:
				if x.Fn == fn && x.Referrers() != nil {
					uses = *x.Referrers()
				}
			case ssa.CallInstruction:
				for i, arg := range x.Common().Args {
					if arg == fn {
						if !runsSubtest(x.Common(), i) {
							return false
						}
						synchronous = true
					}
				}
				if x.Common().Value == fn {
					synchronous = true
				}
			}
			for _, u := range uses {
				if _, ok := u.(*ssa.DebugRef); ok {
					continue
				}
				call, ok := u.(ssa.CallInstruction)
				if !ok {
					return false // stored, converted, sent: run who knows where
				}
				com := call.Common()
				if com.Value == instr.(ssa.Value) {
					synchronous = true
					continue
				}
				for i, arg := range com.Args {
					if arg == instr.(ssa.Value) && !runsSubtest(com, i) {
						return false
					}
				}
				synchronous = true
			}
		}
	}
	return synchronous
}

// runsSubtest reports whether argument i of com is the body that a Run
// method (testing.T.Run, testing.B.Run, a suite's Run) runs and waits for:
// the last argument, after the subtest's name. A Run that takes only the
// function (testify mock's Call.Run) keeps it as a callback for later.
func runsSubtest(com *ssa.CallCommon, i int) bool {
	if methodCalled(com) != "Run" || i != len(com.Args)-1 {
		return false
	}
	params := com.Signature().Params()
	if params.Len() < 2 {
		return false // no name: a callback registered, not a subtest run
	}
	basic, ok := params.At(params.Len() - 2).Type().Underlying().(*types.Basic)
	return ok && basic.Kind() == types.String
}

// handedToGoMethod reports whether fn is handed to a method named Go or
// TryGo (sync.WaitGroup.Go, errgroup.Group.Go, conc's pools), which runs
// it on a goroutine of its own.
func (c *checker) handedToGoMethod(fn *ssa.Function) bool {
	if c.handedToGo == nil {
		c.handedToGo = map[*ssa.Function]bool{}
		for _, f := range c.funcs {
			for _, b := range f.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(*ssa.Call)
					if !ok {
						continue
					}
					com := call.Common()
					if name := methodCalled(com); name != "Go" && name != "TryGo" {
						continue
					}
					for _, arg := range com.Args {
						switch a := arg.(type) {
						case *ssa.MakeClosure:
							c.handedToGo[a.Fn.(*ssa.Function)] = true
						case *ssa.Function:
							c.handedToGo[a] = true
						}
					}
				}
			}
		}
	}
	return c.handedToGo[fn]
}

// methodCalled returns the name of the method com calls (on an interface
// or a concrete type), or "" for a call of a function.
func methodCalled(com *ssa.CallCommon) string {
	if f := ssax.Callee(com); f != nil && f.Signature().Recv() != nil {
		return f.Name()
	}
	return ""
}

// kernelCode reports whether fn is a bug kernel's own code rather than one
// of its tests (passutil.KernelCode).
func (c *checker) kernelCode(fn *ssa.Function) bool {
	return passutil.KernelCode(c.pass, c.testsOtherCode, fn)
}

// kernelTest reports whether fn is a test function (or a closure of
// one) of a package made only of _test.go files: a bug kernel's driver.
func (c *checker) kernelTest(fn *ssa.Function) bool {
	return !c.testsOtherCode && passutil.InTestFile(c.pass, fn) && passutil.TestFunction(c.pass, fn) != nil
}

// testCode reports whether fn is a test's code: in a _test.go file, and
// not a bug kernel's own code (kernelCode).
func (c *checker) testCode(fn *ssa.Function) bool {
	return passutil.InTestFile(c.pass, fn) && !c.kernelCode(fn)
}

// errorExpected reports whether some call of fn (all of them known)
// fails the test when the error fn returns last is nil: if err == nil {
// t.Fatal(...) }.
func (c *checker) errorExpected(fn *ssa.Function) bool {
	errs, _, ok := c.errorResults(fn)
	if !ok {
		return false
	}
	for _, errv := range errs {
		if errv == nil {
			continue
		}
		for _, ref := range *errv.Referrers() {
			cmp, ok := ref.(*ssa.BinOp)
			if !ok {
				continue
			}
			for _, use := range *cmp.Referrers() {
				iff, ok := use.(*ssa.If)
				if !ok {
					continue
				}
				if v, nilSide, _, ok := ctxflow.NilTest(iff.Block()); ok && v == errv && failsIn(nilSide) {
					return true // if err == nil { t.Fatal(...) }
				}
			}
		}
	}
	return false
}

// failsIn reports whether block b, entered only from its one
// predecessor, fails the test (passutil.FailsOrStopsTest).
func failsIn(b *ssa.BasicBlock) bool {
	if len(b.Preds) != 1 {
		return false
	}
	for _, instr := range b.Instrs {
		if call, ok := instr.(ssa.CallInstruction); ok && passutil.FailsOrStopsTest(call.Common()) {
			return true
		}
	}
	return false
}

// errorDropped reports whether some call of fn (all of them known) drops
// the error fn returns last: a go or defer statement, or a call whose
// error result nothing uses.
func (c *checker) errorDropped(fn *ssa.Function) bool {
	errs, statement, ok := c.errorResults(fn)
	if !ok {
		return false
	}
	if statement {
		return true // go watch(tr): the result goes nowhere
	}
	for _, errv := range errs {
		if errv == nil || ssax.Unread(errv) {
			return true
		}
	}
	return false
}

// errorResults returns, for each plain call of fn when the package shows
// them all, the value of the last result (the error) it takes, nil when
// it extracts none; statement says some call is a go or defer statement.
func (c *checker) errorResults(fn *ssa.Function) (errs []ssa.Value, statement, ok bool) {
	calls, ok := c.calls.Sites().AllCalls(fn)
	if !ok {
		return nil, false, false
	}
	n := fn.Signature.Results().Len()
	for _, call := range calls {
		cl, isCall := call.(*ssa.Call)
		if !isCall {
			statement = true
			continue
		}
		errs = append(errs, ssax.ResultValue(cl, n-1))
	}
	return errs, statement, true
}
