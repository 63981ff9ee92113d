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
	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
)

// catSync is the category of a goroutine blocked on a sync primitive whose
// counterpart the owner can skip.
const catSync = "blocked-sync"

// waiter is a goroutine started by the owner that waits on a group.
type waiter struct {
	site *ssa.Go       // the go statement, in the owner
	at   token.Pos     // the Wait (or the go statement when the body is elsewhere)
	fn   *ssa.Function // the goroutine's body when it is a closure, else nil
	op   groups.Op     // the Wait or WaitVia
	via  string        // the named function that waits, for WaitVia
}

// checkGroups reports goroutines that wait on a WaitGroup made by fn when
// fn can return, after counting work with Add, without the Done calls (or
// the goroutines that make them) that would release the Wait.
func (c *checker) checkGroups(fn *ssa.Function) {
	for _, g := range c.groups.Local(fn) {
		if g.Kind != groups.WaitGroup {
			continue
		}
		workers := map[ssa.Instruction]bool{}
		if g.Escape != nil {
			var ok bool
			if workers, ok = c.passedToWorkers(g); !ok {
				continue // ok: a group that reaches code we do not follow may be released there
			}
		}
		c.checkGroup(fn, g, workers)
	}
}

// passedToWorkers returns the owner's calls and go statements that pass
// the group (a local variable) to a function that may call Done (go
// worker(&wg, x)), when those are the only ways it leaves the owner and
// the closures that capture it; ok is false otherwise.
func (c *checker) passedToWorkers(g *groups.Group) (map[ssa.Instruction]bool, bool) {
	alloc, ok := g.Root.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	out := map[ssa.Instruction]bool{}
	var uses func(v ssa.Value, owner bool) bool
	uses = func(v ssa.Value, owner bool) bool {
		refs := v.Referrers()
		if refs == nil {
			return true
		}
		for _, ref := range *refs {
			switch x := ref.(type) {
			case *ssa.DebugRef, *ssa.FieldAddr:
			case ssa.CallInstruction:
				common := x.Common()
				if k, _, recv := groups.MethodOf(common); k == groups.WaitGroup && recv == v {
					continue // an operation the group's walk recorded
				}
				for i, a := range common.Args {
					if a != v {
						continue
					}
					if _, waits := c.groups.WaitsOn(common, i); waits {
						continue // a WaitVia the walk recorded
					}
					if !owner || !c.groups.MayCallDone(common) {
						return false
					}
					out[x] = true // ok: a worker (or helper) that may call Done releases the count
				}
			case *ssa.MakeClosure:
				if !owner {
					return false
				}
				cl, ok := x.Fn.(*ssa.Function)
				if !ok {
					return false
				}
				for i, b := range x.Bindings {
					if b == v && i < len(cl.FreeVars) && !uses(cl.FreeVars[i], false) {
						return false
					}
				}
			default:
				return false
			}
		}
		return true
	}
	if !uses(alloc, true) || len(out) == 0 {
		return nil, false
	}
	return out, true
}

func (c *checker) checkGroup(fn *ssa.Function, g *groups.Group, workers map[ssa.Instruction]bool) {
	var waiters []waiter
	var adds []groups.Op
	releases := map[ssa.Instruction]bool{}
	for w := range workers {
		releases[w] = true
	}
	for _, op := range g.Ops {
		if op.Site == nil {
			return // ok: an operation in a closure we could not place
		}
		switch op.Method {
		case groups.Wait, groups.WaitVia:
			if w, ok := c.goroutineWait(op); ok {
				waiters = append(waiters, w)
				continue
			}
			// The owner (or a closure it calls) waits itself: it blocks
			// too, which is not a leaked goroutine; the path stops there.
			releases[op.Site] = true
		case groups.Done, groups.WGGo:
			// ok: a Done, a deferred Done, or a goroutine that calls Done
			// (on some path: a goroutine that may skip its Done is
			// errgroupwait's skipped-done, reported at that return).
			releases[op.Site] = true
		case groups.Add:
			if !op.Direct() {
				return // ok: Add in a goroutine or a closure: the count is not followed
			}
			n, known := constArg(op.Instr.Common(), 1)
			switch {
			case known && n < 0:
				releases[op.Site] = true
			case known && n == 0:
			default:
				adds = append(adds, op)
			}
		default:
			return
		}
	}
	if len(waiters) == 0 || len(adds) == 0 {
		return
	}
	for _, w := range waiters {
		for _, op := range g.Ops {
			if op.Site == w.site && op.Method != groups.Wait && op.Method != groups.WaitVia {
				w = waiter{} // ok: the waiting goroutine also counts or releases: a protocol we do not model
				break
			}
		}
		if w.site == nil || deferredRelease(releases, w.site) {
			continue // ok: a deferred release registered before the spawn runs on every return
		}
		if c.reportWaiter(fn, g, w, adds, releases) {
			return // one finding per group
		}
	}
}

// goroutineWait recognizes a Wait that a goroutine started by the owner
// makes on every path through its body: a closure whose body waits, or a
// go statement calling a named function that waits on its argument on
// every path (groups.WaitsFact).
func (c *checker) goroutineWait(op groups.Op) (waiter, bool) {
	gs, ok := op.Site.(*ssa.Go)
	if !ok {
		return waiter{}, false
	}
	if op.Method == groups.WaitVia {
		if op.Instr != ssa.CallInstruction(gs) {
			return waiter{}, false // a closure that calls a waiting function: treat as the closure's own wait below
		}
		name := "a function"
		if op.Via != nil {
			name = ssax.ShortFuncName(op.Via)
		}
		return waiter{site: gs, at: gs.Pos(), op: op, via: name}, true
	}
	if c.groups.Resolve(&gs.Call).Single() != op.Fn || op.Fn.Blocks == nil {
		return waiter{}, false // ok: a Wait in a nested closure may not run
	}
	if !cfg.PostDominators(op.Fn).PostDominates(op.Instr.Block(), op.Fn.Blocks[0]) {
		return waiter{}, false // ok: the goroutine waits only on some paths
	}
	return waiter{site: gs, at: ssax.Pos(op.Instr), fn: op.Fn, op: op}, true
}

// reportWaiter looks for a path of the owner through an Add, then the
// waiter's go statement, to a return, on which no release runs, and
// reports the waiter when there is one.
func (c *checker) reportWaiter(fn *ssa.Function, g *groups.Group, w waiter, adds []groups.Op, releases map[ssa.Instruction]bool) bool {
	signalled, signalledCases := c.waiterSignalled(fn, w)
	stop := func(instr ssa.Instruction) bool {
		if signalled[instr] {
			return true // ok: past a receive that only the waiter's own signal after its Wait can complete: the Wait has returned
		}
		return releases[instr] || c.noReturnCall(instr) // ok: the process, goroutine or test ends here
	}
	// A loop that releases in its body is taken to release once per count:
	// leaving it normally is not a missed Done (for _, x := range xs
	// { go work(x) } after wg.Add(len(xs))), but a return inside it, before
	// its release, is the early exit that leaves the count short.
	inReleasing := map[*ssa.BasicBlock]*waitexit.Loop{}
	loops := waitexit.LoopExits(fn)
	for i := range loops {
		l := &loops[i]
		releasing := false
		for _, b := range l.Blocks {
			for _, instr := range b.Instrs {
				releasing = releasing || releases[instr]
			}
		}
		if !releasing {
			continue
		}
		for _, b := range l.Blocks {
			if cur := inReleasing[b]; cur == nil || len(cur.Blocks) < len(l.Blocks) {
				inReleasing[b] = l
			}
		}
	}
	// Leaving such a loop is allowed only straight into a return from
	// inside its body (return err before the go statement); its header's
	// exit and breaks to the code after it are the normal end.
	skip := func(from, to *ssa.BasicBlock) bool {
		if signalledCases[to] {
			return true // ok: the select case of the waiter's signal: its Wait has returned
		}
		l := inReleasing[from]
		if l == nil || inReleasing[to] == l {
			return false
		}
		return from == l.Header || !endsInReturn(to)
	}
	fromLoop := func(b *ssa.BasicBlock) bool {
		for _, p := range b.Preds {
			if l := inReleasing[p]; l != nil && p != l.Header {
				return true
			}
		}
		return false
	}
	isRet := func(instr ssa.Instruction) bool { _, ok := instr.(*ssa.Return); return ok }
	name := ssax.Name(g.Root)
	for _, add := range adds {
		n, known := constArg(add.Instr.Common(), 1)
		// The Add must come before the spawn: a Wait that starts while the
		// counter is still zero returns at once (and races with the Add).
		var ret ssa.Instruction
		if cfg.FirstAvoiding(add.Instr, func(i ssa.Instruction) bool { return i == w.site }, stop, skip) != nil {
			ret = cfg.FirstAvoiding(w.site, isRet, stop, skip)
		}
		if ret == nil {
			continue
		}
		if !known && !fromLoop(ret.Block()) {
			// ok: wg.Add(len(xs)) may add zero; only a return inside the
			// loop that releases once per element (so at least one was
			// counted) proves the count short.
			continue
		}
		what := "wg.Wait"
		if name != "" {
			what = name + ".Wait"
		}
		if w.via != "" {
			what = fmt.Sprintf("%s (which waits on %s)", w.via, name)
		}
		count := fmt.Sprintf("%s.Add", name)
		if known {
			count = fmt.Sprintf("%s.Add(%d)", name, n)
		}
		c.report(analysis.Diagnostic{
			Pos:      w.at,
			Category: catSync,
			Message: fmt.Sprintf("goroutine can block forever in %s: %s can return after %s without calling Done or starting the goroutines that do (goroutine leak)",
				what, fnName(fn), count),
			Related: []analysis.RelatedInformation{
				passutil.Related(w.site.Pos(), "goroutine started here"),
				passutil.Related(ssax.Pos(add.Instr), "%s counts work here", count),
				passutil.Related(returnPos(ret.(*ssa.Return)), "%s returns here without releasing it", fnName(fn)),
			},
		})
		return true
	}
	return false
}

// constArg returns argument i of call when it is an integer constant.
func constArg(call *ssa.CallCommon, i int) (int64, bool) {
	if i >= len(call.Args) {
		return 0, false
	}
	k, ok := ssax.Unwrap(call.Args[i]).(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(k.Value)
}

func endsInReturn(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	return ok
}

// checkMutexes reports goroutines that lock a mutex local to fn (var mu
// sync.Mutex) which fn holds when it starts them and still holds at a
// return: once fn is gone, nothing can unlock it.
func (c *checker) checkMutexes(fn *ssa.Function) {
	if !allocsMutex(fn) {
		return // ok: only a mutex fn makes itself is looked at
	}
	fl := c.locks.Analyze(fn)
	rets := fl.HeldAtReturns()
	if len(rets) == 0 {
		return
	}
	heldAt := map[ssa.Instruction][]locks.Held{}
	fl.Walk(func(instr ssa.Instruction, held []locks.Held) {
		if _, ok := instr.(*ssa.Go); ok {
			heldAt[instr] = held
		}
	})
	reported := map[*ssa.Alloc]bool{}
	for _, b := range fn.Blocks {
		r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, h := range rets[r] {
			alloc, ok := h.Ref.Root.(*ssa.Alloc)
			if !ok || len(h.Ref.Path) != 0 || !locks.IsMutex(alloc.Type()) || reported[alloc] {
				continue
			}
			if c.reportMutex(fn, alloc, h, r, heldAt) {
				reported[alloc] = true
			}
		}
	}
}

// allocsMutex reports whether fn makes a sync.Mutex or sync.RWMutex of
// its own (var mu sync.Mutex): the only mutexes checkMutexes asks about,
// so the lock analysis of other functions is not needed.
func allocsMutex(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if a, ok := instr.(*ssa.Alloc); ok && locks.IsMutex(a.Type()) {
				return true
			}
		}
	}
	return false
}

// reportMutex looks for a goroutine started while alloc's mutex is held
// on a path to r, that locks it on every path.
func (c *checker) reportMutex(fn *ssa.Function, alloc *ssa.Alloc, h locks.Held, r *ssa.Return, heldAt map[ssa.Instruction][]locks.Held) bool {
	closures, ok := mutexClosures(alloc)
	if !ok {
		return false // ok: the mutex reaches code we do not follow, which may unlock it
	}
	// ok: a closure that may unlock the mutex without having locked it
	// first releases the owner's lock (a hand-off), so nothing is stuck.
	for _, cl := range closures {
		if c.unlocksForeign(cl.fn, cl.fv) {
			return false
		}
	}
	for _, cl := range closures {
		gs, ok := launchedBy(cl.mc)
		if !ok {
			continue
		}
		if _, held := locks.Find(heldAt[gs], h.Ref.Key()); !held {
			continue // ok: the goroutine may take the mutex before fn does
		}
		if !cfg.Reaches(gs, r, nil) {
			continue
		}
		lock := c.lockOnEveryPath(cl.fn, cl.fv)
		if lock == nil {
			continue // ok: the goroutine locks only on some paths
		}
		name := ssax.Name(alloc)
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(lock),
			Category: catSync,
			Message: fmt.Sprintf("goroutine can block forever in %s.Lock: %s can return holding %s, which is local to it, so nothing can unlock it (goroutine leak)",
				name, fnName(fn), name),
			Related: []analysis.RelatedInformation{
				passutil.Related(gs.Pos(), "goroutine started here while %s is held", name),
				passutil.Related(ssax.Pos(h.Site), "%s locked here", name),
				passutil.Related(returnPos(r), "%s returns here without unlocking %s", fnName(fn), name),
			},
		})
		return true
	}
	return false
}

type capturingClosure struct {
	mc *ssa.MakeClosure
	fn *ssa.Function
	fv *ssa.FreeVar
}

// mutexClosures returns the closures that capture the local mutex alloc,
// and false when the mutex is used in any way other than calling its
// methods, in fn or in those closures (passed, stored, copied).
func mutexClosures(alloc *ssa.Alloc) ([]capturingClosure, bool) {
	var out []capturingClosure
	onlyMethods := func(v ssa.Value) bool {
		refs := v.Referrers()
		if refs == nil {
			return true
		}
		for _, ref := range *refs {
			switch x := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.Call:
				if x.Call.IsInvoke() || len(x.Call.Args) == 0 || x.Call.Args[0] != v || !isMutexMethod(x.Call) {
					return false
				}
				for _, a := range x.Call.Args[1:] {
					if a == v {
						return false
					}
				}
			case *ssa.Defer:
				if x.Call.IsInvoke() || len(x.Call.Args) == 0 || x.Call.Args[0] != v || !isMutexMethod(x.Call) {
					return false
				}
			case *ssa.MakeClosure:
				if v != ssa.Value(alloc) {
					return false // ok: nested captures are not followed
				}
			default:
				return false
			}
		}
		return true
	}
	if !onlyMethods(alloc) {
		return nil, false
	}
	for _, ref := range *alloc.Referrers() {
		mc, ok := ref.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		cl, ok := mc.Fn.(*ssa.Function)
		if !ok {
			return nil, false
		}
		for i, b := range mc.Bindings {
			if b != ssa.Value(alloc) || i >= len(cl.FreeVars) {
				continue
			}
			if !onlyMethods(cl.FreeVars[i]) {
				return nil, false
			}
			out = append(out, capturingClosure{mc: mc, fn: cl, fv: cl.FreeVars[i]})
		}
	}
	return out, true
}

// launchedBy returns the go statement that runs mc, when that is mc's
// only use.
func launchedBy(mc *ssa.MakeClosure) (*ssa.Go, bool) {
	site, ok := runBy(mc)
	gs, isGo := site.(*ssa.Go)
	return gs, ok && isGo
}

// unlocksForeign reports whether fn may unlock the mutex fv at a point
// where it does not hold it itself.
func (c *checker) unlocksForeign(fn *ssa.Function, fv *ssa.FreeVar) bool {
	foreign := false
	key := locks.Identify(fv).Key()
	c.locks.Analyze(fn).Walk(func(instr ssa.Instruction, held []locks.Held) {
		call, ok := instr.(ssa.CallInstruction)
		if !ok || len(call.Common().Args) == 0 || call.Common().Args[0] != ssa.Value(fv) || !isUnlock(*call.Common()) {
			return
		}
		if _, ok := locks.Find(held, key); !ok {
			foreign = true
		}
	})
	return foreign
}

// lockOnEveryPath returns a Lock (or RLock) of fv that runs on every path
// through fn before anything else is done with fv, or nil.
func (c *checker) lockOnEveryPath(fn *ssa.Function, fv *ssa.FreeVar) ssa.Instruction {
	if len(fn.Blocks) == 0 {
		return nil
	}
	pd := cfg.PostDominators(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || len(call.Call.Args) == 0 || call.Call.Args[0] != ssa.Value(fv) {
				continue
			}
			if isUnlock(call.Call) || !pd.PostDominates(b, fn.Blocks[0]) {
				continue
			}
			// The first use of fv on this path must be this Lock.
			first := true
			for _, p := range fn.Blocks {
				for _, x := range p.Instrs {
					if x2, ok := x.(*ssa.Call); ok && x2 != call && len(x2.Call.Args) > 0 && x2.Call.Args[0] == ssa.Value(fv) && cfg.Reaches(x2, call, nil) {
						first = false
					}
				}
			}
			if first && ssax.FullName(ssax.Callee(&call.Call)) != "(*sync.Mutex).TryLock" {
				return call
			}
		}
	}
	return nil
}

func isMutexMethod(call ssa.CallCommon) bool {
	f := ssax.Callee(&call)
	if f == nil {
		return false
	}
	sig, ok := f.Type().(*types.Signature)
	return ok && sig.Recv() != nil && locks.IsMutex(sig.Recv().Type())
}

func isUnlock(call ssa.CallCommon) bool {
	switch ssax.FullName(ssax.Callee(&call)) {
	case "(*sync.Mutex).Unlock", "(*sync.RWMutex).Unlock", "(*sync.RWMutex).RUnlock":
		return true
	}
	return false
}

// condOp is a Wait, Signal or Broadcast on a sync.Cond local to the owner.
type condOp struct {
	call ssa.CallInstruction
	fn   *ssa.Function // where it runs: the owner or a closure
	wait bool
}

// localCond follows a *sync.Cond made by the owner (sync.NewCond, or
// &sync.Cond{...}) through a captured variable holding it into the
// closures that capture it. It returns its operations and, for each
// closure, the instruction of the owner that runs it; ok is false when it
// reaches anything else (passed, stored, returned, copied).
func localCond(root ssa.Value) (ops []condOp, sites map[*ssa.Function]ssa.Instruction, ok bool) {
	sites = map[*ssa.Function]ssa.Instruction{}
	var value func(v ssa.Value, fn *ssa.Function, depth int) bool
	var variable func(addr ssa.Value, fn *ssa.Function, depth int) bool
	closure := func(mc *ssa.MakeClosure, captured ssa.Value, fn *ssa.Function, depth int) bool {
		cl, ok := mc.Fn.(*ssa.Function)
		if !ok {
			return false
		}
		site, ok := runBy(mc)
		if fn != root.Parent() || !ok {
			return false // ok: only closures the owner runs (go, defer, call) are followed
		}
		sites[cl] = site
		for i, b := range mc.Bindings {
			if b == captured && i < len(cl.FreeVars) {
				fv := cl.FreeVars[i]
				if isCondPtr(fv.Type()) {
					if !value(fv, cl, depth+1) {
						return false
					}
				} else if !variable(fv, cl, depth+1) {
					return false
				}
			}
		}
		return true
	}
	value = func(v ssa.Value, fn *ssa.Function, depth int) bool {
		refs := v.Referrers()
		if refs == nil || depth > 4 {
			return refs == nil
		}
		for _, ref := range *refs {
			switch x := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.FieldAddr:
				// ok: c.L, the cond's locker
			case ssa.CallInstruction:
				common := x.Common()
				if common.IsInvoke() || len(common.Args) == 0 || common.Args[0] != v {
					return false
				}
				switch ssax.FullName(ssax.Callee(common)) {
				case "(*sync.Cond).Wait":
					ops = append(ops, condOp{x, fn, true})
				case "(*sync.Cond).Signal", "(*sync.Cond).Broadcast":
					ops = append(ops, condOp{x, fn, false})
				default:
					return false
				}
			case *ssa.Store:
				alloc, ok := x.Addr.(*ssa.Alloc)
				if !ok || x.Val != v {
					return false
				}
				if _, single := ssax.SingleStore(alloc); !single || !variable(alloc, fn, depth) {
					return false
				}
			case *ssa.MakeClosure:
				if !closure(x, v, fn, depth) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	variable = func(addr ssa.Value, fn *ssa.Function, depth int) bool {
		refs := addr.Referrers()
		if refs == nil {
			return true
		}
		for _, ref := range *refs {
			switch x := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.Store:
				if x.Addr != addr || fn != root.Parent() {
					return false
				}
			case *ssa.UnOp:
				if x.Op != token.MUL || !value(x, fn, depth+1) {
					return false
				}
			case *ssa.MakeClosure:
				if !closure(x, addr, fn, depth) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	if !value(root, root.Parent(), 0) {
		return nil, nil, false
	}
	return ops, sites, true
}

func isCondPtr(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "Cond"
}

// checkConds reports goroutines that wait on a sync.Cond made by fn when
// fn can return, after starting them, without a Signal or Broadcast and
// without changing the state they wait for.
func (c *checker) checkConds(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var root ssa.Value
			switch x := instr.(type) {
			case *ssa.Call:
				if ssax.FullName(ssax.Callee(&x.Call)) == "sync.NewCond" {
					root = x
				}
			case *ssa.Alloc:
				if isCondPtr(x.Type()) {
					root = x
				}
			}
			if root != nil {
				c.checkCond(fn, root)
			}
		}
	}
}

func (c *checker) checkCond(fn *ssa.Function, root ssa.Value) {
	ops, sites, ok := localCond(root)
	if !ok {
		return // ok: the cond reaches code that may signal it
	}
	releases := map[ssa.Instruction]bool{}
	for _, op := range ops {
		if op.wait && op.fn == fn {
			releases[op.call] = true // ok: the owner waits too; its path stops there
		}
		if !op.wait {
			if op.fn == fn {
				releases[op.call] = true
			} else {
				releases[sites[op.fn]] = true // ok: a goroutine that signals
			}
		}
	}
	for _, op := range ops {
		if !op.wait || op.fn == fn || releases[sites[op.fn]] {
			continue
		}
		site, isGo := sites[op.fn].(*ssa.Go)
		if !isGo {
			continue // ok: a Wait on the owner's own goroutine is not a leaked goroutine
		}
		stores, ok := c.waitState(op)
		if !ok {
			continue
		}
		stop := func(instr ssa.Instruction) bool {
			if releases[instr] || c.noReturnCall(instr) {
				return true
			}
			if st, ok := instr.(*ssa.Store); ok && stores[st.Addr] {
				return true // ok: the owner changes the state the goroutine waits for
			}
			for _, cl := range closureOperands(instr) {
				if cl != op.fn && capturesAny(cl, stores) {
					return true // ok: a closure that may change the state
				}
			}
			return false
		}
		if deferredRelease(releases, site) {
			continue // ok: a deferred Signal or Broadcast registered before the spawn runs on every return
		}
		ret := cfg.ReturnAvoiding(site, stop)
		if ret == nil {
			continue
		}
		name := ssax.Name(op.call.Common().Args[0])
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(op.call),
			Category: catSync,
			Message: fmt.Sprintf("goroutine can block forever in %s.Wait: %s can return without Signal or Broadcast and without changing what it waits for (goroutine leak)",
				name, fnName(fn)),
			Related: []analysis.RelatedInformation{
				passutil.Related(site.Pos(), "goroutine started here"),
				passutil.Related(returnPos(ret), "%s returns here without signalling", fnName(fn)),
			},
		})
		return
	}
}

// waitState returns the owner's variables whose value decides whether the
// waiting goroutine calls Wait: none when Wait runs on every path through
// it; the captured locals read by the condition of the loop around Wait
// otherwise. ok is false when the condition reads anything else (a field,
// a call, a global): the state may change where we cannot see.
func (c *checker) waitState(op condOp) (map[ssa.Value]bool, bool) {
	fn := op.fn
	b := op.call.Block()
	if cfg.PostDominators(fn).PostDominates(b, fn.Blocks[0]) {
		return nil, true
	}
	var loop *waitexit.Loop
	loops := waitexit.LoopExits(fn)
	for i := range loops {
		l := &loops[i]
		if slices.Contains(l.Blocks, b) && (loop == nil || len(l.Blocks) < len(loop.Blocks)) {
			loop = l
		}
	}
	if loop == nil {
		return nil, false
	}
	// The conditions that leave the loop: the header's, and those of
	// the blocks of a condition with && or || (for len(items) == 0 &&
	// !closed).
	var conds []ssa.Value
	for _, lb := range loop.Blocks {
		iff, ok := lb.Instrs[len(lb.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		for _, s := range lb.Succs {
			if !slices.Contains(loop.Blocks, s) {
				conds = append(conds, iff.Cond)
				break
			}
		}
	}
	if len(conds) == 0 {
		return nil, false
	}
	out := map[ssa.Value]bool{}
	var walk func(v ssa.Value, depth int) bool
	walk = func(v ssa.Value, depth int) bool {
		if depth > 12 {
			return false
		}
		switch x := v.(type) {
		case *ssa.Const:
			return true
		case *ssa.UnOp:
			if x.Op == token.MUL {
				fv, ok := x.X.(*ssa.FreeVar)
				if !ok {
					return false
				}
				alloc, ok := ssax.Binding(fv).(*ssa.Alloc)
				if !ok || alloc.Parent() != op.call.Parent().Parent() {
					return false
				}
				out[alloc] = true
				return true
			}
			return walk(x.X, depth+1)
		case *ssa.BinOp:
			return walk(x.X, depth+1) && walk(x.Y, depth+1)
		case *ssa.Call:
			// len(items), cap(items): what the slice, map or channel
			// holds is the state
			bi, ok := x.Call.Value.(*ssa.Builtin)
			if !ok || (bi.Name() != "len" && bi.Name() != "cap") || len(x.Call.Args) != 1 {
				return false
			}
			return walk(x.Call.Args[0], depth+1)
		case *ssa.Phi:
			for _, e := range x.Edges {
				if !walk(e, depth+1) {
					return false
				}
			}
			return true
		}
		return false
	}
	for _, cond := range conds {
		if !walk(cond, 0) {
			return nil, false
		}
	}
	return out, true
}

// closureOperands returns the closures instr makes or runs.
func closureOperands(instr ssa.Instruction) []*ssa.Function {
	mc, ok := instr.(*ssa.MakeClosure)
	if !ok {
		return nil
	}
	if f, ok := mc.Fn.(*ssa.Function); ok {
		return []*ssa.Function{f}
	}
	return nil
}

// capturesAny reports whether closure cl captures one of vars.
func capturesAny(cl *ssa.Function, vars map[ssa.Value]bool) bool {
	for _, fv := range cl.FreeVars {
		if vars[ssax.Binding(fv)] {
			return true
		}
	}
	return false
}

// runBy returns the go, defer or call statement that runs mc, when that
// is mc's only use.
func runBy(mc *ssa.MakeClosure) (ssa.CallInstruction, bool) {
	calls, escapes := ssax.ClosureCalls(mc)
	if escapes || len(calls) != 1 {
		return nil, false
	}
	return calls[0].(ssa.CallInstruction), true
}

// deferredRelease reports whether one of releases is a defer statement
// that runs before site on every path (and so at every return after it).
func deferredRelease(releases map[ssa.Instruction]bool, site ssa.Instruction) bool {
	for r := range releases {
		if _, ok := r.(*ssa.Defer); ok && cfg.Dominates(r, site) {
			return true
		}
	}
	return false
}

// waiterSignalled returns the instructions of fn that run only once the
// waiter w's Wait has returned: the receive from a channel whose every
// wake (a close or a send) is in the waiter's body after its Wait (go
// func() { wg.Wait(); close(finished) }()), and the blocks of the select
// cases on such a channel (a path enters them only once it is signalled). A return past one of them leaves no
// goroutine blocked in that Wait (wake.CloseJoins asks the same of the
// workers a Wait joins; here the waiter is the one that signals).
func (c *checker) waiterSignalled(fn *ssa.Function, w waiter) (map[ssa.Instruction]bool, map[*ssa.BasicBlock]bool) {
	if c.model == nil || w.fn == nil || w.op.Instr == nil {
		return nil, nil
	}
	afterWait := func(ch ssa.Value) bool {
		wakes := c.model.ChanWakes(ch, false)
		if !wakes.Known || len(wakes.Sites) == 0 {
			return false
		}
		for _, s := range wakes.Sites {
			if s.Instr == nil || s.Instr.Parent() != w.fn || !cfg.Dominates(w.op.Instr, s.Instr) {
				return false
			}
		}
		return true
	}
	var out map[ssa.Instruction]bool
	var cases map[*ssa.BasicBlock]bool
	eachReceive(fn, afterWait, func(recv *ssa.UnOp, caseBlock *ssa.BasicBlock) {
		if recv != nil {
			if out == nil {
				out = map[ssa.Instruction]bool{}
			}
			out[recv] = true
			return
		}
		if cases == nil {
			cases = map[*ssa.BasicBlock]bool{}
		}
		cases[caseBlock] = true
	})
	return out, cases
}
