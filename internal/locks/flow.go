package locks

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssax"
)

// FuncLocks is the lock state of one function: the mutexes held on every
// path into each block, and the effects of each call.
type FuncLocks struct {
	Fn *ssa.Function
	// entry is the must-held set at the start of each reachable block.
	entry  map[*ssa.BasicBlock][]Held
	events map[ssa.Instruction][]Event
	// deferred holds the keys of mutexes released by a deferred call.
	deferred map[string]bool
	// deferredReleases are the releases of each deferred call.
	deferredReleases map[*ssa.Defer][]Event
	// consts are the constant boolean arguments the function is analyzed
	// with (purge(needLock=false)): branches on them take one way only.
	consts map[*ssa.Parameter]bool
	// entered are the mutexes the function is entered with (entryHeld).
	entered []Held
}

// EnteredHeld reports whether the function is entered with the mutex of
// the given key held by its caller.
func (fl *FuncLocks) EnteredHeld(key string) bool {
	_, ok := Find(fl.entered, key)
	return ok
}

// Analyze computes the lock state of fn (memoized).
func (info *Info) Analyze(fn *ssa.Function) *FuncLocks { return info.analyzeWith(fn, nil) }

// specialization names a function analyzed with constant arguments.
type specialization struct {
	fn     *ssa.Function
	consts string
}

func (info *Info) analyzeWith(fn *ssa.Function, consts map[*ssa.Parameter]bool) *FuncLocks {
	key := specialization{fn, constsKey(fn, consts)}
	if fl, ok := info.specs[key]; ok {
		return fl
	}
	fl := &FuncLocks{Fn: fn, entry: map[*ssa.BasicBlock][]Held{}, events: map[ssa.Instruction][]Event{}, deferred: map[string]bool{}, consts: consts}
	info.specs[key] = fl
	if len(fn.Blocks) == 0 {
		return fl
	}
	outer := info.consts
	info.consts = consts // constant arguments flow on to the callees
	defer func() { info.consts = outer }()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Call:
				if evs := info.Events(&x.Call); len(evs) > 0 {
					fl.events[instr] = evs
				}
			case *ssa.Defer:
				for _, ev := range info.Events(&x.Call) {
					if ev.Kind == Release {
						fl.deferred[ev.Ref.Key()] = true
						if fl.deferredReleases == nil {
							fl.deferredReleases = map[*ssa.Defer][]Event{}
						}
						fl.deferredReleases[x] = append(fl.deferredReleases[x], ev)
					}
				}
			}
		}
	}
	fl.solve(nil)
	if entry := fl.entryHeld(); len(entry) > 0 {
		fl.entry = map[*ssa.BasicBlock][]Held{}
		fl.solve(entry)
		fl.entered = entry
	}
	return fl
}

// entryHeld returns the mutexes fn is entered with: those it releases
// before it acquires them. A release counts when the mutex is not held on
// every path to it, and every acquisition of it that can reach the release
// comes after an earlier release (the unlock-wait-relock loop of
// waitLocked), not before it on some path (if c { Lock }; ...; if c {
// Unlock } is conditional locking, not an entry state). A function that
// unlocks before it locks expects its caller to hold the mutex.
func (fl *FuncLocks) entryHeld() []Held {
	acquires := map[string][]ssa.Instruction{}
	for instr, evs := range fl.events {
		for _, ev := range evs {
			// A callee that may lock (lock := func() { if needLock {
			// mu.Lock() } }) counts as an acquisition here too.
			if ev.Kind == Acquire || ev.Kind == Take {
				acquires[ev.Ref.Key()] = append(acquires[ev.Ref.Key()], instr)
			}
		}
	}
	var out []Held
	fl.Walk(func(instr ssa.Instruction, held []Held) {
		for _, ev := range fl.events[instr] {
			if ev.Kind != Release {
				continue
			}
			key := ev.Ref.Key()
			if ev.Via != nil && !reacquires(fl.events[instr], key) {
				// ok: a callee that only releases (a transaction's Commit,
				// klog's flush helpers) says nothing reliable of what this
				// function expects; one that unlocks and locks the mutex
				// again (applyNewSID) needs it held.
				continue
			}
			if _, ok := Find(held, key); ok {
				continue
			}
			if _, ok := Find(out, key); ok {
				continue
			}
			if _, isParam := rootOutlives(ev.Ref); !isParam {
				continue // a local mutex: nobody could have locked it before
			}
			if len(acquires[key]) > maxEntryPairs {
				continue // ok: a huge function; no entry state rather than quadratic work
			}
			before := false
			for _, a := range acquires[key] {
				if cfg.Reaches(a, instr, nil) && !cfg.Reaches(instr, a, nil) {
					before = true
				}
			}
			if before {
				continue
			}
			out = append(out, Held{Ref: ev.Ref, Mode: ev.Mode, Site: instr, Entry: true})
		}
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Ref.Key() < out[j].Ref.Key() })
	return out
}

// reacquires reports whether events acquire key again.
func reacquires(events []Event, key string) bool {
	for _, ev := range events {
		if ev.Kind == Acquire && ev.Ref.Key() == key {
			return true
		}
	}
	return false
}

// maxEntryPairs bounds the acquisitions of one mutex that entryHeld
// compares a release with (two reachability walks each).
const maxEntryPairs = 32

// rootOutlives reports whether r is reached from something the caller
// could have locked before the call.
func rootOutlives(r Ref) (Ref, bool) { return r, r.Outlives() }

// solve runs the must-held dataflow to a fixed point. The lattice is a set
// of held mutexes under intersection, so each block's entry set can only
// shrink and the loop ends after at most (blocks × mutexes) changes.
func (fl *FuncLocks) solve(entry []Held) {
	fn := fl.Fn
	seeds := []*ssa.BasicBlock{fn.Blocks[0]}
	if fn.Recover != nil {
		seeds = append(seeds, fn.Recover)
	}
	work := make([]*ssa.BasicBlock, 0, len(fn.Blocks))
	queued := map[*ssa.BasicBlock]bool{}
	for _, b := range seeds {
		fl.entry[b] = []Held{}
		work = append(work, b)
		queued[b] = true
	}
	fl.entry[fn.Blocks[0]] = append([]Held(nil), entry...)
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		queued[b] = false
		out := fl.transferBlock(b, fl.entry[b], nil)
		for _, succ := range fl.succs(b) {
			old, seen := fl.entry[succ]
			var next []Held
			if !seen {
				next = out
			} else {
				next = intersect(old, out)
				if len(next) == len(old) {
					continue
				}
			}
			fl.entry[succ] = next
			if !queued[succ] {
				queued[succ] = true
				work = append(work, succ)
			}
		}
	}
}

// succs returns the successors of b that the constant arguments allow.
func (fl *FuncLocks) succs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if len(fl.consts) == 0 || len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return b.Succs
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return b.Succs
	}
	cond, negated := iff.Cond, false
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, negated = not.X, true
	}
	p, ok := cond.(*ssa.Parameter)
	if !ok {
		return b.Succs
	}
	v, ok := fl.consts[p]
	if !ok {
		return b.Succs
	}
	if v != negated {
		return b.Succs[:1]
	}
	return b.Succs[1:]
}

// constBoolArgs returns the constant boolean arguments of call for the
// parameters of fn that decide a branch, or nil.
// A parameter of the calling function that is itself constant in the
// caller's specialization (applyOp(needIsolation) passing it on to
// process(needIsolation)) is constant too.
func constBoolArgs(call *ssa.CallCommon, fn *ssa.Function, caller map[*ssa.Parameter]bool) map[*ssa.Parameter]bool {
	var out map[*ssa.Parameter]bool
	for i, a := range call.Args {
		if i >= len(fn.Params) {
			break
		}
		var v bool
		switch a := a.(type) {
		case *ssa.Const:
			if a.Value == nil || a.Value.Kind() != constant.Bool {
				continue
			}
			v = constant.BoolVal(a.Value)
		case *ssa.Parameter:
			cv, ok := caller[a]
			if !ok {
				continue
			}
			v = cv
		default:
			continue
		}
		p := fn.Params[i]
		if !decidesBranch(p) {
			continue
		}
		if out == nil {
			out = map[*ssa.Parameter]bool{}
		}
		out[p] = v
	}
	return out
}

func decidesBranch(p *ssa.Parameter) bool {
	refs := p.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.If:
			return true
		case *ssa.UnOp:
			if x.Op == token.NOT {
				return true
			}
		case *ssa.Call:
			// Passed on to a callee, where it may decide a branch (only a
			// static callee is specialized by its constant arguments: see
			// summaryOf).
			if ssax.StaticFunction(&x.Call) != nil {
				return true
			}
		}
	}
	return false
}

func constsKey(fn *ssa.Function, consts map[*ssa.Parameter]bool) string {
	if len(consts) == 0 {
		return ""
	}
	var b strings.Builder
	for i, p := range fn.Params {
		if v, ok := consts[p]; ok {
			fmt.Fprintf(&b, "%d=%t;", i, v)
		}
	}
	return b.String()
}

// transferBlock applies the effects of b's instructions to in, calling
// visit (when not nil) with the set held just before each instruction.
func (fl *FuncLocks) transferBlock(b *ssa.BasicBlock, in []Held, visit func(ssa.Instruction, []Held)) []Held {
	held := in
	for _, instr := range b.Instrs {
		if visit != nil {
			visit(instr, held)
		}
		for _, ev := range fl.events[instr] {
			switch ev.Kind {
			case Acquire:
				held = with(held, Held{Ref: ev.Ref, Mode: ev.Mode, Site: instr})
			case Release:
				held = without(held, ev.Ref.Key())
			}
		}
	}
	return held
}

// Walk calls visit for every instruction of every reachable block, in
// block order, with the mutexes held on every path to it.
func (fl *FuncLocks) Walk(visit func(instr ssa.Instruction, held []Held)) {
	for _, b := range fl.Fn.Blocks {
		if in, ok := fl.entry[b]; ok {
			fl.transferBlock(b, in, visit)
		}
	}
}

// HeldAt returns the mutexes held on every path to instr (before it).
func (fl *FuncLocks) HeldAt(instr ssa.Instruction) []Held {
	b := instr.Block()
	in, ok := fl.entry[b]
	if !ok {
		return nil
	}
	var out []Held
	fl.transferBlock(b, in, func(x ssa.Instruction, held []Held) {
		if x == instr {
			out = held
		}
	})
	return out
}

// Events returns the lock effects of instr.
func (fl *FuncLocks) Events(instr ssa.Instruction) []Event { return fl.events[instr] }

// DeferredReleases returns the releases that instr, a defer statement,
// arranges for the function's return (nil for any other instruction).
func (fl *FuncLocks) DeferredReleases(instr ssa.Instruction) []Event {
	d, ok := instr.(*ssa.Defer)
	if !ok {
		return nil
	}
	return fl.deferredReleases[d]
}

// DeferredRelease reports whether a deferred call releases the mutex.
func (fl *FuncLocks) DeferredRelease(r Ref) bool { return fl.deferred[r.Key()] }

// Reachable reports whether the dataflow reached b.
func (fl *FuncLocks) Reachable(b *ssa.BasicBlock) bool {
	_, ok := fl.entry[b]
	return ok
}

// HeldAtReturns maps each reachable return to the mutexes held on every
// path to it that no deferred call releases. The return of the recover
// block, which only a panic reaches, is not one: panics are out of scope.
func (fl *FuncLocks) HeldAtReturns() map[*ssa.Return][]Held {
	out := map[*ssa.Return][]Held{}
	fl.Walk(func(instr ssa.Instruction, held []Held) {
		if ret, ok := instr.(*ssa.Return); ok && instr.Block() != fl.Fn.Recover {
			var kept []Held
			for _, h := range held {
				if !fl.deferred[h.Ref.Key()] {
					kept = append(kept, h)
				}
			}
			out[ret] = kept
		}
	})
	return out
}

// Find returns the entry of held for the mutex with the given key.
func Find(held []Held, key string) (Held, bool) {
	for _, h := range held {
		if h.Ref.Key() == key {
			return h, true
		}
	}
	return Held{}, false
}

func with(held []Held, h Held) []Held {
	key := h.Ref.Key()
	out := make([]Held, 0, len(held)+1)
	for _, x := range held {
		if x.Ref.Key() != key {
			out = append(out, x)
		}
	}
	out = append(out, h)
	sort.Slice(out, func(i, j int) bool { return out[i].Ref.Key() < out[j].Ref.Key() })
	return out
}

func without(held []Held, key string) []Held {
	if _, ok := Find(held, key); !ok {
		return held
	}
	out := make([]Held, 0, len(held))
	for _, x := range held {
		if x.Ref.Key() != key {
			out = append(out, x)
		}
	}
	return out
}

func intersect(a, b []Held) []Held {
	out := make([]Held, 0, len(a))
	for _, x := range a {
		if y, ok := Find(b, x.Ref.Key()); ok && y.Mode == x.Mode {
			out = append(out, x)
		}
	}
	return out
}

// Summarize computes what calling fn does to the mutexes it can reach
// (memoized; a recursive cycle is summarized as doing nothing).
func (info *Info) Summarize(fn *ssa.Function) *Summary { return info.summarizeWith(fn, nil) }

// summarizeWith is Summarize for a call that passes the constant boolean
// arguments consts.
func (info *Info) summarizeWith(fn *ssa.Function, consts map[*ssa.Parameter]bool) *Summary {
	key := specialization{fn, constsKey(fn, consts)}
	if s, ok := info.summaries[key]; ok {
		return s
	}
	if info.visiting[fn] {
		return nil
	}
	info.visiting[fn] = true
	defer delete(info.visiting, fn)
	fl := info.analyzeWith(fn, consts)
	s := &Summary{}
	acquired := map[string]bool{}
	for _, evs := range fl.events {
		for _, ev := range evs {
			if ev.Kind == Acquire || ev.Kind == Take {
				acquired[ev.Ref.Key()] = true
			}
		}
	}
	fl.Walk(func(instr ssa.Instruction, held []Held) {
		if d, ok := instr.(*ssa.Defer); ok {
			// A deferred call that releases a mutex the function never
			// acquires (defer q.finish(&err), which unlocks what the
			// query's constructor locked) releases it at every return:
			// for the caller, the function releases it.
			for _, ev := range fl.deferredReleases[d] {
				if h, isHeld := Find(held, ev.Ref.Key()); (!isHeld || h.Entry) && !acquired[ev.Ref.Key()] {
					if e, ok := effectOf(ev.Ref, ev.Mode); ok {
						s.Releases = append(s.Releases, e)
					}
				}
			}
		}
		for _, ev := range fl.events[instr] {
			e, ok := effectOf(ev.Ref, ev.Mode)
			if !ok && (ev.Kind == Acquire || ev.Kind == Take) && ev.Ref.Class != "" {
				// A mutex the caller cannot name (an element this
				// function picks, r := s.replicas[i]; r.mu.Lock()) is
				// still a mutex of its class: taking it orders it after
				// what the caller holds, and a wake that takes it waits
				// for whoever holds that class.
				e, ok = Effect{Root: classOnlyRoot, Class: ev.Ref.Class, Mode: ev.Mode}, true
			}
			if !ok {
				continue
			}
			switch ev.Kind {
			case Acquire, Take:
				s.Takes = append(s.Takes, e)
			case Release:
				if h, isHeld := Find(held, ev.Ref.Key()); !isHeld || h.Entry {
					s.Releases = append(s.Releases, e)
				}
			}
		}
	})
	var common []Held
	first := true
	rets := fl.HeldAtReturns()
	for _, b := range fn.Blocks { // block order keeps this deterministic
		for _, instr := range b.Instrs {
			ret, ok := instr.(*ssa.Return)
			if !ok {
				continue
			}
			held, ok := rets[ret]
			if !ok {
				continue
			}
			if first {
				common, first = held, false
			} else {
				common = intersect(common, held)
			}
		}
	}
	handedOff := info.HandedOff(fl.Fn)
	for _, h := range common {
		if h.Entry || handedOff[h.Ref.Key()] {
			continue // ok: the caller's own hold, or one a goroutine releases
		}
		if e, ok := effectOf(h.Ref, h.Mode); ok {
			s.Acquires = append(s.Acquires, e)
		}
	}
	if len(s.Acquires) > 0 {
		s.Handle = handleFields(fn)
	}
	// A function that returns a parameter unchanged (a chaining Lock()
	// returning its receiver, a query builder's Filter returning the
	// query that holds a lock for its caller) leaves its result the
	// same lock holder as the argument.
	s.ReturnsParam = info.returnedParam(fn) + 1
	s.Takes = withoutReleased(s.Takes, s.Releases)
	s.Takes, s.Acquires, s.Releases = sortEffects(s.Takes), sortEffects(s.Acquires), sortEffects(s.Releases)
	info.summaries[key] = s
	return s
}

// HandedOff returns the keys of the mutexes that fn hands off: those a
// goroutine started in fn releases, and those whose Unlock fn hands out as
// a value (a method value, mu.Unlock, kept in a callback; the mutex passed
// on as a sync.Locker, which its holder can Unlock). Whoever calls that
// value releases the mutex: a lock handed off is a signal, not a critical
// section, locking it again waits for that call rather than deadlocking,
// and it is not returned to the caller.
func (info *Info) HandedOff(fn *ssa.Function) map[string]bool {
	out := map[string]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Go:
				for _, ev := range info.Events(&instr.Call) {
					if ev.Kind == Release {
						out[ev.Ref.Key()] = true
					}
				}
			case *ssa.MakeClosure:
				if mu, ok := boundUnlock(instr); ok {
					out[Identify(mu).Key()] = true
				}
			case *ssa.MakeInterface:
				if isMutexPointer(instr.X.Type()) && !onlyCondLocker(instr) {
					out[Identify(instr.X).Key()] = true
				}
			}
		}
	}
	return out
}

// onlyCondLocker reports whether the sync.Locker that mi makes goes only
// to sync.NewCond: Cond.Wait unlocks it and locks it again before it
// returns, so the Cond is no one who releases the mutex for good
// (net/http's connReader.lock makes its Cond on first use).
func onlyCondLocker(mi *ssa.MakeInterface) bool {
	refs := mi.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	for _, ref := range *refs {
		call, ok := ref.(*ssa.Call)
		if !ok || ssax.FullName(ssax.Callee(&call.Call)) != "sync.NewCond" {
			return false
		}
	}
	return true
}

// boundUnlock returns the mutex of a method value of its Unlock or
// RUnlock (mu.Unlock as a func value).
func boundUnlock(mc *ssa.MakeClosure) (ssa.Value, bool) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || len(mc.Bindings) != 1 || !strings.HasSuffix(fn.Name(), "$bound") {
		return nil, false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() != "sync" || (obj.Name() != "Unlock" && obj.Name() != "RUnlock") {
		return nil, false
	}
	if !isMutexPointer(mc.Bindings[0].Type()) {
		return nil, false
	}
	return mc.Bindings[0], true
}

// IsMutex reports whether t is sync.Mutex or sync.RWMutex, or a pointer
// to one.
func IsMutex(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" {
		return false
	}
	return n.Obj().Name() == "Mutex" || n.Obj().Name() == "RWMutex"
}

// isMutexPointer reports whether t is *sync.Mutex or *sync.RWMutex.
func isMutexPointer(t types.Type) bool {
	_, ptr := t.Underlying().(*types.Pointer)
	return ptr && IsMutex(t)
}

// withoutReleased drops from takes the mutexes the function also releases
// for its caller: re-acquiring a mutex the caller held (unlock around a
// wait, lock again) is not taking it anew.
func withoutReleased(takes, releases []Effect) []Effect {
	out := takes[:0]
	for _, t := range takes {
		released := false
		for _, r := range releases {
			if r.Root == t.Root && strings.Join(r.Path, ".") == strings.Join(t.Path, ".") {
				released = true
			}
		}
		if !released {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil // canonical: a fact must decode (gob) to what was encoded
	}
	return out
}

// HandedOverBetween reports whether a go statement between the acquisition h and
// the relock at, on every path between them, starts a goroutine that
// unlocks the mutex without locking it first: the lock is handed to that
// goroutine, and locking it again waits for the goroutine's Unlock.
//
//	lock.Lock()
//	go func() { defer lock.Unlock(); ... }()
//	...
//	lock.Lock() // waits for the goroutine to finish
//
// A closure that unlocks the mutex and is handed on before the relock (a
// reply callback stored in a request: op.replyFunc = func() { ...;
// wait.Unlock() }) is a handover too: another goroutine runs it, and the
// relock waits for it (the mutex used as a one-shot signal).
func HandedOverBetween(h Held, at ssa.Instruction) bool {
	fn := at.Parent()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && cfg.Dominates(mc, at) {
				if _, escapes := ssax.ClosureCalls(mc); escapes {
					if body, ok := mc.Fn.(*ssa.Function); ok && unlocksOnly(body, mc.Bindings, nil, h.Ref.Key()) {
						return true
					}
				}
				continue
			}
			g, ok := instr.(*ssa.Go)
			if !ok || !cfg.Dominates(h.Site, g) || !cfg.Dominates(g, at) {
				continue
			}
			var body *ssa.Function
			var bindings []ssa.Value
			switch v := g.Call.Value.(type) {
			case *ssa.MakeClosure:
				body, _ = v.Fn.(*ssa.Function)
				bindings = v.Bindings
			case *ssa.Function:
				body = v
			}
			if body != nil && unlocksOnly(body, bindings, g.Call.Args, h.Ref.Key()) {
				return true
			}
		}
	}
	return false
}

// unlocksOnly reports whether body unlocks the mutex whose key (in the
// starting function) is key, and never locks it: its free variables stand
// for bindings and its parameters for args.
func unlocksOnly(body *ssa.Function, bindings, args []ssa.Value, key string) bool {
	outer := func(v ssa.Value) ssa.Value {
		switch x := v.(type) {
		case *ssa.FreeVar:
			for i, fv := range body.FreeVars {
				if fv == x && i < len(bindings) {
					return bindings[i]
				}
			}
		case *ssa.Parameter:
			for i, p := range body.Params {
				if p == x && i < len(args) {
					return args[i]
				}
			}
		}
		return nil
	}
	unlocks := false
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || len(call.Common().Args) == 0 {
				continue
			}
			name := ssax.FullName(ssax.Callee(call.Common()))
			var release bool
			switch name {
			case "(*sync.Mutex).Unlock", "(*sync.RWMutex).Unlock":
				release = true
			case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock", "(*sync.Mutex).TryLock", "(*sync.RWMutex).TryLock":
			default:
				continue
			}
			r := Identify(call.Common().Args[0])
			root := outer(r.Root)
			if root == nil {
				continue
			}
			if (Ref{Root: root, Path: r.Path}).Key() != key {
				continue
			}
			if !release {
				return false // it takes the mutex itself: an ordinary user, not the holder
			}
			unlocks = true
		}
	}
	return unlocks
}

// AcquiredBelow finds, below call, whose callee takes ev's mutex (ev.Via:
// an Acquire or Take event of the call), the function of the caller's
// package that takes it itself, and the chain of static calls from the
// callee down to it (callee first, that function last), breadth first,
// so the shortest chain; with the Lock or RLock that takes it. It returns
// nothing when the lock is taken outside the package (a fact says so, no
// code shows it) or the search gives up.
func (info *Info) AcquiredBelow(call ssa.CallInstruction, ev Event) ([]*ssa.Function, ssa.Instruction) {
	start := call.Common().StaticCallee()
	if start == nil || call.Parent() == nil || start.Pkg != call.Parent().Pkg {
		return nil, nil
	}
	const maxFuncs = 200
	parent := map[*ssa.Function]*ssa.Function{start: nil}
	queue := []*ssa.Function{start}
	for len(queue) > 0 && len(parent) <= maxFuncs {
		f := queue[0]
		queue = queue[1:]
		if f.Blocks == nil {
			continue
		}
		fl := info.Analyze(f)
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				for _, e := range fl.Events(instr) {
					if (e.Kind != Acquire && e.Kind != Take) || e.Ref.Class != ev.Ref.Class || e.Mode != ev.Mode {
						continue
					}
					if e.Via == nil {
						var chain []*ssa.Function
						for g := f; g != nil; g = parent[g] {
							chain = append(chain, g)
						}
						slices.Reverse(chain)
						return chain, instr
					}
					ci, ok := instr.(ssa.CallInstruction)
					if !ok {
						continue
					}
					next := ci.Common().StaticCallee()
					if next == nil || next.Pkg != start.Pkg {
						continue
					}
					if _, seen := parent[next]; !seen {
						parent[next] = f
						queue = append(queue, next)
					}
				}
			}
		}
	}
	return nil, nil
}
