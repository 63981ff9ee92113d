// Package wake answers the question every blocking finding depends on:
// who can wake this wait, from which goroutine, and what must that
// goroutine acquire to get there?
//
// A wait is an operation that blocks until another goroutine does
// something: a channel receive waits for a send or a close, a send on an
// unbuffered channel waits for a receive, WaitGroup.Wait for the last Done,
// errgroup.Group.Wait for the functions given to Go to return, Cond.Wait
// for a Signal or Broadcast. The package indexes, for the waits of one
// package, their wakes (the operations that end them), and says for each
// wake which mutexes are acquired on every path from the start of its
// goroutine (or from the entry of a function whose callers are unknown) to
// it, within the same iteration of any loop around it. A wait on an object
// that code outside the package can reach has unknown wakes: the model then
// says so, and nothing built on it may report.
//
// It must not report anything. lockblock asks it whether every wake of a
// wait under a mutex needs that mutex (a deadlock), and, for a channel the
// package's callers hand in, whether it was handed to the very call that
// waits on it and which of its receives the package makes; the leak and
// context passes ask it whether a wake can come at all.
package wake

import (
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/ssax"
)

// Wake is one operation that can end a wait.
type Wake struct {
	// Instr is the send, receive, close, Done, Signal or Broadcast; for the
	// completion of a function (a deferred Done, a function given to
	// errgroup.Group.Go) it is the instruction that arranges it.
	Instr ssa.Instruction
	// AtExit says the wake happens when Fn returns, not at Instr.
	AtExit bool
	// Fn is the function whose execution performs the wake.
	Fn *ssa.Function
	// What names the wake for a message: "receive from channel s.ch",
	// "call to (*sync.WaitGroup).Done".
	What string
}

// Pos is where the wake is written.
func (w Wake) Pos() token.Pos {
	if w.Instr == nil {
		return token.NoPos
	}
	return ssax.Pos(w.Instr)
}

// Wakes is the answer for one wait.
type Wakes struct {
	// Known is false when code outside the indexed package may wake the
	// wait (the object escapes) or the object cannot be identified.
	Known bool
	// Banked is true for a receive from a buffered channel: a send made
	// before the wait began may have left a value in the buffer, so the
	// wait may need no wake at all.
	Banked bool
	Sites  []Wake
}

// Model is the wake model of one package. It memoizes as it goes and is
// not safe for concurrent use.
type Model struct {
	chans *chans.Summary
	calls *callIndex
	syncs map[string]*syncObject // WaitGroups and Conds by object key
	needs map[needKey]needResult
	takes map[*ssa.Function]map[string]ssa.Instruction
	busy  map[*ssa.Function]bool
	doms  map[*ssa.Function]*domAcq
	dead  map[*ssa.Function]map[edge]bool // ends.go
	ends  map[*ssa.Function]bool
	nr    *noreturn.Info // the package's never-returning calls (nil in tests: the base calls)
	// setFields are the channel fields whose address the package uses
	// other than to load from it (a store, a struct literal, &s.ch):
	// built on first use (NilField)
	setFields map[*types.Var]bool
}

// syncObject collects the wakes of one WaitGroup or Cond.
type syncObject struct {
	wakes   []Wake
	escapes bool
	// stored: a Cond or WaitGroup pointer is stored into this field
	// somewhere in the package (a field never stored is nil).
	stored bool
}

// New indexes the waits and wakes of funcs (a package's source functions,
// closures included or not: they are added), over the channel index of the
// same functions.
func New(funcs []*ssa.Function, idx *chans.Summary) *Model {
	m := &Model{
		chans: idx,
		calls: indexCalls(funcs),
		syncs: map[string]*syncObject{},
		needs: map[needKey]needResult{},
		takes: map[*ssa.Function]map[string]ssa.Instruction{},
		busy:  map[*ssa.Function]bool{},
		doms:  map[*ssa.Function]*domAcq{},
		dead:  map[*ssa.Function]map[edge]bool{},
		ends:  map[*ssa.Function]bool{},
	}
	for _, fn := range funcs {
		if fn.Pkg != nil {
			m.nr = noreturn.Of(fn) // the passes that build a Model require noreturn.Analyzer
			break
		}
	}
	for _, fn := range m.calls.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case ssa.CallInstruction:
					m.recordSync(x)
				case *ssa.Store:
					m.recordStore(x)
				}
			}
		}
	}
	return m
}

// NilField returns the field when channel v is loaded from a channel
// field that nothing in the package ever sets: an unexported field of a
// struct the package declares, whose address is only ever loaded from (no
// store, no struct literal naming it, no &s.ch handed on). Such a field is
// nil in every value of the struct, and a send or receive on it blocks
// forever. Code outside the package cannot set an unexported field. A
// field that some code compares with nil is not one: the package expects
// it to be set at times (a test hook that only its tests set).
func (m *Model) NilField(v ssa.Value) (*types.Var, bool) {
	f := ssax.LoadedField(v)
	load, _ := v.(*ssa.UnOp)
	if f == nil || f.Exported() || f.Embedded() || f.Pkg() == nil || load.Parent().Pkg == nil || f.Pkg() != load.Parent().Pkg.Pkg {
		return nil, false
	}
	if _, isChan := f.Type().Underlying().(*types.Chan); !isChan {
		return nil, false
	}
	if m.setFields == nil {
		m.setFields = map[*types.Var]bool{}
		for _, fn := range m.calls.funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					x, ok := instr.(*ssa.FieldAddr)
					if !ok {
						continue
					}
					xf := ssax.Field(x.X.Type(), x.Field)
					if xf == nil {
						continue
					}
					if _, isChan := xf.Type().Underlying().(*types.Chan); !isChan {
						continue
					}
					for _, r := range *x.Referrers() {
						if u, isLoad := r.(*ssa.UnOp); isLoad && u.Op == token.MUL {
							if comparedToNil(u) {
								// if p.cfg.syncCh != nil { <-p.cfg.syncCh }:
								// a hook that code elsewhere (the
								// package's tests) may set
								m.setFields[xf] = true
							}
							continue
						}
						if _, dbg := r.(*ssa.DebugRef); dbg {
							continue
						}
						m.setFields[xf] = true
					}
				}
			}
		}
	}
	if m.setFields[f] {
		return nil, false
	}
	return f, true
}

// comparedToNil reports whether v is compared with nil.
func comparedToNil(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		b, ok := r.(*ssa.BinOp)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			continue
		}
		for _, op := range []ssa.Value{b.X, b.Y} {
			if c, isConst := op.(*ssa.Const); isConst && c.IsNil() {
				return true
			}
		}
	}
	return false
}

// Chans is the channel index the model is built on.
func (m *Model) Chans() *chans.Summary { return m.chans }

// recordSync records a Done, Signal, Broadcast or WaitGroup.Go call, and
// the escape of a WaitGroup or Cond to code that may wake it unseen.
func (m *Model) recordSync(c ssa.CallInstruction) {
	common := c.Common()
	name := ssax.FullName(ssax.Callee(common))
	obj := func(v ssa.Value) *syncObject {
		key := ObjectKey(v)

		o := m.syncs[key]
		if o == nil {
			o = &syncObject{}
			m.syncs[key] = o
		}
		return o
	}
	_, deferred := c.(*ssa.Defer)
	switch name {
	case "(*sync.WaitGroup).Done", "(*sync.Cond).Signal", "(*sync.Cond).Broadcast":
		if len(common.Args) > 0 {
			o := obj(common.Args[0])
			o.wakes = append(o.wakes, Wake{Instr: c, AtExit: deferred, Fn: c.Parent(), What: "call to " + name})
		}
		return
	case "(*sync.WaitGroup).Add":
		// Add with a negative or unknown delta can end a Wait.
		if len(common.Args) == 2 {
			if k, ok := common.Args[1].(*ssa.Const); ok && k.Int64() > 0 {
				return
			}
			o := obj(common.Args[0])
			o.wakes = append(o.wakes, Wake{Instr: c, AtExit: deferred, Fn: c.Parent(), What: "call to " + name})
		}
		return
	case "(*sync.WaitGroup).Go":
		if len(common.Args) == 2 {
			o := obj(common.Args[0])
			// The function started, as the core resolves library callbacks
			// (a closure, a function value, a method value): the return of
			// each candidate ends the wait.
			res := m.chans.Resolver().Started(common)
			if !res.Complete || len(res.Callees) == 0 {
				o.escapes = true
				return
			}
			for _, fn := range res.Callees {
				o.wakes = append(o.wakes, Wake{Instr: c, AtExit: true, Fn: fn, What: "return of the function started by " + name})
			}
		}
		return
	case "(*sync.WaitGroup).Wait", "(*sync.Cond).Wait":
		return
	}
	if strings.HasPrefix(name, "(*sync.") {
		return
	}
	// A WaitGroup or Cond handed to a function the index cannot follow
	// may be woken there; one handed to an indexed function is woken
	// through that function's parameter.
	var callee *ssa.Function
	resolved := false
	for i, a := range common.Args {
		if !isSyncPtr(a.Type()) {
			continue
		}
		if !resolved {
			callee, resolved = m.callee(common), true
		}
		if p := callees.Param(common, callee, i); p != nil && m.calls.indexed[callee] {
			m.alias(ObjectKey(p), ObjectKey(a))
			continue
		}
		obj(a).escapes = true
	}
}

// recordStore records a WaitGroup or Cond pointer stored into memory (a
// field, a global, an element): r.resc = n.c1 makes the Cond known by
// another name, and its wakes through that name are keyed apart, so the
// object's wakes are no longer all known. A store into a local variable's
// own cell is how SSA keeps a captured local, and is no escape.
func (m *Model) recordStore(st *ssa.Store) {
	if !isSyncPtr(st.Val.Type()) {
		return
	}
	if _, local := st.Addr.(*ssa.Alloc); local {
		return
	}
	key := ObjectKey(st.Val)
	if fk := refKey(locks.Identify(st.Addr)); strings.HasPrefix(fk, "c:") {
		// dp.wait = wait: the field names the stored object too, so the
		// wakes made through the stored value count for the field
		f := m.syncs[fk]
		if f == nil {
			f = &syncObject{}
			m.syncs[fk] = f
		}
		f.stored = true
		if key != "" {
			m.alias(key, fk)
		} else if refs := st.Val.Referrers(); refs == nil || len(*refs) > 1 {
			// a value the index cannot name that is also used elsewhere
			// (sync.NewCond's result kept in a local that broadcasts):
			// its wakes are made under no key this field can find (a
			// NewCond stored only here is known by the field alone)
			f.escapes = true
		}
	}
	if key == "" {
		return
	}
	o := m.syncs[key]
	if o == nil {
		o = &syncObject{}
		m.syncs[key] = o
	}
	o.escapes = true
}

// neverStored reports whether v is loaded from a field of pointer type
// that nothing in the package stores to: it is always nil there.
func (m *Model) neverStored(v ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	if _, isField := load.X.(*ssa.FieldAddr); !isField {
		return false
	}
	key := ObjectKey(v)
	if !strings.HasPrefix(key, "c:") {
		return false
	}
	o := m.syncs[key]
	return o == nil || !o.stored
}

// alias records that the object known in a callee as param is the
// caller's object: the callee's wakes on param count for it.
func (m *Model) alias(param, object string) {
	if param == object {
		return
	}
	if m.calls.aliases == nil {
		m.calls.aliases = map[string][]string{}
	}
	for _, o := range m.calls.aliases[object] {
		if o == param {
			return
		}
	}
	m.calls.aliases[object] = append(m.calls.aliases[object], param)
}

// syncWakes returns the wakes of the WaitGroup or Cond v.
func (m *Model) syncWakes(v ssa.Value) Wakes {
	key := ObjectKey(v)
	if key == "" || !ownedKey(key, v) {
		return Wakes{}
	}
	if throughLocalPointer(key, v) {
		// ok: an object reached through a pointer kept in a local
		// variable: where it was stored from, its other users may name
		// it without a key, and their wakes would be missed here.
		return Wakes{}
	}
	out := Wakes{Known: true}
	seen := map[string]bool{}
	var visit func(key string)
	visit = func(key string) {
		if seen[key] {
			return
		}
		seen[key] = true
		if o := m.syncs[key]; o != nil {
			out.Sites = append(out.Sites, o.wakes...)
			if o.escapes {
				out.Known = false
			}
		}
		for _, p := range m.calls.aliases[key] {
			visit(p)
		}
	}
	visit(key)
	return out
}

// ownedKey reports whether the object named key can only be reached by
// the package: an unexported field of a package type, a local variable, an
// unexported global. A parameter of a function whose callers are unknown,
// an exported field or global, may be woken by anyone.
func ownedKey(key string, v ssa.Value) bool {
	switch {
	case strings.HasPrefix(key, "c:"):
		class := key[len("c:"):]
		field := class[strings.LastIndex(class, ".")+1:]
		return field != "" && !token.IsExported(field)
	case strings.HasPrefix(key, "l:"):
		return true
	}
	return false
}

// ChanWakes returns the wakes of a receive from (send false) or a send on
// (send true) channel v.
func (m *Model) ChanWakes(v ssa.Value, send bool) Wakes {
	chs := m.chans.Channels(v)
	if len(chs) == 0 {
		return Wakes{}
	}
	out := Wakes{Known: true, Banked: !send && m.chans.Buffered(v)}
	for _, ch := range chs {
		for _, id := range ch.IDs {
			if id.Kind == chans.External {
				out.Known = false
			}
		}
		for _, e := range ch.Escapes {
			if escapeMayWake(e, ch, send) {
				out.Known = false
			}
		}
		if send {
			for _, u := range ch.Recvs {
				out.Sites = append(out.Sites, Wake{Instr: u.Instr, Fn: u.Instr.Parent(), What: "receive"})
			}
			continue
		}
		for _, u := range ch.Sends {
			out.Sites = append(out.Sites, Wake{Instr: u.Instr, Fn: u.Instr.Parent(), What: "send"})
		}
		for _, u := range ch.Closes {
			out.Sites = append(out.Sites, Wake{Instr: u.Instr, Fn: u.Instr.Parent(), What: "close"})
		}
	}
	return out
}

// HandedOut reports whether channel v, made by the package, is handed to
// the package's callers to receive from and nothing in the package
// receives from it: an exported function or method returns it (a
// subscription's ResultChan). It returns a function that returns it.
func (m *Model) HandedOut(v ssa.Value) (*ssa.Function, bool) {
	var found *ssa.Function
	for _, ch := range m.chans.Channels(v) {
		if len(ch.Recvs) > 0 || !madeHere(ch) {
			return nil, false // ok: the package receives from it itself, or did not make it
		}
		for _, e := range ch.Escapes {
			if e.Reason != chans.Returned || e.Instr == nil {
				continue
			}
			fn := e.Instr.Parent()
			if fn == nil || !ssax.ExportedAPI(fn) {
				continue
			}
			if found == nil || fn.Pos() < found.Pos() {
				found = fn
			}
		}
	}
	return found, found != nil
}

// HandedOutField reports whether channel v, made by the package, is
// handed to the package's callers in an exported field for them to
// receive from, and nothing in the package receives from it: a watcher's
// Events or Errors channel that New fills in and the package only sends
// on. It returns that field. A send-only field (chan<- T) is not one the
// callers receive from.
func (m *Model) HandedOutField(v ssa.Value) (*types.Var, bool) {
	var found *types.Var
	for _, ch := range m.chans.Channels(v) {
		if len(ch.Recvs) > 0 {
			return nil, false // ok: the package receives from it itself
		}
		var field *types.Var
		for _, id := range ch.IDs {
			if id.Kind != chans.Field || !id.Field.Exported() {
				continue
			}
			if c, ok := id.Field.Type().Underlying().(*types.Chan); !ok || c.Dir() == types.SendOnly {
				continue
			}
			if field == nil || id.Field.Pos() < field.Pos() {
				field = id.Field
			}
		}
		if field == nil || !madeHere(ch) || !fromOutside(ch) {
			continue
		}
		if found == nil || field.Pos() < found.Pos() {
			found = field
		}
	}
	return found, found != nil
}

// madeHere reports whether one of ch's identities is a make of the
// package.
func madeHere(ch *chans.Channel) bool {
	return slices.ContainsFunc(ch.IDs, func(id chans.ID) bool { return id.Kind == chans.Make })
}

// fromOutside reports whether the index found ch reachable from other
// packages (chans.FromOutside: an exported field of a declaration that is
// not hidden in a test file).
func fromOutside(ch *chans.Channel) bool {
	for _, e := range ch.Escapes {
		if e.Reason == chans.FromOutside {
			return true
		}
	}
	return false
}

// HandedIn reports whether channel v comes from the package's callers:
// it is (merged with) a parameter of an exported function that other
// packages call with a channel of theirs, typically to receive from it.
// It returns that parameter.
func (m *Model) HandedIn(v ssa.Value) (*ssa.Parameter, bool) {
	var found *ssa.Parameter
	for _, ch := range m.chans.Channels(v) {
		for _, id := range ch.IDs {
			if id.Kind != chans.Param {
				continue
			}
			fn := id.Param.Parent()
			if fn == nil || fn.Object() == nil || !fn.Object().Exported() || fn.Parent() != nil {
				continue
			}
			if c, ok := id.Param.Type().Underlying().(*types.Chan); !ok || c.Dir() == types.RecvOnly {
				continue
			}
			if found == nil || id.Param.Pos() < found.Pos() {
				found = id.Param
			}
		}
	}
	return found, found != nil
}

// HandedToCall returns the parameter of the outermost function on path
// through which channel v is handed to that function's call, when the
// channel at the wait is, all the way down, the argument its caller
// passed: v is a parameter of its function, bound at each call of path
// (path[i] calls the function of path[i+1], the last calls v's function)
// to the caller's own parameter. The wait then happens during the call
// that received the channel: the caller is still inside it, and whoever
// receives is a goroutine that caller arranged for this call. ok is false
// when the channel was kept (a field, a global, a variable a closure
// captured): it may be used after the call that handed it in returned.
func HandedToCall(v ssa.Value, path []ssa.CallInstruction) (*ssa.Parameter, bool) {
	p, ok := ownParam(v)
	if !ok {
		return nil, false
	}
	for i := len(path) - 1; i >= 0; i-- {
		call := path[i].Common()
		arg := -1
		for j := range call.Args {
			if callees.Param(call, p.Parent(), j) == p {
				arg = j
			}
		}
		if arg < 0 {
			return nil, false
		}
		if p, ok = ownParam(call.Args[arg]); !ok || p.Parent() != path[i].Parent() {
			return nil, false
		}
	}
	return p, true
}

// ownParam returns the one parameter of v's function that v, a channel,
// may be (through phis, conversions and local variables).
func ownParam(v ssa.Value) (*ssa.Parameter, bool) {
	ids := chans.Origins(v)
	if len(ids) != 1 || ids[0].Kind != chans.Param || ids[0].Param.Parent() != v.Parent() || v.Parent() == nil {
		return nil, false
	}
	return ids[0].Param, true
}

// Receivers returns the receives of channel v that the package makes:
// the known ends of a channel that callers also hand in.
func (m *Model) Receivers(v ssa.Value) []Wake {
	var out []Wake
	for _, ch := range m.chans.Channels(v) {
		for _, u := range ch.Recvs {
			out = append(out, Wake{Instr: u.Instr, Fn: u.Instr.Parent(), What: "receive"})
		}
	}
	return out
}

// escapeMayWake reports whether code reached through escape e may wake a
// wait on the channel: a send-side wait needs a receiver, a receive-side
// wait a sender or closer. A channel handed out receive-only cannot be sent
// on or closed there.
func escapeMayWake(e chans.Escape, ch *chans.Channel, waitIsSend bool) bool {
	dir := types.SendRecv
	switch e.Reason {
	case chans.FromOutside:
		// A parameter or an exported field, whatever its declared
		// direction: the code that handed the channel in (or assigns the
		// field) made it, and holds both ends.
	case chans.Returned:
		if ret, ok := e.Instr.(*ssa.Return); ok {
			dir = returnedDir(ret, ch)
		}
	}
	switch dir {
	case types.RecvOnly:
		return waitIsSend // outsiders can only receive
	case types.SendOnly:
		return !waitIsSend
	}
	return true
}

// returnedDir is the declared direction of the results through which ret
// returns the channel.
func returnedDir(ret *ssa.Return, ch *chans.Channel) types.ChanDir {
	sig := ret.Parent().Signature
	var declared []types.Type
	for i, r := range ret.Results {
		if _, ok := r.Type().Underlying().(*types.Chan); ok && i < sig.Results().Len() {
			declared = append(declared, sig.Results().At(i).Type())
		}
	}
	return commonDir(declared)
}

// commonDir is the channel direction all the declared types agree on, or
// SendRecv when they disagree, one is not a channel, or there are none.
func commonDir(declared []types.Type) types.ChanDir {
	dir := types.ChanDir(-1)
	for _, t := range declared {
		c, ok := t.Underlying().(*types.Chan)
		if !ok || dir >= 0 && dir != c.Dir() {
			return types.SendRecv
		}
		dir = c.Dir()
	}
	if dir < 0 {
		return types.SendRecv
	}
	return dir
}

// mayFindValue reports whether recv, a receive from a buffered channel
// whose sends are sites, is shown to find a value a send already left in
// the buffer: a send of its own function comes before it on every path,
// or it is taken only under a test of a field that a sending function
// sets (wantConn's done, set where the result is sent: done says the
// buffer holds it). Any other receive may find the buffer empty (the
// first time round, before anything was sent), and then waits for a
// send like any other.
func mayFindValue(recv *ssa.UnOp, sites []Wake) bool {
	senders := map[*ssa.Function]bool{}
	for _, w := range sites {
		if w.What != "send" || w.Instr == nil {
			continue
		}
		if w.Instr.Parent() == recv.Parent() && cfg.Dominates(w.Instr, recv) {
			return true
		}
		senders[w.Instr.Parent()] = true
	}
	if len(senders) == 0 {
		return false
	}
	tested := map[*types.Var]bool{}
	for d := recv.Block().Idom(); d != nil; d = d.Idom() {
		if iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If); ok {
			testedFields(iff.Cond, tested, 0)
		}
	}
	if len(tested) == 0 {
		return false
	}
	for fn := range senders {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if fa, ok := st.Addr.(*ssa.FieldAddr); ok && tested[ssax.Field(fa.X.Type(), fa.Field)] {
					return true
				}
			}
		}
	}
	return false
}

// testedFields adds to out the struct fields whose loads the condition v
// is computed from (through comparisons, negations and calls).
func testedFields(v ssa.Value, out map[*types.Var]bool, depth int) {
	if depth > 4 {
		return
	}
	if f := ssax.LoadedField(v); f != nil {
		out[f] = true
		return
	}
	switch x := v.(type) {
	case *ssa.BinOp:
		testedFields(x.X, out, depth+1)
		testedFields(x.Y, out, depth+1)
	case *ssa.UnOp:
		testedFields(x.X, out, depth+1)
	case *ssa.Call:
		for _, a := range x.Call.Args {
			testedFields(a, out, depth+1)
		}
	case *ssa.Phi:
		for _, e := range x.Edges {
			testedFields(e, out, depth+1)
		}
	}
}

// WaitWakes returns the wakes of the wait that instr is, for a receive, a
// send, a select (every case), WaitGroup.Wait and Cond.Wait. ok is false
// when instr is not a wait the model knows.
func (m *Model) WaitWakes(instr ssa.Instruction) (w Wakes, ok bool) {
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			w := m.ChanWakes(x.X, false)
			w.Banked = w.Banked && mayFindValue(x, w.Sites)
			return w, true
		}
	case *ssa.Send:
		return m.ChanWakes(x.Chan, true), true
	case *ssa.Select:
		out := Wakes{Known: true}
		for _, st := range x.States {
			cw := m.ChanWakes(st.Chan, st.Dir == types.SendOnly)
			out.Known = out.Known && cw.Known
			out.Banked = out.Banked || cw.Banked
			out.Sites = append(out.Sites, cw.Sites...)
		}
		return out, true
	case ssa.CallInstruction:
		common := x.Common()
		switch ssax.FullName(ssax.Callee(common)) {
		case "(*sync.WaitGroup).Wait", "(*sync.Cond).Wait":
			if len(common.Args) == 1 {
				return m.syncWakes(common.Args[0]), true
			}
		case "(*golang.org/x/sync/errgroup.Group).Wait":
			if len(common.Args) == 1 {
				return m.groupWakes(common.Args[0]), true
			}
		}
	}
	return Wakes{}, false
}

// groupWakes returns the completions of the functions started by Go or
// TryGo on the errgroup.Group g.
func (m *Model) groupWakes(g ssa.Value) Wakes {
	key := ObjectKey(g)
	if key == "" || !ownedKey(key, g) {
		return Wakes{}
	}
	out := Wakes{Known: true}
	for _, c := range m.calls.groupGos[key] {
		fn := funcValue(c.Common().Args[1])
		if fn == nil {
			out.Known = false
			continue
		}
		out.Sites = append(out.Sites, Wake{Instr: c, AtExit: true, Fn: fn, What: "return of the function started by " + ssax.ShortFuncName(ssax.Callee(c.Common()))})
	}
	if m.calls.groupEscapes[key] {
		out.Known = false
	}
	return out
}

// ObjectKey names the object (a mutex, WaitGroup, Cond, Group) that v
// points to, across the functions of a package: "c:" and the class for a
// field of a named struct or a global, "l:" and the allocation for a local
// variable (closures that capture it share it), "" when unknown.
func ObjectKey(v ssa.Value) string {
	return refKey(locks.Identify(v))
}

// LockKey is ObjectKey for a mutex the locks package has identified.
func LockKey(r locks.Ref) string { return refKey(r) }

func refKey(r locks.Ref) string {
	if r.Class != "" {
		return "c:" + r.Class
	}
	root := r.Root
	for range 8 {
		fv, ok := root.(*ssa.FreeVar)
		if !ok {
			break
		}
		b := ssax.Binding(fv)
		if b == nil {
			return ""
		}
		root = locks.Identify(b).Root
	}
	path := r.Path
	if a, ok := root.(*ssa.Alloc); ok && len(path) > 0 && path[0] == "*" {
		// A variable captured by a closure (ready := new(sync.WaitGroup);
		// go func() { ready.Done() }()) is reached through its cell; the
		// function that declares it names the object stored there. When
		// the variable holds one value only, both name that object.
		if vals := ssax.StoredValues(a); len(vals) == 1 {
			if stored := locks.Identify(vals[0]); stored.Class == "" && stored.Root != nil && stored.Root != root {
				root = stored.Root
				path = append(append([]string(nil), stored.Path...), path[1:]...)
			}
		}
	}
	switch x := root.(type) {
	case *ssa.Alloc:
		return "l:" + allocName(x) + "/" + strings.Join(path, ".")
	case *ssa.Parameter:
		if fn := x.Parent(); fn != nil {
			for i, p := range fn.Params {
				if p == x {
					return "p:" + fn.String() + "#" + strconv.Itoa(i) + "/" + strings.Join(path, ".")
				}
			}
		}
	}
	return ""
}

func allocName(a *ssa.Alloc) string {
	fn := a.Parent()
	if fn == nil {
		return a.Name()
	}
	return fn.String() + "." + a.Name()
}

// throughLocalPointer reports whether the object named key (a local
// variable's, "l:") is reached through a pointer the variable holds: its
// path dereferences. (The key itself cannot say: the variable's name
// includes its function's, "(*T).run.wg", star and all.)
func throughLocalPointer(key string, v ssa.Value) bool {
	return strings.HasPrefix(key, "l:") && slices.Contains(locks.Identify(v).Path, "*")
}

// funcValue resolves a function value handed to Go to its function: a
// function or a closure literal.
func funcValue(v ssa.Value) *ssa.Function { return ssax.FuncValue(v) }

func isSyncPtr(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	switch n.Obj().Pkg().Path() + "." + n.Obj().Name() {
	case "sync.WaitGroup", "sync.Cond", "golang.org/x/sync/errgroup.Group":
		return true
	}
	return false
}
