// Package spawn summarizes what a function does, when it runs, with its
// channel inputs: how many blocking sends it can make on each channel
// parameter or captured channel, whether it waits to receive from it (once,
// or in a loop until it is closed), whether it only sends in a select that
// has another way out, whether it closes it, and whether the channel
// escapes to code the summary cannot see. These are goroutine summaries:
// with them a pass understands `go w.run(ch)`, `go func() { ch <- f() }()`
// and `go dep.Worker(ch)` alike. Summaries of package-level functions and
// methods cross packages as a ParamsFact.
//
// The package must not decide whether a goroutine leaks: that depends on
// what the spawning function does (goroutineleak). Every answer is
// "may": a summary says what can happen on some path, and Escapes marks
// what it could not follow.
package spawn

import (
	"fmt"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

// Many stands for an unbounded number of sends (a send in a loop).
const Many = 1 << 20

// RecvKind says how a function waits on a channel it receives from.
type RecvKind int

const (
	NoRecv    RecvKind = iota
	RecvOnce           // a plain receive outside any loop
	RecvLoop           // a plain receive in a loop: any send or close lets one iteration go
	RecvRange          // a range loop or v, ok := <-ch in a loop: only close ends it
)

// Behavior is what a function may do with one of its channel inputs.
type Behavior struct {
	// Sends is the largest number of plain (unguarded) sends on some path
	// through the function, Many when a send is in a loop.
	Sends int
	// MinSends is the smallest number of plain sends on a path to a
	// return: the sends the function must make if it finishes.
	MinSends int
	// Guarded: it sends in a select that has another case or a default.
	Guarded bool
	// Recv is the strongest plain receive it makes.
	Recv RecvKind
	// SelectRecv: it receives in a select with other ways out.
	SelectRecv bool
	// Closes: it may close the channel (directly, deferred or in a callee).
	Closes bool
	// Escapes: the channel reaches code the summary cannot see (stored,
	// returned, passed to an unknown or dynamic call, ...).
	Escapes bool
	// LoopSendsOnly: it makes plain sends, and every one lies in a loop
	// (of this function, or of a callee whose sends all do, or is made by
	// a call in a loop): it sends until something stops it, not a last
	// value on the way out that a consumer may stop at.
	LoopSendsOnly bool
	// Async: everything it does with the channel happens in goroutines it
	// starts (a helper that runs go func() { out <- v }() and returns),
	// directly or through callees that do the same: to its caller the
	// call is a start, not a wait.
	Async bool
	// SendPos and RecvPos are the first plain send and receive (or the
	// call that makes them) in this package; NoPos when from a fact.
	SendPos, RecvPos token.Pos
	// SendWhat and RecvWhat describe them for a message.
	SendWhat, RecvWhat string
}

// Uses reports whether the function does anything at all with the channel.
func (b Behavior) Uses() bool {
	return b.Sends > 0 || b.Guarded || b.Recv != NoRecv || b.SelectRecv || b.Closes || b.Escapes
}

// Summary holds the behavior of a function for each channel parameter
// (indexed like Params, receiver first) and each free variable.
type Summary struct {
	Params   []Behavior
	FreeVars []Behavior
}

// ParamsFact carries a function's parameter behaviors to other packages.
type ParamsFact struct {
	Params []ParamFact
}

// ParamFact is the exported form of a Behavior, without positions.
type ParamFact struct {
	Sends              int
	MinSends           int
	Guarded            bool
	Recv               RecvKind
	SelectRecv         bool
	Closes             bool
	Escapes            bool
	LoopSendsOnly      bool
	Async              bool
	SendWhat, RecvWhat string
}

func (*ParamsFact) AFact() {}

func (f *ParamsFact) String() string {
	s := "spawn("
	for i, p := range f.Params {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("sends=%d guarded=%t recv=%d closes=%t escapes=%t", p.Sends, p.Guarded, p.Recv, p.Closes, p.Escapes)
	}
	return s + ")"
}

// Analyzer computes the summaries of a package and exports ParamsFacts.
var Analyzer = &analysis.Analyzer{
	Name:       "spawnfacts",
	Doc:        "summarizes what functions do with their channel parameters (conclint core)",
	URL:        "https://github.com/conclint/conclint/blob/main/docs/architecture.md",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer, callees.Analyzer},
	Run:        passutil.Guard("spawnfacts", run),
	ResultType: reflect.TypeFor[*Info](),
	FactTypes:  []analysis.Fact{new(ParamsFact)},
}

// Info answers summary questions for one package.
type Info struct {
	pass  *analysis.Pass
	calls *callees.Resolver // nil outside an analysis run: static calls only
	memo  map[*ssa.Function]*Summary
	busy  map[*ssa.Function]bool
}

// NewInfo returns an Info for use outside an analysis run (no facts).
func NewInfo() *Info {
	return &Info{memo: map[*ssa.Function]*Summary{}, busy: map[*ssa.Function]bool{}}
}

func run(pass *analysis.Pass) (any, error) {
	info := NewInfo()
	info.pass = pass
	info.calls = pass.ResultOf[callees.Analyzer].(*callees.Resolver)
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		obj, ok := passutil.FactTarget(pass, fn)
		if !ok {
			return
		}
		s := info.Summarize(fn)
		fact := &ParamsFact{Params: make([]ParamFact, len(s.Params))}
		any := false
		for i, b := range s.Params {
			if b.Uses() {
				any = true
			}
			fact.Params[i] = ParamFact{Sends: b.Sends, MinSends: b.MinSends, Guarded: b.Guarded, Recv: b.Recv, SelectRecv: b.SelectRecv,
				Closes: b.Closes, Escapes: b.Escapes, LoopSendsOnly: b.LoopSendsOnly, Async: b.Async, SendWhat: b.SendWhat, RecvWhat: b.RecvWhat}
		}
		if any {
			pass.ExportObjectFact(obj, fact)
		}
	})
	return info, nil
}

// Summarize returns fn's summary. Recursion is cut: a function reached
// again while it is being summarized is assumed to do nothing.
func (info *Info) Summarize(fn *ssa.Function) *Summary {
	if fn.Blocks == nil && fn.Origin() != nil {
		fn = fn.Origin() // an instance of a generic function: its body
	}
	if s, ok := info.memo[fn]; ok {
		return s
	}
	s := &Summary{Params: make([]Behavior, len(fn.Params)), FreeVars: make([]Behavior, len(fn.FreeVars))}
	if info.busy[fn] || fn.Blocks == nil {
		return s
	}
	info.busy[fn] = true
	defer delete(info.busy, fn)
	loops := cyclic(fn)
	for i, p := range fn.Params {
		if isChan(p.Type()) {
			s.Params[i] = info.behavior(fn, loops, p.Name(), p)
		}
	}
	for i, fv := range fn.FreeVars {
		if isChan(fv.Type()) || isChanPtr(fv.Type()) {
			s.FreeVars[i] = info.behavior(fn, loops, fv.Name(), fv)
		}
	}
	info.memo[fn] = s
	return s
}

// Joint returns what fn does with one channel that reaches it as several
// of its values (roots: a parameter and a captured variable of a closure
// started as go func(errs chan<- error) { ...; results <- nil
// }(results)): the sends along one path are counted together, so two
// sends on exclusive paths, one through each value, are one.
func (info *Info) Joint(fn *ssa.Function, roots ...ssa.Value) Behavior {
	if len(roots) == 0 || fn.Blocks == nil {
		return Behavior{}
	}
	return info.behavior(fn, cyclic(fn), roots[0].Name(), roots...)
}

// CallBehavior returns what the callee of call (a call, go or defer) does
// with its argument number arg, through a summary of this package or a
// fact; ok is false when the callee is unknown (unresolved, an interface
// method, no fact). A call through a function value or an interface
// counts when its candidates agree (callees.Agree).
func (info *Info) CallBehavior(call ssa.CallInstruction, arg int) (Behavior, bool) {
	common := call.Common()
	res := info.calls.Resolve(common)
	if !res.Dynamic {
		if fn := res.Single(); fn != nil {
			return info.calleeBehavior(fn, arg)
		}
		return Behavior{}, false
	}
	var first Behavior
	loopSendsOnly := true
	_, ok := callees.Agree(res, func(fn *ssa.Function) Behavior {
		b, ok := info.calleeBehavior(fn, callees.ParamIndex(common, fn, arg))
		if !ok {
			return Behavior{Sends: -1} // unknown: agrees with nothing known
		}
		if first == (Behavior{}) {
			first = b
		}
		// Candidates agree on what they do, not where they do it; they
		// flood only if each one does.
		loopSendsOnly = loopSendsOnly && b.LoopSendsOnly
		b.SendPos, b.RecvPos, b.SendWhat, b.RecvWhat, b.LoopSendsOnly = 0, 0, "", "", false
		return b
	})
	if !ok {
		return Behavior{}, false
	}
	first.LoopSendsOnly = loopSendsOnly
	return first, true
}

// calleeBehavior returns what fn does with its parameter number arg.
func (info *Info) calleeBehavior(f *ssa.Function, arg int) (Behavior, bool) {
	if f.Blocks != nil || (f.Origin() != nil && f.Origin().Blocks != nil) {
		s := info.Summarize(f)
		if arg < len(s.Params) {
			return s.Params[arg], true
		}
		return Behavior{}, false
	}
	return info.factBehavior(f, arg)
}

func (info *Info) factBehavior(f *ssa.Function, arg int) (Behavior, bool) {
	obj, ok := f.Object().(*types.Func)
	if f.Origin() != nil {
		obj, ok = f.Origin().Object().(*types.Func)
	}
	if !ok || info.pass == nil || obj.Pkg() == nil || obj.Pkg() == info.pass.Pkg {
		return Behavior{}, false
	}
	if o := obj.Origin(); o != nil {
		obj = o
	}
	var fact ParamsFact
	if !info.pass.ImportObjectFact(obj, &fact) {
		// No fact: the callee does nothing with its channels that we can
		// see, but it may well; it is unknown only when it takes channels.
		return Behavior{}, !hasChanParam(obj)
	}
	if arg >= len(fact.Params) {
		return Behavior{}, false
	}
	p := fact.Params[arg]
	return Behavior{Sends: p.Sends, MinSends: p.MinSends, Guarded: p.Guarded, Recv: p.Recv, SelectRecv: p.SelectRecv, Closes: p.Closes, Escapes: p.Escapes,
		LoopSendsOnly: p.LoopSendsOnly, Async: p.Async, SendWhat: p.SendWhat, RecvWhat: p.RecvWhat}, true
}

// hasChanParam reports whether f takes a channel (other than by receiver).
func hasChanParam(f *types.Func) bool {
	sig, ok := f.Type().(*types.Signature)
	if !ok {
		return true
	}
	for i := range sig.Params().Len() {
		if isChan(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// behavior summarizes what fn does with the channel input roots (values
// of fn that are all the same channel), named name in messages.
func (info *Info) behavior(fn *ssa.Function, loops map[*ssa.BasicBlock]bool, name string, roots ...ssa.Value) Behavior {
	var b Behavior
	weights := make(map[*ssa.BasicBlock]int)
	recv := func(k RecvKind, instr ssa.Instruction, what string) {
		if k == RecvOnce && loops[instr.Block()] {
			k = RecvLoop
		}
		if k > b.Recv {
			b.Recv = k
		}
		if b.RecvPos == token.NoPos {
			b.RecvPos, b.RecvWhat = ssax.Pos(instr), what
		}
	}
	outsideLoops := false // a plain send, or a callee's last one, outside any loop
	// nameSend sets the send a message names: the first one, unless it
	// is made by a deferred call (a recover handler's send) and a send
	// of the body proper comes later, where the goroutine blocks on the
	// path a run takes.
	sendDeferred := false
	nameSend := func(instr ssa.Instruction, pos token.Pos, what string) {
		_, deferred := instr.(*ssa.Defer)
		if b.SendPos == token.NoPos || (sendDeferred && !deferred) {
			b.SendPos, b.SendWhat, sendDeferred = pos, what, deferred
		}
	}
	send := func(n int, instr ssa.Instruction, what string) {
		if n <= 0 {
			return
		}
		if !loops[instr.Block()] {
			outsideLoops = true
		}
		weights[instr.Block()] = sat(weights[instr.Block()] + n)
		nameSend(instr, ssax.Pos(instr), what)
	}
	// merge folds in what a callee or closure called at instr does.
	minWeights := make(map[*ssa.BasicBlock]int)
	// syncUse: the function itself (or a call it waits for) does
	// something with the channel; asyncUse: a goroutine it starts does.
	syncUse, asyncUse := false, false
	// asyncMinWeights: the sends the goroutines it starts must make if they
	// finish, by block of their start (an Async summary's MinSends).
	asyncMinWeights := make(map[*ssa.BasicBlock]int)
	merge := func(instr ssa.Instruction, c Behavior, via string) {
		if _, isGo := instr.(*ssa.Go); isGo || c.Async {
			asyncUse = true
			asyncMinWeights[instr.Block()] = sat(asyncMinWeights[instr.Block()] + c.MinSends)
		} else if c.Uses() {
			syncUse = true
		}
		if _, isGo := instr.(*ssa.Go); isGo && c.Sends > 0 && c.SendPos.IsValid() {
			// a goroutine it starts sends: name the send itself, where
			// the goroutine blocks, not the go statement
			nameSend(instr, c.SendPos, c.SendWhat)
		}
		if c.Sends > 0 && c.LoopSendsOnly && !loops[instr.Block()] {
			// the callee's own loop repeats every send it makes
			weights[instr.Block()] = sat(weights[instr.Block()] + c.Sends)
			nameSend(instr, ssax.Pos(instr), via+", which "+c.SendWhat)
		} else {
			send(c.Sends, instr, via+", which "+c.SendWhat)
		}
		if _, isGo := instr.(*ssa.Go); !isGo {
			minWeights[instr.Block()] = sat(minWeights[instr.Block()] + c.MinSends)
		}
		if c.Recv != NoRecv {
			recv(c.Recv, instr, via+", which "+c.RecvWhat)
		}
		b.Guarded = b.Guarded || c.Guarded
		b.SelectRecv = b.SelectRecv || c.SelectRecv
		b.Closes = b.Closes || c.Closes
		b.Escapes = b.Escapes || c.Escapes
	}
	accesses := chans.Accesses(roots...)
	closes := map[ssa.Instruction]bool{}
	for _, a := range accesses {
		if a.Kind == chans.AccClose && a.Instr.Parent() == fn {
			closes[a.Instr] = true
		}
	}
	// onceSends counts the sends that a close of the channel follows on
	// every way back to them (if !done { ch <- err; close(ch); done = true
	// } in a loop): a second run of one panics on the closed channel
	// rather than block, so each blocks at most once, loop or not; and
	// those a flag guards (if sent { continue }; sent = true; ch <- r:
	// flagGuardedOnce), which run at most once.
	onceSends := 0
	for _, a := range accesses {
		if a.Instr.Block() == nil {
			continue
		}
		if a.Instr.Parent() != fn && a.Kind != chans.AccEscape {
			continue // within a closure: reached through its AccCapture
		}
		switch a.Kind {
		case chans.AccSend, chans.AccRecv, chans.AccSelectSend, chans.AccSelectRecv, chans.AccClose, chans.AccEscape:
			syncUse = true
		}
		switch a.Kind {
		case chans.AccSend:
			if loops[a.Instr.Block()] && (len(closes) > 0 && !cfg.Reaches(a.Instr, a.Instr, func(x ssa.Instruction) bool { return closes[x] }) || flagGuardedOnce(a.Instr, loops)) {
				onceSends = sat(onceSends + 1)
				outsideLoops = true // at most once: a last value, not a flood
				nameSend(a.Instr, ssax.Pos(a.Instr), "sends on "+name)
				continue
			}
			send(1, a.Instr, "sends on "+name)
			minWeights[a.Instr.Block()]++
		case chans.AccRecv:
			k := RecvOnce
			if a.CommaOk && loops[a.Instr.Block()] {
				k = RecvRange
			}
			recv(k, a.Instr, "receives from "+name)
		case chans.AccSelectSend:
			if sel := a.Instr.(*ssa.Select); sel.Blocking && len(sel.States) == 1 {
				send(1, a.Instr, "sends on "+name)
				minWeights[a.Instr.Block()]++
			} else {
				b.Guarded = true // ok: another case or a default lets the select end
			}
		case chans.AccSelectRecv:
			if sel := a.Instr.(*ssa.Select); sel.Blocking && len(sel.States) == 1 {
				recv(RecvOnce, a.Instr, "receives from "+name)
			} else {
				b.SelectRecv = true
			}
		case chans.AccClose:
			b.Closes = true
		case chans.AccArg:
			c, ok := info.CallBehavior(a.Instr.(ssa.CallInstruction), a.Arg)
			if !ok {
				b.Escapes = true
				syncUse = true
				continue
			}
			merge(a.Instr, c, "calls "+calleeName(a.Instr.(ssa.CallInstruction)))
		case chans.AccCapture:
			cfn, ok := a.Closure.Fn.(*ssa.Function)
			if !ok {
				b.Escapes = true
				syncUse = true
				continue
			}
			c := info.Summarize(cfn)
			if a.Arg >= len(c.FreeVars) {
				b.Escapes = true
				syncUse = true
				continue
			}
			calls, escapes := ssax.ClosureCalls(a.Closure)
			b.Escapes = b.Escapes || escapes
			syncUse = syncUse || escapes
			for _, call := range calls {
				merge(call, c.FreeVars[a.Arg], "calls a closure")
			}
		case chans.AccEscape:
			b.Escapes = true
		}
	}
	b.Sends = sat(maxPathSum(fn, weights) + onceSends)
	b.MinSends = minPathSum(fn, minWeights)
	b.LoopSendsOnly = b.Sends > 0 && !outsideLoops
	b.Async = asyncUse && !syncUse
	if b.Async {
		// to its caller a start: the sends its goroutines must make
		b.MinSends = minPathSum(fn, asyncMinWeights)
	}
	return b
}

func calleeName(c ssa.CallInstruction) string {
	if f := ssax.Callee(c.Common()); f != nil {
		return ssax.ShortFuncName(f)
	}
	return "a function"
}

func sat(n int) int {
	if n > Many {
		return Many
	}
	return n
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

func isChanPtr(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && isChan(p.Elem())
}
