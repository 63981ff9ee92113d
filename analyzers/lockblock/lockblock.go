package lockblock

import (
	_ "embed"
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

//go:embed doc.go
var doc string

// Analyzer reports blocking under a mutex, re-locking, lock-order
// inversions and mutexes left held on return.
var Analyzer = &analysis.Analyzer{
	Name:     "lockblock",
	Doc:      passutil.Doc(doc),
	URL:      "https://github.com/conclint/conclint/blob/main/docs/lockblock.md",
	Requires: []*analysis.Analyzer{buildssa.Analyzer, noreturn.Analyzer, callees.Analyzer, blocking.Analyzer, locks.Analyzer},
	Run:      passutil.Guard("lockblock", run),
}

// Diagnostic categories, one per kind of finding.
const (
	catDeadlock   = "deadlock"
	catStall      = "stall"
	catRelock     = "relock"
	catRecursiveR = "recursive-rlock"
	catOrder      = "lock-order"
	catHeld       = "held-on-return"
)

func run(pass *analysis.Pass) (any, error) {
	if !imports(pass, "sync") {
		return nil, nil
	}
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	blk := pass.ResultOf[blocking.Analyzer].(*blocking.Info).Fork()
	lk := pass.ResultOf[locks.Analyzer].(*locks.Info).Fork()
	c := &checker{
		calls:       pass.ResultOf[callees.Analyzer].(*callees.Resolver),
		nr:          pass.ResultOf[noreturn.Analyzer].(*noreturn.Info),
		lk:          lk,
		pass:        pass,
		blk:         blk,
		model:       wake.New(ssainfo.SrcFuncs, blk.Chans()),
		order:       &orderGraph{edges: map[[2]string][]orderEdge{}, writers: map[string]bool{}, writerSites: map[string][]writerSite{}, handedOver: map[string]bool{}},
		condLockers: locks.CondLockers(ssainfo.SrcFuncs),
		takers:      map[string]map[*ssa.Function]bool{},
		writers:     map[string]map[*ssa.Function]bool{},
		reachable:   map[*ssa.Function]map[string]bool{},
		gates:       map[*ssa.Function][]string{},
	}
	c.order.below = lk.AcquiredBelow
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		c.recordTakers(lk.Analyze(fn))
		c.recordHelperAcquires(fn)
	})
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		fl := lk.Analyze(fn)
		handedOff := lk.HandedOff(fn)
		c.checkFunc(fl, handedOff)
		c.checkHeldOnReturn(fl, handedOff)
		c.checkHeldAfterLoop(fl, handedOff)
	})
	c.order.report(pass)
	return nil, nil
}

// checker holds what the queries of one package share.
type checker struct {
	calls       *callees.Resolver
	nr          *noreturn.Info
	lk          *locks.Info
	pass        *analysis.Pass
	blk         *blocking.Info
	model       *wake.Model
	order       *orderGraph
	condLockers map[string]string
	// takers maps a mutex (wake.LockKey) to the functions that acquire it.
	takers map[string]map[*ssa.Function]bool
	// gates memoizes callerGates.
	gates map[*ssa.Function][]string
	// writers is takers restricted to write (exclusive) acquisitions.
	writers map[string]map[*ssa.Function]bool
	// reachable are the functions of takers whose acquisition is on a
	// mutex their caller can reach: one of the function's parameters
	// (its receiver included), captured variables or globals, not an
	// object it made itself.
	reachable map[*ssa.Function]map[string]bool
}

// recordHelperAcquires notes the classes fn locks for its caller on
// every return (orderGraph.handedOver).
func (c *checker) recordHelperAcquires(fn *ssa.Function) {
	for _, e := range c.lk.Summarize(fn).Acquires {
		if class := e.OrderClass(); class != "" {
			c.order.handedOver[class] = true
		}
	}
}

// recordTakers notes which mutexes fl's function acquires.
func (c *checker) recordTakers(fl *locks.FuncLocks) {
	fl.Walk(func(instr ssa.Instruction, _ []locks.Held) {
		for _, ev := range fl.Events(instr) {
			if ev.Kind != locks.Acquire && ev.Kind != locks.Take {
				continue
			}
			if class := ev.Ref.OrderClass(); ev.Mode == locks.Write && class != "" {
				c.order.writers[class] = true
				if ev.Kind == locks.Acquire && ev.Via == nil {
					c.order.writerSites[class] = append(c.order.writerSites[class], writerSite{instr, ev.Ref.Name})
				}
			}
			key := wake.LockKey(ev.Ref)
			if c.takers[key] == nil {
				c.takers[key] = map[*ssa.Function]bool{}
			}
			c.takers[key][fl.Fn] = true
			if reachableRoot(ev.Ref.Root) {
				if c.reachable[fl.Fn] == nil {
					c.reachable[fl.Fn] = map[string]bool{}
				}
				c.reachable[fl.Fn][key] = true
			}
			if ev.Mode == locks.Write {
				if c.writers[key] == nil {
					c.writers[key] = map[*ssa.Function]bool{}
				}
				c.writers[key][fl.Fn] = true
			}
		}
	})
}

// maxProducerSearch bounds the functions visited to tell whether an API
// function runs the send itself.
const maxProducerSearch = 500

// reachableRoot reports whether a mutex with this root is one a caller of
// the function can reach: a parameter (the receiver included), a captured
// variable or a global, rather than an object the function made.
func reachableRoot(root ssa.Value) bool {
	switch root.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return true
	case *ssa.Alloc, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeSlice, *ssa.MakeClosure:
		return false
	}
	return true // a value from a call, a load, a lookup: it may be shared
}

// imports reports whether the package imports path directly or through a
// dependency; without sync there is no mutex to hold.
func imports(pass *analysis.Pass, path string) bool {
	if pass.Pkg.Path() == path {
		return true
	}
	seen := map[string]bool{}
	var visit func(pkgs []*types.Package) bool
	visit = func(pkgs []*types.Package) bool {
		for _, p := range pkgs {
			if p.Path() == path {
				return true
			}
			if seen[p.Path()] {
				continue
			}
			seen[p.Path()] = true
			if visit(p.Imports()) {
				return true
			}
		}
		return false
	}
	return visit(pass.Pkg.Imports())
}

// checkFunc reports re-locks, records lock-order edges, and asks the wake
// model about every wait made with a mutex held.
func (c *checker) checkFunc(fl *locks.FuncLocks, handedOff map[string]bool) {
	inherited := c.yieldInherits(fl)
	fl.Walk(func(instr ssa.Instruction, held []locks.Held) {
		for _, ev := range fl.Events(instr) {
			if ev.Kind == locks.Acquire && ev.Mode == locks.Write && ev.Via == nil && !handedOff[ev.Ref.Key()] {
				c.checkLoopRelock(fl, instr, ev)
			}
		}
		held = withoutKeys(held, handedOff)
		// ok: a callee that unlocks the caller's mutex (fooAndUnlock) may
		// wait, or lock others, after releasing it.
		held = withoutKeys(held, releasedBy(fl.Events(instr)))
		if len(held) == 0 && len(inherited) == 0 {
			return
		}
		if len(held) > 0 {
			relocked := map[string]bool{}
			for _, ev := range fl.Events(instr) {
				if ev.Kind == locks.Acquire || ev.Kind == locks.Take {
					if !relocked[ev.Ref.Key()] {
						relocked[ev.Ref.Key()] = checkRelock(c.pass, instr, ev, held, c.order, c.lk.AcquiredBelow)
					}
					c.order.add(fl.Fn, instr, ev, held, c.callerGates(fl.Fn))
				}
			}
		}
		op, ok := c.blk.Classify(instr)
		if !ok || !op.Unbounded() || op.Kind == blocking.MutexLock {
			return // ok: locks are the business of relock and lock order
		}
		// The enclosing function's locks, held around a range-over-func
		// body, count for its waits (not for re-locking or order: their
		// refs are named in the enclosing function's terms).
		held = withInherited(held, inherited)
		// ok: a mutex the function is only inferred to be entered with
		// (fooLocked, or a goroutine body the lock was handed to) is the
		// caller's: the caller's own wait, at the call, is what to judge.
		held = withoutEntry(held)
		if len(held) == 0 {
			return
		}
		chain, prim, ok := c.primitive(op)
		if !ok {
			return
		}
		if prim.Kind == blocking.CondWait {
			// Cond.Wait releases c.L while it waits: only the other held
			// mutexes stay held. When c.L cannot be told, say nothing.
			held = withoutCondLocker(prim, held, c.condLockers)
			if len(held) == 0 {
				return
			}
		}
		switch prim.Kind {
		case blocking.ChanSend, blocking.ChanRecv, blocking.Select, blocking.WaitGroupWait, blocking.CondWait:
			c.checkDeadlock(fl.Fn, instr, op, prim, chain, held)
		case blocking.NetIO, blocking.HTTP, blocking.Exec, blocking.SQL:
			c.checkStall(fl.Fn, instr, op, prim, held)
		}
	})
}

// callerGates returns the mutex classes that every caller of fn holds
// when it calls fn (through any depth of callers whose call sites are all
// known): a gate lock taken by the callers serializes fn's lock order.
func (c *checker) callerGates(fn *ssa.Function) []string {
	if g, ok := c.gates[fn]; ok {
		return g
	}
	c.gates[fn] = nil // recursion: nothing
	calls, complete := c.model.Callers(fn)
	if !complete {
		return nil
	}
	var common map[string]bool
	for _, call := range calls {
		here := map[string]bool{}
		for _, h := range c.lk.Analyze(call.Parent()).HeldAt(call) {
			if class := h.Ref.OrderClass(); class != "" {
				here[class] = true
			}
		}
		for _, g := range c.callerGates(call.Parent()) {
			here[g] = true
		}
		if common == nil {
			common = here
			continue
		}
		for k := range common {
			if !here[k] {
				delete(common, k)
			}
		}
	}
	out := make([]string, 0, len(common))
	for k := range common {
		out = append(out, k)
	}
	sort.Strings(out)
	c.gates[fn] = out
	return out
}

// yieldInherits returns, for the body of a range-over-func loop (a yield
// closure), the mutexes that its enclosing function holds around the loop
// and that the body never releases: they are held while the body runs.
func (c *checker) yieldInherits(fl *locks.FuncLocks) []locks.Held {
	fn := fl.Fn
	if fn.Synthetic != "range-over-func yield" || fn.Parent() == nil {
		return nil
	}
	refs := fn.Referrers()
	if refs == nil {
		return nil
	}
	released := map[string]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, ev := range fl.Events(instr) {
				if ev.Kind == locks.Release {
					released[wake.LockKey(ev.Ref)] = true
				}
			}
		}
	}
	parent := c.lk.Analyze(fn.Parent())
	for _, r := range *refs {
		mc, ok := r.(*ssa.MakeClosure)
		if !ok || mc.Referrers() == nil {
			continue
		}
		for _, use := range *mc.Referrers() {
			if _, ok := use.(*ssa.Call); !ok {
				continue
			}
			var out []locks.Held
			for _, h := range parent.HeldAt(use) {
				if !released[wake.LockKey(h.Ref)] {
					out = append(out, h)
				}
			}
			return out
		}
	}
	return nil
}

// withoutEntry drops the mutexes held only by the entry-state inference.
func withoutEntry(held []locks.Held) []locks.Held {
	var out []locks.Held
	for _, h := range held {
		if !h.Entry {
			out = append(out, h)
		}
	}
	return out
}

// withInherited adds to held the inherited mutexes it does not name.
func withInherited(held, inherited []locks.Held) []locks.Held {
	if len(inherited) == 0 {
		return held
	}
	out := append([]locks.Held(nil), held...)
	for _, h := range inherited {
		found := false
		for _, x := range held {
			if wake.LockKey(x.Ref) == wake.LockKey(h.Ref) {
				found = true
			}
		}
		if !found {
			out = append(out, h)
		}
	}
	return out
}

// checkLoopRelock reports a Lock in a loop that a path around the loop
// reaches again without unlocking: a continue or break that skips the
// Unlock, so the next iteration locks a mutex this goroutine holds.
func (c *checker) checkLoopRelock(fl *locks.FuncLocks, lock ssa.Instruction, ev locks.Event) {
	if len(fl.Fn.Blocks) > maxLoopRelockBlocks {
		return // ok: a huge (generated) function; the walk would be quadratic
	}
	key := ev.Ref.Key()
	var releases []ssa.Instruction
	for _, b := range fl.Fn.Blocks {
		for _, instr := range b.Instrs {
			for _, e := range fl.Events(instr) {
				if e.Kind == locks.Release && e.Ref.Key() == key {
					releases = append(releases, instr)
				}
			}
		}
	}
	if len(releases) == 0 || fl.DeferredRelease(ev.Ref) {
		return // ok: unlocked elsewhere (a helper, a deferred call, a hand-off)
	}
	isRelease := func(x ssa.Instruction) bool {
		for _, r := range releases {
			if r == x {
				return true
			}
		}
		return false
	}
	if !cfg.Reaches(lock, lock, isRelease) {
		return
	}
	if def, ok := ev.Ref.Root.(ssa.Instruction); ok && cfg.Reaches(lock, def, nil) && cfg.Reaches(def, lock, nil) {
		// ok: the mutex's owner is computed anew in each iteration (a
		// range element): the next iteration locks another mutex.
		return
	}
	// ok: if c { mu.Lock() } ... if c { mu.Unlock() }: the path that
	// skips the unlock also skips the lock, which the CFG cannot tell. The
	// two branches are on the same condition, in two different If blocks
	// (the loop's own test, which decides both, is one block).
	lockConds := conditions(lock)
	for _, r := range releases {
		for cond, blocks := range conditions(r) {
			for lc, lblocks := range lockConds {
				if !sameCondition(lc, cond, 0) {
					continue
				}
				for _, b := range lblocks {
					for _, rb := range blocks {
						if b != rb {
							return
						}
					}
				}
			}
		}
	}
	related := []analysis.RelatedInformation{}
	for _, r := range releases {
		related = append(related, passutil.Related(ssax.Pos(r), "%s unlocked here, not on every path around the loop", ev.Ref.Name))
	}
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(lock),
		Category: catRelock,
		Message: fmt.Sprintf("%s is locked again on a later iteration: a path around the loop (a continue, or a branch that skips the unlock) returns here with %s still held, and sync mutexes are not reentrant (self-deadlock)",
			ev.Ref.Name, ev.Ref.Name),
		Related: related,
	})
}

// maxLoopRelockBlocks bounds the functions checkLoopRelock walks: it
// scans the function and walks its CFG once per Lock.
const maxLoopRelockBlocks = 2000

// sameCondition reports whether two branch conditions compute the same
// value: the same SSA value, or the same comparison of operands that are
// the same value, the same constant, or loads of the same field path from
// the same value (a condition written twice, as in if x.c != nil { Lock }
// ... if x.c != nil { Unlock }).
func sameCondition(a, b ssa.Value, depth int) bool {
	if a == b {
		return true
	}
	if depth > 4 {
		return false
	}
	switch x := a.(type) {
	case *ssa.BinOp:
		y, ok := b.(*ssa.BinOp)
		return ok && x.Op == y.Op && sameCondition(x.X, y.X, depth+1) && sameCondition(x.Y, y.Y, depth+1)
	case *ssa.UnOp:
		y, ok := b.(*ssa.UnOp)
		return ok && x.Op == y.Op && sameCondition(x.X, y.X, depth+1)
	case *ssa.FieldAddr:
		y, ok := b.(*ssa.FieldAddr)
		return ok && x.Field == y.Field && sameCondition(x.X, y.X, depth+1)
	case *ssa.Field:
		y, ok := b.(*ssa.Field)
		return ok && x.Field == y.Field && sameCondition(x.X, y.X, depth+1)
	case *ssa.Const:
		y, ok := b.(*ssa.Const)
		return ok && x.Value != nil && y.Value != nil && x.Value.ExactString() == y.Value.ExactString() && types.Identical(x.Type(), y.Type())
	}
	return false
}

// conditions returns the branch conditions that decide whether instr
// runs, with the If blocks that test them: those that dominate it.
func conditions(instr ssa.Instruction) map[ssa.Value][]*ssa.BasicBlock {
	out := map[ssa.Value][]*ssa.BasicBlock{}
	for b := instr.Block().Idom(); b != nil; b = b.Idom() {
		if len(b.Instrs) == 0 {
			continue
		}
		if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			out[iff.Cond] = append(out[iff.Cond], b)
		}
	}
	return out
}

// maxChain bounds how many calls primitive follows down to the wait.
const maxChain = 4

// primitive follows a blocking call into the functions of this package
// down to the wait itself (blocking summarizes a function as blocking only
// when the wait is on every path through it). It returns the calls on the
// way and the wait, or false when the wait is in another package.
func (c *checker) primitive(op blocking.Op) (chain []blocking.Op, prim blocking.Op, ok bool) {
	for range maxChain {
		if op.Kind != blocking.Call {
			return chain, op, true
		}
		call, isCall := op.Instr.(ssa.CallInstruction)
		if !isCall {
			return nil, op, false
		}
		fn := c.callee(call.Common())
		if fn == nil || fn.Blocks == nil {
			return nil, op, false
		}
		inner := c.blk.FuncBlocks(fn)
		if inner == nil {
			return nil, op, false
		}
		chain = append(chain, op)
		op = *inner
	}
	return nil, op, false
}

// callee returns the one function a call runs in this goroutine: its
// static callee, the single candidate of a dynamic call (a function value,
// an interface method), or the single callback a library call makes for
// it (sync.Once.Do, fmt's String). Several candidates lead to several
// waits with different wakes: the chain is not followed.
func (c *checker) callee(call *ssa.CallCommon) *ssa.Function {
	if fn := c.calls.Resolve(call).Single(); fn != nil && fn.Blocks != nil {
		return fn
	}
	var found *ssa.Function
	for _, lib := range c.calls.Implicit(call) {
		fn := lib.Single()
		if lib.Go || fn == nil || fn.Blocks == nil || c.blk.FuncBlocks(fn) == nil {
			continue
		}
		if found != nil && found != fn {
			return nil
		}
		found = fn
	}
	return found
}

// checkDeadlock reports the wait prim (reached from instr through chain)
// when every wake that could end it must first acquire a mutex that this
// goroutine holds.
func (c *checker) checkDeadlock(fn *ssa.Function, instr ssa.Instruction, op, prim blocking.Op, chain []blocking.Op, held []locks.Held) {
	wakes, ok := c.model.WaitWakes(prim.Instr)
	if ok && !wakes.Known && prim.Kind == blocking.ChanSend {
		c.checkHandedIn(fn, instr, op, prim, chain, held)
		return
	}
	if send, isSend := prim.Instr.(*ssa.Send); ok && wakes.Known && isSend && len(wakes.Sites) == 0 {
		// Nothing receives: only a close ends the send (it panics), so
		// the closes are what the holder waits for (a watcher's result
		// channel that Stop closes under the lock the sender holds).
		wakes.Sites = closesOf(c.model.ChanWakes(send.Chan, false))
	}
	if !ok || !wakes.Known || wakes.Banked || len(wakes.Sites) == 0 {
		// ok: what ends the wait is outside the package, or nothing in the
		// program ends it (the leak pass's question, not a lock's), or a
		// buffered channel may already hold the value.
		return
	}
	for _, h := range mostRecentFirst(held) {
		key := wake.LockKey(h.Ref)
		var first wake.Wake
		var firstAcq wake.Acquisition
		all := true
		inLoop := false // a wake's goroutine may take h in its loop before it
		around := false // or on some way around its loop back to it
		for i, w := range sortedWakes(wakes.Sites) {
			a, ok := c.model.NeededAfterWait(w, key)
			if !ok {
				if a, ok = c.model.AcquiredInLoopBefore(w, key); ok {
					inLoop = true
				} else if a, ok = c.model.AcquiredOnSomeWayAround(w, key); ok {
					around = true
				}
			}
			if !ok || (h.Mode == locks.Read && a.Mode == locks.Read) {
				all = false // ok: this wake can come without h (or shares a read lock)
				break
			}
			if c.childInstance(h, a) || recursiveInstance(h, a) {
				all = false // ok: the wake locks a child's mutex of the same type, not h
				break
			}
			if i == 0 {
				first, firstAcq = w, a
			}
		}
		if !all {
			continue
		}
		how := "locks"
		if firstAcq.Mode == locks.Read {
			how = "read-locks"
		}
		related := []analysis.RelatedInformation{
			passutil.Related(ssax.Pos(h.Site), "%s locked here", h.Ref.Name),
			wakeRelated(first),
			passutil.Related(ssax.Pos(firstAcq.At), "which first %s %s here", how, h.Ref.Name),
		}
		if inLoop || around {
			related[2] = passutil.Related(ssax.Pos(firstAcq.At), "its loop %s %s here", how, h.Ref.Name)
		}
		related = append(related, op.Related...)
		if len(chain) > 0 {
			for _, step := range chain[1:] {
				related = append(related, passutil.Related(ssax.Pos(step.Instr), "%s", waitWhat(step)))
			}
			related = append(related, passutil.Related(ssax.Pos(prim.Instr), "%s", prim.What))
		}
		n := len(wakes.Sites)
		where := fmt.Sprintf("the only %s that could end it, in %s,", wakeWhat(first), ssax.ShortFuncName(ssax.DeclaredFunc(first.Fn)))
		if what := wakeWhat(first); strings.HasPrefix(what, "the return of ") {
			where = fmt.Sprintf("only %s could end it, and it", what) // a goroutine's end: named by its function already
		}
		if n > 1 {
			where = fmt.Sprintf("all %d operations that could end it (e.g. %s in %s)", n, wakeWhat(first), ssax.ShortFuncName(ssax.DeclaredFunc(first.Fn)))
		}
		msg := fmt.Sprintf("deadlock: %s while %s is held, but %s must first %s %s: neither goroutine can proceed",
			waitWhat(op), h.Ref.Name, where, strings.TrimSuffix(how, "s"), h.Ref.Name)
		if inLoop {
			msg = fmt.Sprintf("deadlock: %s while %s is held, but %s comes only after a loop that %s %s: a goroutine on its way to that lock when the wait begins never gets there, and neither can proceed",
				waitWhat(op), h.Ref.Name, where, how, h.Ref.Name)
		}
		if around {
			msg = fmt.Sprintf("deadlock: %s while %s is held, but %s is in a loop that %s %s on some way back to it: a goroutine on its way to that lock when the wait begins never gets back, and neither can proceed",
				waitWhat(op), h.Ref.Name, where, how, h.Ref.Name)
		}
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(instr),
			Category: catDeadlock,
			Message:  msg,
			Related:  related,
		})
		return
	}
}

// closesOf keeps the closes among ws's sites.
func closesOf(ws wake.Wakes) []wake.Wake {
	var out []wake.Wake
	for _, w := range ws.Sites {
		if w.What == "close" {
			out = append(out, w)
		}
	}
	return out
}

// childInstance reports whether acquisition a locks the mutex of h's
// class on another object than h's: an object the holder reached from h's
// own through a field (n.children[i].mu, n.next.mu, while n.mu is held),
// handed to the waking closure. The wake model knows mutexes by class, so
// a parent and its children are one mutex to it; a data structure whose
// node is its own child is taken not to exist.
func (c *checker) childInstance(h locks.Held, a wake.Acquisition) bool {
	if a.At == nil || a.At.Parent() == nil || h.Ref.Class == "" {
		return false
	}
	fl := c.lk.Analyze(a.At.Parent())
	for _, ev := range fl.Events(a.At) {
		if (ev.Kind != locks.Acquire && ev.Kind != locks.Take) || ev.Ref.Class != h.Ref.Class {
			continue
		}
		var owner ssa.Value
		switch root := ev.Ref.Root.(type) {
		case *ssa.FreeVar:
			owner = ssax.Binding(root)
		case *ssa.Parameter:
			owner = c.onlyCallArg(root) // go func(c *T) { ... }(c), go c.refresh(&wg)
		}
		path := ev.Ref.Path
		if len(path) > 0 && path[0] == "*" {
			// a captured variable: the closure reads the value stored in it
			stored, ok := ssax.SingleStore(owner)
			if !ok {
				return false
			}
			owner, path = stored, path[1:]
		}
		return owner != nil && slices.Equal(path, h.Ref.Path) && ssax.ReachedThroughField(owner, h.Ref.Root)
	}
	return false
}

// recursiveInstance reports whether acquisition a is a call of the very
// function whose parameter holds h (check(root) locks root, and the
// wake's goroutine calls check(pkg)), given another value for that
// parameter: the callee locks the mutex of the object it is given, of
// h's class but not h (controller-tools' TypeChecker.check, which checks
// a package's imports in goroutines while it holds the package's lock:
// added195, tuned). A value that is that parameter itself, passed on or
// captured, is h.
func recursiveInstance(h locks.Held, a wake.Acquisition) bool {
	p, ok := h.Ref.Root.(*ssa.Parameter)
	if !ok || h.Ref.Class == "" || p.Parent() == nil {
		return false
	}
	call, ok := a.At.(ssa.CallInstruction)
	if !ok || call.Common().IsInvoke() || call.Common().StaticCallee() != p.Parent() {
		return false
	}
	idx := slices.Index(p.Parent().Params, p)
	args := call.Common().Args
	if idx < 0 || len(args) != len(p.Parent().Params) {
		return false
	}
	arg := args[idx]
	for range 8 { // a captured variable: go/ssa captures it by its cell
		switch x := arg.(type) {
		case *ssa.FreeVar:
			arg = ssax.Binding(x)
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return arg != p
			}
			cell := x.X
			if fv, ok := cell.(*ssa.FreeVar); ok {
				cell = ssax.Binding(fv)
			}
			stored, ok := ssax.SingleStore(cell)
			if !ok {
				return false // not known: keep the finding's ground
			}
			arg = stored
		default:
			return arg != p
		}
		if arg == nil {
			return false
		}
	}
	return false
}

// onlyCallArg returns the argument given for p, a parameter of a
// function literal or of an unexported function or method, at the only
// call or go statement of that function in the package, or nil. A
// function used as a value, or that other packages can call, has callers
// we do not see.
func (c *checker) onlyCallArg(p *ssa.Parameter) ssa.Value {
	fn := p.Parent()
	if fn == nil {
		return nil
	}
	if fn.Parent() == nil && (fn.Object() == nil || fn.Object().Exported()) {
		return nil
	}
	sites := c.blk.Chans().Sites() // the package's call sites, shared
	calls := sites.Calls(fn)
	if sites.Taken(fn) || len(calls) != 1 {
		return nil // a function value, or more than one call: callers unseen
	}
	idx := slices.Index(fn.Params, p)
	if args := calls[0].Common().Args; idx >= 0 && idx < len(args) {
		return args[idx]
	}
	return nil
}

// checkHandedIn reports a send, made while holding L, on a channel that
// the package's callers hand in, when something says a receiver needs L
// before its next receive: a receive the package itself makes acquires L
// on its way (the receiver is known), or the channel was kept (an
// observer, a subscription: the send comes later, on the package's own
// goroutine) and an exported function of the package locks L in a
// conflicting mode, which the subscriber's goroutine may call before its
// next receive. A channel handed to this very call (Collect(ch)) has as
// receiver a goroutine its caller arranged for the call; what it does is
// unknown, and unknown is not evidence.
func (c *checker) checkHandedIn(fn *ssa.Function, instr ssa.Instruction, op, prim blocking.Op, chain []blocking.Op, held []locks.Held) {
	send, ok := prim.Instr.(*ssa.Send)
	if !ok {
		return
	}
	// handed says how the caller gets hold of the channel, handedAt and
	// handedWhere where.
	var (
		handed      string
		handedAt    token.Pos
		handedWhere string
	)
	if p, ok := c.model.HandedIn(send.Chan); ok {
		handed = fmt.Sprintf("the channel comes from the caller (handed to %s)", ssax.ShortFuncName(ssax.DeclaredFunc(p.Parent())))
		handedAt, handedWhere = p.Pos(), "the channel is handed in here"
	} else if f, ok := c.model.HandedOut(send.Chan); ok {
		// a channel the package makes and returns to its callers (a
		// subscription's ResultChan): the receiver is the caller's
		handed = fmt.Sprintf("the channel is handed out to the caller (by %s)", ssax.ShortFuncName(ssax.DeclaredFunc(f)))
		handedAt, handedWhere = f.Pos(), "the channel is handed out by this function"
	} else if fld, ok := c.model.HandedOutField(send.Chan); ok {
		// a channel the package makes and keeps in an exported field for
		// its callers to receive from (a watcher's Errors): the same
		handed = fmt.Sprintf("the channel is handed out to the caller in the exported field %s", passutil.FieldName(fld))
		handedAt, handedWhere = fld.Pos(), "the field callers receive from"
	} else {
		return
	}
	var path []ssa.CallInstruction
	for _, step := range chain {
		call, ok := step.Instr.(ssa.CallInstruction)
		if !ok {
			return
		}
		path = append(path, call)
	}
	_, duringCall := wake.HandedToCall(send.Chan, path)
	for _, h := range mostRecentFirst(held) {
		key := wake.LockKey(h.Ref)
		if recv, a, ok := c.receiverNeeds(send, fn, key, h.Mode); ok {
			c.report(analysis.Diagnostic{
				Pos:      ssax.Pos(instr),
				Category: catDeadlock,
				Message: fmt.Sprintf("deadlock risk: %s while %s is held; %s, and its receiver in %s first %s %s: neither goroutine can proceed",
					waitWhat(op), h.Ref.Name, handed, ssax.ShortFuncName(ssax.DeclaredFunc(recv.Fn)), lockVerb(a.Mode), h.Ref.Name),
				Related: []analysis.RelatedInformation{
					passutil.Related(ssax.Pos(h.Site), "%s locked here", h.Ref.Name),
					passutil.Related(handedAt, "%s", handedWhere),
					passutil.Related(recv.Pos(), "the receive that would end the wait"),
					passutil.Related(ssax.Pos(a.At), "which first %s %s here", lockVerb(a.Mode), h.Ref.Name),
				},
			})
			return
		}
		if duringCall {
			continue // ok: the receiver is the caller's, arranged for this call, and unknown
		}
		conflicting := c.writers[key]
		if h.Mode == locks.Write {
			conflicting = c.takers[key]
		}
		var api *ssa.Function
		for f := range conflicting {
			if !ssax.ExportedAPI(f) || f == fn {
				continue
			}
			if passutil.InTestFile(c.pass, f) {
				continue // ok: the package's tests are not API a subscriber calls
			}
			if !c.reachable[f][key] {
				continue // ok: f locks an object of its own making, not one the subscriber shares with the sender
			}
			if c.calls.Reaches(f, send.Parent(), maxProducerSearch) {
				// ok: f is the producer itself (the operation whose
				// progress the subscriber reads): a subscriber that calls
				// it before its next receive blocks on its own channel,
				// with or without the lock
				continue
			}
			if api == nil || f.String() < api.String() {
				api = f
			}
		}
		if api == nil {
			continue // ok: the receivers cannot reach the mutex
		}
		if wake.AnsweredOnce(send) && c.model.GoroutineRoots(fn).OnlyCallers() {
			// ok: a reply channel kept for one answer, which the caller
			// delivers itself: no goroutine of the package sends, the send
			// runs inside a call of the package's API on the caller's
			// goroutine, and the receiver, waiting for that one reply, is
			// a goroutine the caller arranged, as for a channel handed to
			// this very call. (A subscription, sent on again and again,
			// stays reported wherever its sends run.)
			continue
		}
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(instr),
			Category: catDeadlock,
			Message: fmt.Sprintf("deadlock risk: %s while %s is held; %s, whose receiving goroutine waits forever if it calls %s, which locks %s, before its next receive",
				waitWhat(op), h.Ref.Name, handed, ssax.ShortFuncName(ssax.DeclaredFunc(api)), h.Ref.Name),
			Related: []analysis.RelatedInformation{
				passutil.Related(ssax.Pos(h.Site), "%s locked here", h.Ref.Name),
				passutil.Related(handedAt, "%s", handedWhere),
				passutil.Related(api.Pos(), "%s locks %s", ssax.ShortFuncName(ssax.DeclaredFunc(api)), h.Ref.Name),
			},
		})
		return
	}
}

// receiverNeeds returns a receive of send's channel made in the package,
// outside the sending functions, whose goroutine acquires lock (in a mode
// that conflicts with held) on every path to it: known evidence that the
// receiver cannot take its next value while the sender holds lock. Every
// such receive must need the lock: one that does not (a goroutine that
// drains the channel with no lock) can take the value and end the wait.
func (c *checker) receiverNeeds(send *ssa.Send, fn *ssa.Function, lock string, held locks.Mode) (wake.Wake, wake.Acquisition, bool) {
	var (
		found     bool
		recv      wake.Wake
		acquiring wake.Acquisition
	)
	for _, r := range sortedWakes(c.model.Receivers(send.Chan)) {
		if r.Fn == fn || r.Fn == send.Parent() {
			continue // ok: the sender's own goroutine cannot take its value
		}
		a, ok := c.model.NeededAfterWait(r, lock)
		if !ok || (held == locks.Read && a.Mode == locks.Read) {
			return wake.Wake{}, wake.Acquisition{}, false // ok: this receiver can end the wait without the lock
		}
		if sel, ok := r.Instr.(*ssa.Select); ok && !sel.Blocking {
			continue // ok: a poll (select with default) is not a receiver the sender waits for
		}
		if !found {
			found, recv, acquiring = true, r, a
		}
	}
	return recv, acquiring, found
}

// lockVerb says how an acquisition takes its mutex.
func lockVerb(m locks.Mode) string {
	if m == locks.Read {
		return "read-locks"
	}
	return "locks"
}

// checkStall reports outbound I/O with no deadline made while holding a
// mutex that other functions also take: every one of them waits for the
// network, the database or the process, without bound.
func (c *checker) checkStall(fn *ssa.Function, instr ssa.Instruction, op, prim blocking.Op, held []locks.Held) {
	call, ok := prim.Instr.(ssa.CallInstruction)
	if !ok {
		return
	}
	why, ok := ctxflow.Unbounded(call.Common())
	if !ok {
		return // ok: a deadline may bound it (context, client or caller's)
	}
	via, _ := instr.(ssa.CallInstruction)
	if ctxflow.LocalConnectVia(call, via, c.calls.Sites()) {
		return // ok: a UDP or Unix-domain dial does not wait on a remote peer (also through a parameter every call binds to "udp")
	}
	if passutil.InTestFile(c.pass, fn) {
		return // ok: a test holds its own locks around its own I/O
	}
	for _, h := range mostRecentFirst(held) {
		var other *ssa.Function
		for f := range c.takers[wake.LockKey(h.Ref)] {
			if f != fn && f != prim.Instr.Parent() && (other == nil || f.String() < other.String()) {
				other = f
			}
		}
		if other == nil {
			continue // ok: no one else waits for this mutex
		}
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(instr),
			Category: catStall,
			Message: fmt.Sprintf("stall: %s while %s is held, and %s: every caller of %s (e.g. %s) waits for it without bound",
				waitWhat(op), h.Ref.Name, why, h.Ref.Name, ssax.ShortFuncName(ssax.DeclaredFunc(other))),
			Related: []analysis.RelatedInformation{
				passutil.Related(ssax.Pos(h.Site), "%s locked here", h.Ref.Name),
				passutil.Related(other.Pos(), "%s also locks %s", ssax.ShortFuncName(ssax.DeclaredFunc(other)), h.Ref.Name),
			},
		})
		return
	}
}

func (c *checker) report(d analysis.Diagnostic) { passutil.Report(c.pass, d) }

// waitWhat names the waiting operation for a message.
func waitWhat(op blocking.Op) string {
	return strings.TrimSuffix(op.What, ",")
}

// wakeWhat names a wake for a message.
func wakeWhat(w wake.Wake) string {
	if w.AtExit && w.Fn != nil && w.Instr != nil && w.Fn != w.Instr.Parent() {
		return "the return of " + ssax.ShortFuncName(ssax.DeclaredFunc(w.Fn))
	}
	return w.What
}

// wakeRelated is the related position of the wake w that would end a
// wait, in the function it lies in unless wakeWhat names it already.
func wakeRelated(w wake.Wake) analysis.RelatedInformation {
	what := wakeWhat(w)
	if strings.HasPrefix(what, "the return of ") {
		return passutil.Related(w.Pos(), "%s would end the wait", what)
	}
	return passutil.Related(w.Pos(), "%s that would end the wait, in %s", what, ssax.ShortFuncName(ssax.DeclaredFunc(w.Fn)))
}

// mostRecentFirst orders held by lock site, most recent first (the most
// specific mutex), deterministically.
func mostRecentFirst(held []locks.Held) []locks.Held {
	out := append([]locks.Held(nil), held...)
	sort.SliceStable(out, func(i, j int) bool { return ssax.Pos(out[i].Site) > ssax.Pos(out[j].Site) })
	return out
}

// sortedWakes orders wakes by position, for a deterministic example.
func sortedWakes(ws []wake.Wake) []wake.Wake {
	out := append([]wake.Wake(nil), ws...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// withoutCondLocker drops from held the cond's own lock c.L, or returns
// nothing when c.L is unknown.
func withoutCondLocker(op blocking.Op, held []locks.Held, condLockers map[string]string) []locks.Held {
	call, ok := op.Instr.(*ssa.Call)
	if !ok || len(call.Call.Args) == 0 {
		return nil
	}
	locker, ok := condLockers[locks.Identify(call.Call.Args[0]).Class]
	if !ok {
		return nil
	}
	var out []locks.Held
	for _, h := range held {
		if h.Ref.Class != locker {
			out = append(out, h)
		}
	}
	return out
}

// releasedBy returns the keys of the mutexes that events release.
func releasedBy(events []locks.Event) map[string]bool {
	var out map[string]bool
	for _, ev := range events {
		if ev.Kind == locks.Release {
			if out == nil {
				out = map[string]bool{}
			}
			out[ev.Ref.Key()] = true
		}
	}
	return out
}

func withoutKeys(held []locks.Held, keys map[string]bool) []locks.Held {
	if len(keys) == 0 {
		return held
	}
	var out []locks.Held
	for _, h := range held {
		if !keys[h.Ref.Key()] {
			out = append(out, h)
		}
	}
	return out
}

func checkRelock(pass *analysis.Pass, instr ssa.Instruction, ev locks.Event, held []locks.Held, order *orderGraph, lockedWhere func(ssa.CallInstruction, locks.Event) ([]*ssa.Function, ssa.Instruction)) (reported bool) {
	h, ok := locks.Find(held, ev.Ref.Key())
	if !ok || h.Entry {
		// ok: a mutex only inferred to be held on entry (the function
		// unlocks it somewhere before locking) is the callers' contract,
		// not a proof that this path holds it.
		return false
	}
	if h.Mode == locks.Write && ev.Mode == locks.Write && locks.HandedOverBetween(h, instr) {
		// ok: a goroutine started while the mutex is held unlocks it: the
		// second Lock waits for that goroutine (a join), it does not wait
		// for itself
		return false
	}
	how := "locks " + h.Ref.Name
	if ev.Mode == locks.Read {
		how = "read-locks " + h.Ref.Name
	}
	if ev.Via != nil {
		how = fmt.Sprintf("call to %s %s", ssax.ShortFuncName(ev.Via), strings.TrimPrefix(how, ""))
	} else if name, ok := calledValue(pass, instr); ok {
		how = fmt.Sprintf("call of %s %s", name, how)
	} else {
		how = strings.ToUpper(how[:1]) + how[1:]
	}
	var msg, cat string
	switch {
	case h.Mode == locks.Read && ev.Mode == locks.Read:
		if !order.writers[ev.Ref.Class] && locks.PackagePrivate(ev.Ref.Class, pass.Pkg) {
			// ok: no writer can come between the two RLocks: nothing in
			// the package write-locks the mutex and nothing outside it
			// can name it (a read-only table filled before it is shared).
			return false
		}
		cat = catRecursiveR
		msg = fmt.Sprintf("%s while it is already read-locked on this path: if a writer calls Lock in between, both wait forever (recursive read locking)", how)
	case h.Mode == locks.Read:
		cat = catRelock
		msg = fmt.Sprintf("%s for writing while it is read-locked on this path: Lock waits for the read lock this goroutine holds (deadlock)", how)
	default:
		cat = catRelock
		msg = fmt.Sprintf("%s while it is already locked on this path: sync mutexes are not reentrant (self-deadlock)", how)
	}
	related := []analysis.RelatedInformation{passutil.Related(ssax.Pos(h.Site), "%s first locked here", h.Ref.Name)}
	call, isCall := instr.(ssa.CallInstruction)
	if ev.Via != nil && lockedWhere != nil && isCall {
		// a callee that locks deeper down: name the function that takes
		// the lock and the calls that lead there (a Len that read-locks,
		// called by the drop its caller runs under the lock)
		if chain, site := lockedWhere(call, ev); len(chain) > 1 {
			verb := "locks"
			if ev.Mode == locks.Read {
				verb = "read-locks"
			}
			names := make([]string, len(chain))
			for i, f := range chain {
				names[i] = ssax.ShortFuncName(ssax.DeclaredFunc(f))
			}
			msg += fmt.Sprintf("; %s %s it, reached through %s", names[len(names)-1], verb, strings.Join(names, " -> "))
			related = append(related, passutil.Related(ssax.Pos(site), "%s %s %s here", names[len(names)-1], verb, h.Ref.Name))
		}
	}
	if cat == catRecursiveR {
		// the writer that can come between the two: the first Lock of the
		// mutex's class in the package (pubsub's recvMessages, when the
		// subscription's settings change)
		if site, ok := order.writerOf(ev.Ref.Class, instr.Parent()); ok {
			related = append(related, passutil.Related(ssax.Pos(site.instr), "a writer: %s locks %s here", ssax.ShortFuncName(ssax.DeclaredFunc(site.instr.Parent())), site.name))
		}
	}
	passutil.Report(pass, analysis.Diagnostic{
		Pos:      ssax.Pos(instr),
		Category: cat,
		Message:  msg,
		Related:  related,
	})
	return true
}

// writerOf picks, among the package's Locks of class, one in a method of
// the same receiver type as fn (the mutex of a type embedded in several
// is locked on this type's values there: fyne's list bindings, whose base
// the external bindings embed too), else the first.
func (g *orderGraph) writerOf(class string, fn *ssa.Function) (writerSite, bool) {
	sites := g.writerSites[class]
	if len(sites) == 0 {
		return writerSite{}, false
	}
	if recv := recvNamed(fn); recv != nil {
		for _, site := range sites {
			if recvNamed(site.instr.Parent()) == recv {
				return site, true
			}
		}
	}
	return sites[0], true
}

// recvNamed is the named type of the receiver of the method fn is, or
// that declares fn as a closure.
func recvNamed(fn *ssa.Function) *types.TypeName {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	recv := fn.Signature.Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

// writerSite is a Lock (for writing) of a mutex, and the mutex's name there.
type writerSite struct {
	instr ssa.Instruction
	name  string
}

// orderGraph collects "B acquired while A held" edges between mutex
// classes across the package.
type orderGraph struct {
	edges map[[2]string][]orderEdge
	// writers are the classes that some function write-locks, and
	// writerSites the Locks of each the package makes itself, in the
	// order the functions are walked.
	writers     map[string]bool
	writerSites map[string][]writerSite
	// below finds where a callee of the package takes a lock that a call
	// acquires (locks.Info.AcquiredBelow).
	below func(ssa.CallInstruction, locks.Event) ([]*ssa.Function, ssa.Instruction)
	// handedOver are the classes that a function of the package locks
	// for its caller on every return (a lock helper, URLLock): a function
	// entered with one held holds what such a helper's caller took.
	handedOver map[string]bool
}

type orderEdge struct {
	outer, inner         string // names as written
	outerPos, innerPos   token.Pos
	outerMode, innerMode locks.Mode
	// gates are the other classes held at the edge: two edges that share
	// one are serialized by it and cannot deadlock.
	gates []string
	// made says one of the two mutexes belongs to an object the function
	// allocated itself (published by then, or fresh would drop the edge):
	// few goroutines can know it yet, so the edge is the weaker witness
	// of the pair's order.
	made bool
	// innerSite and innerChain say, for an inner lock taken by a callee
	// of the package, where it locks and the calls that lead there.
	innerSite  token.Pos
	innerChain string
}

func (g *orderGraph) add(fn *ssa.Function, instr ssa.Instruction, ev locks.Event, held []locks.Held, inherited []string) {
	b := ev.Ref.OrderClass()
	if b == "" || fresh(fn, ev.Ref, instr) {
		return // ok: an object made here that nobody else can lock yet
	}
	for _, h := range held {
		if h.Ref.OrderClass() == b {
			// ok: a mutex of this class is already held; the new one is
			// the same mutex reached another way or a second instance,
			// and neither orders it after the others.
			return
		}
	}
	for _, h := range held {
		a := h.Ref.OrderClass()
		if a == "" || a == b || fresh(fn, h.Ref, instr) {
			continue // ok: same class is re-locking or two instances, not order
		}
		// A mutex the function is entered with (it unlocks it without
		// locking it: hugo's URLUnlock read-locks the table, then unlocks
		// the key's mutex that its caller locked) is held by the caller
		// across the call: what the function locks before releasing it
		// comes after it in the order, when a lock helper of the package
		// hands that class to its callers (URLLock). An unlock of a mutex
		// that only a count of holders says is held (syscall's
		// releaseForkLock, which unlocks ForkLock when the last forker
		// leaves) is no such hand-over. The callers' gates are theirs,
		// this one aside.
		if h.Entry && !g.handedOver[a] {
			continue
		}
		gates := slices.DeleteFunc(slices.Clone(inherited), func(g string) bool { return g == a })
		for _, o := range held {
			if oc := o.Ref.OrderClass(); oc != "" && oc != a {
				gates = append(gates, oc)
			}
		}
		key := [2]string{a, b}
		outer := h.Ref.Name
		if h.Entry {
			outer = fmt.Sprintf("%s (which %s's caller locked)", h.Ref.Name, ssax.ShortFuncName(ssax.DeclaredFunc(fn)))
		}
		e := orderEdge{
			outer: outer, inner: ev.Ref.Name, outerPos: ssax.Pos(h.Site), innerPos: ssax.Pos(instr),
			outerMode: h.Mode, innerMode: ev.Mode, gates: gates,
			made: allocatedIn(fn, h.Ref) || allocatedIn(fn, ev.Ref),
		}
		if call, isCall := instr.(ssa.CallInstruction); isCall && ev.Via != nil && g.below != nil {
			if chain, site := g.below(call, ev); len(chain) > 0 && site != nil {
				names := make([]string, len(chain))
				for i, f := range chain {
					names[i] = ssax.ShortFuncName(ssax.DeclaredFunc(f))
				}
				e.innerSite, e.innerChain = ssax.Pos(site), strings.Join(names, " -> ")
			}
		}
		g.edges[key] = append(g.edges[key], e)
	}
}

// fresh reports whether r is a mutex of an object that fn allocated and
// has not published by the time at runs: no other goroutine can hold it
// (ssax.Unpublished).
func fresh(fn *ssa.Function, r locks.Ref, at ssa.Instruction) bool {
	alloc, ok := r.Root.(*ssa.Alloc)
	if !ok || alloc.Parent() != fn {
		return false
	}
	return ssax.Unpublished(alloc, at)
}

// allocatedIn reports whether r is a mutex of an object fn allocates.
func allocatedIn(fn *ssa.Function, r locks.Ref) bool {
	alloc, ok := r.Root.(*ssa.Alloc)
	return ok && alloc.Parent() == fn
}

// report emits one diagnostic per pair of classes locked in both orders
// by two paths that can run at once and whose acquisitions conflict.
func (g *orderGraph) report(pass *analysis.Pass) {
	keys := make([][2]string, 0, len(g.edges))
	for k := range g.edges {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+"\x00"+keys[i][1] < keys[j][0]+"\x00"+keys[j][1] })
	for _, k := range keys {
		if k[0] > k[1] {
			continue // each pair once, from its smaller class
		}
		abs, bas := g.edges[k], g.edges[[2]string{k[1], k[0]}]
		first, second, note, ok := g.cycle(k, abs, bas)
		if !ok {
			continue
		}
		a, b := sameMutexNames(first.outer, second.inner)
		c, d := sameMutexNames(first.inner, second.outer)
		first.outer, second.inner, first.inner, second.outer = a, b, c, d
		where := "here"
		related := []analysis.RelatedInformation{
			passutil.Related(second.innerPos, "%s locked while %s is held", second.inner, second.outer),
			passutil.Related(first.outerPos, "%s locked here", first.outer),
		}
		if first.innerSite.IsValid() {
			where = fmt.Sprintf("here (this call reaches %s, which locks it)", first.innerChain)
			related = append(related, passutil.Related(first.innerSite, "%s locked here, inside %s", first.inner, lastName(first.innerChain)))
		}
		if second.innerSite.IsValid() {
			related = append(related, passutil.Related(second.innerSite, "%s locked here, inside %s", second.inner, lastName(second.innerChain)))
		}
		passutil.Report(pass, analysis.Diagnostic{
			Pos:      first.innerPos,
			Category: catOrder,
			Message: fmt.Sprintf("lock order inversion: %s is locked while %s is held %s, but elsewhere %s is locked while %s is held; two goroutines taking these paths can deadlock%s",
				first.inner, first.outer, where, second.inner, second.outer, note),
			Related: related,
		})
	}
}

// lastName returns the last function of a chain "f -> g -> h".
func lastName(chain string) string {
	return chain[strings.LastIndex(chain, " ")+1:]
}

// sameMutexNames names one mutex the same way twice when one name is the
// other's embedded sync.Mutex or sync.RWMutex (w.Lock() locks w.Mutex):
// the longer name, which says which mutex it is.
func sameMutexNames(x, y string) (string, string) {
	for _, embedded := range []string{".Mutex", ".RWMutex"} {
		if x+embedded == y {
			return y, y
		}
		if y+embedded == x {
			return x, x
		}
	}
	return x, y
}

// cycle picks, deterministically, an A-then-B edge and a B-then-A edge
// that can deadlock: no common gate lock serializes them, and on each
// mutex the two sides conflict (one of them writes) or a writer exists
// that queues readers behind it.
func (g *orderGraph) cycle(k [2]string, abs, bas []orderEdge) (first, second orderEdge, note string, ok bool) {
	best := false
	for _, ab := range abs {
		for _, ba := range bas {
			if shareGate(ab, ba) {
				continue // ok: a common outer lock serializes the two paths
			}
			n := ""
			for i, side := range [2]struct {
				held, acq locks.Mode
			}{{ab.outerMode, ba.innerMode}, {ba.outerMode, ab.innerMode}} {
				if side.held == locks.Read && side.acq == locks.Read {
					if !g.writers[k[i]] {
						n = "-"
						break
					}
					n = "; both sides only read-lock one of them, but Go's RWMutex queues new readers behind a waiting writer, so a writer closes the cycle"
				}
			}
			if n == "-" {
				continue // ok: read/read on a mutex nobody write-locks
			}
			f, s := ab, ba
			if s.innerPos < f.innerPos {
				f, s = s, f
			}
			// the pair with fewer edges on objects made where they are
			// locked is the stronger witness; then the first in the file
			rank, bestRank := madeCount(f, s), madeCount(first, second)
			if !best || rank < bestRank || rank == bestRank && (f.innerPos < first.innerPos || f.innerPos == first.innerPos && s.innerPos < second.innerPos) {
				first, second, note, best = f, s, n, true
			}
		}
	}
	return first, second, note, best
}

// madeCount is how many of a and b lock an object their function made.
func madeCount(a, b orderEdge) int {
	n := 0
	for _, e := range [2]orderEdge{a, b} {
		if e.made {
			n++
		}
	}
	return n
}

func shareGate(a, b orderEdge) bool {
	for _, x := range a.gates {
		for _, y := range b.gates {
			if x == y {
				return true
			}
		}
	}
	return false
}

// checkHeldOnReturn reports early returns that leave a mutex held while a
// later return releases it.
func (c *checker) checkHeldOnReturn(fl *locks.FuncLocks, handedOff map[string]bool) {
	pass := c.pass
	if fl.Fn.Synthetic == "range-over-func yield" {
		return // ok: its returns are the loop's continue and break
	}
	rets := fl.HeldAtReturns()
	if len(rets) < 2 {
		return
	}
	ordered := make([]*ssa.Return, 0, len(rets))
	for r := range rets {
		ordered = append(ordered, r)
	}
	end := token.NoPos
	if syntax := fl.Fn.Syntax(); syntax != nil {
		end = syntax.End()
	}
	at := func(r *ssa.Return) token.Pos {
		if r.Pos().IsValid() {
			return r.Pos()
		}
		return end // the implicit return at the closing brace comes last
	}
	sort.Slice(ordered, func(i, j int) bool { // a total order: implicit returns share a position
		if at(ordered[i]) != at(ordered[j]) {
			return at(ordered[i]) < at(ordered[j])
		}
		return ordered[i].Block().Index < ordered[j].Block().Index
	})
	reported := map[string]bool{}
	for i, r := range ordered {
		for _, h := range rets[r] {
			key := h.Ref.Key()
			if reported[key] || handedOff[key] || h.Entry || fl.EnteredHeld(key) || !h.Ref.Outlives() || !releasedAtLaterReturn(ordered[i+1:], rets, h) {
				// ok: a mutex of an object made here dies with it, and one
				// a goroutine unlocks is not leaked by returning
				continue
			}
			if c.acquiresForCaller(fl, r, ordered[i+1:], rets, h) {
				continue // ok: it hands the lock to its caller on success
			}
			reported[key] = true
			passutil.Report(pass, analysis.Diagnostic{
				Pos:      ssax.Pos(r),
				Category: catHeld,
				Message:  fmt.Sprintf("return with %s still locked, though later returns unlock it: the next Lock of %s blocks forever (use defer to unlock)", h.Ref.Name, h.Ref.Name),
				Related:  []analysis.RelatedInformation{passutil.Related(ssax.Pos(h.Site), "%s locked here", h.Ref.Name)},
			})
		}
	}
}

// checkHeldAfterLoop reports a function whose only return leaves a
// mutex held that it locks in a loop and unlocks on the loop's way back
// to that Lock (a break out of the loop that skips the Unlock:
// cockroach#584's bootstrap): the loop shows the function means to
// release what it takes, and the next Lock of the mutex blocks forever.
// A function with several returns is checkHeldOnReturn's; a function
// whose callers release the mutex after the call (it hands the lock to
// them) and one that code the package does not show may call are not
// reported, whatever their names say.
func (c *checker) checkHeldAfterLoop(fl *locks.FuncLocks, handedOff map[string]bool) {
	fn := fl.Fn
	if fn.Synthetic != "" {
		return
	}
	rets := fl.HeldAtReturns()
	if len(rets) != 1 {
		return
	}
	var r *ssa.Return
	for ret := range rets {
		r = ret
	}
	calls, ok := c.calls.Sites().AllCalls(fn)
	if !ok || len(calls) == 0 {
		return // ok: callers we do not see may take the lock over
	}
	for _, h := range rets[r] {
		key := h.Ref.Key()
		if handedOff[key] || h.Entry || fl.EnteredHeld(key) || !h.Ref.Outlives() || h.Site == nil || h.Site.Parent() != fn {
			continue
		}
		if !cfg.Reaches(h.Site, h.Site, nil) || cfg.Reaches(h.Site, h.Site, releaseOf(fl, key)) {
			continue // ok: not locked in a loop, or the loop does not unlock it before its next Lock (a re-lock)
		}
		if c.callersRelease(calls, h.Ref.Class) {
			continue // ok: the callers take the lock over
		}
		d := analysis.Diagnostic{
			Pos:      ssax.Pos(h.Site),
			Category: catHeld,
			Message: fmt.Sprintf("%s, locked here in a loop that unlocks it before each next Lock, is still locked when %s returns: the next Lock of %s blocks forever (unlock before leaving the loop)",
				h.Ref.Name, ssax.ShortFuncName(ssax.DeclaredFunc(fn)), h.Ref.Name),
		}
		if r.Pos().IsValid() {
			d.Related = []analysis.RelatedInformation{passutil.Related(r.Pos(), "returns here with %s locked", h.Ref.Name)}
		}
		passutil.Report(c.pass, d)
		return
	}
}

// releaseOf returns a stop function for fl's instructions that release
// the mutex key.
func releaseOf(fl *locks.FuncLocks, key string) func(ssa.Instruction) bool {
	return func(instr ssa.Instruction) bool {
		for _, ev := range fl.Events(instr) {
			if ev.Kind == locks.Release && ev.Ref.Key() == key {
				return true
			}
		}
		return false
	}
}

// callersRelease reports whether a caller releases a mutex of class
// (type and field, or the container of a lock per key) after one of calls, or defers its release there, with
// no Lock of its own of that class in between: the callee handed the
// lock over.
func (c *checker) callersRelease(calls []ssa.CallInstruction, class string) bool {
	if class == "" {
		return true // ok: cannot tell the callers' mutexes apart
	}
	for _, call := range calls {
		if _, ok := call.(*ssa.Go); ok {
			continue
		}
		caller := call.Parent()
		fl := c.lk.Analyze(caller)
		relocks := func(instr ssa.Instruction) bool { // the caller's own Lock of the class: what follows releases that
			for _, ev := range fl.Events(instr) {
				if ev.Kind == locks.Acquire && ev.Ref.OrderClass() == class {
					return true
				}
			}
			return false
		}
		released := false
		for _, b := range caller.Blocks {
			for _, instr := range b.Instrs {
				for _, ev := range slices.Concat(fl.Events(instr), fl.DeferredReleases(instr)) {
					if ev.Kind == locks.Release && ev.Ref.OrderClass() == class && cfg.Reaches(call, instr, relocks) {
						released = true // a release after the call, or a defer after it that releases at return
					}
				}
			}
		}
		if released {
			return true
		}
	}
	return false
}

// releasedAtLaterReturn reports whether one of the later returns, reached
// from where h was locked, no longer holds it: the region that locked it
// releases it on another exit. A return that only paths avoiding the Lock
// reach (an error return before it) says nothing: a function whose every
// exit after the Lock holds the mutex hands it to someone else on purpose
// (a test's goroutine that locks a mutex another goroutine unlocks).
func releasedAtLaterReturn(later []*ssa.Return, rets map[*ssa.Return][]locks.Held, h locks.Held) bool {
	key := h.Ref.Key()
	for _, r := range later {
		if _, held := locks.Find(rets[r], key); !held && (h.Site == nil || cfg.Reaches(h.Site, r, nil)) {
			return true
		}
	}
	return false
}

// acquiresForCaller reports whether fn, which returns at r with h held
// and releases it at a later return, is a helper that takes the lock for
// its caller. Its callers decide when the package shows them all: one
// that releases the mutex after the call takes the lock over; callers
// that release nothing show the held return is the bug (moby#17176's
// cleanupDeletedDevices, whose success return keeps the lock). When
// code the package does not show may call it, its returns decide: the
// held return reports success (a nil error, true) where a releasing one
// reports failure (an error, false), as a try-lock does. What its name
// says does not count: vouch's auctionBlock returns its error with the
// read lock kept.
func (c *checker) acquiresForCaller(fl *locks.FuncLocks, r *ssa.Return, later []*ssa.Return, rets map[*ssa.Return][]locks.Held, h locks.Held) bool {
	if calls, ok := c.calls.Sites().AllCalls(fl.Fn); ok && len(calls) > 0 {
		return c.callersRelease(calls, h.Ref.OrderClass())
	}
	if c.outcome(r) <= 0 {
		return false
	}
	for _, l := range later {
		if _, stillHeld := locks.Find(rets[l], h.Ref.Key()); !stillHeld && c.outcome(l) < 0 {
			return true
		}
	}
	return false
}

// outcome says what a return tells its caller: 1 success (its last
// result a nil error, or the constant true), -1 failure (an error that
// is not nil there, or false), 0 nothing (no such result, or not known).
func (c *checker) outcome(r *ssa.Return) int {
	if len(r.Results) == 0 {
		return 0
	}
	last := r.Results[len(r.Results)-1]
	if k, ok := last.(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.Bool {
		if constant.BoolVal(k.Value) {
			return 1
		}
		return -1
	}
	if !types.Identical(last.Type(), types.Universe.Lookup("error").Type()) {
		return 0
	}
	switch {
	case ctxflow.NilWith(last, c.nr.Succeeds):
		return 1
	case ctxflow.NonNilWith(last, r.Block(), c.nr.Fails):
		return -1
	}
	return 0
}

// calledValue names, as written (le.cp), the function value a dynamic
// call runs when it is loaded from a field: the closure a callback field
// holds, which has no declared name to report.
func calledValue(pass *analysis.Pass, instr ssa.Instruction) (string, bool) {
	c, ok := instr.(ssa.CallInstruction)
	if !ok || c.Common().IsInvoke() || ssax.Callee(c.Common()) != nil {
		return "", false
	}
	load, ok := c.Common().Value.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return "", false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return "", false
	}
	f := ssax.Field(fa.X.Type(), fa.Field)
	recv, ok := ssax.SourceOf(pass.Files).Receiver(c.Common().Pos())
	if f == nil || !ok {
		return "", false
	}
	return recv + "." + f.Name(), true
}
