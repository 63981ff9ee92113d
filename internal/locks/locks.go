// Package locks answers "which mutex is this, and what is held here?" for
// conclint's passes.
//
// It canonicalizes the mutex operand of Lock/Unlock calls into a Ref (a
// root plus a field path, with a cross-function Class), computes along the
// control flow of each function the set of mutexes held on every path to
// each instruction (honouring defer mu.Unlock()), and summarizes what each
// function does to the mutexes reachable from its parameters and from
// package-level variables: those it takes and releases, those it returns
// holding, those it releases for its caller. Summaries cross packages as a
// LocksFact.
//
// It must not report anything; lockblock and the other passes decide what
// a held lock means.
package locks

import (
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

// Mode distinguishes the write and read side of a mutex.
type Mode int

const (
	Write Mode = iota
	Read
)

// EventKind says what an instruction does to a mutex.
type EventKind int

const (
	// Acquire: the mutex is held after the instruction (Lock, RLock, or a
	// call to a helper that returns holding it).
	Acquire EventKind = iota
	// Release: the mutex is no longer held after the instruction.
	Release
	// Take: the instruction locks and releases the mutex before it returns
	// (a call to a function that locks it internally).
	Take
)

// Event is one effect of an instruction on a mutex.
type Event struct {
	Kind EventKind
	Mode Mode
	Ref  Ref
	// Via is the callee through which the effect happens, or nil for a
	// direct Lock/Unlock call.
	Via *types.Func
}

// Held is a mutex held at some point, with the instruction that took it.
type Held struct {
	Ref  Ref
	Mode Mode
	Site ssa.Instruction
	// Entry says the function is entered with the mutex held by its
	// caller (it releases it before any acquisition: the fooLocked
	// convention); Site is then the first release.
	Entry bool
}

// Effect is a summarized effect of a function on a mutex reachable from a
// parameter, a free variable or a global: the serializable half of an Event.
type Effect struct {
	Root  string // "p0".."pN", "f0".., or "g:pkg.name"
	Path  []string
	Class string
	Elem  string // Ref.Elem
	Mode  Mode
}

// Summary is what calling a function does to mutexes it can reach.
type Summary struct {
	Takes    []Effect // locked and released inside
	Acquires []Effect // held at every normal return
	Releases []Effect // released though not acquired inside
	// Handle lists, for a function that acquires a mutex and returns a
	// struct it makes (a transaction, a block handle), the fields of that
	// struct that hold one of its parameters: a release the handle's
	// method makes through such a field is, at the caller, a release of
	// what the parameter reaches (storedParam, throughReturnedField).
	Handle []HandleField
	// ReturnsParam is, plus one, the parameter that a function returns
	// unchanged on every return (a chaining Lock() *L that returns its
	// receiver, for defer l.Lock().Unlock(); a builder's Filter that
	// returns its query); 0 for none.
	ReturnsParam int
}

// HandleField says that a function's result keeps its parameter Param in
// its field Field, or, when Field names a closure's binding as
// "close.()0", in the closure it stores in that field (bound directly, or
// through the cell of a captured parameter: Cell).
type HandleField struct {
	Field string
	Param int
	Cell  bool
}

// LocksFact exports a function's Summary to dependent packages.
type LocksFact Summary

func (*LocksFact) AFact() {}

func (f *LocksFact) String() string {
	var parts []string
	for _, e := range f.Takes {
		parts = append(parts, "takes "+e.String())
	}
	for _, e := range f.Acquires {
		parts = append(parts, "acquires "+e.String())
	}
	for _, e := range f.Releases {
		parts = append(parts, "releases "+e.String())
	}
	for _, h := range f.Handle {
		cell := ""
		if h.Cell {
			cell = ".*"
		}
		parts = append(parts, fmt.Sprintf("result.%s%s=p%d", h.Field, cell, h.Param))
	}
	if f.ReturnsParam > 0 {
		parts = append(parts, fmt.Sprintf("result=p%d", f.ReturnsParam-1))
	}
	return "locks(" + strings.Join(parts, ", ") + ")"
}

func (e Effect) String() string {
	s := e.Root + "/" + strings.Join(e.Path, ".")
	if e.Mode == Read {
		s += "(r)"
	}
	return s
}

// Analyzer computes lock summaries for a package.
var Analyzer = &analysis.Analyzer{
	Name:       "lockfacts",
	Doc:        "summarizes which mutexes each function takes, acquires and releases (conclint core)",
	URL:        "https://github.com/conclint/conclint/blob/main/docs/architecture.md",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer, callees.Analyzer},
	Run:        passutil.Guard("lockfacts", run),
	ResultType: reflect.TypeFor[*Info](),
	FactTypes:  []analysis.Fact{new(LocksFact)},
}

// Info holds the lock analysis of one package. It memoizes as it goes and
// is not safe for concurrent use: passes that require the Analyzer may run
// at the same time on one package, so each takes its own with Fork.
type Info struct {
	pass      *analysis.Pass
	source    *ssax.Source
	summaries map[specialization]*Summary
	specs     map[specialization]*FuncLocks
	visiting  map[*ssa.Function]bool
	// calls resolves function values and interface calls (nil in tests:
	// static calls only).
	calls *callees.Resolver
	// consts are the constant arguments of the function being analyzed.
	consts map[*ssa.Parameter]bool
}

func run(pass *analysis.Pass) (any, error) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	info := newInfo(pass)
	if passutil.InGOROOT(pass) {
		// Callers outside the standard library cannot hold its internal
		// mutexes; its facts would only cost space (net/http's: ~100 KB).
		return info, nil
	}
	type export struct {
		obj *types.Func
		sum *Summary
	}
	var exports []export
	handed := map[string]bool{} // mutexes that exported functions return holding, or release
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		s := info.Summarize(fn)
		obj, ok := passutil.FactTarget(pass, fn)
		if s == nil || !ok {
			return
		}
		exports = append(exports, export{obj, s})
		for _, e := range append(append([]Effect(nil), s.Acquires...), s.Releases...) {
			handed[e.mutexClass()] = true
		}
	})
	for _, x := range exports {
		f := LocksFact{Takes: observableTakes(x.sum.Takes, handed), Acquires: x.sum.Acquires, Releases: x.sum.Releases, Handle: x.sum.Handle, ReturnsParam: x.sum.ReturnsParam}
		// A function without lock effects is exported only when it is a
		// method that returns its receiver (a builder's chained Filter,
		// which keeps the query that holds a lock): other returned
		// parameters would cost facts in every package for little.
		chains := f.ReturnsParam == 1 && x.obj.Signature().Recv() != nil
		if len(f.Takes)+len(f.Acquires)+len(f.Releases) > 0 || chains {
			pass.ExportObjectFact(x.obj, &f)
		}
	}
	return info, nil
}

// observableTakes keeps the Takes that another package can observe: those
// of mutexes it can name (reached from a parameter or an exported global
// through exported fields only, as an embedded sync.Mutex is), and those
// of mutexes that an exported function of the package returns holding or
// releases (handed, by mutexClass: dep.Conn's Lock helper, then Size). Any
// other mutex is never held outside its package, so its Takes could close
// no cycle and make no re-lock there; they were most of every
// dependency's facts, which the runner decodes again for each package
// that imports it.
func observableTakes(takes []Effect, handed map[string]bool) []Effect {
	var out []Effect
	for _, e := range takes {
		if nameable(e) || handed[e.mutexClass()] {
			out = append(out, e)
		}
	}
	return out
}

// OrderClass is the class the lock order knows the effect's mutex by
// (Ref.OrderClass).
func (e Effect) OrderClass() string {
	if e.Class != "" {
		return e.Class
	}
	return e.Elem
}

// mutexClass names the mutex of an effect independently of the function:
// its field class when it has one, else its root and path.
func (e Effect) mutexClass() string {
	if e.Class != "" {
		return e.Class
	}
	return e.Root + "/" + strings.Join(e.Path, ".")
}

func nameable(e Effect) bool {
	switch {
	case strings.HasPrefix(e.Root, "g:"):
		name := e.Root[strings.LastIndex(e.Root, ".")+1:]
		if !token.IsExported(name) {
			return false
		}
	case !strings.HasPrefix(e.Root, "p"):
		return false
	}
	for _, p := range e.Path {
		if p == "*" || strings.HasPrefix(p, "[") {
			continue
		}
		if !token.IsExported(p) {
			return false
		}
	}
	return true
}

func newInfo(pass *analysis.Pass) *Info {
	var source *ssax.Source
	var calls *callees.Resolver
	if pass != nil {
		source = ssax.SourceOf(pass.Files)
		calls, _ = pass.ResultOf[callees.Analyzer].(*callees.Resolver)
	}
	return &Info{pass: pass, source: source, calls: calls, summaries: map[specialization]*Summary{}, specs: map[specialization]*FuncLocks{}, visiting: map[*ssa.Function]bool{}}
}

// Fork returns a fresh Info over the same package, with its own memo
// tables, for one pass's exclusive use.
func (info *Info) Fork() *Info { return newInfo(info.pass) }

// NewInfo returns an Info for use outside an analysis run, as in tests;
// imported facts are then unavailable.
func NewInfo() *Info { return newInfo(nil) }

// DirectOp recognizes a Lock, RLock, Unlock or RUnlock call on a
// sync.Mutex or sync.RWMutex (or on rw.RLocker()), and returns what it
// does and the mutex operand.
func DirectOp(call *ssa.CallCommon) (kind EventKind, mode Mode, mutex ssa.Value, ok bool) {
	return directOp(call)
}

// directOp recognizes a call to a method of sync.Mutex or sync.RWMutex.
func directOp(call *ssa.CallCommon) (kind EventKind, mode Mode, recv ssa.Value, ok bool) {
	if call.IsInvoke() {
		// l := rw.RLocker(); l.Lock(): the read side of rw.
		c, isCall := ssax.Unwrap(call.Value).(*ssa.Call)
		if !isCall || len(c.Call.Args) != 1 || ssax.FullName(ssax.Callee(&c.Call)) != "(*sync.RWMutex).RLocker" {
			return 0, 0, nil, false
		}
		switch call.Method.Name() {
		case "Lock":
			return Acquire, Read, c.Call.Args[0], true
		case "Unlock":
			return Release, Read, c.Call.Args[0], true
		}
		return 0, 0, nil, false
	}
	if len(call.Args) == 0 {
		return 0, 0, nil, false
	}
	switch ssax.FullName(ssax.Callee(call)) {
	case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock":
		return Acquire, Write, call.Args[0], true
	case "(*sync.RWMutex).RLock":
		return Acquire, Read, call.Args[0], true
	case "(*sync.Mutex).Unlock", "(*sync.RWMutex).Unlock":
		return Release, Write, call.Args[0], true
	case "(*sync.RWMutex).RUnlock":
		return Release, Read, call.Args[0], true
	}
	return 0, 0, nil, false
}

// Events returns the effects of a call on mutexes: a direct Lock/Unlock, or
// the summary of the callee mapped onto the caller's arguments.
func (info *Info) Events(call *ssa.CallCommon) []Event {
	if kind, mode, recv, ok := directOp(call); ok {
		ref := Identify(recv)
		if name, ok := info.source.Receiver(call.Pos()); ok {
			ref.Name = name // as written: "s.mu", not "t3.mu"
		}
		return []Event{{Kind: kind, Mode: mode, Ref: ref}}
	}
	callee := ssax.Callee(call)
	sum := info.summaryOf(call)
	if sum == nil {
		if evs := info.implicitTakes(call); len(evs) > 0 {
			return evs
		}
		return info.yieldReleases(call)
	}
	if callee == nil {
		if fn := info.resolved(call); fn != nil {
			callee, _ = fn.Object().(*types.Func) // named as the function it runs
		}
	}
	// Releases first: a callee that unlocks its caller's mutex around a
	// wait and locks it again leaves it held.
	out := info.mapEffects(nil, Release, sum.Releases, call, callee)
	out = info.mapEffects(out, Take, sum.Takes, call, callee)
	return info.mapEffects(out, Acquire, sum.Acquires, call, callee)
}

// mapEffects appends to out the events of kind that a call (through
// callee, named in the events) has on the caller's mutexes: effects
// mapped onto the call's arguments. A lock taken through a closure in a
// field that no handle maps back is left out, as calls of unknown
// closures are: another field's closure may release it under another
// path. A release is kept, for the summary of the handle's method
// (Close) that the caller maps back.
func (info *Info) mapEffects(out []Event, kind EventKind, effects []Effect, call *ssa.CallCommon, callee *types.Func) []Event {
	for _, e := range effects {
		ref, ok := info.mapEffect(e, call)
		if !ok {
			continue
		}
		if kind != Release && throughBinding(ref.Path) {
			if kind != Take || e.Class == "" || e.Root == classOnlyRoot {
				continue
			}
			// A callback's lock on what its closure binds, which the
			// caller cannot name (w.onEvent() running c.processEvent):
			// known by its class only, for lock order.
			ref = Ref{Class: e.Class, Name: classDisplay(e.Class)}
		}
		out = append(out, Event{Kind: kind, Mode: e.Mode, Ref: ref, Via: callee})
	}
	return out
}

// implicitTakes returns the mutexes that a library call locks and
// releases through the code it calls back on this goroutine: the String
// method of an operand fmt prints (fmt.Println(rdc), whose String
// read-locks rdc.mu), the f of Once.Do(f) (callees.Resolver.Implicit).
// Only takes are carried: what the callback leaves held or releases for
// its caller is the callback's own contract with a direct caller.
func (info *Info) implicitTakes(call *ssa.CallCommon) []Event {
	if info.calls == nil {
		return nil
	}
	var out []Event
	for _, res := range info.calls.Implicit(call) {
		fn := res.Single()
		if res.Go || fn == nil || fn.Blocks == nil || res.Arg == nil || (info.pass != nil && (fn.Pkg == nil || fn.Pkg.Pkg != info.pass.Pkg)) {
			continue
		}
		inner := &ssa.CallCommon{Value: res.Arg}
		if fn.Signature.Recv() != nil {
			recv := res.Arg
			if mc, ok := recv.(*ssa.MakeClosure); ok && len(mc.Bindings) == 1 {
				recv = mc.Bindings[0] // a method value, t.load: its bound receiver
			}
			inner = &ssa.CallCommon{Value: fn, Args: []ssa.Value{recv}}
		}
		sum := info.summaryOf(inner)
		if sum == nil {
			continue
		}
		obj, _ := fn.Object().(*types.Func)
		if obj == nil {
			obj = ssax.Callee(call) // a function literal: named by the library call
		}
		out = info.mapEffects(out, Take, sum.Takes, inner, obj)
	}
	return out
}

// yieldReleases returns the releases made by the loop body of a
// range-over-func loop, when call hands it to the iterator: an Unlock in
// the body (before a break or return) is carried back to the function
// that holds the mutex. The body may run zero times, so only releases are
// carried (a must-held set may only shrink).
func (info *Info) yieldReleases(call *ssa.CallCommon) []Event {
	var out []Event
	for _, a := range call.Args {
		mc, ok := a.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		fn, ok := mc.Fn.(*ssa.Function)
		if !ok || fn.Synthetic != "range-over-func yield" {
			continue
		}
		sum := info.Summarize(fn)
		if sum == nil {
			continue
		}
		inner := &ssa.CallCommon{Value: mc}
		for _, e := range sum.Releases {
			if ref, ok := info.mapEffect(e, inner); ok {
				out = append(out, Event{Kind: Release, Mode: e.Mode, Ref: ref})
			}
		}
	}
	return out
}

// resolved returns the single function of this package that a dynamic
// call runs, or nil.
func (info *Info) resolved(call *ssa.CallCommon) *ssa.Function {
	if info.calls == nil {
		return nil
	}
	fn := info.calls.Resolve(call).Single()
	if fn == nil || fn.Blocks == nil || fn.Pkg == nil || (info.pass != nil && fn.Pkg.Pkg != info.pass.Pkg) {
		return nil
	}
	return fn
}

// summaryOf returns the summary of the function a call targets: computed
// for functions of this package, imported as a fact for others.
func (info *Info) summaryOf(call *ssa.CallCommon) *Summary {
	if fn := ssax.StaticFunction(call); fn != nil && fn.Blocks != nil && !importedInstance(fn) {
		return info.summarizeWith(fn, constBoolArgs(call, fn, info.consts))
	}
	if fn := info.resolved(call); fn != nil {
		// A function value or interface method with one candidate (the
		// policy of callees: several must agree; locks takes one).
		return info.summarizeWith(fn, nil)
	}
	callee := ssax.Callee(call)
	if info.pass == nil || callee == nil || call.IsInvoke() || callee.Pkg() == nil || callee.Pkg() == info.pass.Pkg {
		return nil
	}
	var fact LocksFact
	// An instance of a generic function or of a method of a generic type
	// (QueryDB[T], (*Query[T]).Exists) carries its origin's fact: lock
	// effects do not depend on type arguments.
	if info.pass.ImportObjectFact(callee.Origin(), &fact) {
		s := Summary(fact)
		return &s
	}
	return nil
}

// importedInstance reports whether fn is an instance of a generic
// function of another package: its body here only calls the origin,
// which has no body in this package; the origin's fact describes it.
func importedInstance(fn *ssa.Function) bool {
	return fn.Origin() != nil && len(fn.Origin().Blocks) == 0
}

// mapEffect translates a callee's effect into a Ref of the caller.
func (info *Info) mapEffect(e Effect, call *ssa.CallCommon) (Ref, bool) {
	source := info.source
	var base ssa.Value
	var toBinding []string // from base to the closure binding the effect is on (a field's closure)
	switch {
	case e.Root == classOnlyRoot:
		// An instance the callee picked itself: known by its class only,
		// never the same Key as a mutex the caller names.
		return Ref{Class: e.Class, Name: classDisplay(e.Class)}, true
	case strings.HasPrefix(e.Root, "g:"):
		return Ref{Root: globalRoot{e.Root}, Path: e.Path, Class: e.Class, Elem: e.Elem, Name: strings.TrimPrefix(e.Root[strings.LastIndex(e.Root, "/")+1:], "g:")}, true
	case strings.HasPrefix(e.Root, "p"):
		var i int
		args := call.Args
		if call.IsInvoke() {
			// The method's receiver is its first parameter.
			args = append([]ssa.Value{call.Value}, call.Args...)
		}
		if _, err := fmt.Sscanf(e.Root, "p%d", &i); err != nil {
			return Ref{}, false
		}
		if info.methodValueCall(call) {
			// A method value (w.onEvent() running c.processEvent): the
			// receiver is what the value binds, the rest are the args.
			if i == 0 {
				var ok bool
				if base, toBinding, ok = info.closureBinding(call, 0, &e); !ok {
					return Ref{}, false
				}
				break
			}
			i--
		}
		if i >= len(args) {
			return Ref{}, false
		}
		base = args[i]
	case strings.HasPrefix(e.Root, "f"):
		var i int
		if _, err := fmt.Sscanf(e.Root, "f%d", &i); err != nil {
			return Ref{}, false
		}
		var ok bool
		if base, toBinding, ok = info.closureBinding(call, i, &e); !ok {
			return Ref{}, false
		}
	default:
		return Ref{}, false
	}
	path, shown, ok := indexedByArgs(append(toBinding, e.Path...), call, info.methodValueCall(call))
	if !ok {
		return Ref{}, false
	}
	base = info.throughReturnedParam(base)
	base, path = throughReturnedField(base, path, info.handleField)
	// A captured variable is reached through its cell: *cell is the value.
	if len(path) > 0 && path[0] == "*" {
		if stored, ok := ssax.SingleStore(base); ok {
			base, path = stored, path[1:]
		}
	}
	r := Identify(base)
	onReceiver := e.Root == "p0" && call.Signature().Recv() != nil
	if onReceiver {
		if name, ok := source.Receiver(call.Pos()); ok && len(path) == len(e.Path) {
			r.Name = name // the method's receiver as written at the call
		}
	}
	out := r.Extend(path, e.Class, "")
	if out.Class == "" && e.Elem != "" {
		out.Elem = e.Elem
	}
	if r.Class != "" && wrapperPath(base.Type(), path) {
		// a wrapper's own method (sc.mutex.UnlockIgnoreTime()): the
		// mutex is the caller's field's, not every wrapper's
		out.Class = r.Class + "." + strings.Join(nonDeref(path), ".")
	}
	if shown != nil && r.Name != "" {
		out.Name = r.Name + pathText(shown[len(shown)-len(path):]) // l.m[url], as the caller picks it
	}
	if onReceiver && r.Name != "" && len(toBinding) == 0 && lockMethod(call) && isLocker(call.Signature().Recv().Type()) {
		// a mutex wrapper's own Lock (gvisor's f.mu.Lock() locking
		// f.mu.m.m): the user locks f.mu, and the message says so
		out.Name = r.Name
	}
	return out, true
}

// indexedByArgs rewrites the elements of path that the callee picks by
// one of its parameters ("[@p1]": l.m[url]) as the caller picks them: by
// a constant argument, or by a parameter or captured variable of the
// caller (the same element wherever the caller names it). ok is false for
// an element picked by any other value (the caller's choice is unknown).
// shown is the path as the caller writes it ("[url]"), nil when no
// element is rewritten.
func indexedByArgs(path []string, call *ssa.CallCommon, methodValue bool) (out, shown []string, ok bool) {
	args := call.Args
	if call.IsInvoke() {
		args = append([]ssa.Value{call.Value}, call.Args...)
	}
	for i, p := range path {
		if !strings.HasPrefix(p, "[@p") {
			continue
		}
		var n int
		if _, err := fmt.Sscanf(p, "[@p%d]", &n); err != nil {
			return nil, nil, false
		}
		if methodValue {
			n-- // the receiver is the value's binding, not an argument
		}
		if n < 0 || n >= len(args) {
			return nil, nil, false
		}
		var elem, text string
		switch a := args[n].(type) {
		case *ssa.Const:
			if a.Value == nil {
				return nil, nil, false
			}
			elem = "[" + a.Value.ExactString() + "]"
			text = elem
		case *ssa.Parameter:
			elem, text = "[@"+rootKey(a)+"]", "["+a.Name()+"]"
		case *ssa.FreeVar:
			elem, text = "[@"+rootKey(a)+"]", "["+a.Name()+"]"
		default:
			return nil, nil, false
		}
		if out == nil {
			out = append([]string(nil), path...)
			shown = append([]string(nil), path...)
		}
		out[i], shown[i] = elem, text
	}
	if out == nil {
		return path, nil, true
	}
	return out, shown, true
}

// pathText renders a path of field names and elements as Go writes it:
// ".m[url]".
func pathText(path []string) string {
	var b strings.Builder
	for _, p := range path {
		switch {
		case p == "*":
		case strings.HasPrefix(p, "["):
			b.WriteString(p)
		default:
			b.WriteString("." + p)
		}
	}
	return b.String()
}

// lockMethod reports whether call calls a method named as sync's mutex
// methods are (Lock, RLock, TryLock, Unlock, ...).
func lockMethod(call *ssa.CallCommon) bool {
	callee := ssax.Callee(call)
	if callee == nil {
		return false
	}
	switch callee.Name() {
	case "Lock", "RLock", "TryLock", "TryRLock", "Unlock", "RUnlock":
		return true
	}
	return false
}

// isLocker reports whether t, or a pointer to it, has the methods Lock()
// and Unlock() of sync.Locker: a mutex, or a type that wraps one.
func isLocker(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	ms := types.NewMethodSet(types.NewPointer(t))
	for _, name := range []string{"Lock", "Unlock"} {
		sel := ms.Lookup(nil, name)
		if sel == nil {
			return false
		}
		sig, ok := sel.Type().(*types.Signature)
		if !ok || sig.Params().Len() != 0 || sig.Results().Len() != 0 {
			return false
		}
	}
	return true
}

// methodValueCall reports whether call runs a method through a value
// that binds its receiver (a method value, held in a variable or field):
// the call's arguments start at the method's second parameter.
func (info *Info) methodValueCall(call *ssa.CallCommon) bool {
	if call.IsInvoke() || ssax.StaticFunction(call) != nil {
		return false
	}
	fn := info.resolved(call)
	return fn != nil && fn.Signature.Recv() != nil && len(call.Args) == len(fn.Params)-1
}

// closureBinding returns where the free variable i of the closure call
// runs lives in the caller: the closure's own MakeClosure binds it, also
// when the caller reaches the closure through a variable it captured (a
// helper closure calling another one; the binding is then seen through
// the caller's own free variable). A closure called through a field that
// holds it (r.close(), a release kept by the handle a constructor
// returned) has the binding reached through that field (toBinding),
// which throughReturnedField maps back to what the constructor bound,
// unless every closure stored there binds the struct it is stored in
// (le.cp = func() { le.Checkpoint() }): the free variable is then the
// holder itself, or the cell it was captured by (e's leading "*" is
// dropped).
func (info *Info) closureBinding(call *ssa.CallCommon, i int, e *Effect) (base ssa.Value, toBinding []string, ok bool) {
	mc := ssax.ClosureOf(call.Value)
	switch {
	case mc == nil:
		fa, ok := loadedField(call.Value)
		if !ok {
			return nil, nil, false
		}
		f := ssax.Field(fa.X.Type(), fa.Field)
		if f == nil {
			return nil, nil, false
		}
		if bound, cell := info.calls.BindsItsHolder(fa, i); bound && (!cell || len(e.Path) > 0 && e.Path[0] == "*") {
			if cell {
				e.Path = e.Path[1:]
			}
			return fa.X, nil, true
		}
		return fa.X, []string{f.Name(), bindingStep(i)}, true
	case i >= len(mc.Bindings):
		return nil, nil, false
	default:
		base = mc.Bindings[i]
		if caller := call.Value.Parent(); caller != nil && caller != mc.Parent() {
			if base = ssax.InFrame(base, caller); base == nil {
				return nil, nil, false
			}
		}
		return base, nil, true
	}
}

// throughReturnedParam returns the argument that v, the result of a
// call of a function that returns that parameter unchanged (its summary's
// ReturnsParam: the receiver a chaining l.Lock() returns, whose Unlock is
// deferred), is; v itself otherwise.
func (info *Info) throughReturnedParam(v ssa.Value) ssa.Value {
	for range 4 {
		call, ok := ssax.Unwrap(v).(*ssa.Call)
		if !ok {
			return v
		}
		s := info.summaryOf(&call.Call)
		if s == nil || s.ReturnsParam <= 0 || s.ReturnsParam > len(call.Call.Args) {
			return v
		}
		v = call.Call.Args[s.ReturnsParam-1]
	}
	return v
}

// returnedParam returns the index of the parameter that fn, with one
// result, returns unchanged on every return, or -1: directly, or as the
// result of a call that returns it (an instance's wrapper that calls its
// generic origin).
func (info *Info) returnedParam(fn *ssa.Function) int {
	if fn.Signature.Results().Len() != 1 {
		return -1
	}
	k := -1
	for _, r := range ssax.Returns(fn) {
		p, ok := ssax.Unwrap(info.throughReturnedParam(ssax.Unwrap(r.Results[0]))).(*ssa.Parameter)
		if !ok {
			return -1
		}
		i := slices.Index(fn.Params, p)
		if i < 0 || k >= 0 && i != k {
			return -1
		}
		k = i
	}
	return k
}

// throughReturnedField follows a callee's effect on a field of a handle
// back to what the handle holds: when base is the result of a call to a
// function that returns a struct it made, with one of its parameters
// stored in that field (txn := db.Txn(true) stores db in txn.db), the
// effect on base.field.rest (Commit releases txn.db.writer) is an effect
// on that argument's rest (db.writer), the mutex Txn locked. A lock
// handed to a returned object and released through it is then one lock.
// The field may also hold a closure that binds the parameter
// (go-mysql-server's MySQLDb.Reader returns a reader whose close field
// is func() { db.lock.RUnlock() }): an effect on base.close.()i.rest,
// the closure's binding i, is one on the argument's rest.
//
// A function of another package is known by its LocksFact's Handle
// (imported is nil in tests: this package only).
func throughReturnedField(base ssa.Value, path []string, imported func(*ssa.Function, string) (HandleField, bool)) (ssa.Value, []string) {
	for range 4 {
		if len(path) < 2 || (path[1] != "*" && !strings.HasPrefix(path[1], "()")) {
			return base, path
		}
		call, ok := ssax.Unwrap(base).(*ssa.Call)
		if !ok {
			return base, path
		}
		fn := call.Call.StaticCallee()
		if fn == nil {
			return base, path
		}
		key := path[0]
		if path[1] != "*" {
			key += "." + path[1]
		}
		var h HandleField
		ok = false
		if fn.Origin() != nil && imported != nil {
			// an instance of another package's generic function (its
			// body here is a stub): its origin's fact
			h, ok = imported(fn, key)
		}
		switch {
		case ok:
		case len(fn.Blocks) > 0:
			h, ok = storedHandle(fn, key)
		case imported != nil:
			h, ok = imported(fn, key)
		}
		if !ok || h.Param >= len(call.Call.Args) {
			return base, path
		}
		rest := path[2:]
		if h.Cell {
			if len(rest) == 0 || rest[0] != "*" {
				return base, path
			}
			rest = rest[1:]
		}
		base, path = call.Call.Args[h.Param], rest
	}
	return base, path
}

// throughBinding reports whether path still goes through a closure's
// binding (bindingStep).
func throughBinding(path []string) bool {
	return slices.ContainsFunc(path, func(step string) bool { return strings.HasPrefix(step, "()") })
}

// bindingStep is the path step from a closure to its binding i.
func bindingStep(i int) string { return "()" + strconv.Itoa(i) }

// loadedField returns the field address v is loaded from (r.close).
func loadedField(v ssa.Value) (*ssa.FieldAddr, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	return fa, ok
}

// handleField returns what fn, a function of another package, keeps
// under key in the handle it returns (its LocksFact).
func (info *Info) handleField(fn *ssa.Function, key string) (HandleField, bool) {
	obj, ok := fn.Object().(*types.Func)
	if info.pass == nil || !ok || obj.Pkg() == nil || obj.Pkg() == info.pass.Pkg { // an instance of a generic function has no Pkg of its own
		return HandleField{}, false
	}
	var fact LocksFact
	if !info.pass.ImportObjectFact(obj.Origin(), &fact) {
		return HandleField{}, false
	}
	for _, h := range fact.Handle {
		if h.Field == key {
			return h, true
		}
	}
	return HandleField{}, false
}

// handleFields returns the fields of the struct that fn makes and returns
// on every path that hold one of its parameters, or a closure binding one
// (storedHandle).
func handleFields(fn *ssa.Function) []HandleField {
	if fn.Signature.Results().Len() != 1 {
		return nil
	}
	ptr, ok := fn.Signature.Results().At(0).Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var out []HandleField
	for i := range st.NumFields() {
		name := st.Field(i).Name()
		if h, ok := storedHandle(fn, name); ok {
			out = append(out, h)
			continue
		}
		if _, isFunc := st.Field(i).Type().Underlying().(*types.Signature); !isFunc {
			continue
		}
		for b := range maxHandleBindings {
			if h, ok := storedHandle(fn, name+"."+bindingStep(b)); ok {
				out = append(out, h)
			}
		}
	}
	return out
}

// maxHandleBindings bounds the closure bindings a handle's field is
// searched for.
const maxHandleBindings = 4

// storedHandle returns what fn keeps under key in the struct it
// allocates and returns, the same on every return, with no other store
// to that field there: a parameter stored in the field (key "db"), or
// one that a closure stored in the field binds, directly or through its
// cell (key "close.()0").
func storedHandle(fn *ssa.Function, key string) (HandleField, bool) {
	field, step, closure := strings.Cut(key, ".")
	binding := -1
	if closure {
		n, err := strconv.Atoi(strings.TrimPrefix(step, "()"))
		if err != nil || !strings.HasPrefix(step, "()") {
			return HandleField{}, false
		}
		binding = n
	}
	out := HandleField{Field: key, Param: -1}
	for _, r := range ssax.Returns(fn) {
		if len(r.Results) != 1 {
			return HandleField{}, false
		}
		result := r.Results[0]
		if mi, ok := result.(*ssa.MakeInterface); ok {
			result = mi.X // a constructor returning its struct as an interface
		}
		alloc, ok := result.(*ssa.Alloc)
		if !ok || !alloc.Heap {
			return HandleField{}, false
		}
		k, cell, stores := -1, false, 0
		for _, ref := range *alloc.Referrers() {
			fa, ok := ref.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			if f := ssax.Field(fa.X.Type(), fa.Field); f == nil || f.Name() != field {
				continue
			}
			for _, use := range *fa.Referrers() {
				st, ok := use.(*ssa.Store)
				if !ok || st.Addr != fa {
					continue
				}
				stores++
				k, cell = storedParamIndex(fn, st.Val, binding)
			}
		}
		if stores != 1 || k < 0 || (out.Param >= 0 && (k != out.Param || cell != out.Cell)) {
			return HandleField{}, false
		}
		out.Param, out.Cell = k, cell
	}
	return out, out.Param >= 0
}

// storedParamIndex returns the index of the parameter of fn that v is
// (binding < 0), or that the closure v binds as its binding (directly, or
// through the cell the parameter was spilled to: cell).
func storedParamIndex(fn *ssa.Function, v ssa.Value, binding int) (int, bool) {
	if binding >= 0 {
		mc, ok := v.(*ssa.MakeClosure)
		if !ok || binding >= len(mc.Bindings) {
			return -1, false
		}
		v = mc.Bindings[binding]
		if stored, ok := ssax.SingleStore(v); ok {
			p, isParam := stored.(*ssa.Parameter)
			if !isParam {
				return -1, false
			}
			return slices.Index(fn.Params, p), true
		}
	}
	if ci, ok := v.(*ssa.ChangeInterface); ok {
		v = ci.X // an interface parameter kept as a smaller interface
	}
	p, ok := v.(*ssa.Parameter)
	if !ok {
		return -1, false
	}
	return slices.Index(fn.Params, p), false
}

// globalRoot stands for a package-level variable known only by name, as
// when it comes from another package's fact.
type globalRoot struct{ key string }

func (g globalRoot) Name() string                  { return g.key }
func (g globalRoot) String() string                { return g.key }
func (g globalRoot) Type() types.Type              { return types.Typ[types.Invalid] }
func (g globalRoot) Parent() *ssa.Function         { return nil }
func (g globalRoot) Referrers() *[]ssa.Instruction { return nil }
func (g globalRoot) Pos() token.Pos                { return token.NoPos }

// effectOf converts a Ref of fn into a summarizable Effect, when its root
// outlives the call.
// classOnlyRoot is the Root of a Take whose mutex the callee reached
// from a value of its own (an element it picked): the caller knows it by
// its class only.
const classOnlyRoot = "c?"

// classDisplay names a mutex known by its class alone, for messages:
// "(pkg.Replica).mu" reads as "Replica.mu".
func classDisplay(class string) string {
	if strings.HasPrefix(class, "(") {
		if end := strings.Index(class, ")"); end > 0 {
			typ := class[1:end]
			if dot := strings.LastIndex(typ, "."); dot >= 0 {
				typ = typ[dot+1:]
			}
			return typ + class[end+1:]
		}
	}
	return class
}

func effectOf(r Ref, mode Mode) (Effect, bool) {
	key := rootKey(r.Root)
	if g, ok := r.Root.(globalRoot); ok {
		key = g.key
	}
	if strings.HasPrefix(key, "v:") || key == "?" {
		return Effect{}, false
	}
	for _, p := range r.Path {
		if strings.HasPrefix(p, "[@") && !strings.HasPrefix(p, "[@p") {
			return Effect{}, false // an element chosen by a variable this function captured
		}
	}
	// An element chosen by a parameter (a lock per key, l.m[url]) is the
	// one the caller's argument picks (mapEffect).
	return Effect{Root: key, Path: r.Path, Class: r.Class, Elem: r.Elem, Mode: mode}, true
}

func sortEffects(es []Effect) []Effect {
	sort.Slice(es, func(i, j int) bool { return es[i].String() < es[j].String() })
	out := es[:0]
	for i, e := range es {
		if i > 0 && e.String() == es[i-1].String() {
			continue
		}
		out = append(out, e)
	}
	return out
}
