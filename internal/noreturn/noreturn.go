// Package noreturn answers, once for every pass, "can control come back
// from this call?": a summary of the functions, of any package, whose
// every path from the entry ends in a call that does not return.
//
// A call does not return when it
//   - is one of ssax's lists: runtime.Goexit and testing's FailNow family
//     (the goroutine ends), os.Exit and log.Fatal (the process ends),
//     log.Panic (a panic);
//   - invokes, on an interface whose method set has FailNow(), a method
//     named FailNow, Fatal, Fatalf, Fatalln, SkipNow, Skip or Skipf: the
//     testing.TB convention, which testify's require.TestingT, gomega's
//     and gocheck's interfaces share (an implementation that returns
//     from FailNow breaks every test library's contract);
//   - calls a function with a NeverReturnsFact (this package's, or
//     another's through the fact).
//
// A function never returns when no return is reachable from its entry
// once paths stop at such calls and at panic, and at least one of them is
// reachable: absence of evidence is "may return", so a function that
// only loops, or only calls itself, is left alone (recursion is cut by
// assuming the call returns). A panic, or a call that may panic, is not
// an end in a function with a deferred call, which may recover. A branch
// on the result of a function whose every return returns the constant
// false (ReturnsFalseFact: testify's assert.Fail) takes only its false
// edge, which is how require.Fail's "if assert.Fail(...) { return }"
// reads. Dynamic calls other than that interface convention are taken to
// return: the summary is one linear scan per function, cheap enough to
// run on every package, the standard library included.
//
// It also says what some calls return with: the constant false
// (ReturnsFalseFact), an error that is never nil (FailsFact), an error
// that is nil on every return (SucceedsFact: a function that fits an
// error-returning signature but cannot fail), or results
// that depend only on the arguments (InputOnlyFact): a parse, a
// validation, a pure computation, whose error says the input was wrong,
// not that something failed at run time.
//
// What the package must not do: judge concurrency. It says whether
// control comes back, and how it ends (Ends), nothing about waits.
package noreturn

import (
	"go/build"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"weak"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

// Ends says how the paths of a call that does not return end; zero means
// the call may return.
type Ends uint8

const (
	// Goexit: the goroutine ends (runtime.Goexit, t.FailNow); deferred
	// calls run, and no recover stops it.
	Goexit Ends = 1 << iota
	// Exit: the process ends (os.Exit, log.Fatal).
	Exit
	// Panic: a panic, which a deferred recover may stop.
	Panic
)

// String lists the kinds of end, e.g. "goexit|panic".
func (e Ends) String() string {
	var parts []string
	for _, k := range []struct {
		e    Ends
		name string
	}{{Goexit, "goexit"}, {Exit, "exit"}, {Panic, "panic"}} {
		if e&k.e != 0 {
			parts = append(parts, k.name)
		}
	}
	return strings.Join(parts, "|")
}

// NeverReturnsFact marks an exported function whose every path ends in a
// call that does not return (or a panic); Ends says how they end.
type NeverReturnsFact struct{ Ends Ends }

func (*NeverReturnsFact) AFact() {}

func (f *NeverReturnsFact) String() string { return "neverReturns(" + f.Ends.String() + ")" }

// ReturnsFalseFact marks an exported function with one boolean result
// whose every return returns the constant false (testify's assert.Fail,
// which reports a failure): a branch on its result takes the false edge.
type ReturnsFalseFact struct{}

func (*ReturnsFalseFact) AFact() {}

func (*ReturnsFalseFact) String() string { return "returnsFalse" }

// FailsFact marks an exported function whose last result is an error
// that is not nil on any of its returns (a constructor of errors: every
// return hands back errors.New, fmt.Errorf, a concrete error value, a
// sentinel or another such call; ctxflow.NonNilWith): a caller that
// returns its result reports a failure.
type FailsFact struct{}

func (*FailsFact) AFact() {}

func (*FailsFact) String() string { return "fails" }

// SucceedsFact marks an exported function whose last result is an error
// that is nil on every one of its returns (return nil, or the result of
// another such call; ctxflow.NilWith): a function written to fit an
// error-returning signature that cannot fail. A caller's branch on that
// error being non-nil is dead code.
type SucceedsFact struct{}

func (*SucceedsFact) AFact() {}

func (*SucceedsFact) String() string { return "succeeds" }

// InputOnlyFact lists the exported functions of a package of a module
// (not of the standard library, which InputOnly knows by its lists)
// whose results, their error included, depend only on their arguments:
// each does no channel operation, starts no goroutine, makes no interface
// call, and calls only functions of the same kind (input-only standard
// functions, error constructors, functions this fact lists), or function
// values that it was handed and that have no results (functional
// options, which cannot fail). A parse or a validation of a name, a tag,
// a matcher: when it fails, the input was wrong.
//
// It is one fact of the package, not a fact of each function: generated
// code has thousands of such functions (a protobuf message's getters and
// validators), and the analysis driver copies every fact of a dependency
// into the fact file of each package that imports it, to be decoded
// again there. As object facts they were nine facts in ten on grpc's
// graph and made the reading of facts a seventh of conclint's CPU time
// (docs/benchmarks.md, the seventeenth session).
type InputOnlyFact struct {
	// Funcs holds the names of the functions ("ParseTag") and of the
	// methods, by their receiver's base type ("Tag.Validate"), sorted,
	// each ended by a newline: one string, which the driver decodes with
	// one allocation where a slice of names took one per name (a
	// quarter of the facts' decoding once they were one fact a package).
	Funcs string
}

func (*InputOnlyFact) AFact() {}

func (f *InputOnlyFact) String() string {
	return "inputOnly(" + strings.Join(strings.Fields(f.Funcs), " ") + ")"
}

// has reports whether the fact lists fn: a binary search over the
// lines of Funcs, whose every probe moves to the start of the line it
// falls in.
func (f *InputOnlyFact) has(fn *types.Func) bool {
	key, s := funcKey(fn), f.Funcs
	lo, hi := 0, len(s) // the lines left start in [lo, hi)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := lo + strings.LastIndexByte(s[lo:mid], '\n') + 1
		end := start + strings.IndexByte(s[start:], '\n')
		switch line := s[start:end]; {
		case line == key:
			return true
		case line < key:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}

// funcKey names fn within its package as InputOnlyFact does.
func funcKey(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Name()
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		return named.Obj().Name() + "." + fn.Name()
	}
	return fn.Name() // a method of an interface: never input-only
}

// Analyzer summarizes which functions never return.
var Analyzer = &analysis.Analyzer{
	Name:       "noreturnfacts",
	Doc:        "summarizes which functions never return to their caller (conclint core)",
	URL:        "https://github.com/conclint/conclint/blob/main/docs/architecture.md",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer},
	Run:        passutil.Guard("noreturnfacts", run),
	ResultType: reflect.TypeFor[*Info](),
	FactTypes:  []analysis.Fact{new(NeverReturnsFact), new(ReturnsFalseFact), new(FailsFact), new(SucceedsFact), new(InputOnlyFact), new(HandlesSignalsFact)},
}

// Info answers for the calls of one package. Its tables are complete when
// the Analyzer's run returns and only read afterwards, so one Info is
// shared by every pass, concurrently. A nil *Info (outside an analysis
// run) knows the base calls only.
type Info struct {
	pkg   *types.Package
	pass  *analysis.Pass
	ends  map[*ssa.Function]Ends
	falsy map[*ssa.Function]bool
	fails map[*ssa.Function]bool // memo of Fails for the package's functions
	// succeeds memoizes Succeeds for the package's functions; succeeding
	// guards its recursion, only during run.
	succeeds   map[*ssa.Function]bool
	succeeding map[*ssa.Function]bool
	busy       map[*ssa.Function]bool // only during run
	// failing guards the recursion of fails.
	failing map[*ssa.Function]bool
	pure    map[*ssa.Function]bool // memo of inputOnlyFn for the package's functions
	purging map[*ssa.Function]bool // guards the recursion of inputOnlyFn, only during run
	// signals memoizes HandlesSignals for the package's functions;
	// signaling guards its recursion, only during run.
	signals   map[*ssa.Function]bool
	signaling map[*ssa.Function]bool
}

func run(pass *analysis.Pass) (any, error) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	info := &Info{
		pkg:   pass.Pkg,
		pass:  pass,
		ends:  map[*ssa.Function]Ends{},
		falsy: map[*ssa.Function]bool{},
		fails: map[*ssa.Function]bool{},
		busy:  map[*ssa.Function]bool{},

		failing: map[*ssa.Function]bool{},

		succeeds:   map[*ssa.Function]bool{},
		succeeding: map[*ssa.Function]bool{},
		pure:       map[*ssa.Function]bool{},
		purging:    map[*ssa.Function]bool{},

		signals:   map[*ssa.Function]bool{},
		signaling: map[*ssa.Function]bool{},
	}
	for _, fn := range ssainfo.SrcFuncs {
		if returnsFalse(fn) {
			info.falsy[fn] = true
		}
	}
	std := standardLibrary(pass)
	var inputOnly []string
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		e := info.summarize(fn)
		fails := info.failsFn(fn) // for every function: Fails reads the memo after the run
		succeeds := info.succeedsFn(fn)
		pure := !std && info.inputOnlyFn(fn)
		signals := info.handlesSignals(fn) // for every function: HandlesSignals reads the memo after the run
		obj, ok := passutil.FactTarget(pass, fn)
		if !ok {
			return
		}
		if e != 0 {
			pass.ExportObjectFact(obj, &NeverReturnsFact{Ends: e})
		}
		if info.falsy[fn] {
			pass.ExportObjectFact(obj, &ReturnsFalseFact{})
		}
		if fails {
			pass.ExportObjectFact(obj, &FailsFact{})
		}
		if succeeds {
			pass.ExportObjectFact(obj, &SucceedsFact{})
		}
		if pure {
			inputOnly = append(inputOnly, funcKey(obj))
		}
		if signals {
			pass.ExportObjectFact(obj, &HandlesSignalsFact{})
		}
	})
	if len(inputOnly) > 0 {
		slices.Sort(inputOnly)
		pass.ExportPackageFact(&InputOnlyFact{Funcs: strings.Join(inputOnly, "\n") + "\n"})
	}
	// Keep only the functions that never return: the memo of every
	// function of the package (std's included) is not worth holding while
	// the passes run.
	ends := map[*ssa.Function]Ends{}
	for fn, e := range info.ends {
		if e != 0 {
			ends[fn] = e
		}
	}
	info.ends, info.busy, info.failing, info.purging, info.signaling, info.succeeding = ends, nil, nil, nil, nil, nil
	register(ssainfo.Pkg, info)
	return info, nil
}

// NeverReturns reports whether control never comes back from c to its
// caller: the goroutine or the process ends, or it panics.
func (info *Info) NeverReturns(c *ssa.CallCommon) bool { return info.Ends(c) != 0 }

// EndsGoroutine reports whether c ends the calling goroutine on every
// path, through runtime.Goexit (t.FailNow, require.FailNow, a helper
// that always calls them): an end of the goroutine as a return is, with
// its deferred calls run. Panics and process exits are not.
func (info *Info) EndsGoroutine(c *ssa.CallCommon) bool { return info.Ends(c) == Goexit }

// Ends returns how the paths of call c end when it never returns, or 0.
func (info *Info) Ends(c *ssa.CallCommon) Ends {
	goroutine, process, panics := ssax.Exits(c)
	switch {
	case goroutine:
		return Goexit
	case process:
		return Exit
	case panics:
		return Panic
	case c.IsInvoke():
		if failNowMethod(c) {
			return Goexit
		}
		return 0
	}
	return info.FuncEnds(c.StaticCallee())
}

// FuncEnds returns how the paths of fn end when it never returns (a
// panic, a process exit, a Goexit on every path), or 0: fn is a function
// of this package (a closure too) or one of another package that carries
// a NeverReturnsFact.
func (info *Info) FuncEnds(fn *ssa.Function) Ends {
	if fn == nil || info == nil {
		return 0
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if info.local(fn) {
		if info.busy != nil {
			return info.summarize(fn)
		}
		return info.ends[fn]
	}
	var f NeverReturnsFact
	if obj, ok := fn.Object().(*types.Func); ok && info.pass.ImportObjectFact(obj, &f) {
		return f.Ends
	}
	return 0
}

// ReturnsFalse reports whether c calls a function whose every return
// returns the constant false.
func (info *Info) ReturnsFalse(c *ssa.CallCommon) bool {
	fn := info.target(c)
	if fn == nil {
		return false
	}
	if info.local(fn) {
		return info.falsy[fn]
	}
	return info.imported(fn, new(ReturnsFalseFact))
}

// target is the function a static call runs (its generic origin), or nil.
func (info *Info) target(c *ssa.CallCommon) *ssa.Function {
	fn := c.StaticCallee()
	if fn == nil || info == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	return fn
}

// imported reports whether fn, a function of another package, carries
// the fact.
func (info *Info) imported(fn *ssa.Function, fact analysis.Fact) bool {
	obj, ok := fn.Object().(*types.Func)
	return ok && info.pass != nil && info.pass.ImportObjectFact(obj, fact)
}

// Fails reports whether c calls a function whose last result is an error
// that is not nil on any of its returns (FailsFact).
func (info *Info) Fails(c *ssa.CallCommon) bool {
	if info == nil {
		return false
	}
	if alwaysFails[ssax.FullName(ssax.Callee(c))] {
		return true
	}
	return info.errorFact(c, info.fails, info.failing != nil, info.failsFn, new(FailsFact))
}

// alwaysFails are the standard library's functions documented to return
// only with a non-nil error (the standard library exports no facts): an
// HTTP server's Serve and ListenAndServe, which return ErrServerClosed
// after Shutdown or Close, or the error that stopped them.
var alwaysFails = map[string]bool{
	"(*net/http.Server).Serve":             true,
	"(*net/http.Server).ServeTLS":          true,
	"(*net/http.Server).ListenAndServe":    true,
	"(*net/http.Server).ListenAndServeTLS": true,
	"net/http.Serve":                       true,
	"net/http.ServeTLS":                    true,
	"net/http.ListenAndServe":              true,
	"net/http.ListenAndServeTLS":           true,
}

// errorFact answers Fails or Succeeds for the call c: for a function of
// the package, compute while the run summarizes (live), the memo after;
// for another package's, its fact.
func (info *Info) errorFact(c *ssa.CallCommon, memo map[*ssa.Function]bool, live bool, compute func(*ssa.Function) bool, fact analysis.Fact) bool {
	fn := info.target(c)
	if fn == nil {
		return false
	}
	if info.local(fn) {
		if live {
			return compute(fn)
		}
		return memo[fn]
	}
	return info.imported(fn, fact)
}

// failsFn computes Fails for a function of the package: its last result
// is the error interface, it returns at least once, and every return's
// error is not nil there. Recursion is cut by assuming "may be nil".
func (info *Info) failsFn(fn *ssa.Function) bool {
	return info.everyReturnsError(fn, info.fails, info.failing, func(err ssa.Value, r *ssa.Return) bool {
		return ctxflow.NonNilWith(err, r.Block(), info.Fails)
	})
}

// Succeeds reports whether c calls a function whose last result is an
// error that is nil on every one of its returns (SucceedsFact).
func (info *Info) Succeeds(c *ssa.CallCommon) bool {
	if info == nil {
		return false // outside an analysis run (the model's tests)
	}
	return info.errorFact(c, info.succeeds, info.succeeding != nil, info.succeedsFn, new(SucceedsFact))
}

// succeedsFn computes Succeeds for a function of the package: its last
// result is the error interface, it returns at least once, and every
// return's error is nil (ctxflow.NilWith). Recursion is cut by assuming
// "may fail".
func (info *Info) succeedsFn(fn *ssa.Function) bool {
	return info.everyReturnsError(fn, info.succeeds, info.succeeding, func(err ssa.Value, _ *ssa.Return) bool {
		return ctxflow.NilWith(err, info.Succeeds)
	})
}

// everyReturnsError reports whether fn's last result is the error
// interface, fn returns at least once, and holds for the error of every
// return; memo keeps the answers, busy (nil once the run is over) guards
// the recursion, which answers false.
func (info *Info) everyReturnsError(fn *ssa.Function, memo, busy map[*ssa.Function]bool, holds func(err ssa.Value, r *ssa.Return) bool) bool {
	if v, ok := memo[fn]; ok {
		return v
	}
	if busy == nil || busy[fn] {
		return false
	}
	res := fn.Signature.Results()
	if res.Len() == 0 || len(fn.Blocks) == 0 || !isError(res.At(res.Len()-1).Type()) {
		memo[fn] = false
		return false
	}
	busy[fn] = true
	defer delete(busy, fn)
	rets := ssax.Returns(fn)
	v := len(rets) > 0
	for _, r := range rets {
		if !v {
			break
		}
		v = holds(r.Results[len(r.Results)-1], r)
	}
	memo[fn] = v
	return v
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// local reports whether fn is a function of the package info summarizes.
func (info *Info) local(fn *ssa.Function) bool {
	return fn.Pkg != nil && fn.Pkg.Pkg == info.pkg
}

// failNames are the methods of the testing.TB convention that do not
// return: FailNow and the calls that end in it (or in SkipNow).
var failNames = map[string]bool{
	"FailNow": true, "Fatal": true, "Fatalf": true, "Fatalln": true,
	"SkipNow": true, "Skip": true, "Skipf": true,
}

// failNowMethod reports whether the invoked method is one of failNames on
// an interface whose method set has FailNow(): testing.TB's convention,
// shared by testify's require.TestingT and gomega's and gocheck's.
func failNowMethod(c *ssa.CallCommon) bool {
	if c.Method == nil || !failNames[c.Method.Name()] {
		return false
	}
	iface, ok := c.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		if m.Name() != "FailNow" {
			continue
		}
		sig := m.Type().(*types.Signature)
		return sig.Params().Len() == 0 && sig.Results().Len() == 0
	}
	return false
}

// summarize returns how fn's paths end when none of them returns, else 0
// (memoized; a call of a function being summarized is taken to return).
func (info *Info) summarize(fn *ssa.Function) Ends {
	if e, ok := info.ends[fn]; ok {
		return e
	}
	if info.busy[fn] || len(fn.Blocks) == 0 {
		return 0 // ok: recursion, or no body to read: may return
	}
	info.busy[fn] = true
	e := info.endsOf(fn)
	delete(info.busy, fn)
	info.ends[fn] = e
	return e
}

// endsOf walks fn's blocks from the entry, each path stopping at its
// first call that does not return; it returns the union of those ends,
// or 0 when a return is reachable or no end is.
func (info *Info) endsOf(fn *ssa.Function) Ends {
	recoverable := fn.Recover != nil || hasDefer(fn) // ok: a deferred call may recover a panic
	var all Ends
	seen := make([]bool, len(fn.Blocks))
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b.Index] {
			continue
		}
		seen[b.Index] = true
		var end Ends
	instrs:
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Panic:
				end = Panic
				break instrs
			case *ssa.Call:
				if e := info.Ends(&x.Call); e != 0 {
					end = e
					break instrs
				}
			case *ssa.Return:
				return 0
			}
		}
		if end != 0 {
			if recoverable && end&Panic != 0 {
				return 0
			}
			all |= end
			continue
		}
		succs := b.Succs
		if k, ok := info.decided(b); ok {
			succs = succs[k : k+1]
		}
		work = append(work, succs...)
	}
	return all
}

// decided returns the one successor of b that can run when b branches on
// the result of a call that always returns false.
func (info *Info) decided(b *ssa.BasicBlock) (int, bool) {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok || len(b.Succs) != 2 {
		return 0, false
	}
	call, ok := iff.Cond.(*ssa.Call)
	if !ok || !info.ReturnsFalse(&call.Call) {
		return 0, false
	}
	return 1, true
}

// hasDefer reports whether fn registers a deferred call.
func hasDefer(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Defer); ok {
				return true
			}
		}
	}
	return false
}

// returnsFalse reports whether fn has one boolean result and every return
// of fn returns the constant false.
func returnsFalse(fn *ssa.Function) bool {
	res := fn.Signature.Results()
	if res.Len() != 1 || len(fn.Blocks) == 0 {
		return false
	}
	if basic, ok := res.At(0).Type().Underlying().(*types.Basic); !ok || basic.Kind() != types.Bool {
		return false
	}
	if fn.Recover != nil {
		return false // ok: a recovered panic returns the named result, whatever it holds
	}
	rets := ssax.Returns(fn)
	for _, r := range rets {
		k, ok := r.Results[0].(*ssa.Const)
		if !ok || k.Value == nil || k.Value.Kind() != constant.Bool || constant.BoolVal(k.Value) {
			return false
		}
	}
	return len(rets) > 0
}

var built sync.Map // weak.Pointer[ssa.Package] → weak.Pointer[Info]

// register makes info the Info that Of returns for pkg's functions, for
// as long as info lives (weak at both ends, as callees.Register).
func register(pkg *ssa.Package, info *Info) {
	if pkg == nil {
		return
	}
	key := weak.Make(pkg)
	built.Store(key, weak.Make(info))
	runtime.AddCleanup(info, func(key weak.Pointer[ssa.Package]) { built.Delete(key) }, key)
}

// Of returns the Info the Analyzer built for fn's package in this run, or
// nil (tests that build SSA by hand: the base calls only). The core
// indexes handed only a package's functions (wake) find it here; a pass
// whose core asks must Require the Analyzer, so that the answer does not
// depend on which pass ran first.
func Of(fn *ssa.Function) *Info {
	if fn == nil || fn.Pkg == nil {
		return nil
	}
	if p, ok := built.Load(weak.Make(fn.Pkg)); ok {
		return p.(weak.Pointer[Info]).Value()
	}
	return nil
}

// inputOnlyPackages are standard packages whose functions (not methods:
// a Decoder's or a Reader's do I/O) compute on their arguments and do no
// I/O.
var inputOnlyPackages = map[string]bool{
	"errors": true, "fmt": true, "strconv": true, "net/url": true, "regexp": true,
	"regexp/syntax": true, "strings": true, "bytes": true, "encoding/json": true,
	"encoding/hex": true, "encoding/base64": true, "net/netip": true, "unicode": true,
	"unicode/utf8": true, "math": true, "math/big": true, "path": true, "slices": true,
	"maps": true, "cmp": true, "github.com/pkg/errors": true,
}

// inputOnlyFuncs are the input-only functions of other standard packages.
var inputOnlyFuncs = map[string]bool{
	"time.Parse": true, "time.ParseDuration": true, "time.ParseInLocation": true,
	"net.ParseCIDR": true, "net.SplitHostPort": true, "net.ParseMAC": true,
	"net.ParseIP": true, "net.JoinHostPort": true,
}

// readsOrWrites reports whether a function of an input-only package is
// one of its I/O helpers all the same (fmt.Fprintf, fmt.Fscan).
func readsOrWrites(name string) bool {
	for _, p := range []string{"Fprint", "Fscan", "Read", "Write", "Copy", "Print", "Scan"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// standardLibrary reports whether the pass analyzes a package of the
// standard library (its files are under GOROOT/src), whose input-only
// functions the lists above name instead of facts: summarizing all of
// std's would export thousands of facts that the lists make unnecessary.
func standardLibrary(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true
	}
	root := build.Default.GOROOT
	if root == "" {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return strings.HasPrefix(filepath.ToSlash(name), filepath.ToSlash(filepath.Join(root, "src"))+"/")
}

// InputOnly reports whether call c runs a function whose results depend
// only on its arguments (InputOnlyFact, the standard lists, or an error
// constructor): when it fails, its input was wrong.
func (info *Info) InputOnly(c *ssa.CallCommon) bool {
	if info.Fails(c) {
		return true // an error constructor
	}
	fn := info.target(c)
	if fn == nil {
		return false
	}
	if fn.Pkg != nil {
		path := fn.Pkg.Pkg.Path()
		if inputOnlyFuncs[path+"."+fn.Name()] {
			return true
		}
		if inputOnlyPackages[path] {
			return fn.Signature.Recv() == nil && !readsOrWrites(fn.Name())
		}
	}
	if info.local(fn) {
		if info.purging != nil {
			return info.inputOnlyFn(fn)
		}
		return info.pure[fn]
	}
	if fn.Parent() != nil {
		return false // a closure of another package: not summarized
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || info.pass == nil || obj.Pkg() == nil || obj.Origin() != obj {
		return false
	}
	var fact InputOnlyFact
	return info.pass.ImportPackageFact(obj.Pkg(), &fact) && fact.has(obj)
}

// inputOnlyFn computes InputOnly for a function of the package (its
// closures included). Recursion is cut by assuming "not input-only".
func (info *Info) inputOnlyFn(fn *ssa.Function) bool {
	if v, ok := info.pure[fn]; ok {
		return v
	}
	if info.purging == nil || info.purging[fn] || len(fn.Blocks) == 0 {
		return false
	}
	info.purging[fn] = true
	defer delete(info.purging, fn)
	v := info.computesOnInput(fn)
	info.pure[fn] = v
	return v
}

// computesOnInput reports whether every instruction of fn is free of
// waits and I/O: no channel operation, no go, no interface call, and
// calls only of input-only functions, of its own closures, or of function
// values without results that it was handed (a functional option).
func (info *Info) computesOnInput(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ssax.SyncsOnChannel(instr) {
				return false
			}
			switch x := instr.(type) {
			case ssa.CallInstruction:
				com := x.Common()
				if _, ok := com.Value.(*ssa.Builtin); ok {
					continue
				}
				if com.IsInvoke() {
					return false
				}
				if com.StaticCallee() == nil {
					if handedOption(com) {
						continue
					}
					return false
				}
				if !info.InputOnly(com) {
					return false
				}
			}
		}
	}
	return true
}

// handedOption reports whether the dynamic call c calls a function value
// without results that came from the function's parameters (an element
// of opts ...Option): a functional option, which cannot fail.
func handedOption(c *ssa.CallCommon) bool {
	if c.Signature().Results().Len() != 0 {
		return false
	}
	v := c.Value
	for range 4 {
		switch x := v.(type) {
		case *ssa.Parameter:
			return true
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Index:
			v = x.X
		default:
			return false
		}
	}
	return false
}
