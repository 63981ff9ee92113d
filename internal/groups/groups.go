// Package groups answers "which wait group is this, and what is done with
// it?" for sync.WaitGroup and golang.org/x/sync/errgroup.Group values in
// SSA: the operations of a group (Go, TryGo, Wait, SetLimit, Add, Done),
// where they run (in the owning function, in a goroutine it starts, in a
// deferred or called closure), and whether the group escapes to code we
// cannot see. Across functions and packages it summarizes "this function
// waits on its parameter i on every path" (WaitsFact) and "this function
// may call WaitGroup.Done" (DoneFact), and "this function waits on its
// parameter i only with a bound, in a goroutine whose end it awaits with a
// timeout" (BoundedWaitsFact).
//
// It must not decide what is a bug: a Go with no Wait, a skipped Done or a
// Wait with no Add are judged by the passes.
package groups

import (
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

// Kind is the type of a group.
type Kind int

const (
	NoKind Kind = iota
	ErrGroup
	WaitGroup
)

// Method is an operation on a group.
type Method int

const (
	NoMethod Method = iota
	Go              // errgroup Go
	TryGo           // errgroup TryGo
	Wait            // errgroup or WaitGroup Wait
	SetLimit        // errgroup SetLimit
	Add             // WaitGroup Add
	Done            // WaitGroup Done
	WGGo            // WaitGroup Go (Go 1.25): Add, run, Done
	// WaitVia is a call to a function that waits on the group on every
	// path (WaitsFact).
	WaitVia
	// GoVia is a call that may start goroutines in an errgroup: a
	// function handed the group that may call its Go and does nothing
	// else with it that escapes (StartsFact), or the call of a function
	// that made the group, may have started goroutines in it and returns
	// it (ReturnsStartedFact; Group.Made).
	GoVia
)

var methods = map[string]struct {
	k Kind
	m Method
}{
	"(*golang.org/x/sync/errgroup.Group).Go":       {ErrGroup, Go},
	"(*golang.org/x/sync/errgroup.Group).TryGo":    {ErrGroup, TryGo},
	"(*golang.org/x/sync/errgroup.Group).Wait":     {ErrGroup, Wait},
	"(*golang.org/x/sync/errgroup.Group).SetLimit": {ErrGroup, SetLimit},
	"(*sync.WaitGroup).Add":                        {WaitGroup, Add},
	"(*sync.WaitGroup).Done":                       {WaitGroup, Done},
	"(*sync.WaitGroup).Wait":                       {WaitGroup, Wait},
	"(*sync.WaitGroup).Go":                         {WaitGroup, WGGo},
}

// MethodOf reports which group method call c is and its receiver.
func MethodOf(c *ssa.CallCommon) (Kind, Method, ssa.Value) {
	if c.IsInvoke() || len(c.Args) == 0 {
		return NoKind, NoMethod, nil
	}
	f := ssax.Callee(c)
	if f == nil {
		return NoKind, NoMethod, nil
	}
	if sig, ok := f.Type().(*types.Signature); !ok || sig.Recv() == nil {
		return NoKind, NoMethod, nil
	}
	if e, ok := methods[ssax.FullName(f)]; ok {
		return e.k, e.m, c.Args[0]
	}
	return NoKind, NoMethod, nil
}

// IsWithContext reports whether c calls errgroup.WithContext.
func IsWithContext(c *ssa.CallCommon) bool {
	return ssax.FullName(ssax.Callee(c)) == "golang.org/x/sync/errgroup.WithContext"
}

// KindOf reports the kind of group t is a pointer to (or is).
func KindOf(t types.Type) Kind {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return NoKind
	}
	switch n.Obj().Pkg().Path() + "." + n.Obj().Name() {
	case "golang.org/x/sync/errgroup.Group":
		return ErrGroup
	case "sync.WaitGroup":
		return WaitGroup
	}
	return NoKind
}

// Key names the group v denotes, canonically within one function: loads
// of variables written once are followed, fields are keyed by their base
// and field index. Two values with the same key in one function are the
// same group.
func Key(v ssa.Value) string { return key(v, 0) }

func key(v ssa.Value, depth int) string {
	if depth > 8 {
		return "?"
	}
	v = ssax.Unwrap(v)
	switch x := v.(type) {
	case *ssa.FieldAddr:
		if f := ssax.Field(x.X.Type(), x.Field); f != nil {
			return key(x.X, depth+1) + "." + f.Name()
		}
	case *ssa.Parameter:
		return "param:" + x.Name()
	case *ssa.FreeVar:
		return "free:" + x.Name()
	case *ssa.Global:
		return "global:" + x.RelString(nil)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return "*" + key(x.X, depth+1)
		}
	}
	return "value:" + v.Name()
}

// NoReturn reports whether c never returns to its caller (os.Exit,
// log.Fatal, runtime.Goexit, testing's FailNow family, require.FailNow,
// a helper of any package that always ends in one: internal/noreturn):
// the path after it is not a path to a return.
func (info *Info) NoReturn(c *ssa.CallCommon) bool { return info.nr.NeverReturns(c) }

// Op is one operation on a group.
type Op struct {
	Method Method
	// Instr is the call (a *ssa.Call, *ssa.Go or *ssa.Defer).
	Instr ssa.CallInstruction
	// Fn is the function the call is in: the owner or a closure of it.
	Fn *ssa.Function
	// Site is the instruction of the owning function through which the
	// operation runs: Instr itself, or the go, defer or call statement of
	// the closure that contains it. Nil when the closure escapes.
	Site ssa.Instruction
	// Via is the function called for WaitVia and GoVia.
	Via *types.Func
	// Returned marks the GoVia of a call that returned the group with
	// goroutines started in it (Group.Made), not one handed the group.
	Returned bool
	// Handed is, for an operation in a closure that the owner hands as an
	// argument to a call (a callback registered with a subscription, a
	// hook given to a library), that call: the registration is where the
	// callback may start to run, now or later, from any goroutine. Site is
	// nil for such an operation, and the group escapes through the closure
	// (Escape), as for any closure passed on.
	Handed ssa.CallInstruction
}

// Deferred reports whether the operation runs at function exit.
func (op Op) Deferred() bool {
	_, ok := op.Site.(*ssa.Defer)
	return ok
}

// InGoroutine reports whether the operation runs in a goroutine started
// by the owner (it is in a closure launched with a go statement).
func (op Op) InGoroutine() bool {
	return op.Site != nil && async(op.Site) && op.Fn != op.Site.Parent()
}

// Direct reports whether the operation is a plain (not deferred, not go)
// call in the owning function itself.
func (op Op) Direct() bool {
	_, ok := op.Instr.(*ssa.Call)
	return ok && op.Site == op.Instr
}

// Synchronous reports whether the operation runs on the owner's goroutine
// before Site returns: a plain call in the owner, or one in a closure the
// owner calls (including the body of a range-over-func loop).
func (op Op) Synchronous() bool {
	_, ok := op.Instr.(*ssa.Call)
	_, siteOK := op.Site.(*ssa.Call)
	return ok && siteOK && (op.Site == op.Instr || !async(op.Site))
}

// async reports whether site starts a goroutine: a go statement, or the
// Go/TryGo of a group (the closure passed to it runs in a new goroutine).
func async(site ssa.Instruction) bool {
	switch s := site.(type) {
	case *ssa.Go:
		return true
	case *ssa.Call:
		_, m, _ := MethodOf(&s.Call)
		return m == Go || m == TryGo || m == WGGo
	}
	return false
}

// Group is a group created in a function and everything done with it.
type Group struct {
	Kind Kind
	// Root is the value the group is created as: an Alloc (var g
	// errgroup.Group, new(sync.WaitGroup), &errgroup.Group{}) or the first
	// result of errgroup.WithContext.
	Root ssa.Value
	// Owner is the function that creates it.
	Owner *ssa.Function
	// Create is the WithContext call, or nil.
	Create *ssa.Call
	Ops    []Op
	// Escape is the first instruction through which the group reaches code
	// that is not followed (returned, stored, passed to a callee that is
	// not known to wait on it, converted to an interface), or nil.
	Escape ssa.Instruction
	// Escapes are all of them, Escape first.
	Escapes []ssa.Instruction
	// Made is, for a group that a callee made, started goroutines in and
	// returned (ReturnsStartedFact), the call that returned it; its first
	// operation is a GoVia at Made. Root is the call's result (Made itself
	// when the result is not read at all).
	Made *ssa.Call
}

// OnlyHanded reports whether the group escapes only in closures that its
// owner hands as arguments to calls (Op.Handed): every operation on it,
// in those closures too, is among Ops.
func (g *Group) OnlyHanded() bool {
	for _, e := range g.Escapes {
		mc, ok := e.(*ssa.MakeClosure)
		if !ok || handedTo(mc) == nil {
			return false
		}
	}
	return true
}

// handedTo returns the call of mc's function that mc, a closure of that
// function, is handed to as an argument, when that is its only use, and
// the call is not a group's method (Go takes its function as a start).
func handedTo(mc *ssa.MakeClosure) ssa.CallInstruction {
	rs := refs(mc)
	if len(rs) != 1 {
		return nil
	}
	c, ok := rs[0].(*ssa.Call)
	if !ok || c.Call.Value == mc {
		return nil
	}
	if k, _, _ := MethodOf(&c.Call); k != NoKind {
		return nil
	}
	return c
}

// Has reports whether g has an operation with method m matching keep
// (keep may be nil).
func (g *Group) Has(m Method, keep func(Op) bool) bool {
	for _, op := range g.Ops {
		if op.Method == m && (keep == nil || keep(op)) {
			return true
		}
	}
	return false
}

// WaitsFact marks a function that calls Wait on its group parameters at
// the given indexes (receiver first, as in an SSA call's Args) on every
// path to a return.
type WaitsFact struct{ Params []int }

func (*WaitsFact) AFact()           {}
func (f *WaitsFact) String() string { return "waits" }

// DoneFact marks a function that may call (*sync.WaitGroup).Done.
type DoneFact struct{}

func (*DoneFact) AFact()         {}
func (*DoneFact) String() string { return "done" }

// StartsFact marks a function that may start goroutines (errgroup Go or
// TryGo, itself or through a callee with this fact) in its errgroup
// parameters at the given indexes, and does nothing else with them that
// the core does not follow: it neither waits on them nor lets them
// escape (ListenForQuitSignals(g, ...) calling g.Go). Its callers own the
// goroutines it starts.
type StartsFact struct{ Params []int }

func (*StartsFact) AFact()         {}
func (*StartsFact) String() string { return "starts" }

// ReturnsStartedFact marks a function that makes an errgroup, may start
// goroutines in it, never waits on it and returns it as its result at
// index Result, which is all that lets it escape: whoever calls the
// function owns goroutines already running (a getCtx that starts the
// signal listener in the group it returns).
type ReturnsStartedFact struct{ Result int }

func (*ReturnsStartedFact) AFact()         {}
func (*ReturnsStartedFact) String() string { return "returns started group" }

// Analyzer summarizes which functions wait on their group parameters and
// which may call WaitGroup.Done.
var Analyzer = &analysis.Analyzer{
	Name:       "groupfacts",
	Doc:        "summarizes which functions wait on their wait-group parameters (conclint core)",
	URL:        "https://github.com/conclint/conclint/blob/main/docs/architecture.md",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer, callees.Analyzer, noreturn.Analyzer},
	Run:        passutil.Guard("groupfacts", run),
	ResultType: reflect.TypeFor[*Info](),
	FactTypes:  []analysis.Fact{new(WaitsFact), new(DoneFact), new(BoundedWaitsFact), new(StartsFact), new(ReturnsStartedFact)},
}

// Info holds the summaries of one package.
type Info struct {
	pass    *analysis.Pass
	calls   *callees.Resolver       // nil outside an analysis run: static calls only
	nr      *noreturn.Info          // nil outside an analysis run: the base calls only
	waits   map[*ssa.Function][]int // memo tables: see Fork
	bounded map[*ssa.Function][]int
	done    map[*ssa.Function]bool
	busy    map[*ssa.Function]bool
	starts  map[*ssa.Function][]int
	madeIdx map[*ssa.Function]int // result index of a returned started group, -1 for none
	// startsBusy and madeBusy cut recursion in the starts and made
	// summaries (a cycle starts nothing and returns nothing started).
	startsBusy, madeBusy map[*ssa.Function]bool
}

func run(pass *analysis.Pass) (any, error) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	info := NewInfo(pass)
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		obj, ok := passutil.FactTarget(pass, fn)
		if !ok {
			return
		}
		if ps := info.waitsParams(fn); len(ps) > 0 {
			pass.ExportObjectFact(obj, &WaitsFact{Params: ps})
		}
		if ps := info.boundedParams(fn); len(ps) > 0 {
			pass.ExportObjectFact(obj, &BoundedWaitsFact{Params: ps})
		}
		if info.mayDone(fn, 0) {
			pass.ExportObjectFact(obj, &DoneFact{})
		}
		if ps := info.startsParams(fn); len(ps) > 0 {
			pass.ExportObjectFact(obj, &StartsFact{Params: ps})
		}
		if i := info.returnedStarted(fn); i >= 0 {
			pass.ExportObjectFact(obj, &ReturnsStartedFact{Result: i})
		}
	})
	return info, nil
}

// Fork returns a fresh Info over the same package, with its own memo
// tables, for one pass's exclusive use: an Info is not safe for concurrent
// use, and the passes that require the Analyzer may run at the same time.
func (info *Info) Fork() *Info { return NewInfo(info.pass) }

// Resolve returns what the call c may run, as the core resolves it for
// every summary (internal/callees): passes that ask about groups ask it
// here.
func (info *Info) Resolve(c *ssa.CallCommon) callees.Resolution { return info.calls.Resolve(c) }

// Started returns what the function handed to a Go or TryGo call c may
// be (callees.Resolver.Started).
func (info *Info) Started(c *ssa.CallCommon) callees.Resolution { return info.calls.Started(c) }

// AlsoCalled reports whether fn runs otherwise than as a goroutine's body:
// a call or defer statement names it, it is used as a value (code out of
// view may call it), or it is exported (callers in other packages may).
// Its Done calls are then part of its contract with every caller (a Close
// that releases a reference once), not proof that the goroutine running
// it was counted in. Without a resolver (outside an analysis run) it
// answers true.
func (info *Info) AlsoCalled(fn *ssa.Function) bool {
	if info.calls == nil {
		return true
	}
	if obj := fn.Object(); obj != nil && obj.Exported() {
		return true
	}
	sites := info.calls.Sites()
	if sites.Taken(fn) {
		return true
	}
	for _, call := range sites.Calls(fn) {
		if _, isGo := call.(*ssa.Go); !isGo {
			return true
		}
	}
	return false
}

// NewInfo returns an Info; pass may be nil in tests (no imported facts,
// static calls only).
func NewInfo(pass *analysis.Pass) *Info {
	var calls *callees.Resolver
	var nr *noreturn.Info
	if pass != nil {
		calls, _ = pass.ResultOf[callees.Analyzer].(*callees.Resolver)
		nr, _ = pass.ResultOf[noreturn.Analyzer].(*noreturn.Info)
	}
	return &Info{pass: pass, calls: calls, nr: nr, waits: map[*ssa.Function][]int{}, bounded: map[*ssa.Function][]int{}, done: map[*ssa.Function]bool{}, busy: map[*ssa.Function]bool{},
		starts: map[*ssa.Function][]int{}, madeIdx: map[*ssa.Function]int{}, startsBusy: map[*ssa.Function]bool{}, madeBusy: map[*ssa.Function]bool{}}
}

// WaitsOn reports whether the call c waits on its argument i on every path
// before returning, by the callee's summary (same package) or WaitsFact.
func (info *Info) WaitsOn(c *ssa.CallCommon, i int) (*types.Func, bool) {
	fn, obj, ok := info.summaryTarget(c)
	switch {
	case !ok:
		return nil, false // a waiter is a named helper, not a function value
	case fn != nil:
		return obj, slices.Contains(info.waitsParams(fn), i)
	}
	var fact WaitsFact
	if info.pass.ImportObjectFact(obj, &fact) {
		return obj, slices.Contains(fact.Params, i)
	}
	return obj, false
}

// summaryTarget says where the summaries of the call c come from: fn,
// the one function of this package it calls by name (summarized here),
// or, when fn is nil, obj's fact from another package. ok is false for a
// call the summaries do not follow: a dynamic call (a named helper is
// what they summarize), a closure (its bindings shift parameters:
// closures are followed as closures), or one with no object to carry a
// fact.
func (info *Info) summaryTarget(c *ssa.CallCommon) (fn *ssa.Function, obj *types.Func, ok bool) {
	res := info.calls.Resolve(c)
	if res.Dynamic {
		return nil, nil, false
	}
	if fn := res.Single(); fn != nil && fn.Blocks != nil && (info.pass == nil || fn.Pkg == nil || fn.Pkg.Pkg == info.pass.Pkg) {
		if _, isClosure := ssax.Unwrap(c.Value).(*ssa.MakeClosure); isClosure {
			return nil, nil, false
		}
		return fn, ssax.Callee(c), true
	}
	obj = ssax.Callee(c)
	if obj == nil || info.pass == nil {
		return nil, nil, false
	}
	return nil, obj, true
}

// waitsParams returns the indexes of fn's group parameters that fn waits
// on on every path to a return. Recursion is cut: a cycle does not wait.
func (info *Info) waitsParams(fn *ssa.Function) []int {
	if ps, ok := info.waits[fn]; ok {
		return ps
	}
	if info.busy[fn] || fn.Blocks == nil {
		return nil
	}
	info.busy[fn] = true
	defer delete(info.busy, fn)
	var ps []int
	for i, p := range fn.Params {
		if KindOf(p.Type()) == NoKind {
			continue
		}
		if _, ok := p.Type().Underlying().(*types.Pointer); !ok {
			continue
		}
		g := info.follow(fn, p, KindOf(p.Type()))
		if info.WaitsOnEveryPath(fn, g) {
			ps = append(ps, i)
		}
	}
	info.waits[fn] = ps
	return ps
}

// WaitsOnEveryPath reports whether every path from fn's entry to a
// return calls Wait on g (directly, through a waiting callee, or in a
// deferred call registered on that path).
func (info *Info) WaitsOnEveryPath(fn *ssa.Function, g *Group) bool {
	if len(fn.Blocks) == 0 {
		return false
	}
	stops := map[ssa.Instruction]bool{}
	any := false
	for _, op := range g.Ops {
		if op.Method != Wait && op.Method != WaitVia {
			continue
		}
		if op.Site == nil || op.Site.Parent() != fn {
			continue
		}
		if _, isGo := op.Site.(*ssa.Go); isGo {
			continue // ok: a goroutine's Wait does not make this function wait
		}
		stops[op.Site] = true
		any = true
	}
	if !any {
		return false
	}
	return cfg.EntryReturnAvoiding(fn, func(instr ssa.Instruction) bool {
		if stops[instr] {
			return true
		}
		c, ok := instr.(*ssa.Call) // ok: a go or defer statement of such a call returns
		return ok && info.NoReturn(c.Common())
	}) == nil
}

// MayCallDone reports whether the call c may call (*sync.WaitGroup).Done:
// directly, through any function it can run (callees: a function value
// resolved to its candidates, a Once.Do callback), a DoneFact, or a
// function value that cannot be resolved (assumed to).
func (info *Info) MayCallDone(c *ssa.CallCommon) bool {
	done, known := info.callDone(c, 0)
	return done || !known
}

// MayCallDoneOn is MayCallDone for the Done of one WaitGroup, wg: a
// function value the resolver cannot see is assumed to call it only when
// it can reach wg (wg is not Contained).
func (info *Info) MayCallDoneOn(c *ssa.CallCommon, wg ssa.Value) bool {
	done, known := info.callDone(c, 0)
	return done || !known && !Contained(wg)
}

// Contained reports whether the WaitGroup that wg points to is a local
// variable that only direct calls of its own methods reach: in the
// function that declares it, and in closures that capture it and are only
// called or started where they are made (go func() { defer wg.Done() }()).
// No function value or interface method the resolver cannot see can then
// reach it, and so none can call its Done: a callback passed in from
// outside (f(x) in the goroutine) does not hide a Done that the goroutine
// skips.
func Contained(wg ssa.Value) bool {
	v := ssax.Unwrap(wg)
	for range 8 {
		fv, ok := v.(*ssa.FreeVar)
		if !ok {
			break
		}
		if v = ssax.Binding(fv); v == nil {
			return false
		}
	}
	alloc, ok := v.(*ssa.Alloc)
	return ok && containedUses(alloc, 0)
}

func containedUses(v ssa.Value, depth int) bool {
	refs := v.Referrers()
	if refs == nil || depth > 4 {
		return false
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			c := x.Common()
			if k, _, _ := MethodOf(c); k != WaitGroup || c.IsInvoke() || len(c.Args) == 0 || c.Args[0] != v || slices.Contains(c.Args[1:], v) {
				return false
			}
		case *ssa.MakeClosure:
			fn, ok := x.Fn.(*ssa.Function)
			if _, escapes := ssax.ClosureCalls(x); !ok || escapes {
				return false
			}
			for i, b := range x.Bindings {
				if b == v && (i >= len(fn.FreeVars) || !containedUses(fn.FreeVars[i], depth+1)) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// callDone reports whether the call c may call Done; known is false for a
// function value the resolver cannot see through. An interface method
// that cannot be resolved is known not to: interface methods are rarely
// Done helpers (see doc).
func (info *Info) callDone(c *ssa.CallCommon, depth int) (done, known bool) {
	if k, m, _ := MethodOf(c); k == WaitGroup {
		return m == Done, true
	}
	res := info.calls.Resolve(c)
	if res.Complete {
		for _, fn := range res.Callees {
			if info.mayDone(fn, depth) {
				return true, true
			}
		}
	}
	for _, lib := range info.calls.Implicit(c) {
		if lib.Go || !lib.Complete {
			continue // a callback in a goroutine of its own is not this call
		}
		for _, fn := range lib.Callees {
			if info.mayDone(fn, depth) {
				return true, true
			}
		}
	}
	return false, res.Complete || res.How == callees.Interface
}

func (info *Info) mayDone(fn *ssa.Function, depth int) bool {
	if d, ok := info.done[fn]; ok {
		return d
	}
	if fn.Blocks == nil {
		if fn.Origin() != nil {
			fn = fn.Origin()
		}
		if obj, ok := fn.Object().(*types.Func); ok && info.pass != nil && obj.Pkg() != nil && obj.Pkg() != info.pass.Pkg {
			var fact DoneFact
			return info.pass.ImportObjectFact(obj, &fact)
		}
		return false
	}
	if info.busy[fn] || depth > 8 {
		return false
	}
	info.busy[fn] = true
	defer delete(info.busy, fn)
	found := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := instr.(*ssa.Go); isGo {
				continue // a goroutine it starts is not this call
			}
			if found, _ = info.callDone(c.Common(), depth+1); found {
				break
			}
		}
		if found {
			break
		}
	}
	info.done[fn] = found
	return found
}

// Local returns the groups created in fn (not in its closures), in
// source order.
func (info *Info) Local(fn *ssa.Function) []*Group {
	var out []*Group
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Alloc:
				k := KindOf(x.Type())
				if k == NoKind {
					continue
				}
				out = append(out, info.follow(fn, x, k))
			case *ssa.Call:
				if g := info.madeGroup(fn, x); g != nil {
					out = append(out, g)
					continue
				}
				if !IsWithContext(&x.Call) {
					continue
				}
				for _, ref := range refs(x) {
					if ex, ok := ref.(*ssa.Extract); ok && ex.Index == 0 {
						g := info.follow(fn, ex, ErrGroup)
						g.Create = x
						out = append(out, g)
					}
				}
			}
		}
	}
	return out
}

// Follow collects the operations on the group denoted by root in fn and
// its closures.
func (info *Info) Follow(fn *ssa.Function, root ssa.Value) *Group {
	return info.follow(fn, root, KindOf(root.Type()))
}

func (info *Info) follow(fn *ssa.Function, root ssa.Value, k Kind) *Group {
	g := &Group{Kind: k, Root: root, Owner: fn}
	w := walker{info: info, g: g, seen: map[ssa.Value]bool{}}
	w.value(root, fn, nil, 0)
	slices.SortStableFunc(g.Ops, func(a, b Op) int { return int(ssax.Pos(a.Instr)) - int(ssax.Pos(b.Instr)) })
	return g
}

type walker struct {
	info *Info
	g    *Group
	seen map[ssa.Value]bool
	// handed is the call the closure being followed was handed to by the
	// owner (Op.Handed), or nil.
	handed ssa.CallInstruction
}

func (w *walker) escape(instr ssa.Instruction) {
	if w.g.Escape == nil {
		w.g.Escape = instr
	}
	if instr != nil {
		w.g.Escapes = append(w.g.Escapes, instr)
	}
}

// value follows the uses of v, a value denoting the group, in fn. site is
// the instruction of the owner through which fn runs (nil for the owner).
func (w *walker) value(v ssa.Value, fn *ssa.Function, site ssa.Instruction, depth int) {
	if w.seen[v] || depth > 6 {
		if depth > 6 {
			w.escape(site)
		}
		return
	}
	w.seen[v] = true
	for _, ref := range refs(v) {
		switch r := ref.(type) {
		case ssa.CallInstruction:
			w.call(v, r, fn, site, depth)
		case *ssa.Store:
			if r.Addr == v {
				continue // ok: *g = errgroup.Group{} (re-initializing in place)
			}
			alloc, ok := r.Addr.(*ssa.Alloc)
			if !ok {
				w.escape(r) // stored in a field, global, slice or map
				continue
			}
			if _, single := ssax.SingleStore(alloc); !single {
				w.escape(r) // the variable is reassigned: its loads may be another group
				continue
			}
			w.variable(alloc, fn, site, depth)
		case *ssa.MakeClosure:
			w.closure(v, r, fn, site, depth)
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			// ok: a field of the group itself (only its own package does this)
		case *ssa.ChangeType:
			w.value(r, fn, site, depth+1)
		default:
			// returned, converted to an interface, sent, merged in a phi,
			// copied by value: not followed.
			if instr, ok := ref.(ssa.Instruction); ok {
				w.escape(instr)
			}
		}
	}
}

// variable follows the loads of a local variable (usually one captured
// by a closure) that holds the group.
func (w *walker) variable(alloc *ssa.Alloc, fn *ssa.Function, site ssa.Instruction, depth int) {
	for _, ref := range refs(alloc) {
		switch r := ref.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				w.value(r, fn, site, depth+1)
			}
		case *ssa.MakeClosure:
			w.closure(alloc, r, fn, site, depth)
		}
	}
}

// closure follows the group into the closure mc binds it to.
func (w *walker) closure(v ssa.Value, mc *ssa.MakeClosure, fn *ssa.Function, site ssa.Instruction, depth int) {
	cl, ok := mc.Fn.(*ssa.Function)
	if !ok {
		w.escape(mc)
		return
	}
	inner := site
	if inner == nil {
		inner = launch(mc)
	}
	if inner == nil && w.handed == nil && fn == w.g.Owner {
		if c := handedTo(mc); c != nil {
			w.handed = c
			defer func() { w.handed = nil }()
		}
	}
	for i, b := range mc.Bindings {
		if b != v || i >= len(cl.FreeVars) {
			continue
		}
		fv := cl.FreeVars[i]
		if holdsGroupPointer(fv.Type()) {
			// the closure captured a variable holding *Group
			for _, ref := range refs(fv) {
				switch r := ref.(type) {
				case *ssa.UnOp:
					if r.Op == token.MUL {
						w.value(r, cl, inner, depth+1)
					}
				case *ssa.MakeClosure:
					w.closure(fv, r, cl, inner, depth+1)
				case *ssa.DebugRef:
				default:
					w.escape(mc) // the closure writes the variable
				}
			}
			continue
		}
		w.value(fv, cl, inner, depth+1)
	}
	if inner == nil {
		w.escape(mc) // the closure is stored or passed on: not followed
	}
}

// launch returns the go, defer or call instruction that runs the closure
// mc, when that is its only use; nil when it escapes. A closure passed as
// the function of errgroup Go/TryGo or WaitGroup Go counts as launched by
// that call.
func launch(mc *ssa.MakeClosure) ssa.Instruction {
	rs := refs(mc)
	if len(rs) != 1 {
		return nil
	}
	c, ok := rs[0].(ssa.CallInstruction)
	if !ok {
		return launchInPlace(mc)
	}
	if c.Common().Value == mc {
		return c
	}
	if cl, ok := mc.Fn.(*ssa.Function); ok && cl.Synthetic == "range-over-func yield" {
		if _, isCall := c.(*ssa.Call); isCall {
			return c // the body of a range-over-func loop runs inside the iterator call
		}
	}
	if _, m, _ := MethodOf(c.Common()); (m == Go || m == TryGo || m == WGGo) && len(c.Common().Args) == 2 && c.Common().Args[1] == mc {
		return c
	}
	if call, isCall := c.(*ssa.Call); isCall && callsBackInPlace(call, mc) {
		return c // a walk's visitor runs inside the walk, before it returns
	}
	return nil
}

// launchInPlace returns the call that runs mc in place when mc's only use
// is its conversion to a named function type (filepath.WalkFunc) handed
// to a standard function that calls it back before returning.
func launchInPlace(mc *ssa.MakeClosure) ssa.Instruction {
	rs := refs(mc)
	if len(rs) != 1 {
		return nil
	}
	ct, ok := rs[0].(*ssa.ChangeType)
	if !ok {
		return nil
	}
	crs := refs(ct)
	if len(crs) != 1 {
		return nil
	}
	if call, isCall := crs[0].(*ssa.Call); isCall && callsBackInPlace(call, ct) {
		return call
	}
	return nil
}

// inPlaceCallbacks are standard functions that call the function they are
// given (at the argument index) on the caller's goroutine, zero or more
// times, before they return: a directory walk's visitor, a Once's
// function.
var inPlaceCallbacks = map[string]int{
	"path/filepath.Walk":    1,
	"path/filepath.WalkDir": 1,
	"io/fs.WalkDir":         2,
	"(*sync.Once).Do":       1,
}

// callsBackInPlace reports whether call hands mc to a standard function
// that runs it in place (inPlaceCallbacks).
func callsBackInPlace(call *ssa.Call, mc ssa.Value) bool {
	callee := ssax.Callee(&call.Call)
	if callee == nil {
		return false
	}
	i, ok := inPlaceCallbacks[ssax.FullName(callee)]
	return ok && i < len(call.Call.Args) && call.Call.Args[i] == mc
}

func (w *walker) call(v ssa.Value, c ssa.CallInstruction, fn *ssa.Function, site ssa.Instruction, depth int) {
	common := c.Common()
	s := site
	if fn == w.g.Owner {
		s = c
	}
	if k, m, recv := MethodOf(common); k != NoKind && recv == v {
		op := Op{Method: m, Instr: c, Fn: fn, Site: s}
		if s == nil {
			op.Handed = w.handed
		}
		w.g.Ops = append(w.g.Ops, op)
		return
	}
	if common.Value == v {
		return
	}
	for i, a := range common.Args {
		if a != v {
			continue
		}
		if via, ok := w.info.WaitsOn(common, i); ok {
			w.g.Ops = append(w.g.Ops, Op{Method: WaitVia, Instr: c, Fn: fn, Site: s, Via: via})
			continue
		}
		if w.g.Kind == ErrGroup {
			if via, ok := w.info.StartsOn(common, i); ok {
				w.g.Ops = append(w.g.Ops, Op{Method: GoVia, Instr: c, Fn: fn, Site: s, Via: via})
				continue
			}
		}
		w.escape(c) // passed to a function that does not provably wait on it
	}
}

func refs(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}

// LimitSet reports whether the SetLimit call c sets a limit (its argument
// is not a negative constant).
func LimitSet(c *ssa.CallCommon) bool {
	if len(c.Args) < 2 {
		return false
	}
	if k, ok := c.Args[1].(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.Int {
		n, exact := constant.Int64Val(k.Value)
		return !exact || n >= 0
	}
	return true
}

// holdsGroupPointer reports whether t is the address of a variable that
// holds a pointer to a group (**errgroup.Group, **sync.WaitGroup).
func holdsGroupPointer(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	q, ok := p.Elem().Underlying().(*types.Pointer)
	return ok && KindOf(q) != NoKind
}

// StartsOf returns the go statements of the package that start fn, and
// its other known calls; complete is false when code the package does
// not show may call it too (it is used as a value, reached through an
// interface, or exported). Without a resolver it returns nothing.
func (info *Info) StartsOf(fn *ssa.Function) (starts []*ssa.Go, calls []ssa.CallInstruction, complete bool) {
	if info.calls == nil {
		return nil, nil, false
	}
	all, complete := info.calls.KnownCalls(fn)
	if !complete {
		all = info.calls.Sites().Calls(fn)
	}
	for _, c := range all {
		if g, ok := c.(*ssa.Go); ok {
			starts = append(starts, g)
		} else {
			calls = append(calls, c)
		}
	}
	return starts, calls, complete
}
