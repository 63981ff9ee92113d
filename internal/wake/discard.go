package wake

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// DiscardKind says what shows that the owner of a goroutine that never
// ends is let go while the process runs, so that the goroutine outlives
// what it served.
type DiscardKind int

const (
	// EndedByMethod: the object the goroutine serves has a method that
	// ends its life (Close, Stop, Shutdown, ...), which does not reach the
	// goroutine.
	EndedByMethod DiscardKind = iota + 1
	// StartedRepeatedly: the package calls the starter in a loop, or from
	// a function that serves a request.
	StartedRepeatedly
	// Forgotten: the object is kept in a package-level registry that
	// other code removes entries from, clears or replaces.
	Forgotten
	// PerCall: everything the goroutine takes from its starter was made
	// by that call and is kept by nothing else (not returned, stored or
	// handed on): the goroutine serves the one call, which returns.
	PerCall
)

// Discard is the evidence that a goroutine's owner is let go.
type Discard struct {
	Kind   DiscardKind
	Method *types.Func         // EndedByMethod: the method
	Call   ssa.CallInstruction // StartedRepeatedly: the call in a loop or per request
}

// lifetimeMethods name the methods that end an object's life, by the
// conventions of the standard library (io.Closer, time.Timer.Stop,
// http.Server.Shutdown) and of the ecosystem.
var lifetimeMethods = map[string]bool{
	"Close": true, "Stop": true, "Shutdown": true, "Terminate": true,
	"Disconnect": true, "Release": true, "Dispose": true, "Destroy": true,
	"Quit": true, "Teardown": true,
}

// IsLifetimeName reports whether a method named name ends an object's
// life (Close, Stop, Shutdown, ...): isLifetimeName.
func IsLifetimeName(name string) bool { return isLifetimeName(name) }

// isLifetimeName reports whether a method named name ends an object's
// life: one of lifetimeMethods, exported or not (a package's internal
// logger has shutdown, called by its client's Shutdown).
func isLifetimeName(name string) bool {
	if name == "" {
		return false
	}
	return lifetimeMethods[strings.ToUpper(name[:1])+name[1:]]
}

// Discarded reports what shows that the goroutine g starts, which never
// ends, outlives its owner (nil when nothing does). A goroutine that
// loops forever for an object or a package is process-lifetime by the
// package's own design when the package gives no way to end the object
// and shows no repeated start: a constructor whose type has no Close is
// made to be kept, and the goroutine serves it as long as the process
// runs (a metrics ticker, a cache's janitor). It leaks when the package
// shows the owner let go while the goroutine runs on: the object's type
// has a method that ends its life but does not stop the goroutine, the
// starter is called in a loop or per request, or the goroutine serves
// only the call that started it, which returns.
func (m *Model) Discarded(g *ssa.Go) *Discard {
	fn := g.Parent()
	objs := servedObjects(g)
	if recv := receiverOf(fn); recv != nil {
		objs = append(objs, recv)
	}
	for _, obj := range objs {
		if meth := lifetimeMethod(obj.Type(), fn.Pkg); meth != nil {
			return &Discard{Kind: EndedByMethod, Method: meth}
		}
	}
	for _, res := range resultTypes(fn) {
		if meth := lifetimeMethod(res, fn.Pkg); meth != nil {
			return &Discard{Kind: EndedByMethod, Method: meth}
		}
	}
	for _, obj := range servedObjects(g) {
		if m.forgottenIn(fn, obj) {
			return &Discard{Kind: Forgotten}
		}
	}
	for _, arg := range entryArgs(g) {
		if m.droppedEntry(fn, arg) {
			return &Discard{Kind: Forgotten} // go l.keepAlive(id): the entry id names is deleted, the goroutine runs on
		}
	}
	if servesRequest(fn) {
		return &Discard{Kind: StartedRepeatedly} // one goroutine per request served
	}
	if call := m.repeatedCall(fn, 0); call != nil {
		return &Discard{Kind: StartedRepeatedly, Call: call}
	}
	if allLocalToCall(g) || stoppedTicker(g) {
		return &Discard{Kind: PerCall}
	}
	return nil
}

// stoppedTicker reports whether the goroutine g takes a ticker (or timer)
// that its starter made and stops (t.Stop(), or defer t.Stop()): the
// starter ends the ticking for good as the call ends, but Stop does not
// close t.C, so a loop over it never ends; the goroutine served that call,
// whatever else it takes from it (the stats object it updates).
func stoppedTicker(g *ssa.Go) bool {
	fn := g.Parent()
	taken, ok := takenFromStarter(g)
	if !ok {
		return false
	}
	for _, v := range taken {
		val, cell := v, ssa.Value(nil)
		if stored, ok := ssax.SingleStore(v); ok {
			val, cell = stored, v
		}
		call, ok := val.(*ssa.Call)
		if !ok || call.Parent() != fn {
			continue
		}
		name := ssax.FullName(ssax.Callee(&call.Call))
		if name != "time.NewTicker" && name != "time.NewTimer" {
			continue
		}
		if stopsIn(fn, val, cell) {
			return true
		}
	}
	return false
}

// stopsIn reports whether fn calls Stop on the ticker or timer t, held
// directly or in the variable cell, in a call or a defer.
func stopsIn(fn *ssa.Function, t, cell ssa.Value) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := call.(*ssa.Go); isGo {
				continue
			}
			com := call.Common()
			name := ssax.FullName(ssax.Callee(com))
			if (name != "(*time.Ticker).Stop" && name != "(*time.Timer).Stop") || len(com.Args) != 1 {
				continue
			}
			recv := com.Args[0]
			if recv == t {
				return true
			}
			if load, ok := recv.(*ssa.UnOp); ok && cell != nil && load.X == cell {
				return true
			}
		}
	}
	return false
}

func receiverOf(fn *ssa.Function) ssa.Value {
	if fn.Signature.Recv() != nil && len(fn.Params) > 0 {
		return fn.Params[0]
	}
	return nil
}

func resultTypes(fn *ssa.Function) []types.Type {
	res := fn.Signature.Results()
	out := make([]types.Type, 0, res.Len())
	for i := range res.Len() {
		out = append(out, res.At(i).Type())
	}
	return out
}

// lifetimeMethod returns a method of t (or of *t) that ends an object's
// life, or nil. Types of the standard library are not objects a package
// owns (a *time.Ticker's Stop does not close its channel; the loop over
// it is judged through the ticker's owner): t must be declared in pkg or
// in a module (a path whose first element has a dot).
func lifetimeMethod(t types.Type, pkg *ssa.Package) *types.Func {
	t = types.Unalias(t)
	if ptr, ok := t.(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return nil
	}
	if own := pkg != nil && named.Obj().Pkg() == pkg.Pkg; !own && stdPackage(named.Obj().Pkg().Path()) {
		return nil
	}
	if _, isStruct := named.Underlying().(*types.Struct); !isStruct {
		return nil
	}
	mset := types.NewMethodSet(types.NewPointer(named))
	for i := range mset.Len() {
		f, ok := mset.At(i).Obj().(*types.Func)
		if ok && isLifetimeName(f.Name()) {
			return f
		}
	}
	return nil
}

// stdPackage reports whether path is a standard library package (no dot
// in its first element).
func stdPackage(path string) bool {
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '.':
			return false
		case '/':
			return true
		}
	}
	return true
}

// repeatedCall returns a call of fn, outside the package's tests, that can
// run many times in one process: in a loop, or in a function that serves
// an HTTP request; followed up through unexported callers a few levels.
func (m *Model) repeatedCall(fn *ssa.Function, depth int) ssa.CallInstruction {
	if depth > 3 {
		return nil
	}
	var started []ssa.CallInstruction
	for _, call := range m.calls.callers[fn] {
		if !inTestFile(call) {
			started = append(started, call)
		}
	}
	if len(started) > 1 || len(started) == 1 && m.calls.taken[fn] {
		// called from two places, or called and also handed on as a
		// value (to a Once, a table): it runs more than once. The example
		// shown is a call that itself repeats, if one does, else the first.
		for _, call := range started {
			if inLoop(call) || servesRequest(call.Parent()) {
				return call
			}
		}
		return started[0]
	}
	for _, call := range started {
		if inLoop(call) || servesRequest(call.Parent()) {
			return call
		}
		if caller := call.Parent(); caller != fn && caller.Object() != nil && !caller.Object().Exported() {
			if found := m.repeatedCall(caller, depth+1); found != nil {
				return found
			}
		}
	}
	return nil
}

// servesRequest reports whether fn handles a request: a parameter of type
// *http.Request, http.ResponseWriter or net.Conn.
func servesRequest(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		switch types.TypeString(p.Type(), nil) {
		case "*net/http.Request", "net/http.ResponseWriter", "net.Conn":
			return true
		}
	}
	return false
}

// allLocalToCall reports whether the state the goroutine g takes from its
// starter fn (what a closure captures, the receiver or the arguments of a
// function it runs) is all made by fn and kept by nothing but the
// goroutine and fn itself: fn does not return it, store it outside its
// own variables or hand it to a call other than a method call on it.
// Plain values (functions, numbers, strings) carry no owner and are
// skipped; at least one piece of state must be there.
func allLocalToCall(g *ssa.Go) bool {
	fn := g.Parent()
	taken, ok := takenFromStarter(g)
	if !ok {
		return false
	}
	state := 0
	for _, v := range taken {
		if plainValue(v.Type()) && !isCell(v) {
			continue
		}
		val, cell := v, ssa.Value(nil)
		if stored, ok := ssax.SingleStore(v); ok {
			val, cell = stored, v
		} else if isCell(v) {
			return false // a variable assigned more than once
		}
		if plainValue(val.Type()) {
			continue
		}
		switch val.(type) {
		case *ssa.MakeChan, *ssa.Alloc, *ssa.Call, *ssa.MakeMap, *ssa.MakeSlice:
		default:
			return false // a parameter, a field, a global: state someone else holds
		}
		if val.Parent() != fn || escapesCall(val, cell) {
			return false
		}
		if cell != nil && cellEscapes(cell) {
			return false
		}
		state++
	}
	return state > 0
}

// takenFromStarter returns what the goroutine g takes from its starter:
// a closure's captured values and arguments, or a function's arguments;
// ok is false for a goroutine running a dynamic function value.
func takenFromStarter(g *ssa.Go) (taken []ssa.Value, ok bool) {
	switch callee := g.Call.Value.(type) {
	case *ssa.MakeClosure:
		taken = append(taken, callee.Bindings...)
	case *ssa.Function:
	default:
		return nil, false
	}
	return append(taken, g.Call.Args...), true
}

// isCell reports whether v is a local variable's cell that a closure
// captures (an Alloc of a variable, not of a composite literal).
func isCell(v ssa.Value) bool {
	a, ok := v.(*ssa.Alloc)
	return ok && a.Comment != "complit"
}

// plainValue reports whether values of t carry no state of an owner:
// functions, and basic types.
func plainValue(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Signature, *types.Basic:
		return true
	}
	return false
}

// cellEscapes reports whether the captured variable cell is used other
// than by its one store, closures and loads that do not escape.
func cellEscapes(cell ssa.Value) bool {
	for _, r := range *cell.Referrers() {
		switch x := r.(type) {
		case *ssa.Store, *ssa.MakeClosure, *ssa.DebugRef:
		case *ssa.UnOp:
			if escapesCall(x, nil) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// escapesCall reports whether v leaves its function other than to a
// goroutine's closure, a method call on it, a field read or a channel
// operation (a store into cell, the variable that holds it, aside).
func escapesCall(v ssa.Value, cell ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.MakeClosure, *ssa.Go, *ssa.Send, *ssa.DebugRef, *ssa.Field, *ssa.Index:
		case *ssa.UnOp:
			if x.X != v {
				return true
			}
		case *ssa.FieldAddr:
			if fieldAddrEscapes(x) {
				return true
			}
		case *ssa.Store:
			if x.Val == v && x.Addr != cell {
				return true
			}
		case *ssa.Call:
			if !methodCallOn(&x.Call, v) {
				return true
			}
		case *ssa.Defer:
			if !methodCallOn(&x.Call, v) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// fieldAddrEscapes reports whether the address of a field is used other
// than to load from it (a store into the object's field keeps nothing
// outside the object).
func fieldAddrEscapes(fa *ssa.FieldAddr) bool {
	refs := fa.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.UnOp, *ssa.DebugRef:
		case *ssa.Store:
			if x.Addr != fa {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// methodCallOn reports whether c calls a method with v as its receiver
// and does not pass v otherwise.
func methodCallOn(c *ssa.CallCommon, v ssa.Value) bool {
	if c.IsInvoke() {
		if c.Value != v {
			return false
		}
		for _, a := range c.Args {
			if a == v {
				return false
			}
		}
		return true
	}
	callee := c.StaticCallee()
	if callee == nil || callee.Signature.Recv() == nil || len(c.Args) == 0 || c.Args[0] != v {
		return false
	}
	for _, a := range c.Args[1:] {
		if a == v {
			return false
		}
	}
	return true
}

// forgottenIn reports whether fn stores obj in a package-level registry
// that some function removes entries from, clears or replaces: the
// object is dropped, and its goroutine runs on.
//
// A map in a field of a struct of the package counts too (h.subs[s] =
// struct{}{}, the object as key or value) when some function deletes
// from it or clears it: the object is dropped from its owner (an
// unsubscribe, a revoke) while its goroutine runs on.
func (m *Model) forgottenIn(fn *ssa.Function, obj ssa.Value) bool {
	if m.droppedEntry(fn, obj) {
		return true
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if reg := storedIn(instr, obj); reg != nil && !m.onlyAddedIn(reg, fn) {
				return true
			}
		}
	}
	return false
}

// droppedEntry reports whether fn stores obj, as a key or a value, in a
// map held in a field of the package's struct that some function deletes
// from or clears.
func (m *Model) droppedEntry(fn *ssa.Function, obj ssa.Value) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if f := storedInFieldMap(instr, obj, fn.Pkg); f != nil && m.removesFrom(f) {
				return true
			}
		}
	}
	return false
}

// entryArgs returns the arguments a go statement passes to a function of
// the package besides its receiver (the key of the entry it serves: go
// l.keepAlive(id, every)).
func entryArgs(g *ssa.Go) []ssa.Value {
	callee, ok := g.Call.Value.(*ssa.Function)
	if !ok || g.Call.IsInvoke() {
		return nil
	}
	args := g.Call.Args
	if callee.Signature.Recv() != nil && len(args) > 0 {
		args = args[1:]
	}
	return args
}

// SentFrom reports whether a call of meth can send on channel ch: a send
// on ch lies in meth's body, in a function literal of it (a goroutine it
// starts), or in a function of the package that it calls, a few calls
// deep. A goroutine whose loop leaves only on a value it receives from
// ch (DataGatedWait) is reached by such a method: a Stop that sends each
// worker a sentinel (r.dispatch <- nil, on which every worker returns)
// wakes it with the value that leads out.
func (m *Model) SentFrom(meth *types.Func, ch ssa.Value) bool {
	if meth == nil {
		return false
	}
	for _, w := range m.ChanWakes(ch, false).Sites {
		if w.What == "send" && m.calledFrom(w.Fn, meth, 0) {
			return true
		}
	}
	return false
}

// calledFrom reports whether fn is meth's body, a function literal in it,
// or a function that it calls directly, up to depth 3.
func (m *Model) calledFrom(fn *ssa.Function, meth *types.Func, depth int) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Object() == meth {
		return true
	}
	if depth >= 3 {
		return false
	}
	for _, call := range m.calls.callers[fn] {
		if m.calledFrom(call.Parent(), meth, depth+1) {
			return true
		}
	}
	return false
}
