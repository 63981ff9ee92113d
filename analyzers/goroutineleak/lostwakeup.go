package goroutineleak

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
)

// A lost wakeup: a sync.Cond kept in a struct field, waited on in a loop
// that leaves when a boolean field of the same struct takes a value (for
// !q.closed { q.cond.Wait() }), and a function of the package that sets
// that field to that value without any Signal or Broadcast of the Cond:
// a goroutine waiting there is not woken by the change, and waits until
// some unrelated signal comes, or forever.
//
//	func (q *Queue) Get() (string, bool) {
//		q.mu.Lock()
//		defer q.mu.Unlock()
//		for len(q.items) == 0 && !q.closed {
//			q.cond.Wait()
//		}
//		...
//	}
//	func (q *Queue) Close() { q.mu.Lock(); q.closed = true; q.mu.Unlock() } // no Broadcast
//
// Only constant stores of the exiting value count (a flag set to end the
// wait). A function that signals or broadcasts the Cond (a wake of the
// Wait in the counterpart model), itself or through a function of the
// package it calls, is not reported, even when some paths from the store
// skip the wake: those paths often have no waiter to wake (nats'
// Conn.close signals only the subscriptions a goroutine waits for, and
// only when their Cond is not nil), which the model cannot tell from a
// Close that broadcasts only when items are left. The waiting function
// itself is reported when it wakes the Cond too and a path from the store
// reaches a return without a wake: then several goroutines wait in it and
// wake each other (a barrier whose aborting participant returns without
// the Broadcast the last arrival makes; a deferred wake covers every
// path); one that wakes nobody may be the Cond's only waiter. Not
// reported: a Cond that code out of view may signal, a store into a
// struct the function makes (a constructor).

// condFlag is a boolean field whose value ends a Cond wait loop.
type condFlag struct {
	field *types.Var // the flag
	exit  bool       // the value that ends the wait
	cond  *types.Var // the Cond field
	wait  *ssa.Call  // a Wait in the loop
}

// checkLostWakeups looks for the flags of the package's Cond wait loops
// and the stores that set them without a wakeup.
func (c *checker) checkLostWakeups() {
	var flags []condFlag
	for _, fn := range c.funcs {
		for _, w := range fieldCondWaits(fn) {
			flags = append(flags, waitFlags(fn, w.call, w.cond)...)
		}
	}
	if len(flags) == 0 {
		return
	}
	c.checkStuckFlags(flags)
	c.checkSignalForBroadcast(flags)
	for _, fn := range c.funcs {
		if c.testCode(fn) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if _, fresh := fa.X.(*ssa.Alloc); fresh {
					continue // ok: a struct this function makes: nobody waits on it yet
				}
				k, ok := st.Val.(*ssa.Const)
				if !ok || k.Value == nil || k.Value.Kind() != constant.Bool {
					continue
				}
				f := ssax.Field(fa.X.Type(), fa.Field)
				for _, flag := range flags {
					if flag.field != f || constant.BoolVal(k.Value) != flag.exit {
						continue
					}
					signalers, sites, known := c.signalers(flag.wait)
					if !known {
						continue // ok: code out of view may signal or broadcast the Cond
					}
					waker := c.wakes(fn, signalers, 0)
					if !waker {
						if fn == flag.wait.Parent() {
							continue // ok: the waiter itself, which wakes nobody: it may be the only one
						}
						if c.callersWakeAfter(fn, signalers, sites) {
							continue // ok: a helper whose every caller wakes the Cond on every path after calling it
						}
						if wokenByOwnGoroutine(flag.wait.Parent(), signalers) {
							continue // ok: the waiter starts a goroutine of its own that wakes it (on its context's Done): its wait ends with that context, not only with a wakeup from fn
						}
						c.reportLostWakeup(fn, st, flag, nil)
						break
					}
					if fn != flag.wait.Parent() {
						// ok: a function that wakes the Cond on some paths
						// only: the paths that skip it often have no
						// waiter to wake (nats' Conn.close signals only
						// the subscriptions a goroutine waits for, and
						// only when their Cond is not nil)
						continue
					}
					if ret := c.returnWithoutWake(fn, st, signalers, sites); ret != nil {
						c.reportLostWakeup(fn, st, flag, ret)
						break
					}
				}
			}
		}
	}
}

// fieldCondWait is a Wait on a sync.Cond kept in a struct field.
type fieldCondWait struct {
	call *ssa.Call
	cond *types.Var // the field
}

// fieldCondWaits returns fn's Waits on a Cond kept in a struct field.
func fieldCondWaits(fn *ssa.Function) []fieldCondWait {
	var out []fieldCondWait
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || ssax.FullName(ssax.Callee(&call.Call)) != "(*sync.Cond).Wait" || len(call.Call.Args) != 1 {
				continue
			}
			if cond := ssax.LoadedField(call.Call.Args[0]); cond != nil {
				out = append(out, fieldCondWait{call, cond})
			}
		}
	}
	return out
}

// A stuck flag: a function that sets a Cond wait loop's flag to the value
// that keeps the waiters waiting (c.loading = true), is the only function
// of the package that sets it back, and can return without doing so (a
// failed load that returns its error): every goroutine that waits for the
// flag afterwards waits forever.
//
//	for c.loading {
//		c.cond.Wait()
//	}
//	c.loading = true
//	v, err := c.load()
//	if err != nil {
//		return nil, err // loading stays true
//	}
//	c.loading = false
//	c.cond.Broadcast()
//
// A function that sets the flag back only in a deferred call, or that
// does not set it back at all (another function, a closure or a goroutine
// it starts may), is not reported.
func (c *checker) checkStuckFlags(flags []condFlag) {
	done := map[*types.Var]bool{}
	for _, flag := range flags {
		if done[flag.field] {
			continue // ok: one flag, waited on in several places
		}
		done[flag.field] = true
		var clearers []*ssa.Store // stores of the exiting value
		for _, fn := range c.funcs {
			for _, st := range boolFieldStores(fn, flag.field, flag.exit) {
				clearers = append(clearers, st)
			}
		}
		if len(clearers) == 0 {
			continue // ok: nothing clears it: not this check's shape
		}
		owner := clearers[0].Parent()
		if slices.ContainsFunc(clearers, func(st *ssa.Store) bool { return st.Parent() != owner }) {
			continue // ok: several functions clear it: one may do it for the other
		}
		if c.testCode(owner) {
			continue
		}
		clears := map[ssa.Instruction]bool{}
		for _, st := range clearers {
			clears[st] = true
		}
		for _, st := range boolFieldStores(owner, flag.field, !flag.exit) {
			if ret := returnAvoiding(st, func(instr ssa.Instruction) bool { return clears[instr] }); ret != nil {
				c.reportStuckFlag(owner, st, flag, ret)
				break
			}
		}
	}
}

// boolFieldStores returns the stores in fn (not its closures) of the
// constant value to field f of a value fn does not make.
func boolFieldStores(fn *ssa.Function, f *types.Var, value bool) []*ssa.Store {
	var out []*ssa.Store
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			fa, ok := st.Addr.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			if _, fresh := fa.X.(*ssa.Alloc); fresh {
				continue
			}
			k, ok := st.Val.(*ssa.Const)
			if !ok || k.Value == nil || k.Value.Kind() != constant.Bool || constant.BoolVal(k.Value) != value {
				continue
			}
			if ssax.Field(fa.X.Type(), fa.Field) == f {
				out = append(out, st)
			}
		}
	}
	return out
}

// returnAvoiding is cfg.ReturnAvoiding, except that a deferred call
// that stop accepts covers every path.
func returnAvoiding(from ssa.Instruction, stop func(ssa.Instruction) bool) *ssa.Return {
	for _, b := range from.Parent().Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Defer); ok && stop(instr) {
				return nil
			}
		}
	}
	return cfg.ReturnAvoiding(from, stop)
}

func (c *checker) reportStuckFlag(fn *ssa.Function, st *ssa.Store, flag condFlag, ret *ssa.Return) {
	related := []analysis.RelatedInformation{
		passutil.Related(ret.Pos(), "%s returns here with %s still %t", fnName(fn), flag.field.Name(), !flag.exit),
		passutil.Related(flag.wait.Pos(), "%s waits here until %s is %t", fnName(flag.wait.Parent()), flag.field.Name(), flag.exit),
	}
	if !ret.Pos().IsValid() {
		related = related[1:]
	}
	c.report(analysis.Diagnostic{
		Pos:      st.Pos(),
		Category: catSync,
		Message: fmt.Sprintf("%s sets %s to %t and can return without setting it back, which only it does: every later wait of %s on %s until %s is %t blocks forever",
			fnName(fn), flag.field.Name(), !flag.exit, fnName(flag.wait.Parent()), flag.cond.Name(), flag.field.Name(), flag.exit),
		Related: related,
	})
}

// waitFlags returns the unexported boolean fields whose value ends the
// loop of fn around wait: a branch of the loop on a load of the field
// (or its negation) one of whose successors leaves the loop.
func waitFlags(fn *ssa.Function, wait *ssa.Call, cond *types.Var) []condFlag {
	var out []condFlag
	for _, l := range waitexit.LoopExits(fn) {
		if !slices.Contains(l.Blocks, wait.Block()) {
			continue
		}
		for _, b := range l.Blocks {
			iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
			if !ok {
				continue
			}
			v, negated := iff.Cond, false
			if not, ok := v.(*ssa.UnOp); ok && not.Op == token.NOT {
				v, negated = not.X, true
			}
			f := ssax.LoadedField(v)
			if f == nil || f.Exported() || !types.Identical(f.Type(), types.Typ[types.Bool]) {
				continue
			}
			for i, s := range b.Succs {
				if slices.Contains(l.Blocks, s) {
					continue
				}
				// successor i leaves the loop: taken when the condition
				// is true (i == 0) or false (i == 1)
				exit := (i == 0) != negated
				out = append(out, condFlag{field: f, exit: exit, cond: cond, wait: wait})
			}
		}
	}
	return out
}

// wakes reports whether fn signals or broadcasts the Cond, itself, in
// a closure of its own or through a function of the package it calls
// (two levels): signalers are the functions that hold a wake of the
// Cond's Wait in the counterpart model (wake.Model.WaitWakes).
func (c *checker) wakes(fn *ssa.Function, signalers map[*ssa.Function]bool, depth int) bool {
	if signalers[fn] {
		return true
	}
	for _, anon := range fn.AnonFuncs {
		if c.wakes(anon, signalers, depth) {
			return true
		}
	}
	if depth >= 2 {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c.callWakes(fn, instr, signalers, depth+1) {
				return true
			}
		}
	}
	return false
}

// signalers returns the functions that signal or broadcast the Cond that
// wait waits on and those calls, and false when code out of view may (the
// model does not know all its wakes).
func (c *checker) signalers(wait *ssa.Call) (map[*ssa.Function]bool, map[ssa.Instruction]bool, bool) {
	w, ok := c.model.WaitWakes(wait)
	if !ok || !w.Known {
		return nil, nil, false
	}
	funcs := map[*ssa.Function]bool{}
	sites := map[ssa.Instruction]bool{}
	for _, site := range w.Sites {
		if site.Instr != nil {
			funcs[site.Instr.Parent()] = true
			sites[site.Instr] = true
		}
	}
	return funcs, sites, true
}

// wokenByOwnGoroutine reports whether waiter starts, with a go statement,
// a closure of its own that wakes the Cond (one of signalers):
//
//	go func() { <-ctx.Done(); m.cond.Broadcast() }()
//
// The waiter has arranged its own wakeup, bounded by whatever that
// goroutine waits for (its caller's context), as a wait with a ctx.Done()
// case is.
func wokenByOwnGoroutine(waiter *ssa.Function, signalers map[*ssa.Function]bool) bool {
	if waiter == nil {
		return false
	}
	for _, b := range waiter.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok && signalers[mc.Fn.(*ssa.Function)] {
				return true
			}
		}
	}
	return false
}

// returnWithoutWake returns a return of fn that a path from st reaches
// without a wake of the Cond (a Signal or Broadcast of it, or a call of a
// function of the package that makes one: c.wakes), or nil when every
// path wakes. A deferred wake covers every path.
func (c *checker) returnWithoutWake(fn *ssa.Function, st *ssa.Store, signalers map[*ssa.Function]bool, sites map[ssa.Instruction]bool) *ssa.Return {
	isWake := func(instr ssa.Instruction) bool {
		if sites[instr] {
			return true
		}
		return c.callWakes(fn, instr, signalers, 1)
	}
	return returnAvoiding(st, isWake)
}

// callersWakeAfter reports whether every caller of fn (all of them
// known) wakes the Cond on every path after its call of fn: fn is a
// helper of the waker (RecvData calls recvDataOrderedLocked, which sets
// eof, directly and through processOOOPacketsLocked, then broadcasts
// under the same lock), and the waiters see the flag it sets when the
// caller wakes them.
func (c *checker) callersWakeAfter(fn *ssa.Function, signalers map[*ssa.Function]bool, sites map[ssa.Instruction]bool) bool {
	return c.callersWakeAfterDepth(fn, signalers, sites, 0)
}

// callersWakeAfterDepth is callersWakeAfter, where a caller that can
// return without the wake counts when its own callers wake after calling
// it (processOOOPacketsLocked, which RecvData calls before its
// Broadcast), two levels up.
func (c *checker) callersWakeAfterDepth(fn *ssa.Function, signalers map[*ssa.Function]bool, sites map[ssa.Instruction]bool, depth int) bool {
	calls, all := c.model.Callers(fn)
	if !all || depth > 2 {
		return false
	}
	for _, call := range calls {
		caller := call.Parent()
		if caller == fn {
			return false // recursion: the model does not follow it
		}
		isWake := func(instr ssa.Instruction) bool {
			return sites[instr] || c.callWakes(caller, instr, signalers, 1)
		}
		if returnAvoiding(call, isWake) != nil && !c.callersWakeAfterDepth(caller, signalers, sites, depth+1) {
			return false
		}
	}
	return true
}

// reportLostWakeup reports st; ret is the return a path from it reaches
// without a wake, nil when fn never wakes the Cond.
func (c *checker) reportLostWakeup(fn *ssa.Function, st *ssa.Store, flag condFlag, ret *ssa.Return) {
	related := []analysis.RelatedInformation{
		passutil.Related(flag.wait.Pos(), "%s waits here until %s is %t", fnName(flag.wait.Parent()), flag.field.Name(), flag.exit),
	}
	msg := fmt.Sprintf("%s sets %s to %t, which ends the wait of %s on %s, but never calls Signal or Broadcast on it: a goroutine waiting there is not woken (lost wakeup)",
		fnName(fn), flag.field.Name(), flag.exit, fnName(flag.wait.Parent()), flag.cond.Name())
	if ret != nil {
		others := "a goroutine waiting there is not woken"
		if fn == flag.wait.Parent() {
			others = "the other goroutines waiting there are not woken"
		}
		msg = fmt.Sprintf("%s sets %s to %t, which ends the wait of %s on %s, and can return without Signal or Broadcast on it: %s (lost wakeup)",
			fnName(fn), flag.field.Name(), flag.exit, fnName(flag.wait.Parent()), flag.cond.Name(), others)
		if ret.Pos().IsValid() {
			related = append(related, passutil.Related(ret.Pos(), "%s returns here without a wakeup", fnName(fn)))
		}
	}
	c.report(analysis.Diagnostic{Pos: st.Pos(), Category: catSync, Message: msg, Related: related})
}

// checkSignalForBroadcast reports a Signal that should be a Broadcast: a
// function sets a Cond wait loop's flag to the value that ends the wait
// (g.opened = true) and wakes the Cond only with Signal, while the flag is
// a latch (the waiting function never sets it back) and the waiting
// function passes no wakeup on: Signal wakes one waiter, and every other
// goroutine waiting there sleeps on although its condition holds. The
// waiting function must be exported (any number of goroutines may wait
// in it); an unexported one may have a single waiter by design.
//
//	func (g *Gate) Wait() { g.mu.Lock(); for !g.opened { g.cond.Wait() }; g.mu.Unlock() }
//	func (g *Gate) Open() { g.mu.Lock(); g.opened = true; g.mu.Unlock(); g.cond.Signal() }
func (c *checker) checkSignalForBroadcast(flags []condFlag) {
	done := map[*types.Var]bool{}
	for _, flag := range flags {
		waiter := flag.wait.Parent()
		if done[flag.field] || waiter == nil || !ssax.ExportedAPI(waiter) {
			continue
		}
		signalers, sites, known := c.signalers(flag.wait)
		if !known || signalers[waiter] || len(boolFieldStores(waiter, flag.field, !flag.exit)) > 0 {
			continue // ok: the waiters pass the wakeup on, or consume the flag
		}
		for _, fn := range c.funcs {
			if fn == waiter || c.testCode(fn) || len(boolFieldStores(fn, flag.field, flag.exit)) == 0 {
				continue
			}
			signal := onlySignals(fn, sites)
			if signal == nil || c.wakesThroughCallees(fn, signalers) {
				continue
			}
			done[flag.field] = true
			c.reportSignalForBroadcast(fn, signal, flag)
			break
		}
	}
}

// onlySignals returns a Signal call of fn when every wake of the Cond that
// fn makes itself (sites) is a Signal; nil when fn makes none or one is a
// Broadcast.
func onlySignals(fn *ssa.Function, sites map[ssa.Instruction]bool) *ssa.Call {
	var signal *ssa.Call
	for instr := range sites {
		if instr.Parent() != fn {
			continue
		}
		call, ok := instr.(*ssa.Call)
		if !ok || ssax.FullName(ssax.Callee(&call.Call)) != "(*sync.Cond).Signal" {
			return nil
		}
		if signal == nil || call.Pos() < signal.Pos() {
			signal = call
		}
	}
	return signal
}

// wakesThroughCallees reports whether fn calls a function of the package
// (or runs a closure of its own) that wakes the Cond.
func (c *checker) wakesThroughCallees(fn *ssa.Function, signalers map[*ssa.Function]bool) bool {
	for _, anon := range fn.AnonFuncs {
		if c.wakes(anon, signalers, 0) {
			return true
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c.callWakes(fn, instr, signalers, 1) {
				return true
			}
		}
	}
	return false
}

// callWakes reports whether instr, in fn, calls another function of the
// package that wakes the Cond (c.wakes from depth).
func (c *checker) callWakes(fn *ssa.Function, instr ssa.Instruction, signalers map[*ssa.Function]bool, depth int) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	callee := c.calls.Callee(call.Common())
	return callee != nil && callee != fn && callee.Pkg == fn.Pkg && c.wakes(callee, signalers, depth)
}

func (c *checker) reportSignalForBroadcast(fn *ssa.Function, signal *ssa.Call, flag condFlag) {
	d := analysis.Diagnostic{
		Pos:      signal.Pos(),
		Category: catSync,
		Message: fmt.Sprintf("Signal wakes one goroutine waiting in %s, but %s sets %s to %t, which ends every waiter's wait, and no waiter passes the wakeup on: the others sleep forever (use Broadcast)",
			fnName(flag.wait.Parent()), fnName(fn), flag.field.Name(), flag.exit),
		Related: []analysis.RelatedInformation{
			passutil.Related(flag.wait.Pos(), "%s waits here until %s is %t", fnName(flag.wait.Parent()), flag.field.Name(), flag.exit),
		},
	}
	// signal.Pos() is the call's left parenthesis, right after the name
	if lparen := signal.Pos(); lparen.IsValid() {
		name := token.Pos(len("Signal"))
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Broadcast to wake every waiter",
			TextEdits: []analysis.TextEdit{{Pos: lparen - name, End: lparen, NewText: []byte("Broadcast")}},
		}}
	}
	c.report(d)
}
