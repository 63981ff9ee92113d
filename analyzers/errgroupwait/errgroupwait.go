package errgroupwait

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
	"github.com/conclint/conclint/internal/wake"
)

//go:embed doc.go
var doc string

// Analyzer reports errgroup and WaitGroup work that is started but not
// awaited, Wait errors dropped, group contexts used after Wait, nested Go
// in a limited group, skipped Done calls and Add/Wait misordering.
var Analyzer = &analysis.Analyzer{
	Name:     "errgroupwait",
	Doc:      passutil.Doc(doc),
	URL:      "https://github.com/conclint/conclint/blob/main/docs/errgroupwait.md",
	Requires: []*analysis.Analyzer{buildssa.Analyzer, noreturn.Analyzer, groups.Analyzer, blocking.Analyzer},
	Run:      passutil.Guard("errgroupwait", run),
}

// Diagnostic categories, one per kind of finding.
const (
	catMissingWait  = "missing-wait"
	catDroppedErr   = "dropped-wait-error"
	catCtxAfterWait = "ctx-after-wait"
	catLimitedGo    = "go-in-limited-group"
	catSkippedDone  = "skipped-done"
	catAddAfterWait = "add-after-wait"
	catWaitNoAdd    = "wait-without-add"
	catAddCount     = "add-count-skipped"
	catWaitInLoop   = "wait-in-start-loop"
	catAddForGo     = "add-for-go"
)

type checker struct {
	pass  *analysis.Pass
	nr    *noreturn.Info
	bi    *blocking.Info // forked on first use
	gi    *groups.Info
	calls map[token.Pos]*ast.CallExpr // by Lparen
	done  map[*ssa.Function]bool      // goroutine bodies checked for skipped Done
	funcs []*ssa.Function
	model *wake.Model // built on first use (checkSkippedDone)
	// testsOtherCode: the package's _test.go files are scaffolding
	// around code that is not in them (passutil.TestsOtherCode).
	testsOtherCode bool
	testReach      *passutil.TestReach
	// discarded holds, by Lparen, the calls whose result the code drops
	// on purpose (discardedOnPurpose).
	discarded map[token.Pos]bool
}

// report emits d unless it points into test scaffolding: a _test.go file
// of a package whose tests test other code. A test's own group, and the
// goroutines it starts, are scaffolding: a Done skipped there leaves the
// test's Wait to go test's timeout, which fails the run with every stack;
// an error dropped there is a test that checks less. Neither reaches the
// code a user ships, and on real modules such findings were harmless
// almost without exception (docs/evaluation.md, "Test scaffolding"). Nor
// does it report in code of a non-test file that only the tests run
// (passutil.TestReach: a fake, a helper only tests call). A package made
// only of _test.go files (a bug kernel) is analyzed in full.
func (c *checker) report(d analysis.Diagnostic) {
	if passutil.InScaffoldingFile(c.pass, c.testsOtherCode, d.Pos) {
		return // ok: test scaffolding
	}
	if c.testReach.OnlyTestsAt(d.Pos) {
		return // ok: code that only the package's tests run (a fake kept in a non-test file)
	}
	passutil.Report(c.pass, d)
}

// wakes returns the package's counterpart model, built on first use.
func (c *checker) wakes() *wake.Model {
	if c.model == nil {
		c.model = wake.New(c.funcs, c.pass.ResultOf[blocking.Analyzer].(*blocking.Info).Chans())
	}
	return c.model
}

func run(pass *analysis.Pass) (any, error) {
	if !imports(pass, "sync") && !imports(pass, "golang.org/x/sync/errgroup") {
		return nil, nil
	}
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{
		pass:  pass,
		nr:    pass.ResultOf[noreturn.Analyzer].(*noreturn.Info),
		gi:    pass.ResultOf[groups.Analyzer].(*groups.Info).Fork(),
		calls: map[token.Pos]*ast.CallExpr{},
		done:  map[*ssa.Function]bool{},
		funcs: ssainfo.SrcFuncs,

		testsOtherCode: passutil.TestsOtherCode(pass),
		testReach:      passutil.NewTestReach(pass, ssainfo.SrcFuncs),
		discarded:      map[token.Pos]bool{},
	}
	for _, f := range pass.Files {
		errcheckOff := errcheckSuppressedLines(pass.Fset, f)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				c.calls[n.Lparen] = n
				if errcheckOff[pass.Fset.Position(n.Lparen).Line] {
					c.discarded[n.Lparen] = true
				}
			case *ast.AssignStmt:
				if call, ok := discardedCall(n); ok {
					c.discarded[call.Lparen] = true
				}
			}
			return true
		})
	}
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		if passutil.Deprecated(fn) {
			return // ok: its authors retire it and send callers elsewhere (doc.go)
		}
		for _, g := range c.gi.Local(fn) {
			switch g.Kind {
			case groups.ErrGroup:
				c.checkMissingWait(g)
				c.checkDroppedError(g)
				c.checkCtxAfterWait(g)
				c.checkLimitedGo(g)
			case groups.WaitGroup:
				c.checkAddAfterWaiter(g)
				c.checkWaitWithoutAdd(g)
				c.checkWaitInStartLoop(g)
				c.checkAddCountSkipped(g)
				c.checkAddForGo(g)
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok {
					c.checkSkippedDone(g)
				}
			}
		}
	})
	return nil, nil
}

// imports reports whether the package imports path directly or through a
// dependency.
func imports(pass *analysis.Pass, path string) bool {
	seen := map[*types.Package]bool{}
	var visit func(p *types.Package) bool
	visit = func(p *types.Package) bool {
		if p.Path() == path {
			return true
		}
		if seen[p] {
			return false
		}
		seen[p] = true
		for _, q := range p.Imports() {
			if visit(q) {
				return true
			}
		}
		return false
	}
	return visit(pass.Pkg)
}

// recv renders the receiver of a group method call as written ("g",
// "s.wg"), falling back to the SSA name.
func (c *checker) recv(instr ssa.CallInstruction) string {
	if call := c.calls[instr.Common().Pos()]; call != nil {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return types.ExprString(sel.X)
		}
	}
	if len(instr.Common().Args) > 0 {
		return ssax.Name(instr.Common().Args[0])
	}
	return "the group"
}

// groupName names g by its first method call ("g", "s.group"), or, for
// a group a callee returned (Group.Made), by the variable it is kept in
// ("the group getCtx returns" when it is dropped).
func (c *checker) groupName(g *groups.Group) string {
	viaCall := func(op groups.Op) bool { return op.Method == groups.WaitVia || op.Method == groups.GoVia }
	for _, op := range g.Ops {
		if op.Fn == g.Owner && !viaCall(op) {
			return c.recv(op.Instr)
		}
	}
	for _, op := range g.Ops {
		if !viaCall(op) {
			return c.recv(op.Instr)
		}
	}
	if g.Made != nil {
		if g.Root == ssa.Value(g.Made) && g.Made.Call.Signature().Results().Len() > 1 || ssax.Unread(g.Root) {
			return "the group " + c.funcName(ssax.Callee(&g.Made.Call)) + " returns"
		}
	}
	for _, op := range g.Ops {
		if op.Method == groups.GoVia && !op.Returned {
			if arg := c.groupArg(op.Instr); arg != "" {
				return arg
			}
		}
	}
	return ssax.Name(g.Root)
}

// groupArg renders the group argument of a call that hands a group on
// (listenForQuit(g, ...) gives "g"), or "".
func (c *checker) groupArg(instr ssa.CallInstruction) string {
	call := c.calls[instr.Common().Pos()]
	if call == nil {
		return ""
	}
	for _, a := range call.Args {
		if tv, ok := c.pass.TypesInfo.Types[a]; ok && groups.KindOf(tv.Type) == groups.ErrGroup {
			return strings.TrimPrefix(types.ExprString(a), "&")
		}
	}
	return ""
}

// funcName names f for a message: bare in its own package, qualified by
// its package name elsewhere.
func (c *checker) funcName(f *types.Func) string {
	name := ssax.ShortFuncName(f)
	if f != nil && f.Pkg() == c.pass.Pkg {
		name = strings.TrimPrefix(name, f.Pkg().Name()+".")
	}
	return name
}

// goStarts returns the Go and TryGo calls that the start st stands for:
// st itself, or those a GoVia runs through the package's helpers
// (groups.Info.ViaStarts); complete is false when some are in another
// package and only their summary is known.
func (c *checker) goStarts(st groups.Op) (starts []groups.Op, complete bool) {
	if st.Method != groups.GoVia {
		return []groups.Op{st}, true
	}
	return c.gi.ViaStarts(st)
}

// startMayFail reports whether a goroutine that st starts may return a
// non-nil error (unknown ones may).
func (c *checker) startMayFail(st groups.Op) bool {
	starts, complete := c.goStarts(st)
	if !complete {
		return true
	}
	return slices.ContainsFunc(starts, func(op groups.Op) bool { return c.mayFail(op.Instr.Common()) })
}

// startedBy says how st starts a goroutine in the group name, for the
// messages: "g.Go starts a goroutine", "ListenForQuitSignals starts a
// goroutine in g", "getCtx returns g with a goroutine started in it".
func (c *checker) startedBy(g *groups.Group, st groups.Op, name string) string {
	switch {
	case st.Method != groups.GoVia:
		return fmt.Sprintf("%s.%s starts a goroutine", name, methodName(st.Method))
	case st.Returned && strings.HasPrefix(name, "the group "):
		return fmt.Sprintf("%s has a goroutine started in it", name)
	case st.Returned:
		return fmt.Sprintf("%s returns %s with a goroutine started in it", c.funcName(st.Via), name)
	}
	return fmt.Sprintf("%s starts a goroutine in %s", c.funcName(st.Via), name)
}

// startRelated points at the Go calls behind a start through a helper.
func (c *checker) startRelated(st groups.Op) []analysis.RelatedInformation {
	if st.Method != groups.GoVia {
		return nil
	}
	starts, _ := c.goStarts(st)
	var out []analysis.RelatedInformation
	for _, in := range starts {
		out = append(out, passutil.Related(ssax.Pos(in.Instr), "%s starts the goroutine here", c.recv(in.Instr)))
		break
	}
	return out
}

// createPos is where the group comes into being.
func createPos(g *groups.Group) token.Pos {
	if g.Create != nil {
		return g.Create.Pos()
	}
	if p := g.Root.Pos(); p.IsValid() {
		return p
	}
	return g.Owner.Pos()
}

// returnPos is the position of a return, or the closing brace of the
// function for the implicit return at its end.
func returnPos(r *ssa.Return) token.Pos {
	if p := r.Pos(); p.IsValid() {
		return p
	}
	switch s := r.Parent().Syntax().(type) {
	case *ast.FuncDecl:
		if s.Body != nil {
			return s.Body.Rbrace
		}
	case *ast.FuncLit:
		return s.Body.Rbrace
	}
	return ssax.Pos(r)
}

// noReturn reports whether instr is a call that never returns
// (groups.Info.NoReturn).
func (c *checker) noReturn(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call) // ok: a go or defer statement of such a call returns
	return ok && c.gi.NoReturn(call.Common())
}

// checkMissingWait reports errgroup Go calls after which some path
// returns without Wait on a group that does not escape.
func (c *checker) checkMissingWait(g *groups.Group) {
	if g.Escape != nil {
		return // ok: returned, stored or handed to code that may wait on it
	}
	var starts []groups.Op
	stops := map[ssa.Instruction]bool{}
	var firstWait ssa.Instruction
	for _, op := range g.Ops {
		switch op.Method {
		case groups.Go, groups.TryGo, groups.GoVia:
			if op.Synchronous() {
				starts = append(starts, op)
			}
		case groups.Wait, groups.WaitVia:
			if op.Site == nil || op.Deferred() || op.InGoroutine() {
				// ok: a deferred Wait runs on every return; a goroutine
				// that waits (go func() { errc <- g.Wait() }()) hands the
				// result to whoever receives it.
				return
			}
			stops[op.Site] = true
			if firstWait == nil {
				firstWait = op.Site
			}
		}
	}
	if len(starts) == 0 {
		return
	}
	name := c.groupName(g)
	if firstWait == nil && c.joinedElsewhere(g, starts) {
		return // ok: each goroutine counts itself out of a WaitGroup its starter waits on, and none can fail
	}
	if firstWait == nil && c.neverReturn(starts) {
		return // ok: no goroutine of the group returns (each way out panics or exits): no error to lose, and a Wait would never return
	}
	if firstWait == nil {
		st := starts[0]
		if st.Method != groups.GoVia {
			c.report(analysis.Diagnostic{
				Pos:      ssax.Pos(st.Instr),
				Category: catMissingWait,
				Message: fmt.Sprintf("%s.%s starts a goroutine but %s.Wait is never called: nothing waits for it to finish and its error is lost (like a task that is never awaited)",
					name, methodName(st.Method), name),
				Related: []analysis.RelatedInformation{passutil.Related(createPos(g), "group %s created here", name)},
			})
			return
		}
		lost := "nothing waits for it to finish"
		if c.startMayFail(st) {
			lost += " and its error is lost"
		}
		var msg string
		if strings.HasPrefix(name, "the group ") {
			msg = fmt.Sprintf("%s, and it is dropped here: nothing calls its Wait, so %s (like a task that is never awaited)", c.startedBy(g, st, name), lost)
		} else {
			msg = fmt.Sprintf("%s but %s.Wait is never called: %s (like a task that is never awaited)", c.startedBy(g, st, name), name, lost)
		}
		related := c.startRelated(st)
		if !st.Returned {
			related = append(related, passutil.Related(createPos(g), "group %s created here", name))
		}
		c.report(analysis.Diagnostic{Pos: ssax.Pos(st.Instr), Category: catMissingWait, Message: msg, Related: related})
		return
	}
	stop := func(instr ssa.Instruction) bool { return stops[instr] || c.noReturn(instr) }
	stopBlocks := map[*ssa.BasicBlock]bool{}
	passesStop := func(_, to *ssa.BasicBlock) bool {
		has, ok := stopBlocks[to]
		if !ok {
			has = slices.ContainsFunc(to.Instrs, stop)
			stopBlocks[to] = has
		}
		return has
	}
	// skips reports whether the return r skips the Wait after st at a
	// cost, and what the cost is.
	skips := func(st groups.Op, r *ssa.Return) (string, []analysis.RelatedInformation) {
		if cfg.FirstAvoiding(st.Site, func(x ssa.Instruction) bool { return x == ssa.Instruction(r) }, stop, c.nilBranchOfFailure) == nil {
			return "", nil // ok: only through the nil branch of an error that cannot be nil (a call that fails on every return), or the non-nil branch of one that is always nil (a call that cannot fail)
		}
		if !cfg.ConsistentPath(st.Site, r, passesStop) {
			// ok: every path from the start to r decides a branch
			// against an earlier test of the same condition (or of a
			// counter that only grew: i >= n once, i >= n after)
			return "", nil
		}
		// "" when the return reports a failure of its own, so the group's
		// error would only repeat it, and nothing the goroutines do needs
		// this function after it returns.
		return c.skippedWaitCost(g, st, r)
	}
	for _, st := range starts {
		for _, r := range cfg.ReturnsAvoiding(st.Site, stop) {
			cost, related := skips(st, r)
			if cost == "" {
				continue
			}
			started := fmt.Sprintf("%s.%s started a goroutine", name, methodName(st.Method))
			if st.Method == groups.GoVia {
				started = strings.Replace(c.startedBy(g, st, name), " starts ", " started ", 1)
			}
			if earlierRound(st.Site, r) {
				// the return comes before the Go in the source: the
				// goroutine it leaves was started by an earlier round of
				// the loop (the judges read the return as coming before
				// any start)
				started += " in an earlier round of the loop"
			}
			related = append(append([]analysis.RelatedInformation{
				passutil.Related(ssax.Pos(st.Instr), "goroutine started here"),
				passutil.Related(ssax.Pos(firstWait), "%s.Wait is called on other paths", name),
			}, c.startRelated(st)...), related...)
			related = append(related, c.otherSkippingReturns(starts, r, stop, skips, name)...)
			c.report(analysis.Diagnostic{
				Pos:      returnPos(r),
				Category: catMissingWait,
				Message: fmt.Sprintf("return without %s.Wait after %s: it is not awaited on this path and %s",
					name, started, cost),
				Related: related,
			})
			return // one finding per group; its other such returns are related
		}
	}
}

// otherSkippingReturns lists, as related information, the returns other
// than first that skip the group's Wait at a cost after one of starts:
// one finding per group, so that a fix of the reported return does not
// leave the others unnoticed.
func (c *checker) otherSkippingReturns(starts []groups.Op, first *ssa.Return, stop func(ssa.Instruction) bool, skips func(groups.Op, *ssa.Return) (string, []analysis.RelatedInformation), name string) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	seen := map[*ssa.Return]bool{first: true}
	for _, st := range starts {
		for _, r := range cfg.ReturnsAvoiding(st.Site, stop) {
			if seen[r] {
				continue
			}
			if cost, _ := skips(st, r); cost != "" {
				seen[r] = true
				out = append(out, passutil.Related(returnPos(r), "this return skips %s.Wait too", name))
			}
		}
	}
	slices.SortFunc(out, func(a, b analysis.RelatedInformation) int { return int(a.Pos) - int(b.Pos) })
	return out
}

// skippedWaitCost says what is lost when the return r skips the Wait of
// g after the start st, or "" when nothing is: r reports a failure of its
// own (a non-nil error, or a test marked failed), so Wait's first error
// would only repeat it, or the goroutine cannot fail; the group has no
// context that only Wait would cancel (a parent whose cancel is deferred
// cancels it at r); and no goroutine st starts waits for something that
// the function would do after this point. What the goroutines still do
// after r (I/O on an object whose failure caused r, say) is not judged.
func (c *checker) skippedWaitCost(g *groups.Group, st groups.Op, r *ssa.Return) (string, []analysis.RelatedInformation) {
	if c.nr.EndsProcessAt(r, c.pass.ResultOf[blocking.Analyzer].(*blocking.Info).Chans().Sites()) {
		// ok: every caller exits the process on this failure (a
		// command's action): the goroutines, their context and their
		// waits end with it a moment later.
		return "", nil
	}
	if wait, wk, ok := c.strandedWait(g, st, r); ok {
		// the strongest cost first: a goroutine left waiting for good
		return "it can block forever: it waits for a " + wk.What + " that the function performs only on paths that wait",
			[]analysis.RelatedInformation{
				passutil.Related(ssax.Pos(wait), "the goroutine waits here"),
				passutil.Related(wk.Pos(), "woken here, after the return"),
			}
	}
	if c.startMayFail(st) {
		if !c.reportsFailure(r) {
			return "its error is lost", nil
		}
		if returnsGroupContextErr(g, r) {
			// The group's context is done because a goroutine failed (or
			// the parent was cancelled): its Err says context.Canceled
			// where Wait would say why.
			return "its error is lost (the group context's Err hides it)", nil
		}
	}
	if g.Create != nil && ctxflow.CanBeCancelled(g.Create.Call.Args[0]) &&
		!groups.ParentCancelledBy(g.Create, r) && !groups.ContextDoneAt(g.Create, r.Block()) &&
		!c.validationFailure(r) {
		if groupContextDropped(g.Create) {
			// g, _ := errgroup.WithContext(ctx): no goroutine watches
			// the group's context, so its cancel would stop nothing;
			// what is lost is the join itself.
			return "it may still be running after the return, with nothing to wait for it or stop it (the group's context is discarded)", nil
		}
		// The context of errgroup.WithContext is cancelled by Wait (or a
		// failing goroutine). Skipping Wait is a lost cancel function:
		// the context stays tied to a parent that can be cancelled (in
		// its children, or watched by a goroutine) until that parent is.
		// Not when the parent's cancel is deferred here, or either
		// context is already done at r.
		return "it may still be running after the return, with nothing to wait for it, and the group's context is never cancelled (only Wait cancels it once the goroutines succeed): like a lost cancel function, it stays tied to its parent until the parent is cancelled", nil
	}
	return "", nil
}

// groupContextDropped reports whether the context that
// errgroup.WithContext returns is never used (g, _ := ...).
func groupContextDropped(create *ssa.Call) bool {
	refs := create.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == 1 && !ssax.Unread(ex) {
			return false
		}
	}
	return true
}

// validationFailure reports whether the return r reports a failure that
// only calls that cannot wait produced (a parse, a validation, an error
// constructor: url.Parse, name.NewTag, a "can't happen" error), possibly
// wrapped (fmt.Errorf's %w and the like): the path is taken on input the
// caller chose or on a broken invariant, not on a runtime failure, and the
// goroutines already started run to their end on their own. A lost cancel
// of the group's context there is no cost worth a finding.
func (c *checker) validationFailure(r *ssa.Return) bool {
	n := len(r.Results)
	if n == 0 || !c.reportsFailure(r) {
		return false
	}
	seen := map[ssa.Value]bool{}
	found := false
	var pure func(v ssa.Value, depth int) bool
	pure = func(v ssa.Value, depth int) bool {
		if depth > 8 {
			return false
		}
		if seen[v] {
			return true // a cycle of phis adds no source
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.Const:
			return true // nil on this edge
		case *ssa.MakeInterface:
			return pure(x.X, depth+1)
		case *ssa.ChangeInterface:
			return pure(x.X, depth+1)
		case *ssa.Phi:
			for _, e := range x.Edges {
				if !pure(e, depth+1) {
					return false
				}
			}
			return true
		case *ssa.Extract:
			call, ok := x.Tuple.(*ssa.Call)
			return ok && c.pureCall(call, pure, depth, &found)
		case *ssa.Call:
			return c.pureCall(x, pure, depth, &found)
		}
		return false
	}
	return pure(r.Results[n-1], 0) && found
}

// pureCall reports whether call is one that fails only on its input
// (noreturn's InputOnly: an error constructor, a parse or a conversion of
// the standard library that does no I/O, a function of this package or of
// a dependency whose body calls only such functions: name.NewTag,
// labels.NewMatcher); and, when it wraps errors (its error arguments),
// whether they are pure too. Anything else (I/O, a dynamic call) may fail
// at run time.
func (c *checker) pureCall(call *ssa.Call, pure func(ssa.Value, int) bool, depth int, found *bool) bool {
	fn := call.Call.StaticCallee()
	if fn == nil {
		return false // a dynamic call may do anything
	}
	if _, ok := ctxflow.ContextErr(call); ok {
		return false // the context's Err: a cancellation, not a validation
	}
	if !c.nr.InputOnly(&call.Call) {
		return false
	}
	for _, a := range call.Call.Args {
		for _, e := range errorArgs(a) {
			if !pure(e, depth+1) {
				return false
			}
		}
	}
	*found = true
	return true
}

// errorArgs returns the errors an argument carries: itself, when it is an
// error, or the errors stored into a variadic ...any slice
// (fmt.Errorf("...: %w", err)).
func errorArgs(a ssa.Value) []ssa.Value {
	if types.IsInterface(a.Type()) && types.Implements(a.Type(), errorIface) {
		return []ssa.Value{a}
	}
	var out []ssa.Value
	for _, v := range ssax.Variadic(a) {
		switch v := v.(type) {
		case nil:
		case *ssa.MakeInterface:
			if types.Implements(v.X.Type(), errorIface) {
				out = append(out, v.X) // an error boxed as any
			}
		default:
			out = append(out, v) // an interface value: may hold an error
		}
	}
	return out
}

// returnsGroupContextErr reports whether r returns the Err of the
// context of g's errgroup.WithContext.
func returnsGroupContextErr(g *groups.Group, r *ssa.Return) bool {
	n := len(r.Results)
	if n == 0 || g.Create == nil {
		return false
	}
	ctx, ok := ctxflow.ContextErr(r.Results[n-1])
	return ok && groups.IsGroupContext(g.Create, ctx)
}

// reportsFailure reports whether the return r tells its caller that the
// function failed: its last result is an error that is not nil there
// (ctxflow.NonNil), or the path to it marks the running test failed
// (t.Error, t.Errorf, t.Fail).
func (c *checker) reportsFailure(r *ssa.Return) bool {
	if n := len(r.Results); n > 0 {
		last := r.Results[n-1]
		if types.Implements(last.Type(), errorIface) && types.IsInterface(last.Type()) && ctxflow.NonNilWith(last, r.Block(), c.nr.Fails) {
			return true
		}
	}
	for b := r.Block(); b != nil; b = b.Idom() {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && passutil.FailsTest(&call.Call) {
				return true
			}
		}
	}
	return false
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// strandedWait returns a wait of a goroutine that st starts, and one of
// its wakes, when every wake of that wait is known and one of them is
// performed by the group's owner after st, not before r and not at exit:
// the early return r can leave the goroutine waiting forever.
func (c *checker) strandedWait(g *groups.Group, st groups.Op, r *ssa.Return) (ssa.Instruction, wake.Wake, bool) {
	var fns []*ssa.Function
	starts, _ := c.goStarts(st) // ok: each known goroutine's wait is evidence of its own
	for _, in := range starts {
		res := c.gi.Started(in.Instr.Common())
		if !res.Complete || (res.Dynamic && len(res.Callees) != 1) {
			continue // ok: a finding through a dynamic call needs one candidate
		}
		fns = append(fns, res.Callees...)
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if !c.mayBlock(instr) {
					continue
				}
				w, ok := c.wakes().WaitWakes(instr)
				if !ok || !w.Known || w.Banked {
					continue
				}
				for _, wk := range w.Sites {
					if wk.Fn != g.Owner || wk.AtExit || wk.Instr == nil {
						continue
					}
					if _, deferred := wk.Instr.(*ssa.Defer); deferred {
						continue // ok: runs at r too
					}
					// r skips the wake when it is not on every path to r, or
					// when it repeats (a loop) and r leaves the loop.
					if cfg.Reaches(st.Site, wk.Instr, nil) && (!cfg.Dominates(wk.Instr, r) || cfg.Reaches(wk.Instr, wk.Instr, nil)) {
						return instr, wk, true
					}
				}
			}
		}
	}
	return nil, wake.Wake{}, false
}

// mayBlock reports whether instr is a channel operation that can block:
// a receive, a send on an unbuffered channel, a select with no default.
func (c *checker) mayBlock(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.ARROW
	case *ssa.Send:
		return !c.wakes().Chans().Buffered(x.Chan)
	case *ssa.Select:
		return x.Blocking
	}
	return false
}

// joinedElsewhere reports whether the goroutines that starts begin are
// awaited through another join: none can return an error (so none is
// lost), and each is a function whose Done the counterpart model counts
// among the wakes of a WaitGroup Wait of the group's owner
// (g.Go(func() error { work(); wg.Done(); return nil }) followed by
// wg.Wait(): a group used for its SetLimit, joined by the WaitGroup).
func (c *checker) joinedElsewhere(g *groups.Group, starts []groups.Op) bool {
	joiners := map[*ssa.Function]bool{} // functions whose Done ends a Wait of the owner
	for _, b := range g.Owner.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || ssax.FullName(ssax.Callee(call.Common())) != "(*sync.WaitGroup).Wait" {
				continue
			}
			if w, ok := c.wakes().WaitWakes(instr); ok && w.Known {
				for _, site := range w.Sites {
					joiners[site.Fn] = true
				}
			}
		}
	}
	if len(joiners) == 0 {
		return false
	}
	for _, outer := range starts {
		inner, complete := c.goStarts(outer)
		if !complete {
			return false
		}
		for _, st := range inner {
			common := st.Instr.Common()
			if c.mayFail(common) {
				return false
			}
			joins, ok := callees.Agree(c.gi.Started(common), func(fn *ssa.Function) bool { return joiners[fn] })
			if !ok || !joins {
				return false
			}
		}
	}
	return true
}

// neverReturn reports whether every function the starts run never
// returns: each of its paths ends in a panic, a process exit or a Goexit
// (noreturn.Info.FuncEnds).
func (c *checker) neverReturn(starts []groups.Op) bool {
	for _, outer := range starts {
		inner, complete := c.goStarts(outer)
		if !complete || len(inner) == 0 {
			return false
		}
		for _, st := range inner {
			ends, ok := callees.Agree(c.gi.Started(st.Instr.Common()), func(fn *ssa.Function) bool { return c.nr.FuncEnds(fn) != 0 })
			if !ok || !ends {
				return false
			}
		}
	}
	return true
}

func methodName(m groups.Method) string {
	switch m {
	case groups.TryGo:
		return "TryGo"
	case groups.WGGo:
		return "Go"
	}
	return "Go"
}

// checkDroppedError reports Wait calls on g whose error is never used,
// when one of the goroutines of g may return a non-nil error.
func (c *checker) checkDroppedError(g *groups.Group) {
	var failing ssa.Instruction
	for _, op := range g.Ops {
		if (op.Method == groups.Go || op.Method == groups.TryGo) && c.mayInform(op.Instr.Common(), g.Owner) {
			failing = op.Instr
			break
		}
	}
	if failing == nil {
		return // ok: every goroutine returns nil, so Wait's error is always nil
	}
	for _, op := range g.Ops {
		if call, ok := op.Instr.(*ssa.Call); ok && op.Method == groups.Wait && used(call) {
			// ok: another Wait on the group reads the error (go func() {
			// g.Wait(); close(c) }() followed by err := g.Wait()).
			return
		}
	}
	for _, op := range g.Ops {
		if d, ok := op.Instr.(*ssa.Defer); ok && op.Method == groups.Wait && op.Fn == g.Owner {
			// defer g.Wait(): the language drops the error of a deferred
			// call, and no other Wait reads it.
			name := c.recv(d)
			c.report(analysis.Diagnostic{
				Pos:      d.Pos(),
				Category: catDroppedErr,
				Message:  fmt.Sprintf("error from the deferred %s.Wait is dropped: a deferred call's results are discarded, so the first error of the group's goroutines is silently lost (call Wait before returning and return its error)", name),
				Related:  []analysis.RelatedInformation{passutil.Related(ssax.Pos(failing), "this goroutine can return an error")},
			})
			continue
		}
		call, ok := op.Instr.(*ssa.Call)
		if op.Method != groups.Wait || !ok || used(call) {
			continue
		}
		if returnsOtherError(call) {
			continue // ok: a join on an error path (_ = g.Wait(); return err): another error is returned
		}
		if causeReadAfter(g, call) {
			continue // ok: context.Cause(gctx) after Wait is the group's first error
		}
		if c.discarded[call.Pos()] {
			continue // ok: _ = g.Wait(), or //nolint:errcheck: dropped on purpose
		}
		name := c.recv(call)
		d := analysis.Diagnostic{
			Pos:      call.Pos(),
			Category: catDroppedErr,
			Message:  fmt.Sprintf("error from %s.Wait is dropped: the first error of the group's goroutines is silently lost", name),
			Related:  []analysis.RelatedInformation{passutil.Related(ssax.Pos(failing), "this goroutine can return an error")},
		}
		d.SuggestedFixes = c.checkErrFix(call)
		c.report(d)
	}
}

// discardedCall returns the call whose result as is assigns to the blank
// identifier (_ = g.Wait()): an explicit discard, which errcheck, the
// linter of dropped errors, does not report either.
func discardedCall(as *ast.AssignStmt) (*ast.CallExpr, bool) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil, false
	}
	if id, ok := as.Lhs[0].(*ast.Ident); !ok || id.Name != "_" {
		return nil, false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	return call, ok
}

// errcheckSuppressedLines returns the lines of f that carry a
// golangci-lint directive silencing errcheck (//nolint, //nolint:errcheck,
// //nolint:all, or a list naming errcheck): the author says that the error
// of a call on that line is dropped on purpose.
func errcheckSuppressedLines(fset *token.FileSet, f *ast.File) map[int]bool {
	var lines map[int]bool
	for _, group := range f.Comments {
		for _, cm := range group.List {
			text := strings.TrimSpace(strings.TrimPrefix(cm.Text, "//"))
			if !strings.HasPrefix(text, "nolint") {
				continue
			}
			rest := strings.TrimPrefix(text, "nolint")
			silenced := rest == "" || strings.HasPrefix(rest, " ")
			if list, ok := strings.CutPrefix(rest, ":"); ok {
				list, _, _ = strings.Cut(list, " ")
				for _, name := range strings.Split(list, ",") {
					if name == "errcheck" || name == "all" {
						silenced = true
					}
				}
			}
			if silenced {
				if lines == nil {
					lines = map[int]bool{}
				}
				lines[fset.Position(cm.Pos()).Line] = true
			}
		}
	}
	return lines
}

// returnsOtherError reports whether every path from instr returns, as the
// function's last result, an error that was obtained before instr.
func returnsOtherError(instr ssa.Instruction) bool {
	rets := cfg.ReturnsAfter(instr)
	if len(rets) == 0 {
		return false
	}
	errType := types.Universe.Lookup("error").Type()
	for _, r := range rets {
		if len(r.Results) == 0 {
			return false
		}
		last := r.Results[len(r.Results)-1]
		if _, isConst := last.(*ssa.Const); isConst || !types.Identical(last.Type(), errType) {
			return false
		}
		def, ok := last.(ssa.Instruction)
		if !ok || !cfg.Dominates(def, instr) {
			return false // the error returned is made after the Wait: it overwrote Wait's
		}
	}
	return true
}

// used reports whether the value of call is read.
func used(call *ssa.Call) bool {
	for _, ref := range refsOf(call) {
		if _, ok := ref.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

func refsOf(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}

// mayFail reports whether the function passed to a Go/TryGo call may
// return a non-nil error: unknown functions may, and so may a function
// value some of whose candidates may (callees.Agree).
func (c *checker) mayFail(call *ssa.CallCommon) bool {
	fails, ok := callees.Agree(c.gi.Started(call), funcMayFail)
	return !ok || fails
}

// mayInform reports whether the function passed to a Go/TryGo call may
// return an error that tells waiter, the function that waits on the
// group, something it cannot learn otherwise: mayFail, except that a
// constant error (errors.New("done"), a sentinel) returned after the
// goroutine sent its outcome on a channel that waiter receives from
// carries nothing more than that send (a sentinel that only cancels the
// group once a result is in).
func (c *checker) mayInform(call *ssa.CallCommon, waiter *ssa.Function) bool {
	informs, ok := callees.Agree(c.gi.Started(call), func(fn *ssa.Function) bool {
		if fn.Blocks == nil {
			return true
		}
		for _, r := range ssax.Returns(fn) {
			if len(r.Results) != 1 {
				continue
			}
			for _, rv := range returned(r) {
				if isNil(rv.v, 0) || reportedElsewhere(rv.v, rv.at) {
					continue
				}
				if constError(rv.v) && c.deliveredTo(rv.at, waiter) {
					continue // ok: the sentinel says only what waiter receives
				}
				if cancelErr(rv.v) {
					continue // ok: says only that a context ended, which whoever ended it knows
				}
				return true
			}
		}
		return false
	})
	return !ok || informs
}

// returnedValue is a value a return may return, and the instruction
// after which it is certain to be the one returned.
type returnedValue struct {
	v  ssa.Value
	at ssa.Instruction
}

// returned returns what the one-result return r may return: its operand
// or, in a function with defers that returns through a local result
// variable, each value stored into that variable, at its store.
func returned(r *ssa.Return) []returnedValue {
	v := r.Results[0]
	stores, ok := ssax.ResultStores(v)
	if !ok {
		return []returnedValue{{v, r}}
	}
	out := make([]returnedValue, 0, len(stores))
	for _, st := range stores {
		out = append(out, returnedValue{st.Val, st})
	}
	return out
}

// cancelErr reports whether v is the error of a context: ctx.Err(),
// context.Cause(ctx), or the result of a function whose only error is its
// context's (ctxflow.FailsOnlyWhenDone: return context.Cause(ctx) when
// ctx is done, nil when the work is). It says only that the context ended; a goroutine
// of a group that returns nothing else cannot report a failure of its
// own through Wait.
func cancelErr(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	if _, ok := ctxflow.IsContextCall(&call.Call, "Err"); ok {
		return true
	}
	if _, ok := ctxflow.FailsOnlyWhenDone(&call.Call); ok {
		return true // a function of the package whose only error is its context's
	}
	return ssax.FullName(ssax.Callee(&call.Call)) == "context.Cause"
}

// causeReadAfter reports whether context.Cause of the group's own context
// is read after the Wait call w (w dominates it): errgroup cancels that
// context with the group's first error, so Cause returns what Wait did.
func causeReadAfter(g *groups.Group, w *ssa.Call) bool {
	if g.Create == nil {
		return false
	}
	for _, use := range groups.ContextUses(g.Create) {
		if call, ok := use.(*ssa.Call); ok && ssax.FullName(ssax.Callee(&call.Call)) == "context.Cause" && cfg.Dominates(w, use) {
			return true
		}
	}
	return false
}

// constError reports whether the error v is the same on every run: a
// package-level error variable, or errors.New or fmt.Errorf of constants
// only. It says which return was taken, nothing about what failed.
func constError(v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.UnOp:
		_, global := x.X.(*ssa.Global)
		return x.Op == token.MUL && global
	case *ssa.Call:
		switch ssax.FullName(ssax.Callee(&x.Call)) {
		case "errors.New", "fmt.Errorf":
			for _, a := range x.Call.Args {
				if _, ok := a.(*ssa.Const); !ok {
					return false
				}
			}
			return true
		}
	}
	return false
}

// deliveredTo reports whether every path to r (a return of a goroutine,
// or the store of its result) sends on a channel that waiter receives from (the counterpart model
// knows every receive of it).
func (c *checker) deliveredTo(r ssa.Instruction, waiter *ssa.Function) bool {
	for _, b := range r.Parent().Blocks {
		for _, instr := range b.Instrs {
			send, ok := instr.(*ssa.Send)
			if !ok || !cfg.Dominates(send, r) {
				continue
			}
			w := c.wakes().ChanWakes(send.Chan, true)
			if !w.Known {
				continue
			}
			for _, site := range w.Sites {
				if site.Fn == waiter {
					return true
				}
			}
		}
	}
	return false
}

// funcMayFail reports whether fn may return a non-nil error.
func funcMayFail(fn *ssa.Function) bool {
	if fn.Blocks == nil {
		return true
	}
	for _, r := range ssax.Returns(fn) {
		if len(r.Results) != 1 {
			continue
		}
		if !isNil(r.Results[0], 0) && !reportedElsewhere(r.Results[0], r) {
			return true
		}
	}
	return false
}

// reportedElsewhere reports whether the error err that ret returns was
// also handed on before ret, on every path: sent on a channel or stored
// (errCh <- err; return err). Whoever reads that channel or variable sees
// every error, so Wait's first error adds nothing to it.
func reportedElsewhere(err ssa.Value, ret ssa.Instruction) bool {
	refs := err.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.Send:
			if x.X == err && cfg.Dominates(x, ret) {
				return true
			}
		case *ssa.Store:
			if x.Val == err && cfg.Dominates(x, ret) {
				if _, local := x.Addr.(*ssa.Alloc); !local {
					return true
				}
			}
		}
	}
	return false
}

// isNil reports whether v is always a nil constant: directly, through
// phis, or loaded from a local result variable every store to which is
// nil (functions with defers return through such a variable).
func isNil(v ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Const:
		return x.IsNil()
	case *ssa.Phi:
		for _, e := range x.Edges {
			if !isNil(e, depth+1) {
				return false
			}
		}
		return true
	case *ssa.UnOp:
		alloc, ok := x.X.(*ssa.Alloc)
		if x.Op != token.MUL || !ok {
			return false
		}
		for _, ref := range refsOf(alloc) {
			switch r := ref.(type) {
			case *ssa.Store:
				if !isNil(r.Val, depth+1) {
					return false
				}
			case *ssa.UnOp, *ssa.DebugRef:
			default:
				return false // the variable escapes (a deferred closure may set it)
			}
		}
		return true
	}
	return false
}

// exprStmtOf returns the expression statement that is call (g.Wait(),
// wg.Add(1) on a line of its own) and the syntax enclosing it, or nil.
func (c *checker) exprStmtOf(call *ssa.Call) (*ast.ExprStmt, []ast.Node) {
	ce := c.calls[call.Pos()]
	if ce == nil {
		return nil, nil
	}
	file := c.fileOf(ce.Pos())
	if file == nil {
		return nil, nil
	}
	path, _ := astutil.PathEnclosingInterval(file, ce.Pos(), ce.End())
	if len(path) < 2 {
		return nil, nil
	}
	stmt, ok := path[1].(*ast.ExprStmt)
	if !ok {
		return nil, nil
	}
	return stmt, path
}

// checkErrFix offers `if err := g.Wait(); err != nil { return err }` for a
// Wait in an expression statement of a function whose only result is an
// error.
func (c *checker) checkErrFix(call *ssa.Call) []analysis.SuggestedFix {
	stmt, path := c.exprStmtOf(call)
	if stmt == nil {
		return nil
	}
	ce := c.calls[call.Pos()]
	var ftype *ast.FuncType
	for _, n := range path {
		if fd, ok := n.(*ast.FuncDecl); ok {
			ftype = fd.Type
			break
		}
		if fl, ok := n.(*ast.FuncLit); ok {
			ftype = fl.Type
			break
		}
	}
	if ftype == nil || ftype.Results == nil || len(ftype.Results.List) != 1 || len(ftype.Results.List[0].Names) > 1 {
		return nil
	}
	if t := c.pass.TypesInfo.TypeOf(ftype.Results.List[0].Type); t == nil || !types.Identical(t, types.Universe.Lookup("error").Type()) {
		return nil
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, c.pass.Fset, ce); err != nil {
		return nil
	}
	text := fmt.Sprintf("if err := %s; err != nil {\n\treturn err\n}", buf.String())
	return []analysis.SuggestedFix{{
		Message:   "return the error of Wait",
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(text)}},
	}}
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// checkCtxAfterWait reports a use of the context of errgroup.WithContext
// that can only run after Wait returned on the same group: by then the
// context is cancelled.
func (c *checker) checkCtxAfterWait(g *groups.Group) {
	if g.Create == nil {
		return
	}
	var waits []ssa.Instruction
	for _, op := range g.Ops {
		if (op.Method == groups.Wait || op.Method == groups.WaitVia) && op.Direct() {
			waits = append(waits, op.Instr)
		}
	}
	if len(waits) == 0 {
		return
	}
	type lateUse struct{ use, wait ssa.Instruction }
	var late []lateUse
	for _, use := range groups.ContextUses(g.Create) {
		if v, ok := use.(ssa.Value); ok {
			if call := ctxflow.BoxedIntoCall(v); call != nil {
				use = call // ctx made an any for a call (a logger's ...any): the call uses it
			}
		}
		if call, ok := use.(*ssa.Call); ok && ctxflow.IgnoresCancel(&call.Call) {
			continue // ok: ctx.Value, context.WithoutCancel, context.Cause serve as well after cancel
		}
		if call, ok := use.(*ssa.Call); ok && !c.seesCancellation(call) {
			continue // ok: a call that neither waits nor looks at the context (a logger, a value lookup) behaves the same after cancel
		}
		if call, ok := use.(*ssa.Call); ok && ctxflow.ToleratesCanceled(call) {
			// ok: err != context.Canceled: the author expects the
			// cancellation Wait makes and looks for another end (the
			// parent's deadline shows as DeadlineExceeded)
			continue
		}
		for _, w := range waits {
			if w == use || !cfg.Dominates(w, use) {
				continue
			}
			if groups.ContextDoneAt(g.Create, w.Block()) {
				continue // ok: Wait is reached only once the group's context is done (case <-ctx.Done(): eg.Wait(); return ctx.Err()): its cancel changes nothing
			}
			if call, ok := w.(*ssa.Call); ok && !c.groupMayFail(g) && ctxflow.NonNil(call, use.Block()) {
				continue // ok: reached only when Wait fails, and no goroutine of the group can fail
			}
			late = append(late, lateUse{use, w})
			break
		}
	}
	if len(late) == 0 {
		return
	}
	// One finding per group, at the use that costs most: a call handed
	// the cancelled context (its work fails or is skipped) before a
	// check of ctx.Err or ctx.Done; the other uses are related.
	sort.SliceStable(late, func(i, j int) bool { return ssax.Pos(late[i].use) < ssax.Pos(late[j].use) })
	first := 0
	for i, l := range late {
		if handsOnContext(l.use) {
			first = i
			break
		}
	}
	use, w := late[first].use, late[first].wait
	ctxName, note := c.ctxNaming(g.Create)
	name := c.recv(w.(ssa.CallInstruction))
	related := []analysis.RelatedInformation{
		passutil.Related(g.Create.Pos(), "%s derived here by errgroup.WithContext", ctxName),
		passutil.Related(ssax.Pos(w), "%s.Wait returns here", name),
	}
	for i, l := range late {
		if i != first && len(related) < 5 {
			related = append(related, passutil.Related(ssax.Pos(l.use), "%s is also used here after Wait", ctxName))
		}
	}
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(use),
		Category: catCtxAfterWait,
		Message: fmt.Sprintf("%s is used after %s.Wait returned, but it is the context of errgroup.WithContext, cancelled when Wait returns: this sees context.Canceled%s",
			ctxName, name, note),
		Related: related,
	})
}

// handsOnContext reports whether use is a call that hands the context
// to other code (engine.Score(ctx, ...)), not a method of the context
// itself (ctx.Err(), ctx.Done()).
func handsOnContext(use ssa.Instruction) bool {
	call, ok := use.(*ssa.Call)
	if !ok {
		return false
	}
	if call.Call.IsInvoke() {
		return false // ctx.Err(), ctx.Done(): the context's own methods
	}
	return true
}

// seesCancellation reports whether the call, handed a context, can tell
// that it is cancelled: ctx.Done or ctx.Err, a derived context, a call
// that can wait (network, database, process, channel, or a function
// summarized as blocking: blocking.Info.Classify), whose context-aware
// waits end at once with context.Canceled, or a function of this package
// that observes a context (waitexit.FuncObservesContext). A call that
// does none of these (a logger, a lookup of a value, a constructor)
// behaves the same with a cancelled context.
func (c *checker) seesCancellation(call *ssa.Call) bool {
	if _, ok := ctxflow.IsContextCall(&call.Call, "Done"); ok {
		return true
	}
	if _, ok := ctxflow.IsContextCall(&call.Call, "Err"); ok {
		return true
	}
	fn := call.Call.StaticCallee()
	if fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "context" {
		return true // context.WithTimeout(gctx, ...): the derived context is cancelled too
	}
	if c.bi == nil {
		c.bi = c.pass.ResultOf[blocking.Analyzer].(*blocking.Info).Fork()
	}
	if _, blocks := c.bi.Classify(call); blocks {
		return true
	}
	if fn != nil && fn.Blocks != nil && fn.Pkg != nil && fn.Pkg.Pkg == c.pass.Pkg && waitexit.FuncObservesContext(fn) {
		return true
	}
	// a dynamic call (an interface method, a function value) may run
	// anything: assumed to look at its context
	return call.Call.StaticCallee() == nil
}

// groupMayFail reports whether some goroutine of g may return a non-nil error
// (mayInform), so that Wait can fail.
func (c *checker) groupMayFail(g *groups.Group) bool {
	for _, op := range g.Ops {
		if (op.Method == groups.Go || op.Method == groups.TryGo) && c.mayInform(op.Instr.Common(), g.Owner) {
			return true
		}
	}
	return false
}

// ctxNaming returns the name the group's context is bound to and, when
// that name is also the name of the parent context passed to WithContext
// (so the caller's context is overwritten or shadowed), a note saying so.
func (c *checker) ctxNaming(create *ssa.Call) (string, string) {
	ce := c.calls[create.Pos()]
	if ce == nil {
		return "the group context", ""
	}
	file := c.fileOf(ce.Pos())
	if file == nil {
		return "the group context", ""
	}
	path, _ := astutil.PathEnclosingInterval(file, ce.Pos(), ce.End())
	var lhs *ast.Ident
	for _, n := range path {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == 2 && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == ce {
			lhs, _ = as.Lhs[1].(*ast.Ident)
			break
		}
		if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 2 && len(vs.Values) == 1 {
			lhs = vs.Names[1]
			break
		}
	}
	if lhs == nil || lhs.Name == "_" {
		return "the group context", ""
	}
	parent, ok := ast.Unparen(ce.Args[0]).(*ast.Ident)
	if !ok || parent.Name != lhs.Name {
		return lhs.Name, ""
	}
	if def := c.pass.TypesInfo.Defs[lhs]; def != nil {
		return lhs.Name, fmt.Sprintf(" (this %s shadows the caller's %s: name the group's context gctx and keep using %s)", lhs.Name, parent.Name, parent.Name)
	}
	return lhs.Name, fmt.Sprintf(" (%s.WithContext overwrote the caller's %s: name the group's context gctx and keep using %s)", "errgroup", parent.Name, parent.Name)
}

// checkLimitedGo reports g.Go called from inside a goroutine of g when g
// has a limit: every running goroutine can block in Go waiting for a slot
// that only they can free.
func (c *checker) checkLimitedGo(g *groups.Group) {
	var limit ssa.Instruction
	for _, op := range g.Ops {
		if op.Method == groups.SetLimit && op.Fn == g.Owner && groups.LimitSet(op.Instr.Common()) {
			limit = op.Instr
			break
		}
	}
	if limit == nil {
		return
	}
	c.checkLimitedGoViaHelper(g, limit)
	for _, op := range g.Ops {
		if op.Method != groups.Go || op.Fn == g.Owner || op.Site == nil {
			continue
		}
		outer, ok := op.Site.(ssa.CallInstruction)
		if !ok {
			continue
		}
		if _, m, _ := groups.MethodOf(outer.Common()); m != groups.Go && m != groups.TryGo {
			continue
		}
		if !sameGroupOp(g, outer) {
			continue // ok: a goroutine of another group
		}
		name := c.recv(op.Instr)
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(op.Instr),
			Category: catLimitedGo,
			Message: fmt.Sprintf("%s.Go called from a goroutine of %s, which has a limit: Go blocks until a slot frees, and when every running goroutine of the group waits here none can finish (deadlock); use TryGo or a separate group",
				name, name),
			Related: []analysis.RelatedInformation{
				passutil.Related(ssax.Pos(limit), "limit set here"),
				passutil.Related(ssax.Pos(outer), "the enclosing goroutine is started here"),
			},
		})
	}
}

// checkLimitedGoViaHelper reports g.Go reached through a function of the
// package that a goroutine of the limited group g calls with g (go-in-
// limited-group, one call deeper): the goroutine holds a slot while the
// helper waits in Go for one (a crawler whose visit(ctx, g, url) starts
// the next visits with g.Go).
func (c *checker) checkLimitedGoViaHelper(g *groups.Group, limit ssa.Instruction) {
	outer := map[*ssa.Function]ssa.CallInstruction{} // goroutine bodies of g's Go calls in the owner
	for _, op := range g.Ops {
		if (op.Method != groups.Go && op.Method != groups.TryGo) || op.Fn != g.Owner {
			continue
		}
		args := op.Instr.Common().Args
		if len(args) < 2 {
			continue
		}
		if mc, ok := args[1].(*ssa.MakeClosure); ok {
			if body, ok := mc.Fn.(*ssa.Function); ok {
				outer[body] = op.Instr
			}
		}
	}
	isGroup := func(v ssa.Value) bool {
		r, ok := ssax.ThroughCaptures(v)
		return ok && r == g.Root
	}
	handedTo := slices.Clone(g.Escapes) // calls that hand the group on: escapes, and helpers that start goroutines in it
	for _, op := range g.Ops {
		if op.Method == groups.GoVia && !op.Returned {
			handedTo = append(handedTo, op.Instr)
		}
	}
	for _, e := range handedTo {
		call, ok := e.(ssa.CallInstruction)
		if !ok {
			continue
		}
		start, ok := outer[call.Parent()]
		if !ok {
			continue
		}
		callee := call.Common().StaticCallee()
		if callee == nil || callee.Pkg != g.Owner.Pkg || len(callee.Blocks) == 0 {
			continue
		}
		for i, arg := range call.Common().Args {
			if i >= len(callee.Params) || !isGroup(arg) {
				continue
			}
			inner := goOnParam(callee, callee.Params[i])
			if inner == nil {
				continue
			}
			if !limitOfOne(limit) && !inLoop(start) && !startsGoers(inner, callee) {
				// ok: one goroutine of the group waits in Go, and the
				// goroutines the helper starts never call Go: they end
				// and free their slots (a dispatcher feeding workers
				// under SetLimit(n+1))
				continue
			}
			name := c.recv(start)
			c.report(analysis.Diagnostic{
				Pos:      ssax.Pos(inner),
				Category: catLimitedGo,
				Message: fmt.Sprintf("%s.Go called through %s, which a goroutine of %s runs with the group: %s has a limit, so Go blocks until a slot frees, and when every running goroutine of the group waits here none can finish (deadlock); use TryGo or a separate group",
					name, ssax.ShortFuncName(funcObjOf(callee)), name, name),
				Related: []analysis.RelatedInformation{
					passutil.Related(ssax.Pos(limit), "limit set here"),
					passutil.Related(ssax.Pos(start), "the enclosing goroutine is started here"),
					passutil.Related(ssax.Pos(call), "which calls %s with the group here", ssax.ShortFuncName(funcObjOf(callee))),
				},
			})
			return
		}
	}
	// The owner starts the first goroutines through the helper itself,
	// whose goroutines call it again (a recursive walk: visit(g, root),
	// and each visit's goroutine visits the children with g).
	for _, b := range g.Owner.Blocks {
		for _, instr := range b.Instrs {
			if c.reportRecursiveHelper(g, limit, instr) {
				return
			}
		}
	}
}

// reportRecursiveHelper reports, when instr is a call of the owner of g
// that hands g to a helper of the package whose goroutines call it again,
// the helper's Go; it says whether it did.
func (c *checker) reportRecursiveHelper(g *groups.Group, limit ssa.Instruction, instr ssa.Instruction) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	callee := call.Common().StaticCallee()
	if callee == nil || callee.Pkg != g.Owner.Pkg || len(callee.Blocks) == 0 {
		return false
	}
	for i, arg := range call.Common().Args {
		if i >= len(callee.Params) || ssax.Unwrap(arg) != g.Root {
			continue
		}
		inner := goOnParam(callee, callee.Params[i])
		if inner == nil || !callsAgain(inner, callee) {
			continue
		}
		name := c.recv(inner)
		helper := ssax.ShortFuncName(funcObjOf(callee))
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(inner),
			Category: catLimitedGo,
			Message: fmt.Sprintf("%s.Go called in %s, whose goroutines call %s again with the group: %s has a limit, so each waits in Go for a slot while holding its own, and when every running goroutine of the group waits here none can finish (deadlock); use TryGo or a separate group",
				name, helper, helper, name),
			Related: []analysis.RelatedInformation{
				passutil.Related(ssax.Pos(limit), "limit set here"),
				passutil.Related(ssax.Pos(call), "%s first called with the group here", helper),
			},
		})
		return true
	}
	return false
}

// callsAgain reports whether the function that the Go call inner (in
// helper) starts calls helper again.
func callsAgain(inner ssa.CallInstruction, helper *ssa.Function) bool {
	args := inner.Common().Args
	if len(args) < 2 {
		return false
	}
	body := ssax.FuncValue(args[1])
	if body == nil {
		return false
	}
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && call.Common().StaticCallee() == helper {
				return true
			}
		}
	}
	return false
}

// funcObjOf returns fn's declared object, nil for a literal.
func funcObjOf(fn *ssa.Function) *types.Func {
	f, _ := fn.Object().(*types.Func)
	return f
}

// limitOfOne reports whether limit is SetLimit(1): the goroutine that
// calls Go from inside the group holds the only slot.
func limitOfOne(limit ssa.Instruction) bool {
	call, ok := limit.(ssa.CallInstruction)
	if !ok || len(call.Common().Args) < 2 {
		return false
	}
	n, ok := ssax.IntConst(call.Common().Args[1])
	return ok && n == 1
}

// inLoop reports whether instr lies on a cycle of its function.
func inLoop(instr ssa.Instruction) bool {
	return spawn.Cyclic(instr.Parent(), nil)[instr.Block()]
}

// startsGoers reports whether the function that the Go call inner (in
// helper) starts calls helper again or calls Go itself: the goroutines it
// starts can fill the group's slots while each waits in Go (a recursive
// crawl).
func startsGoers(inner ssa.CallInstruction, helper *ssa.Function) bool {
	args := inner.Common().Args
	if len(args) < 2 || ssax.FuncValue(args[1]) == nil {
		return true // ok: unknown: keep the finding
	}
	return callsAgain(inner, helper) || callsGo(ssax.FuncValue(args[1]))
}

// callsGo reports whether fn calls an errgroup Group's Go.
func callsGo(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if _, m, _ := groups.MethodOf(call.Common()); m == groups.Go {
					return true
				}
			}
		}
	}
	return false
}

// goOnParam returns a Go call of fn (not TryGo) on its parameter p.
func goOnParam(fn *ssa.Function, p *ssa.Parameter) ssa.CallInstruction {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, m, recv := groups.MethodOf(call.Common()); m == groups.Go && ssax.Unwrap(recv) == p {
				return call
			}
		}
	}
	return nil
}

func sameGroupOp(g *groups.Group, instr ssa.Instruction) bool {
	for _, op := range g.Ops {
		if op.Instr == instr {
			return true
		}
	}
	return false
}

// checkAddAfterWaiter reports wg.Add (or wg.Go) that can run after a
// goroutine that waits on wg was started.
func (c *checker) checkAddAfterWaiter(g *groups.Group) {
	var waiters []groups.Op
	for _, op := range g.Ops {
		if op.Method == groups.Wait && op.InGoroutine() {
			waiters = append(waiters, op)
		}
	}
	if len(waiters) == 0 {
		return
	}
	for _, op := range g.Ops {
		if (op.Method != groups.Add && op.Method != groups.WGGo) || !op.Direct() || !positiveDelta(op) {
			continue
		}
		// A WaitGroup made in each iteration of a loop is a new one once
		// the loop comes back to its allocation: the waiter of the last
		// iteration does not wait on this iteration's Add.
		var stop func(ssa.Instruction) bool
		if args := op.Instr.Common().Args; len(args) > 0 && wake.Allocation(args[0]) != nil {
			alloc := wake.Allocation(args[0])
			stop = func(instr ssa.Instruction) bool { return instr == alloc }
		}
		for _, w := range waiters {
			if !cfg.Reaches(w.Site, op.Instr, stop) {
				continue
			}
			name := c.recv(op.Instr)
			what := "Add"
			if op.Method == groups.WGGo {
				what = "Go"
			}
			c.report(analysis.Diagnostic{
				Pos:      ssax.Pos(op.Instr),
				Category: catAddAfterWait,
				Message: fmt.Sprintf("%s.%s may run after a goroutine waiting on %s was started: if the counter is zero, Wait may already have returned and this work is not awaited (Add must happen before Wait)",
					name, what, name),
				Related: []analysis.RelatedInformation{
					passutil.Related(ssax.Pos(w.Site), "goroutine calling %s.Wait started here", name),
				},
			})
			return
		}
	}
}

// positiveDelta reports whether an Add's delta may be positive (Add(-1)
// is a Done, and Add(-n) the release of a gate its waiters wait on).
func positiveDelta(op groups.Op) bool {
	if op.Method != groups.Add {
		return true
	}
	args := op.Instr.Common().Args
	if len(args) < 2 {
		return true
	}
	if k, ok := args[1].(*ssa.Const); ok && k.Value != nil {
		return k.Int64() > 0
	}
	if neg, ok := args[1].(*ssa.UnOp); ok && neg.Op == token.SUB {
		return false // Add(-n): a release (a gate opened for its waiters), not more work
	}
	return true
}

// checkWaitInStartLoop reports a Wait inside the loop that starts the
// group's goroutines when the group's only Adds come before that loop and
// count more than one (wg.Add(len(items)) before for _, it := range
// items { go ...; wg.Wait() }): the first Wait waits for the Dones of
// goroutines that later iterations start only after it, so it never
// returns once the loop has more than one iteration.
func (c *checker) checkWaitInStartLoop(g *groups.Group) {
	if g.Escape != nil || len(g.Owner.Blocks) == 0 {
		return
	}
	cyc := spawn.Cyclic(g.Owner, nil)
	var adds []groups.Op
	var starts []ssa.Instruction
	for _, op := range g.Ops {
		switch op.Method {
		case groups.Add, groups.WGGo:
			if op.Site == nil || op.InGoroutine() || op.Method == groups.WGGo || cyc[op.Site.Block()] {
				return // ok: an Add per iteration, or one we do not place
			}
			adds = append(adds, op)
		case groups.Done:
			if op.InGoroutine() && cyc[op.Site.Block()] {
				starts = append(starts, op.Site)
			}
		}
	}
	if len(starts) == 0 || !slices.ContainsFunc(adds, countsMany) {
		return
	}
	for _, op := range g.Ops {
		if op.Method != groups.Wait || !op.Direct() || !cyc[op.Instr.Block()] {
			continue
		}
		for _, start := range starts {
			if !cfg.Reaches(start, op.Instr, nil) || !cfg.Reaches(op.Instr, start, nil) {
				continue // ok: not the loop that starts them
			}
			name := c.recv(op.Instr)
			c.report(analysis.Diagnostic{
				Pos:      ssax.Pos(op.Instr),
				Category: catWaitInLoop,
				Message: fmt.Sprintf("%s.Wait inside the loop that starts the goroutines: the %s.Add before the loop counted the goroutines of every iteration, so this Wait waits for Dones of goroutines that later iterations start only after it (deadlock once the loop runs more than once); Wait after the loop, or Add(1) in it",
					name, name),
				Related: []analysis.RelatedInformation{
					passutil.Related(ssax.Pos(adds[0].Instr), "%s.Add here, before the loop", name),
					passutil.Related(ssax.Pos(start), "goroutine started here, in the loop"),
				},
			})
			return
		}
	}
}

// countsMany reports whether the Add op may count more than one goroutine:
// a constant delta above one, or one known only at run time (len(items)).
func countsMany(op groups.Op) bool {
	args := op.Instr.Common().Args
	if op.Method != groups.Add || len(args) < 2 {
		return false
	}
	if k, ok := args[1].(*ssa.Const); ok {
		return k.Value != nil && k.Int64() > 1
	}
	return positiveDelta(op)
}

// checkWaitWithoutAdd reports a Wait that a path reaches through the start
// of a goroutine calling Done with no Add before that start.
func (c *checker) checkWaitWithoutAdd(g *groups.Group) {
	if g.Escape != nil && !g.OnlyHanded() {
		return // ok: code we do not follow may call Add
	}
	adds := map[ssa.Instruction]bool{}
	var doners []groups.Op
	for _, op := range g.Ops {
		switch op.Method {
		case groups.Add, groups.WGGo:
			if op.Site == nil || op.InGoroutine() {
				return // ok: Add inside the goroutine is go vet's waitgroup check
			}
			adds[op.Site] = true
		case groups.Done:
			// A Done in a callback handed to a call is not reported:
			// handing it over is not when it runs (a pool's task function
			// runs on each later Invoke, after that Invoke's Add).
			if op.InGoroutine() {
				doners = append(doners, op)
			}
		}
	}
	if len(doners) == 0 || len(g.Owner.Blocks) == 0 {
		return
	}
	// A goroutine with a Done inside one of its loops counts work items,
	// not itself (for t := range tasks { ...; wg.Done() }): the starter
	// adds one per item before handing it over, so starting the worker
	// owes no Add, and neither does its Done on an early return from an
	// item, which answers that item's Add.
	countsItems := map[ssa.Instruction]bool{}
	for _, d := range doners {
		if cfg.Reaches(d.Instr, d.Instr, nil) {
			countsItems[d.Site] = true
		}
	}
	doners = slices.DeleteFunc(doners, func(d groups.Op) bool { return countsItems[d.Site] })
	entry := g.Owner.Blocks[0].Instrs[0]
	stop := func(instr ssa.Instruction) bool { return adds[instr] }
	for _, op := range g.Ops {
		if op.Method != groups.Wait || !op.Direct() {
			continue
		}
		for _, d := range doners {
			// An Add between the start and the Wait, on every path,
			// counts the goroutine too: Wait waits for it. A path on
			// which a guard of the goroutine's Done is off (if track {
			// wg.Done() }, tested by the starter too) owes no Add.
			skip := orSkip(orSkip(guardOffEdges(g, d), sameTripsSkip(g.Owner, d, adds)), emptyGuardSkip(g.Owner, d, adds))
			reaches := func(a, b ssa.Instruction) bool {
				return cfg.FirstAvoiding(a, func(x ssa.Instruction) bool { return x == b }, stop, skip) != nil
			}
			if adds[entry] || !reaches(entry, d.Site) || !reaches(d.Site, op.Instr) {
				continue
			}
			name := c.recv(op.Instr)
			what, start := "the goroutine calling %s.Done was started", passutil.Related(ssax.Pos(d.Site), "goroutine started here without %s.Add", name)
			c.report(analysis.Diagnostic{
				Pos:      ssax.Pos(op.Instr),
				Category: catWaitNoAdd,
				Message: fmt.Sprintf("%s.Wait with no %s.Add before "+what+" on this path: Wait may return at once, and Done then panics with a negative counter",
					name, name, name),
				Related: []analysis.RelatedInformation{
					start,
					passutil.Related(ssax.Pos(d.Instr), "%s.Done called here", name),
				},
			})
			return
		}
	}
}

// guardOffEdges returns, as a skip function for cfg.FirstAvoiding, the
// edges of the owner of g on which the goroutine that the Done op d runs
// in calls no Done of g: the owner's branches on a value that guards
// every Done of g in the goroutine's body (groups.DoneGuards).
func guardOffEdges(g *groups.Group, d groups.Op) func(from, to *ssa.BasicBlock) bool {
	start, ok := d.Site.(*ssa.Go)
	if !ok {
		return nil
	}
	var dones []*ssa.Call
	for _, op := range g.Ops {
		if call, ok := op.Instr.(*ssa.Call); ok && op.Method == groups.Done && op.Fn == d.Fn {
			dones = append(dones, call)
		}
	}
	off := map[[2]*ssa.BasicBlock]bool{}
	for _, gd := range groups.DoneGuards(d.Fn, dones) {
		for _, e := range gd.OffEdges(start) {
			off[e] = true
		}
	}
	if len(off) == 0 {
		return nil
	}
	return func(from, to *ssa.BasicBlock) bool { return off[[2]*ssa.BasicBlock{from, to}] }
}

// rollsBack reports whether the Done call d undoes an Add(n > 0) of the
// same WaitGroup that fn itself made before it on every path (wg.Add(1);
// if !ok { wg.Done(); return }): the goroutine counted itself in and
// counts itself out, which says nothing about the Done owed by its
// starter's Add.
func rollsBack(fn *ssa.Function, d *ssa.Call) bool {
	if len(d.Call.Args) == 0 {
		return false
	}
	key := wake.ObjectKey(d.Call.Args[0])
	if key == "" {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			add, ok := instr.(*ssa.Call)
			if !ok || len(add.Call.Args) != 2 {
				continue
			}
			if k, m, _ := groups.MethodOf(&add.Call); k != groups.WaitGroup || m != groups.Add {
				continue
			}
			if n, ok := add.Call.Args[1].(*ssa.Const); !ok || n.Value == nil || n.Int64() <= 0 {
				continue
			}
			if wake.ObjectKey(add.Call.Args[0]) == key && cfg.Dominates(add, d) {
				return true
			}
		}
	}
	return false
}

// checkSkippedDone reports a goroutine body that calls wg.Done on some
// paths but can return without it (and without a deferred Done). The body
// is the one function the go statement can run: a function value with
// several candidates is not judged.
func (c *checker) checkSkippedDone(goInstr *ssa.Go) {
	fn := c.gi.Resolve(goInstr.Common()).Single()
	if fn == nil || fn.Blocks == nil || c.done[fn] || fn.Pkg == nil || fn.Pkg.Pkg != c.pass.Pkg {
		return
	}
	c.done[fn] = true
	c.checkUncountedStarts(fn)
	var dones []*ssa.Call
	var defers []*ssa.Defer
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Call:
				if k, m, _ := groups.MethodOf(&x.Call); k == groups.WaitGroup && m == groups.Done {
					dones = append(dones, x)
				}
			case *ssa.Defer:
				defers = append(defers, x)
			}
		}
	}
	dones = slices.DeleteFunc(dones, func(d *ssa.Call) bool { return rollsBack(fn, d) })
	if len(dones) == 0 {
		return // ok: every Done undoes the goroutine's own Add, it is not a member
	}
	// Each WaitGroup the body counts itself out of is its own question (a
	// start group released after set-up, a stop group at the end).
	var keys []string
	byGroup := map[string][]*ssa.Call{}
	for _, d := range dones {
		k := ""
		if len(d.Call.Args) > 0 {
			k = wake.ObjectKey(d.Call.Args[0])
		}
		if _, ok := byGroup[k]; !ok {
			keys = append(keys, k)
		}
		byGroup[k] = append(byGroup[k], d)
	}
	for _, k := range keys {
		c.checkSkippedDoneOf(goInstr, fn, byGroup[k], defers)
	}
}

// checkSkippedDoneOf reports a return of the goroutine body fn that skips
// every one of dones, the Done calls on one WaitGroup.
func (c *checker) checkSkippedDoneOf(goInstr *ssa.Go, fn *ssa.Function, dones []*ssa.Call, defers []*ssa.Defer) {
	// A function value the resolver cannot see may call Done, unless the
	// WaitGroup is a local only direct method calls reach
	// (groups.Contained): then a callback handed in cannot.
	wg := dones[0].Call.Args[0]
	for _, d := range defers {
		if c.gi.MayCallDoneOn(&d.Call, wg) {
			return // ok: a deferred Done runs on every return
		}
	}
	for _, d := range dones {
		if cfg.Reaches(d, d, nil) {
			// ok: Done inside a loop counts work items, not this
			// goroutine (for req := range reqs { ...; wg.Done() }); its
			// final return owes no Done.
			return
		}
	}
	wgKey := ""
	if len(dones[0].Call.Args) > 0 {
		wgKey = wake.ObjectKey(dones[0].Call.Args[0])
	}
	if !startsCounted(goInstr, startKey(goInstr, dones[0], wgKey)) && c.gi.AlsoCalled(fn) {
		// ok: nothing that starts it counts the goroutine in, and the body
		// is an ordinary function too (go device.Close() after a read
		// error, and Close called by users): its Done keeps the function's
		// own contract (release a reference once, the early return being
		// the second call's), not this goroutine's membership
		return
	}
	selfAdds := len(addsTo(fn, wgKey)) > 0
	stop := func(instr ssa.Instruction) bool {
		if mc, ok := instr.(*ssa.MakeClosure); ok {
			return handsOverDone(mc)
		}
		if g, ok := instr.(*ssa.Go); ok {
			// ok: the goroutine hands its membership to one it starts
			// (a worker that restarts itself with a fresh stack), which
			// calls Done on the same WaitGroup; a body that adds to the
			// group itself may be starting a member of its own
			return !selfAdds && c.startsDoneOf(g, fn, wgKey)
		}
		call, ok := instr.(*ssa.Call)
		return ok && (c.gi.MayCallDoneOn(&call.Call, wg) || c.gi.NoReturn(&call.Call) || c.handsOver(&call.Call, wgKey))
	}
	// Only paths that can happen: the return after a range over a ticker's
	// channel, or a loop whose only exit waits on a channel nothing
	// closes, is never reached.
	// A Done guarded by a value fixed at the goroutine's start (if track
	// { wg.Done() }, if wg != nil { wg.Done() }) owes nothing on the
	// guard's off side when the WaitGroup is nil there, or when the
	// starter counts the goroutine in only on the on side (if track {
	// wg.Add(1) }).
	off := map[[2]*ssa.BasicBlock]bool{}
	for _, gd := range groups.DoneGuards(fn, dones) {
		if gd.OfDone || addsOnlyOn(goInstr, gd, startKey(goInstr, dones[0], wgKey)) {
			from, to := gd.Off()
			off[[2]*ssa.BasicBlock{from, to}] = true
		}
	}
	if swapGuarded(fn, dones) {
		// ok: every Done runs only where a compare-and-swap on a flag
		// the goroutine shares succeeded (if eosed.CompareAndSwap(false,
		// true) { wg.Done() }): one Done per flag, whichever of the
		// goroutines that share it gets there first; the flag, not this
		// goroutine, was counted in (go-nostr's resubscriptions)
		return
	}
	var adds []ssa.Instruction
	for _, add := range addsTo(goInstr.Parent(), startKey(goInstr, dones[0], wgKey)) {
		adds = append(adds, add)
	}
	for _, e := range groups.AddFlagOffEdges(goInstr, dones, adds) {
		off[e] = true
	}
	skip := func(from, to *ssa.BasicBlock) bool { return off[[2]*ssa.BasicBlock{from, to}] }
	r := c.wakes().EntryReturnAvoiding(fn, stop, skip)
	if r == nil {
		return
	}
	if c.waitedWithBound(goInstr, dones[0]) {
		// ok: whoever waits for the WaitGroup does so in a goroutine whose
		// end it awaits with a timeout or a context: a skipped Done leaks
		// that goroutine, it does not leave a Wait waiting forever.
		return
	}
	name := c.recv(dones[0])
	c.report(analysis.Diagnostic{
		Pos:      returnPos(r),
		Category: catSkippedDone,
		Message: fmt.Sprintf("goroutine returns here without calling %s.Done, which it calls on other paths: %s.Wait waits forever for it (use defer %s.Done())",
			name, name, name),
		Related: []analysis.RelatedInformation{
			passutil.Related(ssax.Pos(dones[0]), "%s.Done called here, not on every path", name),
			passutil.Related(ssax.Pos(goInstr), "goroutine started here"),
		},
	})
}

// startsDoneOf reports whether the go statement g, in fn, starts a
// goroutine that calls Done on the WaitGroup whose key in fn is wgKey:
// fn itself again, or a function of the package that calls Done on a
// WaitGroup of that key (a field of the same object).
func (c *checker) startsDoneOf(g *ssa.Go, fn *ssa.Function, wgKey string) bool {
	body := c.gi.Resolve(g.Common()).Single()
	if body == nil || wgKey == "" {
		return false
	}
	if body == fn {
		return true
	}
	if body.Pkg == nil || body.Pkg.Pkg != c.pass.Pkg {
		return false
	}
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || len(call.Common().Args) == 0 {
				continue
			}
			if k, m, _ := groups.MethodOf(call.Common()); k == groups.WaitGroup && m == groups.Done && wake.ObjectKey(call.Common().Args[0]) == wgKey {
				return true
			}
		}
	}
	return false
}

// startsCounted reports whether the function containing start adds to
// the WaitGroup whose key (in that function) is wgKey: the goroutine may
// be counted in there.
func startsCounted(start *ssa.Go, wgKey string) bool {
	if wgKey == "" {
		return true // ok: unknown WaitGroup: assume it is
	}
	return len(addsTo(start.Parent(), wgKey)) > 0
}

// addsTo returns fn's calls of Add on the WaitGroup whose key is wgKey.
func addsTo(fn *ssa.Function, wgKey string) []*ssa.Call {
	var out []*ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			add, ok := instr.(*ssa.Call)
			if !ok || len(add.Call.Args) == 0 {
				continue
			}
			if k, m, _ := groups.MethodOf(&add.Call); k == groups.WaitGroup && m == groups.Add && wake.ObjectKey(add.Call.Args[0]) == wgKey {
				out = append(out, add)
			}
		}
	}
	return out
}

// handsOverDone reports whether mc makes a closure that calls a
// WaitGroup's Done and hands it on (stores it, as in req.Callback =
// handler, passes it to a call or sends it) rather than only calling it
// in place: whoever receives the callback owes the Done from then on (a
// request's completion handler, called once on the response, the timeout
// or the cancellation).
func handsOverDone(mc *ssa.MakeClosure) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || !callsDone(fn) {
		return false
	}
	return handedOn(mc, 0)
}

// handedOn reports whether the function value v is stored, sent, or
// passed as an argument, seen through conversions (a named callback
// type).
func handedOn(v ssa.Value, depth int) bool {
	if depth > 4 || v.Referrers() == nil {
		return false
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Store, *ssa.Send, *ssa.MakeInterface:
			return true
		case *ssa.ChangeType:
			if handedOn(r, depth+1) {
				return true
			}
		case ssa.CallInstruction:
			if r.Common().Value != v {
				return true // passed as an argument
			}
		}
	}
	return false
}

// callsDone reports whether fn calls a WaitGroup's Done directly.
func callsDone(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if k, m, _ := groups.MethodOf(&call.Call); k == groups.WaitGroup && m == groups.Done {
					return true
				}
			}
		}
	}
	return false
}

// startKey returns the key, in the function containing start, of the
// WaitGroup the Done call d of the started body is called on: the
// argument of the go statement when d's receiver is a parameter of the
// body (go worker(&wg, ...)). It is wgKey when that cannot be told.
func startKey(start *ssa.Go, d *ssa.Call, wgKey string) string {
	if len(d.Call.Args) == 0 {
		return wgKey
	}
	if v := groups.StartValue(start, d.Call.Args[0]); v != nil {
		if k := wake.ObjectKey(v); k != "" {
			return k
		}
	}
	return wgKey
}

// addsOnlyOn reports whether the function that starts the goroutine
// with start adds to the WaitGroup whose key is wgKey, and only on the
// "on" side of a branch on the value the guard gd of the goroutine's body
// tests (if track { wg.Add(1) }; go func() { ...; if track { wg.Done() }
// }()): where the guard is off, the goroutine was not counted in.
func addsOnlyOn(start *ssa.Go, gd groups.Guard, wgKey string) bool {
	if wgKey == "" {
		return false
	}
	edges := gd.OffEdges(start)
	if len(edges) == 0 {
		return false
	}
	adds := addsTo(start.Parent(), wgKey)
	for _, add := range adds {
		if !gd.OnSide(start, add) {
			return false
		}
	}
	return len(adds) > 0
}

// handsOver reports whether the call c, whose callees the core cannot
// all see (an interface method with no implementation in view), is
// handed the WaitGroup whose key is wgKey: the unseen callee may well be
// the one that calls its Done (h.finish(wg)). MayCallDone assumes that an
// unresolved interface method calls no Done; one that is given the
// WaitGroup is not assumed so.
func (c *checker) handsOver(common *ssa.CallCommon, wgKey string) bool {
	if wgKey == "" || c.gi.Resolve(common).Complete {
		return false // ok: the bodies of complete callees were looked into
	}
	for _, a := range common.Args {
		if groups.KindOf(a.Type()) == groups.WaitGroup && wake.ObjectKey(a) == wgKey {
			return true
		}
	}
	return false
}

// calleeName names what call runs: its function, or "a function value".
func calleeName(call ssa.CallInstruction) string {
	if f := ssax.Callee(call.Common()); f != nil {
		return ssax.ShortFuncName(f)
	}
	return "a function value"
}

// waitedWithBound reports whether the WaitGroup that the Done call d of
// the goroutine started by start is called on is a local variable of the
// starter that is waited on only with a bound (groups.WaitsBounded):
// in a goroutine whose end the starter, or a helper it hands the
// WaitGroup to (fixture.WaitWithTimeout(&wg, d)), awaits in a select with
// a timer or ctx.Done() case.
func (c *checker) waitedWithBound(start *ssa.Go, d *ssa.Call) bool {
	if len(d.Call.Args) == 0 {
		return false
	}
	v, ok := groups.StartValue(start, d.Call.Args[0]).(*ssa.Alloc)
	if !ok || v.Parent() != start.Parent() {
		return false // a WaitGroup of the caller or a field: its Waits are not all in view
	}
	return c.gi.WaitsBounded(c.gi.Follow(start.Parent(), v))
}

// sameTripsSkip returns the edges into the bodies of the loops around
// the goroutine d's start that an earlier loop of fn ranges over the same
// value as, adding on every iteration (for range tests { wg.Add(1) }; ...;
// for range tests { go ... wg.Done() }; or an outer loop of the start:
// for _, n := range nodes { wg.Add(len(n.parts)) }; for _, n := range
// nodes { for _, p := range n.parts { go ... } }): a path that skips every
// Add ran the earlier loop zero times, so the later one runs zero times
// too and never starts the goroutine. nil when there is no such pair.
func sameTripsSkip(fn *ssa.Function, d groups.Op, adds map[ssa.Instruction]bool) func(from, to *ssa.BasicBlock) bool {
	loops := waitexit.LoopExits(fn)
	var skipped [][2]*ssa.BasicBlock
	for i := range loops {
		goLoop := &loops[i]
		if !slices.Contains(goLoop.Blocks, d.Site.Block()) {
			continue
		}
		over, body := spawn.RangeLen(goLoop.Header)
		if over == nil {
			continue
		}
		for add := range adds {
			addLoop := waitexit.Innermost(loops, add.Block())
			if addLoop == nil || slices.Contains(addLoop.Blocks, d.Site.Block()) || slices.Contains(goLoop.Blocks, add.Block()) {
				continue
			}
			if x, _ := spawn.RangeLen(addLoop.Header); x != over || !addLoop.EveryIteration(add.Block()) {
				continue
			}
			skipped = append(skipped, [2]*ssa.BasicBlock{goLoop.Header, body})
			break
		}
	}
	if len(skipped) == 0 {
		return nil
	}
	return func(from, to *ssa.BasicBlock) bool {
		return slices.Contains(skipped, [2]*ssa.BasicBlock{from, to})
	}
}

// emptyGuardSkip returns, as a skip function for cfg.FirstAvoiding, the
// edges on which the slice that the goroutine's loop ranges over is empty
// (if len(xs) > 0 { wg.Add(len(xs)) }; for _, x := range xs { go ... }):
// an Add entered only when xs is not empty leaves, on its other branch, a
// loop over xs that runs no iteration, so no path through that branch
// starts the goroutine.
func emptyGuardSkip(fn *ssa.Function, d groups.Op, adds map[ssa.Instruction]bool) func(from, to *ssa.BasicBlock) bool {
	goLoop := waitexit.Innermost(waitexit.LoopExits(fn), d.Site.Block())
	if goLoop == nil {
		return nil
	}
	over, _ := spawn.RangeLen(goLoop.Header)
	if over == nil {
		return nil
	}
	same := func(v ssa.Value) bool { return sameSlice(v, over) }
	empty := map[[2]*ssa.BasicBlock]bool{}
	for add := range adds {
		for b := add.Block(); b != nil; b = b.Idom() {
			if !cfg.EnteredOnlyNonEmpty(b, same) {
				continue
			}
			for _, p := range b.Preds {
				iff := p.Instrs[len(p.Instrs)-1].(*ssa.If)
				if i := cfg.EmptyBranch(iff.Cond, same); i >= 0 {
					empty[[2]*ssa.BasicBlock{p, p.Succs[i]}] = true
				}
			}
			break
		}
	}
	if len(empty) == 0 {
		return nil
	}
	return func(from, to *ssa.BasicBlock) bool { return empty[[2]*ssa.BasicBlock{from, to}] }
}

// sameSlice reports whether v and over hold the same slice: the same
// value, or loads of one local variable that nothing stores to after the
// first of them (a slice a closure captures, read for the guard and for
// the loop).
func sameSlice(v, over ssa.Value) bool {
	if v == over {
		return true
	}
	lv, ok1 := v.(*ssa.UnOp)
	lo, ok2 := over.(*ssa.UnOp)
	if !ok1 || !ok2 || lv.Op != token.MUL || lo.Op != token.MUL || lv.X != lo.X {
		return false
	}
	cell, ok := lv.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	first := lv
	if lo.Block() != nil && lv.Block() != nil && lo.Block().Dominates(lv.Block()) && lo.Block() != lv.Block() {
		first = lo
	}
	after := reachableFrom(first)
	for _, r := range *cell.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell && after(st) {
			return false
		}
	}
	return true
}

// reachableFrom returns a test of whether an instruction can run after
// instr in the same function.
func reachableFrom(instr ssa.Instruction) func(ssa.Instruction) bool {
	start := instr.Block()
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), start.Succs...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		work = append(work, b.Succs...)
	}
	index := func(x ssa.Instruction) int {
		for i, y := range x.Block().Instrs {
			if y == x {
				return i
			}
		}
		return -1
	}
	at := index(instr)
	return func(x ssa.Instruction) bool {
		return seen[x.Block()] || x.Block() == start && index(x) > at
	}
}

// orSkip combines two edge filters (either may be nil).
func orSkip(a, b func(from, to *ssa.BasicBlock) bool) func(from, to *ssa.BasicBlock) bool {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return func(from, to *ssa.BasicBlock) bool { return a(from, to) || b(from, to) }
}

// nilBranchOfFailure is ctxflow.NilBranchImpossible with noreturn's
// Fails: the nil branch of an error that cannot be nil there; and
// ctxflow.NonNilBranchImpossible with noreturn's Succeeds: the non-nil
// branch of an error that is nil on every path (a call that cannot fail).
func (c *checker) nilBranchOfFailure(from, to *ssa.BasicBlock) bool {
	return ctxflow.NilBranchImpossible(from, to, c.nr.Fails) || ctxflow.NonNilBranchImpossible(from, to, c.nr.Succeeds)
}

// swapGuarded reports whether every call in dones runs only on the
// success side of a compare-and-swap that succeeds once per flag
// (wake.CompareAndSwapOnce) on a flag that fn does not make itself: a
// captured variable, a field or a global, which the goroutines that share
// it swap in turn.
func swapGuarded(fn *ssa.Function, dones []*ssa.Call) bool {
	var guards []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || len(b.Succs) != 2 {
			continue
		}
		addr, ok := wake.CompareAndSwapOnce(iff.Cond)
		if !ok || madeIn(addr, fn) {
			continue
		}
		if on := b.Succs[0]; len(on.Preds) == 1 {
			guards = append(guards, on)
		}
	}
	if len(guards) == 0 {
		return false
	}
	for _, d := range dones {
		guarded := false
		for _, on := range guards {
			guarded = guarded || on.Dominates(d.Block())
		}
		if !guarded {
			return false
		}
	}
	return true
}

// madeIn reports whether addr, the address of a flag, is rooted in a
// variable or allocation of fn itself (a flag each run makes anew).
func madeIn(addr ssa.Value, fn *ssa.Function) bool {
	for range 8 {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
			continue
		case *ssa.UnOp:
			if a.Op == token.MUL {
				addr = a.X
				continue
			}
		case *ssa.Alloc:
			return a.Parent() == fn
		}
		break
	}
	return false
}

// earlierRound reports whether the return r, reached after the start
// site, lies before it in the source, on the way round a loop that
// contains the start: the goroutine r leaves behind was started by an
// earlier round.
func earlierRound(site ssa.Instruction, r *ssa.Return) bool {
	return r.Pos().IsValid() && r.Pos() < ssax.Pos(site) && cfg.Reaches(site, site, nil)
}
