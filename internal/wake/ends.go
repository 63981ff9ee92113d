package wake

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
)

// This file answers the leak question on the model: once a wait has
// started, can a wake still come? From it follow which edges of a
// function's control flow can never be taken (the "closed" exit of a
// receive loop on a channel nothing closes, the case of a select on a
// channel nothing wakes) and whether a goroutine can end at all.

// Ticker reports whether every channel v may be belongs to a ticker or a
// timer (chans.IsTimer): time.Tick, time.After, (*time.Ticker).C,
// (*time.Timer).C. The runtime never closes them and nobody else can: they
// are handed out receive-only.
func Ticker(v ssa.Value) bool {
	ids := chans.Origins(v)
	if len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		if !chans.IsTimer(id) {
			return false
		}
	}
	return true
}

// MayClose reports whether channel v may be closed: a close of it in the
// package, or code outside the package that may hold it in a direction
// that allows closing. A ticker's channel never is.
func (m *Model) MayClose(v ssa.Value) bool {
	if Ticker(v) {
		return false
	}
	if !m.madeHere(v) {
		return true
	}
	w := m.ChanWakes(v, false)
	if !w.Known {
		return true
	}
	for _, s := range w.Sites {
		if s.What == "close" {
			return true
		}
	}
	return false
}

// Unwakeable reports whether a receive from (send false) or a send on
// (send true) channel v can never be woken: every wake is known and there
// is none. A send on a buffered channel is assumed to find room, and one
// on a channel that may be closed may panic instead of blocking.
func (m *Model) Unwakeable(v ssa.Value, send bool) bool {
	if Ticker(v) {
		return false
	}
	if _, nilField := m.NilField(v); nilField {
		return true // a field nothing sets is nil: nothing can wake a wait on it
	}
	if m.handedAcross(v) || !m.madeHere(v) {
		return false
	}
	w := m.ChanWakes(v, send)
	if !w.Known || len(w.Sites) > 0 {
		return false
	}
	if send && m.MayClose(v) {
		return false // ok: a send on a closed channel panics, it does not block
	}
	return !send || !m.chans.Buffered(v)
}

// handedAcross reports whether channel v is (merged with) a parameter that
// code the package does not show may bind: a parameter of an exported or
// address-taken function, or of a function no call in the package passes
// the channel to (its callers are elsewhere, in tests or nowhere). The
// caller keeps the channel in both directions whatever the parameter's
// declared direction, so it may be the one to wake the wait.
func (m *Model) handedAcross(v ssa.Value) bool {
	for _, ch := range m.chans.Channels(v) {
		outside := false
		for _, e := range ch.Escapes {
			outside = outside || e.Reason == chans.FromOutside
		}
		for _, id := range ch.IDs {
			if id.Kind != chans.Param {
				continue
			}
			if outside || !passedTo(ch, id.Param.Parent()) {
				return true
			}
		}
	}
	return false
}

// madeHere reports whether every channel v may be is made in the package:
// one that only arrives in a field or a parameter was made by code the
// package does not show (a test file, another package), which keeps the
// other end.
func (m *Model) madeHere(v ssa.Value) bool {
	chs := m.chans.Channels(v)
	for _, ch := range chs {
		made := false
		for _, id := range ch.IDs {
			made = made || id.Kind == chans.Make
		}
		if !made {
			return false
		}
	}
	return len(chs) > 0
}

// passedTo reports whether the index saw ch passed to fn at a call.
func passedTo(ch *chans.Channel, fn *ssa.Function) bool {
	for _, p := range ch.Passed {
		if p.Callee == fn {
			return true
		}
	}
	return false
}

// Stuck reports whether control that reaches instr never passes it: a
// receive or send that nothing can wake, a blocking select none of whose
// cases anything can wake, a Cond.Wait on a Cond that nothing in the
// package signals or broadcasts (and that does not escape it).
func (m *Model) Stuck(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op != token.ARROW || chans.LenGuarded(x, x.X) {
			return false // ok: takes only what the buffer already holds
		}
		return m.Unwakeable(x.X, false) || m.WokenOnlyBySelfAfter(x, x.X)
	case *ssa.Send:
		return m.Unwakeable(x.Chan, true)
	case *ssa.Select:
		if !x.Blocking || len(x.States) == 0 {
			return false
		}
		for _, st := range x.States {
			if !m.Unwakeable(st.Chan, st.Dir == types.SendOnly) {
				return false
			}
		}
		return true
	case *ssa.Call:
		if ssax.FullName(ssax.Callee(&x.Call)) == "(*sync.Cond).Wait" && len(x.Call.Args) == 1 {
			if key := ObjectKey(x.Call.Args[0]); throughLocalPointer(key, x.Call.Args[0]) {
				// ok: a local variable holding a pointer names the
				// variable, not the Cond: its signals may be keyed apart
				return false
			}
			if m.neverStored(x.Call.Args[0]) {
				// ok: a Cond field nothing in the package sets is nil:
				// Wait would panic, not block (a branch on it being set
				// that never runs)
				return false
			}
			w := m.syncWakes(x.Call.Args[0])
			return w.Known && len(w.Sites) == 0
		}
	}
	return false
}

// edge is a control-flow edge of one function, by block index.
type edge struct{ from, to int }

// Impossible reports whether the edge from -> to of one function can never
// be taken: the "closed" exit of a receive (for range ch, v, ok := <-ch)
// from a channel that nothing closes, the entry into a select case on a
// channel that nothing can wake, or the non-nil branch of an error that a
// call returned which is nil on every return of its function
// (noreturn.Info.Succeeds: if err := s.flush(); err != nil { return }
// where flush returns nil everywhere).
func (m *Model) Impossible(from, to *ssa.BasicBlock) bool {
	return m.deadEdges(from.Parent())[edge{from.Index, to.Index}]
}

func (m *Model) deadEdges(fn *ssa.Function) map[edge]bool {
	if d, ok := m.dead[fn]; ok {
		return d
	}
	d := map[edge]bool{}
	m.dead[fn] = d
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok && sel.Blocking {
				for i, e := range spawn.CaseEdges(sel) {
					st := sel.States[i]
					if e[1] != nil && m.Unwakeable(st.Chan, st.Dir == types.SendOnly) {
						d[edge{e[0].Index, e[1].Index}] = true
					}
				}
			}
		}
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || len(b.Succs) != 2 {
			continue
		}
		for _, succ := range b.Succs {
			if ctxflow.NonNilBranchImpossible(b, succ, m.nr.Succeeds) {
				d[edge{b.Index, succ.Index}] = true // err != nil after a call that cannot fail
			}
			if ctxflow.NilBranchImpossible(b, succ, m.nr.Fails) {
				d[edge{b.Index, succ.Index}] = true // err == nil after a call that always fails
			}
		}
		cond, closedSucc := iff.Cond, 1
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond, closedSucc = not.X, 0
		}
		if ch, ok := m.recvOkChan(cond, b); ok && !m.MayClose(ch) {
			d[edge{b.Index, b.Succs[closedSucc].Index}] = true
		}
	}
	return d
}

// recvOkChan returns the channel whose "ok" v is: the second result of a
// comma-ok receive, or of a select whose case (the one whose body holds
// blk) receives.
func (m *Model) recvOkChan(v ssa.Value, blk *ssa.BasicBlock) (ssa.Value, bool) {
	ex, ok := v.(*ssa.Extract)
	if !ok || ex.Index != 1 {
		return nil, false
	}
	switch t := ex.Tuple.(type) {
	case *ssa.UnOp:
		if t.Op == token.ARROW && t.CommaOk {
			return t.X, true
		}
	case *ssa.Select:
		for i, cb := range spawn.CaseBlocks(t) {
			if cb != nil && cb.Dominates(blk) && t.States[i].Dir == types.RecvOnly {
				return t.States[i].Chan, true
			}
		}
	}
	return nil, false
}

// CanEnd reports whether a call of fn can return: some path from its entry
// reaches a return (or runtime.Goexit, t.Fatal) without taking an impossible edge, without stopping at
// a wait nothing can wake and without calling a function of the package
// that cannot return. A panic is not an end (a goroutine that only panics
// out of its loop does not end while the program runs normally).
func (m *Model) CanEnd(fn *ssa.Function) bool {
	if r, ok := m.ends[fn]; ok {
		return r
	}
	if len(fn.Blocks) == 0 || !m.calls.indexed[fn] {
		return true
	}
	m.ends[fn] = true // recursion: assume it can
	r := m.endFrom(fn)
	m.ends[fn] = r
	return r
}

func (m *Model) endFrom(fn *ssa.Function) bool {
	dead := m.deadEdges(fn)
	seen := make([]bool, len(fn.Blocks))
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b.Index] {
			continue
		}
		seen[b.Index] = true
		if m.exitsGoroutine(b) {
			return true
		}
		if !m.passes(b) {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			return true
		}
		for _, s := range b.Succs {
			if !dead[edge{b.Index, s.Index}] {
				work = append(work, s)
			}
		}
	}
	return false
}

// exitsGoroutine reports whether b calls a function that ends the
// goroutine on every path (runtime.Goexit, t.FailNow, require.Fail, a
// helper of any package that always ends in one: noreturn's
// EndsGoroutine): an end, as a return is. A panic or an exit of the
// process is not.
func (m *Model) exitsGoroutine(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if c, ok := instr.(*ssa.Call); ok && m.nr.EndsGoroutine(&c.Call) {
			return true
		}
	}
	return false
}

// EndsProcess reports whether the goroutine whose forever wait is f can
// end the process: the function that loops, or a function on the way down
// to it from the goroutine's body, calls os.Exit, log.Fatal or a helper
// of any package that always ends in one (noreturn's Exit). A goroutine
// that decides when the process ends is its supervisor (a prefork child's
// watch on its parent, a health watchdog): it is meant to live as long as
// the process, which it ends itself.
func (m *Model) EndsProcess(body *ssa.Function, f Forever) bool {
	fns := []*ssa.Function{body, f.Fn}
	for _, call := range f.Via {
		fns = append(fns, m.callee(call.Common()))
	}
	for _, fn := range fns {
		if fn == nil {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && m.nr.Ends(&c.Call)&noreturn.Exit != 0 {
					return true
				}
			}
		}
	}
	return false
}

// passes reports whether control that enters b can leave it: no wait in
// it is stuck and no call in it is to a function that cannot return.
func (m *Model) passes(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if m.Stuck(instr) {
			return false
		}
		if c, ok := instr.(*ssa.Call); ok && m.neverReturns(&c.Call, b.Parent()) {
			return false
		}
	}
	return true
}

// callee returns the one function call runs (callees.Resolver.Callee).
func (m *Model) callee(call *ssa.CallCommon) *ssa.Function {
	return m.chans.Resolver().Callee(call)
}

// neverReturns reports whether call, made in fn, runs a function of the
// package that cannot return: its callee, or every candidate of a
// resolved dynamic call (callees.Agree); a call of fn itself is left to
// fn's own loop.
func (m *Model) neverReturns(call *ssa.CallCommon, fn *ssa.Function) bool {
	if callee := callees.Direct(call); callee != nil {
		return callee != fn && !m.CanEnd(callee) // ok: the fast path, no lock and no memo
	}
	if _, ok := call.Value.(*ssa.Builtin); ok && !call.IsInvoke() {
		return false
	}
	res := m.chans.Resolver().Resolve(call)
	canEnd, ok := callees.Agree(res, func(c *ssa.Function) bool { return c == fn || m.CanEnd(c) })
	return ok && !canEnd
}

// Forever is why a function cannot return: the wait it repeats forever.
type Forever struct {
	// Wait is a receive, select or range in Fn that the function's loop
	// comes back to forever.
	Wait ssa.Instruction
	Fn   *ssa.Function
	// Chan is, for a receive loop that only a close could end (for range
	// ch, or a comma-ok receive), the channel nothing closes.
	Chan ssa.Value
	// Via are the calls from the function asked about down to Fn.
	Via []ssa.CallInstruction
}

// maxForeverBlocks bounds the quadratic search for a repeating wait.
const maxForeverBlocks = 2000

// ForeverWait returns the wait that keeps a function that cannot end
// (CanEnd false) from returning: a channel wait on a cycle of its live
// control flow, in it or in the callee that cannot return. ok is false
// when the function can end, or loops forever without waiting on a
// channel (a busy or sleeping loop), or blocks in a wait nothing can wake
// (Stuck: a one-sided channel, not a loop).
func (m *Model) ForeverWait(fn *ssa.Function) (Forever, bool) {
	return m.foreverWait(fn, nil, 0)
}

func (m *Model) foreverWait(fn *ssa.Function, via []ssa.CallInstruction, depth int) (Forever, bool) {
	if depth > 4 || m.CanEnd(fn) || len(fn.Blocks) > maxForeverBlocks {
		return Forever{}, false
	}
	dead := m.deadEdges(fn)
	live := func(b *ssa.BasicBlock) []*ssa.BasicBlock {
		if !m.passes(b) {
			return nil
		}
		var out []*ssa.BasicBlock
		for _, s := range b.Succs {
			if !dead[edge{b.Index, s.Index}] {
				out = append(out, s)
			}
		}
		return out
	}
	reach := func(from *ssa.BasicBlock) []bool {
		seen := make([]bool, len(fn.Blocks))
		work := append([]*ssa.BasicBlock(nil), live(from)...)
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			if !seen[b.Index] {
				seen[b.Index] = true
				work = append(work, live(b)...)
			}
		}
		return seen
	}
	fromEntry := reach(fn.Blocks[0])
	fromEntry[0] = true
	for _, b := range fn.Blocks {
		if !fromEntry[b.Index] {
			continue
		}
		for _, instr := range b.Instrs {
			if m.Stuck(instr) {
				return Forever{}, false // ok: the one-sided wait is its own finding
			}
			if c, ok := instr.(*ssa.Call); ok {
				if callee := m.callee(&c.Call); callee != nil && callee != fn && m.calls.indexed[callee] && !m.CanEnd(callee) {
					return m.foreverWait(callee, append(via, c), depth+1)
				}
			}
			if !isChanWait(instr) {
				continue
			}
			if !reach(b)[b.Index] {
				continue // not on a cycle
			}
			f := Forever{Wait: instr, Fn: fn, Via: via}
			if recv, ok := instr.(*ssa.UnOp); ok && recv.CommaOk && !m.MayClose(recv.X) {
				f.Chan = recv.X
			}
			return f, true
		}
	}
	return Forever{}, false
}

// DataGatedWait returns, for a function that can end (CanEnd) but only
// after receiving a value, the receive that gates every way out: a
// receive from (or a range over) a channel nothing can close, on a cycle,
// such that no path from the entry reaches a return or an end of the
// goroutine without passing it (for msg := range s.outbound { if err :=
// write(msg); err != nil { return } }). Once the values stop, the
// function waits there forever: it leaves only when another value comes.
// Forever.Chan is the channel. ok is false otherwise, and for a function
// that cannot end (ForeverWait's case).
func (m *Model) DataGatedWait(fn *ssa.Function) (Forever, bool) {
	if len(fn.Blocks) == 0 || len(fn.Blocks) > maxForeverBlocks || !m.calls.indexed[fn] || !m.CanEnd(fn) {
		return Forever{}, false
	}
	cyc := spawn.Cyclic(fn, nil)
	for _, b := range fn.Blocks {
		if !cyc[b] {
			continue
		}
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || Ticker(recv.X) || m.MayClose(recv.X) {
				continue
			}
			gate := func(x ssa.Instruction) bool {
				if x == instr {
					return true
				}
				c, ok := x.(*ssa.Call)
				return ok && m.nr.EndsGoroutine(&c.Call) // an end of the goroutine before the gate is a way out
			}
			if m.EntryReturnAvoiding(fn, gate, nil) != nil || m.endsBefore(fn, instr) {
				continue
			}
			return Forever{Wait: instr, Fn: fn, Chan: recv.X}, true
		}
	}
	return Forever{}, false
}

// endsBefore reports whether a call that ends the goroutine (runtime.Goexit,
// t.FailNow) is reachable from fn's entry without passing gate.
func (m *Model) endsBefore(fn *ssa.Function, gate ssa.Instruction) bool {
	seen := make([]bool, len(fn.Blocks))
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b.Index] {
			continue
		}
		seen[b.Index] = true
		for _, instr := range b.Instrs {
			if instr == gate {
				goto next
			}
			if c, ok := instr.(*ssa.Call); ok && m.nr.EndsGoroutine(&c.Call) {
				return true
			}
		}
		work = append(work, b.Succs...)
	next:
	}
	return false
}

// isChanWait reports whether instr waits on a channel: a receive, a send,
// a blocking select.
func isChanWait(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.ARROW
	case *ssa.Send:
		return true
	case *ssa.Select:
		return x.Blocking
	}
	return false
}

// EntryReturnAvoiding is cfg.EntryReturnAvoiding over the paths that can
// happen: it takes no impossible edge, and does not pass a wait that
// nothing can wake or a call to a function of the package that cannot
// return. A return that only follows the end of a ticker loop is not
// found: that loop never ends. Nor does it take an edge for which skip
// (may be nil) is true.
func (m *Model) EntryReturnAvoiding(fn *ssa.Function, stop func(ssa.Instruction) bool, skip func(from, to *ssa.BasicBlock) bool) *ssa.Return {
	if len(fn.Blocks) == 0 || len(fn.Blocks[0].Instrs) == 0 {
		return nil
	}
	halts := func(instr ssa.Instruction) bool {
		if stop(instr) || m.Stuck(instr) {
			return true
		}
		if c, ok := instr.(*ssa.Call); ok && m.neverReturns(&c.Call, fn) {
			return true
		}
		return false
	}
	first := fn.Blocks[0].Instrs[0]
	if halts(first) {
		return nil
	}
	if r, ok := first.(*ssa.Return); ok {
		return r
	}
	isReturn := func(instr ssa.Instruction) bool { _, ok := instr.(*ssa.Return); return ok }
	cut := m.Impossible
	if skip != nil {
		cut = func(from, to *ssa.BasicBlock) bool { return skip(from, to) || m.Impossible(from, to) }
	}
	r, _ := cfg.FirstAvoiding(first, isReturn, halts, cut).(*ssa.Return)
	return r
}

// EntryReturnsAvoiding is EntryReturnAvoiding's every return, in block
// order: the first is the one EntryReturnAvoiding returns.
func (m *Model) EntryReturnsAvoiding(fn *ssa.Function, stop func(ssa.Instruction) bool, skip func(from, to *ssa.BasicBlock) bool) []*ssa.Return {
	first := m.EntryReturnAvoiding(fn, stop, skip)
	if first == nil {
		return nil
	}
	if first == fn.Blocks[0].Instrs[0] {
		return []*ssa.Return{first}
	}
	halts := func(instr ssa.Instruction) bool {
		if stop(instr) || m.Stuck(instr) {
			return true
		}
		c, ok := instr.(*ssa.Call)
		return ok && m.neverReturns(&c.Call, fn)
	}
	cut := func(from, to *ssa.BasicBlock) bool { return skip != nil && skip(from, to) || m.Impossible(from, to) }
	return cfg.ReturnsAvoidingCut(fn.Blocks[0].Instrs[0], halts, cut)
}

// Allocation returns the instruction that makes the object v points to
// (a WaitGroup, a mutex, a channel) when it is a local variable or a make
// of v's function: a path that passes it again reaches a new object. It
// returns nil for an object that outlives the function's loops (a field of
// a parameter or receiver, a global, a parameter).
func Allocation(v ssa.Value) ssa.Instruction {
	if id, ok := chans.Origin(v); ok && id.Kind == chans.Make {
		return id.Make
	}
	root := locks.Identify(v).Root
	for range 8 {
		fv, ok := root.(*ssa.FreeVar)
		if !ok {
			break
		}
		b := ssax.Binding(fv)
		if b == nil {
			return nil
		}
		root = locks.Identify(b).Root
	}
	if a, ok := root.(*ssa.Alloc); ok {
		return a
	}
	return nil
}

// ProcessEntry reports whether fn is main.main, an init function or the
// package initializer, a test binary's TestMain, or a closure inside one: what it starts runs until
// the process exits.
func ProcessEntry(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Pkg == nil || fn.Signature.Recv() != nil {
		return false
	}
	name := fn.Name()
	return (fn.Pkg.Pkg.Name() == "main" && name == "main") || fn.Synthetic == "package initializer" ||
		name == "init" || strings.HasPrefix(name, "init#") || testMain(fn)
}

// testMain reports whether fn is a test binary's TestMain(*testing.M): the
// main of the test process.
func testMain(fn *ssa.Function) bool {
	if fn.Name() != "TestMain" || len(fn.Params) != 1 {
		return false
	}
	return fn.Params[0].Type().String() == "*testing.M"
}

// ProcessLifetime reports whether fn runs only for the life of the
// process, so that a goroutine it starts is one per process: a
// ProcessEntry, a command's action in a CLI framework that nothing in the
// package calls in a loop (CommandAction), a function that parses the
// process's flags (ParsesCommandLine), installs its signal handlers
// (noreturn's HandlesSignals: knative's queue-proxy Main) or may replace
// the process with another program (ReplacesProcess), a function the
// process runs at
// most once (used only as the function of a package-level sync.Once's Do,
// wherever Do is called), or an unexported function whose every caller
// (all of them known) is process-lifetime (a call from the package's
// _test.go files is scaffolding and does not count).
func (m *Model) ProcessLifetime(fn *ssa.Function) bool {
	return m.processLifetime(fn, 0)
}

func (m *Model) processLifetime(fn *ssa.Function, depth int) bool {
	if ProcessEntry(fn) {
		return true
	}
	if CommandAction(fn) && !m.calledInLoop(fn) {
		return true // ok: a command's action runs once per invocation of the program
	}
	if ParsesCommandLine(fn) && !m.calledInLoop(fn) {
		return true // ok: it reads the process's own flags: the program's entry, wherever it is declared
	}
	if ReplacesProcess(fn) && !m.calledInLoop(fn) {
		return true // ok: it may turn the process into another program: the program's own logic
	}
	if m.nr.HandlesSignals(fn) && !m.calledInLoop(fn) {
		return true // ok: it installs the process's signal handlers: the program's main in all but name (noreturn.HandlesSignalsFact)
	}
	if m.ManagerRunnable(fn) {
		return true // ok: the Start of a Runnable handed to a controller-runtime manager runs once in the manager's life
	}
	if depth > 3 {
		return false
	}
	for {
		if m.calls.once[fn] {
			return true // ok: a package-level Once runs it once per process
		}
		if fn.Parent() == nil {
			break
		}
		fn = fn.Parent()
	}
	calls, all := m.Callers(fn)
	if !all {
		return false
	}
	for _, call := range calls {
		if inTestFile(call) && !strings.HasSuffix(fn.Prog.Fset.Position(fn.Pos()).Filename, "_test.go") {
			continue // a test's call of the package's function: scaffolding, its goroutines end with the test binary
		}
		if inLoop(call) || !m.processLifetime(call.Parent(), depth+1) {
			return false // a call in a loop starts one more each iteration
		}
	}
	return true
}

// ManagerRunnable reports whether fn is the Start method of a type whose
// values the package hands to a controller-runtime manager's Add (a
// manager.Runnable: mgr.Add(upgrade.New(mgr))), outside loops and
// outside _test.go files: the manager starts each of its runnables once,
// when it starts, and cancels Start's context only when it stops, with
// the process (an operator's one manager). A goroutine Start abandons when
// that context is done is one goroutine at shutdown, not one per call.
func (m *Model) ManagerRunnable(fn *ssa.Function) bool {
	recv := fn.Signature.Recv()
	if recv == nil || fn.Name() != "Start" || fn.Parent() != nil {
		return false
	}
	handed := false
	for _, call := range m.calls.invokes["Add"] {
		com := call.Common()
		pkg := com.Method.Pkg()
		if pkg == nil || !strings.HasPrefix(pkg.Path(), "sigs.k8s.io/controller-runtime/") || len(com.Args) != 1 {
			continue
		}
		mi, ok := com.Args[0].(*ssa.MakeInterface)
		if !ok || !types.Identical(mi.X.Type(), recv.Type()) {
			continue
		}
		if inTestFile(call) {
			continue // a test's manager: scaffolding, no evidence either way
		}
		if inLoop(call) {
			return false // one runnable per iteration
		}
		handed = true
	}
	return handed
}

// ParsesCommandLine reports whether fn parses the process's command line:
// it calls flag.Parse (or flag.CommandLine.Parse), or reads the process's
// arguments from os.Args (readsArguments: rootlesskit's Parent and Child
// re-execute the program with os.Args[1:]), directly or through a
// function of its package that it calls directly (run calling
// parseFlags). The process's flags are parsed once, by its entry point; a
// library's RunShim(ctx) that does so is the program's main in all but
// name (containerd's shim), and what it starts lives as long as the
// process.
func ParsesCommandLine(fn *ssa.Function) bool {
	return parsesCommandLine(fn, 0)
}

func parsesCommandLine(fn *ssa.Function, depth int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if readsArguments(instr) {
				return true
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil {
				continue
			}
			// flag.Parse, or (*flag.FlagSet).Parse on flag.CommandLine: the
			// only functions of flag so named (asked by name, not by
			// FullName, which builds a string for every call scanned).
			if callee.Name() == "Parse" && callee.Pkg != nil && callee.Pkg.Pkg.Path() == "flag" {
				if callee.Signature.Recv() == nil {
					return true
				}
				if len(call.Call.Args) > 0 {
					if g, ok := ssax.Unwrap(call.Call.Args[0]).(*ssa.UnOp); ok {
						if glob, ok := g.X.(*ssa.Global); ok && glob.Pkg != nil && glob.Pkg.Pkg.Path() == "flag" && glob.Name() == "CommandLine" {
							return true
						}
					}
				}
			}
			if depth == 0 && callee.Pkg == fn.Pkg && callee.Blocks != nil && parsesCommandLine(callee, depth+1) {
				return true
			}
		}
	}
	return false
}

// ReplacesProcess reports whether fn may replace the running process's
// image with another program: it calls syscall.Exec (or x/sys/unix's
// Exec), directly or through a function of its package that it calls
// directly. Only a program's own top-level logic does that (lima's
// instance.Start execs the host agent in the foreground mode of limactl
// start); a library call inside a long-running process never may, as it
// would end that process. What it starts lives once per process.
func ReplacesProcess(fn *ssa.Function) bool {
	return replacesProcess(fn, 0)
}

func replacesProcess(fn *ssa.Function, depth int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil || callee.Pkg == nil {
				continue
			}
			if callee.Name() == "Exec" && callee.Signature.Recv() == nil {
				switch callee.Pkg.Pkg.Path() {
				case "syscall", "golang.org/x/sys/unix":
					return true
				}
			}
			if depth == 0 && callee.Pkg == fn.Pkg && callee.Blocks != nil && replacesProcess(callee, depth+1) {
				return true
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if depth == 0 && replacesProcess(anon, depth+1) {
			return true
		}
	}
	return false
}

// readsArguments reports whether instr loads os.Args to read the
// process's arguments: os.Args[1:] (to re-execute the program with them,
// or to parse them), os.Args[i] for i >= 1, or the whole slice handed to
// a call (a parser). Reading only os.Args[0], the program's name (a log
// prefix, a user agent), does not count.
func readsArguments(instr ssa.Instruction) bool {
	load, ok := instr.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.Global)
	if !ok || g.Pkg == nil || g.Pkg.Pkg.Path() != "os" || g.Name() != "Args" || load.Referrers() == nil {
		return false
	}
	for _, r := range *load.Referrers() {
		switch x := r.(type) {
		case *ssa.Slice:
			if k, ok := x.Low.(*ssa.Const); ok && k.Value != nil && k.Int64() >= 1 {
				return true
			}
		case *ssa.IndexAddr:
			if k, ok := x.Index.(*ssa.Const); ok && k.Value != nil && k.Int64() >= 1 {
				return true
			}
		case ssa.CallInstruction:
			return true
		}
	}
	return false
}

// commandTypes are the types through which a CLI framework hands a
// command's action its invocation: a function with a parameter of one of
// them is a command's body (cobra's Run, urfave/cli's Action, kingpin's
// and fisk's Action, a kong command's Run), and the program runs the one
// command it was invoked with, once.
var commandTypes = map[string]bool{
	"github.com/spf13/cobra.Command":                true,
	"github.com/urfave/cli.Context":                 true,
	"github.com/urfave/cli/v2.Context":              true,
	"github.com/urfave/cli/v3.Command":              true,
	"gopkg.in/urfave/cli.v1.Context":                true,
	"gopkg.in/alecthomas/kingpin.v2.ParseContext":   true,
	"github.com/alecthomas/kingpin.ParseContext":    true,
	"github.com/alecthomas/kingpin/v2.ParseContext": true,
	"github.com/choria-io/fisk.ParseContext":        true,
	"github.com/alecthomas/kong.Context":            true,
}

// CommandAction reports whether fn is a command's action in a CLI
// framework: one of its parameters is a pointer to the framework's
// invocation type (a *cobra.Command, a *fisk.ParseContext, ...). The
// process runs such a function once, for the command it was invoked
// with, wherever the command tree is declared (cobra commands usually
// live in a cmd package, not in package main), and what the action
// starts lives as long as that one invocation of the program.
func CommandAction(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		ptr, ok := types.Unalias(p.Type()).(*types.Pointer)
		if !ok {
			continue
		}
		named, ok := types.Unalias(ptr.Elem()).(*types.Named)
		if !ok || named.Obj().Pkg() == nil {
			continue
		}
		if commandTypes[named.Obj().Pkg().Path()+"."+named.Obj().Name()] {
			return true
		}
	}
	return false
}

// calledInLoop reports whether a call of fn in the package lies in a loop:
// fn may then run more than once per call of its caller.
func (m *Model) calledInLoop(fn *ssa.Function) bool {
	for _, call := range m.calls.callers[fn] {
		if inLoop(call) {
			return true
		}
	}
	return false
}

// ImporterEntries reports whether the calls of fn, a function of an
// internal package that starts a goroutine that never ends, all come,
// outside loops, from the package's exported functions (no receiver) or
// from process-lifetime code, and returns those exported functions: only
// the module's own packages can import an internal package, so its
// importers are analyzed too, and each can tell whether it calls an entry
// once per process (from main, a command's action) or per request. Calls
// from the package's own _test.go files are scaffolding and do not count.
// ok is false when some caller is unknown (fn or a function on the way is a
// method, a closure, or used as a value) or calls in a loop.
func (m *Model) ImporterEntries(fn *ssa.Function) (entries []*ssa.Function, ok bool) {
	if fn.Pkg == nil || !InternalPath(fn.Pkg.Pkg.Path()) {
		return nil, false
	}
	return m.entries(fn, false)
}

// CallerEntries is ImporterEntries for a package of any path, whose
// entries may be exported methods too (Listen of a listener the program
// makes once): it returns the exported functions and methods through
// which every path to fn comes, outside loops, when only the callers of
// those can tell how often fn runs (internal/percall settles it over a
// whole run). A method is an entry only when nothing uses it as a value;
// its calls through an interface are not seen, so it stays unsettled
// unless some call names it. A function literal on the way that runs
// once per run of the function it is declared in (a goroutine that a
// constructor starts: OncePerParentRun) is called as often as that
// function, and the walk goes on from there.
func (m *Model) CallerEntries(fn *ssa.Function) (entries []*ssa.Function, ok bool) {
	if fn.Pkg == nil || fn.Pkg.Pkg.Name() == "main" {
		return nil, false
	}
	return m.entries(fn, true)
}

// entries walks the callers of fn up to the package's exported entries
// (ImporterEntries, CallerEntries); methods allows exported methods.
func (m *Model) entries(fn *ssa.Function, methods bool) (entries []*ssa.Function, ok bool) {
	seen := map[*ssa.Function]bool{}
	var walk func(f *ssa.Function, depth int) bool
	walk = func(f *ssa.Function, depth int) bool {
		if seen[f] {
			return true
		}
		seen[f] = true
		if m.ProcessLifetime(f) {
			return true
		}
		if f.Parent() != nil {
			// a function literal that runs once per run of the function
			// it is declared in (a goroutine a constructor starts) is
			// called as often as that function: its callers decide
			return methods && m.OncePerParentRun(f) && walk(f.Parent(), depth)
		}
		if depth > 4 || m.calls.taken[f] {
			return false
		}
		if f.Signature.Recv() != nil && (!methods || f.Synthetic != "") {
			return false
		}
		exported := f.Object() != nil && f.Object().Exported()
		if exported {
			entries = append(entries, f)
		} else if _, all := m.Callers(f); !all {
			return false
		}
		for _, call := range m.calls.callers[f] {
			if inTestFile(call) {
				continue // the package's own test: its goroutines end with the test binary (test scaffolding)
			}
			if inLoop(call) || !walk(call.Parent(), depth+1) {
				return false
			}
		}
		return true
	}
	if !walk(fn, 0) || len(entries) == 0 {
		return nil, false
	}
	return entries, true
}

// inTestFile reports whether instr lies in a _test.go file.
func inTestFile(instr ssa.Instruction) bool {
	fn := instr.Parent()
	return strings.HasSuffix(fn.Prog.Fset.Position(instr.Pos()).Filename, "_test.go") ||
		!instr.Pos().IsValid() && strings.HasSuffix(fn.Prog.Fset.Position(fn.Pos()).Filename, "_test.go")
}

// InternalPath reports whether an import path names an internal package
// (an element internal): only packages of its own module can import it.
func InternalPath(path string) bool {
	for _, elem := range strings.Split(path, "/") {
		if elem == "internal" {
			return true
		}
	}
	return false
}

// inLoop reports whether instr lies on a cycle of its function's control
// flow: it can run more than once per call of the function.
func inLoop(instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil {
		return false
	}
	return spawn.Cyclic(b.Parent(), nil)[b]
}

// SetUpService reports whether the go statement g starts a goroutine that
// serves the package rather than a call: g is in a package-level function
// without receiver and without parameters (nothing per call can reach it:
// StartUpdater(), a set-up step of the program), and the goroutine takes
// nothing from the call either (a closure with no free variables, or a
// function given only constants and package-level values). Such a
// function is called to set the package up, once: its callers are the
// program's start-up, usually in another package, which the analysis of
// this one cannot see. The package's own uses must agree: the function is
// not used as a value (handed to a Once, a callback, a table), no
// function of the package calls it in a loop or more than once, and each
// of its callers in the package is set-up code too: a ProcessLifetime
// function, or one that takes nothing either (a method or a handler that
// calls it would start one goroutine per object or per request).
func (m *Model) SetUpService(g *ssa.Go) bool {
	fn := g.Parent()
	if !m.setUpFunc(fn, 0) {
		return false
	}
	switch body := g.Call.Value.(type) {
	case *ssa.MakeClosure:
		if len(body.Bindings) > 0 {
			return false
		}
	case *ssa.Function:
	default:
		return false // a method value, an interface or a function value: per call
	}
	for _, arg := range g.Call.Args {
		switch arg.(type) {
		case *ssa.Const, *ssa.Global, *ssa.Function:
		default:
			return false
		}
	}
	return true
}

// setUpFunc reports whether fn is a package-level function that takes
// nothing, used in the package only by calls outside loops, at most one
// per caller, each caller being set-up code too (SetUpService).
func (m *Model) setUpFunc(fn *ssa.Function, depth int) bool {
	if fn.Parent() != nil || fn.Signature.Recv() != nil || fn.Signature.Params().Len() > 0 || m.calls.taken[fn] || depth > 4 {
		return false
	}
	per := map[*ssa.Function]int{}
	for _, call := range m.calls.callers[fn] {
		caller := call.Parent()
		per[caller]++
		if inLoop(call) || per[caller] > 1 {
			return false
		}
		if !m.ProcessLifetime(caller) && !m.setUpFunc(caller, depth+1) {
			return false
		}
	}
	return true
}

// SpawnedOnce reports whether the go statement g runs at most once per
// process, so that the goroutine it starts lives as long as the process,
// which is its purpose (a metrics ticker, a disk monitor):
//
//   - g is in a ProcessLifetime function (main, init, a helper only they
//     call, outside loops), as before; or
//   - g is in package main (which nothing imports, so every caller is the
//     process itself or a library calling the program back), outside any
//     loop of its function, and the function holding it runs at most once
//     per process: every known caller calls it outside a loop from a
//     function that runs at most once, and a function that library code
//     calls back (a command's Run function, a closure kept in a field) is
//     not a request handler (a parameter that stands for one request or
//     connection: *net/http.Request, http.ResponseWriter, net.Conn).
//
// A goroutine started per iteration or per request in package main is not
// spawned once. g may also be a call of a function that starts such a
// goroutine (a starter of another package, ImporterEntries): the call
// runs at most once per process on the same terms. In any package, a go statement guarded by a package-level
// flag that the guarded code sets and nothing resets is
// (StartedOnceByFlag).
func (m *Model) SpawnedOnce(g ssa.Instruction) bool {
	fn := g.Parent()
	if m.ProcessLifetime(fn) || m.StartedOnceByFlag(g) {
		return true
	}
	if fn.Pkg == nil || fn.Pkg.Pkg.Name() != "main" || inLoop(g) {
		return false
	}
	// sites are, by function, the go statements that start it and the
	// instructions that use it as a value (a closure made, a function or
	// method value handed to library code or kept in a field).
	sites := map[*ssa.Function][]ssa.Instruction{}
	var rands []*ssa.Value
	for _, f := range m.calls.funcs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if x, ok := instr.(*ssa.Go); ok {
					if body := callees.Direct(x.Common()); body != nil {
						sites[body] = append(sites[body], x)
					}
					continue
				}
				var direct ssa.Value
				if c, ok := instr.(ssa.CallInstruction); ok {
					direct = c.Common().Value
				}
				rands = instr.Operands(rands[:0])
				for _, op := range rands {
					if *op == nil || *op == direct {
						continue
					}
					if v := handedFunc(*op); v != nil {
						sites[v] = append(sites[v], instr)
					}
				}
			}
		}
	}
	return m.onceInMain(fn, sites, map[*ssa.Function]bool{}, 0)
}

// onceInMain reports whether fn, a function of package main, runs at most
// once per process (see SpawnedOnce). sites are the go statements and
// value uses of each function.
func (m *Model) onceInMain(fn *ssa.Function, sites map[*ssa.Function][]ssa.Instruction, visiting map[*ssa.Function]bool, depth int) bool {
	if ProcessEntry(fn) {
		return true
	}
	if depth > 6 || visiting[fn] || perRequest(fn) {
		return false // recursion, or a handler: it runs again and again
	}
	visiting[fn] = true
	defer delete(visiting, fn)
	var from []ssa.Instruction
	for _, c := range m.calls.callers[fn] {
		from = append(from, c)
	}
	from = append(from, sites[fn]...)
	if len(from) == 0 && fn.Signature.Recv() != nil {
		return false // a method that only code the package does not show calls, through an interface: a service's method, per call
	}
	for _, instr := range from {
		if inLoop(instr) || !m.onceInMain(instr.Parent(), sites, visiting, depth+1) {
			return false // called, started or made per iteration, or by code that repeats
		}
	}
	return true
}

// perRequest reports whether fn serves one request or connection: a
// parameter of type *net/http.Request, net/http.ResponseWriter or
// net.Conn. Whoever calls it back does so for each request.
func perRequest(fn *ssa.Function) bool {
	params := fn.Signature.Params()
	for i := range params.Len() {
		switch types.TypeString(params.At(i).Type(), nil) {
		case "*net/http.Request", "net/http.ResponseWriter", "net.Conn":
			return true
		}
	}
	return false
}

// OneOutcome reports whether a run of fn wakes at most one of the
// channels chs, at most once, and nothing else wakes them: every send and
// close of each is in fn (and each has one),
// each such operation is outside any loop, and no two lie on one path
// (send the error or close done, then return). A select that waits on
// exactly these channels then takes fn's only outcome, and nothing of fn
// is left to receive.
func (m *Model) OneOutcome(fn *ssa.Function, chs []ssa.Value) bool {
	var targets []*chans.Channel
	for _, v := range chs {
		cs := m.chans.Channels(v)
		if len(cs) != 1 {
			return false
		}
		if !m.WokenOnlyBy(v, fn) {
			return false // ok: someone else may wake the select
		}
		targets = append(targets, cs[0])
	}
	var ops []ssa.Instruction
	for _, g := range append([]*ssa.Function{fn}, deferredLiterals(fn)...) {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				var v ssa.Value
				switch x := instr.(type) {
				case *ssa.Send:
					v = x.Chan
				case *ssa.Call:
					if bi, ok := x.Call.Value.(*ssa.Builtin); ok && bi.Name() == "close" && len(x.Call.Args) == 1 {
						v = x.Call.Args[0]
					}
				case *ssa.Select:
					for _, st := range x.States {
						if st.Dir == types.SendOnly && m.isOneOf(st.Chan, targets) {
							return false // ok: a select may or may not send; not one outcome
						}
					}
				}
				if v != nil && m.isOneOf(v, targets) {
					ops = append(ops, instr)
				}
			}
		}
	}
	if len(ops) == 0 {
		return false
	}
	for _, a := range ops {
		for _, b := range ops {
			if bothRun(fn, a, b) { // a second outcome, or the same one again in a loop
				return false
			}
		}
	}
	return true
}

// bothRun reports whether one run of fn can perform b after a (b may be
// a): on one path of one function, or a in fn's body and b in a literal
// it defers. A deferred operation that needs a panic (onlyWhilePanicking)
// follows a only if something after a can panic; any other deferred
// operation follows every operation of the body. A literal deferred in a
// loop runs more than once.
func bothRun(fn *ssa.Function, a, b ssa.Instruction) bool {
	fa, fb := a.Parent(), b.Parent()
	if fb != fn && deferredInLoop(fn, fb) {
		return true
	}
	switch {
	case fa == fb:
		return cfg.Reaches(a, b, nil)
	case fa == fn:
		return !onlyWhilePanicking(b) || !returnsQuietly(a)
	default:
		return false // ok: a deferred operation runs after the body's
	}
}

// deferredInLoop reports whether a defer statement of fn that runs lit
// can run more than once.
func deferredInLoop(fn, lit *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			callee := d.Call.Value
			if mc, ok := callee.(*ssa.MakeClosure); ok {
				callee = mc.Fn
			}
			if callee == lit && cfg.Reaches(d, d, nil) {
				return true
			}
		}
	}
	return false
}

// WokenOnlyBy reports whether every wake of the channel ch (its sends and
// closes, all of them known) is in a run of fn (fn or a literal it defers
// whole): a select case on ch takes what a run of fn hands over, and
// nothing else.
func (m *Model) WokenOnlyBy(ch ssa.Value, fn *ssa.Function) bool {
	w := m.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return false
	}
	for _, s := range w.Sites {
		if !inRunOf(s.Fn, fn) {
			return false
		}
	}
	return true
}

// SameChannel reports whether v may be the channel of one of chs.
func (m *Model) SameChannel(v ssa.Value, chs []ssa.Value) bool {
	for _, ch := range chs {
		if m.isOneOf(v, m.chans.Channels(ch)) {
			return true
		}
	}
	return false
}

func (m *Model) isOneOf(v ssa.Value, targets []*chans.Channel) bool {
	for _, c := range m.chans.Channels(v) {
		for _, t := range targets {
			if c == t {
				return true
			}
		}
	}
	return false
}

// Evidence answers, for the functions of a package, whether anything
// shows that a function runs when the program does. A wait that nothing
// can wake is a bug only if the wait can be reached: in a method that only
// implements an interface for code the package does not show (a test
// stub's OnUpdate that the tests never make anyone call), nothing says it
// ever runs.
//
// A function runs (Runs) when it is an entry of the process or the
// package: main, init, TestMain, a Test, Benchmark, Fuzz or Example
// function of a _test.go file, an exported function or an exported method
// of an exported type declared outside _test.go files (API that other
// packages call); when a go statement of the package starts it; when a
// function that runs calls it, directly or through a dynamic call that the
// call resolver (internal/callees) resolves to it; or when a function that
// runs hands it (or a method value of it) as an argument to a call, a
// callback for the callee to run (converted to a named func type or an
// option interface, or in a variadic argument, too). A function whose only callers are code
// the package does not show (an interface implementation, a function kept
// in a field that no visible call reads) has no evidence.
type Evidence struct {
	m       *Model
	res     *callees.Resolver
	spawned map[*ssa.Function]bool
	// calls are the sites that call a function or hand it over as an
	// argument, beyond the static callers of the call index.
	calls map[*ssa.Function][]ssa.Instruction
	memo  map[*ssa.Function]int8 // 1 runs, -1 no evidence, 2 being decided
}

// Evidence builds the evidence that the functions of the model run; res
// may be nil (static calls only).
func (m *Model) Evidence(res *callees.Resolver) *Evidence {
	e := &Evidence{m: m, res: res, spawned: map[*ssa.Function]bool{}, calls: map[*ssa.Function][]ssa.Instruction{}, memo: map[*ssa.Function]int8{}}
	var rands []*ssa.Value
	for _, fn := range m.calls.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				common := c.Common()
				if f := callees.Direct(common); f != nil {
					if _, isGo := instr.(*ssa.Go); isGo {
						e.spawned[f] = true
					}
				} else if res != nil {
					for _, f := range res.Resolve(common).Callees {
						if _, isGo := instr.(*ssa.Go); isGo {
							e.spawned[f] = true
						} else {
							e.calls[f] = append(e.calls[f], instr)
						}
					}
				}
				rands = instr.Operands(rands[:0])
				for _, op := range rands {
					if *op == nil || *op == common.Value {
						continue
					}
					for _, f := range argFuncs(*op, 0) {
						e.calls[f] = append(e.calls[f], instr)
					}
				}
			}
		}
	}
	return e
}

// handedFunc returns the function that v, an argument of a call, is: a
// function, a closure, or a method value (its bound method).
func handedFunc(v ssa.Value) *ssa.Function {
	var f *ssa.Function
	switch x := v.(type) {
	case *ssa.Function:
		f = x
	case *ssa.MakeClosure:
		f, _ = x.Fn.(*ssa.Function)
	case *ssa.ChangeType:
		return handedFunc(x.X)
	}
	if f == nil {
		return nil
	}
	return callees.Declared(f)
}

// argFuncs returns the functions that v, an argument of a call, hands
// over: a function value itself, converted (a named func type, an option
// interface), or an element of the slice of a variadic call.
func argFuncs(v ssa.Value, depth int) []*ssa.Function {
	if f := handedFunc(v); f != nil {
		return []*ssa.Function{f}
	}
	if depth > 3 {
		return nil
	}
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return argFuncs(x.X, depth+1)
	case *ssa.ChangeType:
		return argFuncs(x.X, depth+1)
	case *ssa.Slice:
		alloc, ok := x.X.(*ssa.Alloc)
		if !ok || alloc.Referrers() == nil {
			return nil
		}
		var out []*ssa.Function
		for _, r := range *alloc.Referrers() {
			ia, ok := r.(*ssa.IndexAddr)
			if !ok || ia.Referrers() == nil {
				continue
			}
			for _, rr := range *ia.Referrers() {
				if st, ok := rr.(*ssa.Store); ok && st.Addr == ia {
					out = append(out, argFuncs(st.Val, depth+1)...)
				}
			}
		}
		return out
	}
	return nil
}

// Runs reports whether something shows that fn runs (see Evidence).
func (e *Evidence) Runs(fn *ssa.Function) bool {
	return e.runs(fn, 0)
}

func (e *Evidence) runs(fn *ssa.Function, depth int) bool {
	switch e.memo[fn] {
	case 1:
		return true
	case -1, 2:
		return false // ok: a cycle of callers shows nothing by itself
	}
	if depth > 16 {
		return false
	}
	e.memo[fn] = 2
	r := e.decide(fn, depth)
	if r {
		e.memo[fn] = 1
	} else {
		e.memo[fn] = -1
	}
	return r
}

func (e *Evidence) decide(fn *ssa.Function, depth int) bool {
	if entry(fn) || e.spawned[fn] {
		return true
	}
	for _, c := range e.m.calls.callers[fn] {
		if e.runs(c.Parent(), depth+1) {
			return true
		}
	}
	for _, c := range e.calls[fn] {
		if e.runs(c.Parent(), depth+1) {
			return true
		}
	}
	return false
}

// entry reports whether fn is called by the process or by other packages:
// a ProcessEntry, a test binary's Test, Benchmark, Fuzz or Example
// function, or exported API declared outside a _test.go file.
func entry(fn *ssa.Function) bool {
	if fn.Parent() != nil {
		return false
	}
	if ProcessEntry(fn) {
		return true
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Pkg == nil {
		return false
	}
	test := strings.HasSuffix(fn.Prog.Fset.Position(obj.Pos()).Filename, "_test.go")
	recv := fn.Signature.Recv()
	if test {
		if recv != nil {
			return false
		}
		for _, p := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
			if strings.HasPrefix(obj.Name(), p) {
				return true
			}
		}
		return false
	}
	return ssax.ExportedAPI(fn)
}

// WokenOnlyAfter reports whether every wake of ch (a send or a close) is
// made by body, a goroutine's function, at a point from which body never
// again uses a value for which touches holds (the channel it waits on):
// a receive from ch then completes only once that goroutine is done
// waiting there (its error, sent after its range loop ended).
func (m *Model) WokenOnlyAfter(ch ssa.Value, body *ssa.Function, touches func(ssa.Value) bool) bool {
	return m.wokenOnlyAfter(ch, body, touches, false)
}

// LastWord reports whether ch is the last word of body, a goroutine's
// function, on what touches names (the channel it fills): every wake of
// ch is made by body at a point from which it never again touches that
// channel, or as body returns (a deferred close). A consumer that has
// received from ch (a value or the close) holds a producer that is done
// with the channel it fills: the error channel of a generator that sends
// its error and returns (cgroups' EventChan).
func (m *Model) LastWord(ch ssa.Value, body *ssa.Function, touches func(ssa.Value) bool) bool {
	return m.wokenOnlyAfter(ch, body, touches, true)
}

func (m *Model) wokenOnlyAfter(ch ssa.Value, body *ssa.Function, touches func(ssa.Value) bool, atExit bool) bool {
	var uses []ssa.Instruction
	var rands []*ssa.Value
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			rands = instr.Operands(rands[:0])
			for _, op := range rands {
				if *op != nil && touches(*op) {
					uses = append(uses, instr)
					break
				}
			}
		}
	}
	if len(uses) == 0 {
		return false
	}
	w := m.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return false
	}
	for _, site := range w.Sites {
		if site.Instr == nil || site.Instr.Parent() != body {
			return false
		}
		if _, deferred := site.Instr.(*ssa.Defer); (deferred || site.AtExit) && atExit && site.Fn == body {
			continue // ok: as body returns, once it is done
		}
		if site.AtExit {
			return false
		}
		for _, use := range uses {
			if cfg.Reaches(site.Instr, use, nil) {
				return false // the goroutine may wait on the channel again after this wake
			}
		}
	}
	return true
}

// WokenOnlyBySelfAfter reports whether every wake of ch (a send or a
// close) is made by the goroutine that waits at wait, and only after that
// wait: the wait dominates each wake, or the wake is deferred (it runs as
// the function returns). The channel is made per call of the function
// that starts the goroutine, and that goroutine is its only instance (a
// closure started by one go statement outside loops), so no other
// goroutine can wake it: the first wait blocks forever (go func() {
// <-done; work(); close(done) }()).
func (m *Model) WokenOnlyBySelfAfter(wait ssa.Instruction, ch ssa.Value) bool {
	fn := wait.Parent()
	id, ok := chans.Origin(ch)
	if !ok || id.Kind != chans.Make || fn.Parent() == nil || id.Make.Parent() != fn.Parent() || !startedOnce(fn) {
		return false
	}
	w := m.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return false
	}
	for _, site := range w.Sites {
		if site.Instr == nil || site.Instr.Parent() != fn {
			return false
		}
		if _, deferred := site.Instr.(*ssa.Defer); deferred || site.AtExit {
			continue // runs only as fn returns, after the wait
		}
		if site.Instr.Block() == nil || !cfg.Dominates(wait, site.Instr) {
			return false
		}
	}
	return true
}

// startedOnce reports whether the closure fn runs as one goroutine per
// call of its enclosing function: its only use is the function of a go
// statement that lies on no cycle of the enclosing function.
func startedOnce(fn *ssa.Function) bool {
	parent := fn.Parent()
	var uses []ssa.Instruction
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.MakeClosure:
				if x.Fn == fn {
					if x.Referrers() == nil {
						return false
					}
					for _, r := range *x.Referrers() {
						if _, dbg := r.(*ssa.DebugRef); !dbg {
							uses = append(uses, r)
						}
					}
				}
			default:
				var rands []*ssa.Value
				for _, op := range instr.Operands(rands) {
					if *op == fn {
						uses = append(uses, instr)
					}
				}
			}
		}
	}
	if len(uses) != 1 {
		return false
	}
	g, ok := uses[0].(*ssa.Go)
	return ok && !spawn.Cyclic(parent, nil)[g.Block()]
}
