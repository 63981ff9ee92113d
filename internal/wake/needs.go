package wake

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/ssax"
)

// callIndex knows, for the functions of a package, who calls whom: the
// direct call sites of each function (callees.Sites), which functions
// start goroutines or may be called from code the package does not show.
type callIndex struct {
	funcs   []*ssa.Function
	indexed map[*ssa.Function]bool
	// callers are the call and defer sites that call a function directly.
	callers map[*ssa.Function][]ssa.CallInstruction
	// open marks functions that code the index cannot see may call: an
	// exported function, a function, closure or method used as a value, a
	// method whose name some interface call in the package invokes, and
	// the bodies of goroutines, which start with nothing held.
	open map[*ssa.Function]bool
	// once are the functions the process runs at most once: used only as
	// the function of a package-level sync.Once's Do (nil when none).
	once map[*ssa.Function]bool
	// spawns are the go statements that start a function directly;
	// taken marks the functions also used as values; invokes are the
	// interface calls of the package by method name (GoroutineRoots).
	spawns  map[*ssa.Function][]ssa.CallInstruction
	taken   map[*ssa.Function]bool
	invokes map[string][]ssa.CallInstruction
	// groupGos are the Go/TryGo calls on each errgroup.Group, by key.
	groupGos     map[string][]ssa.CallInstruction
	groupEscapes map[string]bool
	aliases      map[string][]string
}

func indexCalls(funcs []*ssa.Function) *callIndex {
	ci := &callIndex{
		indexed:      map[*ssa.Function]bool{},
		callers:      map[*ssa.Function][]ssa.CallInstruction{},
		open:         map[*ssa.Function]bool{},
		spawns:       map[*ssa.Function][]ssa.CallInstruction{},
		taken:        map[*ssa.Function]bool{},
		groupGos:     map[string][]ssa.CallInstruction{},
		groupEscapes: map[string]bool{},
	}
	// the package initializer too: var ism = newInternMap() calls the
	// constructor once per process, as init does
	ci.funcs = ssax.WithClosures(ssax.WithInit(nil, funcs))
	for _, fn := range ci.funcs {
		ci.indexed[fn] = true
	}
	sites := callees.NewSites()
	invoked := map[string][]ssa.CallInstruction{}
	for _, fn := range ci.funcs {
		if fn.Parent() == nil {
			// No other package imports a main package: its exported
			// names are no API, and its calls in view are all of them.
			api := fn.Pkg != nil && fn.Pkg.Pkg.Name() != "main"
			if obj := fn.Object(); obj == nil || obj.Exported() && api || fn.Name() == "main" || fn.Name() == "init" {
				ci.open[fn] = true
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				sites.Scan(instr)
				if c, ok := instr.(ssa.CallInstruction); ok {
					ci.scan(c, invoked)
				}
			}
		}
	}
	ci.invokes = invoked
	for _, fn := range ci.funcs {
		if sites.Taken(fn) {
			ci.taken[fn] = true
		}
		if sites.Taken(fn) || (fn.Signature.Recv() != nil && len(invoked[fn.Name()]) > 0) {
			ci.open[fn] = true
		}
		if sites.OnceOnly(fn) {
			if ci.once == nil {
				ci.once = map[*ssa.Function]bool{}
			}
			ci.once[fn] = true
		}
		for _, c := range sites.Calls(fn) {
			if _, isGo := c.(*ssa.Go); isGo {
				ci.open[fn] = true // a goroutine starts with nothing held
				ci.spawns[fn] = append(ci.spawns[fn], c)
			} else {
				ci.callers[fn] = append(ci.callers[fn], c)
			}
		}
	}
	return ci
}

// scan records the interface methods c invokes and what it does with
// errgroups.
func (ci *callIndex) scan(c ssa.CallInstruction, invoked map[string][]ssa.CallInstruction) {
	common := c.Common()
	if common.IsInvoke() {
		invoked[common.Method.Name()] = append(invoked[common.Method.Name()], c)
		return
	}
	switch ssax.FullName(ssax.Callee(common)) {
	case "(*golang.org/x/sync/errgroup.Group).Go", "(*golang.org/x/sync/errgroup.Group).TryGo":
		if len(common.Args) == 2 {
			key := ObjectKey(common.Args[0])
			ci.groupGos[key] = append(ci.groupGos[key], c)
		}
	case "(*golang.org/x/sync/errgroup.Group).Wait", "(*golang.org/x/sync/errgroup.Group).SetLimit":
	default:
		for _, a := range common.Args {
			if isGroupPtr(a) {
				ci.groupEscapes[ObjectKey(a)] = true
			}
		}
	}
}

func isGroupPtr(v ssa.Value) bool {
	p, ok := v.Type().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := p.Elem().(*types.Named)
	return ok && n.Obj().Name() == "Group" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "golang.org/x/sync/errgroup"
}

// Callers returns the call sites of fn in the package, and whether they
// are all of its callers (false for a function that unseen code may call,
// a goroutine body or a function used as a value).
func (m *Model) Callers(fn *ssa.Function) ([]ssa.CallInstruction, bool) {
	calls := m.calls.callers[fn]
	return calls, len(calls) > 0 && !m.calls.open[fn]
}

// Acquisition is a mutex that a goroutine acquires on its way to a wake.
type Acquisition struct {
	// At is the Lock (or the call that locks) on the path to the wake.
	At   ssa.Instruction
	Mode locks.Mode
}

type needKey struct {
	fn     *ssa.Function
	instr  ssa.Instruction // nil: every return of fn
	lock   string
	caller bool
}

type needResult struct {
	acq Acquisition
	ok  bool
}

// Acquired reports whether the goroutine performing w acquires the mutex
// lock (a LockKey) on every path to w since its last wake, and where: in
// w's function before w (in the same loop iteration), or, when every
// caller of that function acquires it before the call, in the callers.
func (m *Model) Acquired(w Wake, lock string) (Acquisition, bool) {
	if w.Fn == nil || w.Instr == nil || lock == "" {
		return Acquisition{}, false
	}
	if w.AtExit {
		if a, ok := m.atExit(w.Fn, lock); ok {
			return a, true
		}
		if w.Fn != w.Instr.Parent() {
			return Acquisition{}, false // a goroutine's body: nothing inherited
		}
	} else if a, ok := m.guard(w.Instr, lock); ok {
		return a, true
	} else if a, ok := m.acquiredBeforeNextPass(w.Instr, lock); ok {
		return a, true
	}
	return m.fromCallers(w.Fn, lock)
}

// acquiredBeforeNextPass is guard for a wake x that repeats only through
// its function's callers: x is in no loop of its function fn, every path
// from x to fn's returns acquires lock, and every call of fn repeats in the
// goroutine that makes it (a loop around the call, in its caller or in
// theirs). Between one pass at x and the next the goroutine then goes
// through that acquisition, as a loop around x would take it (a worker
// whose loop calls syncBatch, which receives and then locks to record
// the result). A wake on an object fn makes itself wakes another object
// in the next call, and a function started by a go statement or called
// from code the package does not show repeats nothing that is known.
func (m *Model) acquiredBeforeNextPass(x ssa.Instruction, lock string) (Acquisition, bool) {
	fn := x.Parent()
	if fn == nil || cfg.Reaches(x, x, nil) || madeIn(x, fn) {
		return Acquisition{}, false
	}
	d := m.domAcqOf(fn)
	var acqs []Acquisition
	for _, b := range fn.Blocks {
		for _, s := range d.inBlock(b) {
			if a, ok := m.acquires(s, lock); ok && cfg.Reaches(x, s.instr, nil) {
				acqs = append(acqs, a)
			}
		}
	}
	if len(acqs) == 0 {
		return Acquisition{}, false
	}
	isAcq := func(y ssa.Instruction) bool {
		return slices.ContainsFunc(acqs, func(a Acquisition) bool { return a.At == y })
	}
	if cfg.ReturnAvoiding(x, func(ssa.Instruction) bool { return false }) == nil || cfg.ReturnAvoiding(x, isAcq) != nil {
		return Acquisition{}, false // x is not left through a return, or some return skips the lock
	}
	if !m.callsRepeat(fn, 0) {
		return Acquisition{}, false
	}
	for _, a := range acqs { // the first one after x
		if !slices.ContainsFunc(acqs, func(o Acquisition) bool {
			return o.At != a.At && cfg.Reaches(o.At, a.At, nil) && !cfg.Reaches(a.At, o.At, nil)
		}) {
			return a, true
		}
	}
	return acqs[0], true
}

// callsRepeat reports whether every call of fn repeats in the goroutine
// that makes it: fn's callers are all known call sites (no go statement,
// no defer, no call from unseen code), and each is in a loop of its
// function or in a function whose calls repeat in turn (three levels up).
func (m *Model) callsRepeat(fn *ssa.Function, depth int) bool {
	callers := m.calls.callers[fn]
	if depth > 3 || m.calls.open[fn] || len(m.calls.spawns[fn]) > 0 || m.calls.taken[fn] || len(callers) == 0 {
		return false
	}
	for _, c := range callers {
		if _, ok := c.(*ssa.Call); !ok {
			return false // a deferred call runs once, as its function returns
		}
		if cfg.Reaches(c, c, nil) {
			continue
		}
		if !m.callsRepeat(c.Parent(), depth+1) {
			return false
		}
	}
	return true
}

// madeIn reports whether the object x waits on (its channel, or the
// WaitGroup or Cond of a call) is made in fn, or stored in a variable fn
// allocates: each call of fn waits on a new one.
func madeIn(x ssa.Instruction, fn *ssa.Function) bool {
	objs := WaitChannels(x)
	if c, ok := x.(ssa.CallInstruction); ok {
		if args := c.Common().Args; len(args) > 0 {
			objs = append(objs, args[0])
		}
	}
	for _, o := range objs {
		for _, id := range chans.Origins(o) {
			if id.Kind == chans.Make && id.Make.Parent() == fn {
				return true
			}
		}
		if root, ok := locks.Identify(o).Root.(ssa.Instruction); ok && root != nil && root.Parent() == fn {
			return true
		}
	}
	return false
}

// fromCallers reports whether every caller of fn acquires lock before the
// call. A function that unseen code may call, or with no callers, inherits
// nothing.
func (m *Model) fromCallers(fn *ssa.Function, lock string) (Acquisition, bool) {
	key := needKey{fn: fn, lock: lock, caller: true}
	if r, ok := m.needs[key]; ok {
		return r.acq, r.ok
	}
	m.needs[key] = needResult{} // recursion: assume not
	callers := m.calls.callers[fn]
	if m.calls.open[fn] || len(callers) == 0 {
		return Acquisition{}, false
	}
	var first Acquisition
	for i, c := range callers {
		_, deferred := c.(*ssa.Defer)
		a, ok := m.Acquired(Wake{Instr: c, AtExit: deferred, Fn: c.Parent()}, lock)
		if !ok {
			return Acquisition{}, false
		}
		if i == 0 {
			first = a
		}
	}
	m.needs[key] = needResult{acq: first, ok: true}
	return first, true
}

// atExit reports whether lock is acquired on every path to every return
// of fn (the recover block's return, reached only by a panic, aside).
func (m *Model) atExit(fn *ssa.Function, lock string) (Acquisition, bool) {
	key := needKey{fn: fn, lock: lock}
	if r, ok := m.needs[key]; ok {
		return r.acq, r.ok
	}
	m.needs[key] = needResult{} // recursion: assume not
	var first Acquisition
	found := false
	for _, b := range fn.Blocks {
		if b == fn.Recover || len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		a, ok := m.guard(ret, lock)
		if !ok {
			return Acquisition{}, false
		}
		if !found {
			first, found = a, true
		}
	}
	m.needs[key] = needResult{acq: first, ok: found}
	return first, found
}

// guard returns an acquisition of lock that the goroutine passes on its
// way to x since the last time it executed x: when x repeats (it is in a
// loop), every way around the loop back to x passes through it; when it
// does not, it executes before x on every path from the function's entry.
// A lock taken once before a loop does not guard the loop's wakes: after
// the first iteration the goroutine no longer needs it.
func (m *Model) guard(x ssa.Instruction, lock string) (Acquisition, bool) {
	fn := x.Parent()
	d := m.domAcqOf(fn)
	if cfg.Reaches(x, x, nil) && !freshPerIteration(x) {
		var acqs []Acquisition
		for _, b := range fn.Blocks {
			for _, s := range d.inBlock(b) {
				if a, ok := m.acquires(s, lock); ok {
					acqs = append(acqs, a)
				}
			}
		}
		if len(acqs) == 0 {
			return Acquisition{}, false
		}
		stop := func(y ssa.Instruction) bool {
			for _, a := range acqs {
				if a.At == y {
					return true
				}
			}
			return false
		}
		if cfg.Reaches(x, x, stop) {
			return Acquisition{}, false // x repeats without it
		}
		for _, a := range acqs { // the first one the loop passes after x
			if cfg.Reaches(x, a.At, nil) {
				return a, true
			}
		}
		return acqs[0], true
	}
	b := x.Block()
	idx := cfg.Index(x)
	for blk, end := b, idx; blk != nil; blk = blk.Idom() {
		if blk != b {
			end = len(blk.Instrs)
		}
		sites := d.inBlock(blk)
		for i := len(sites) - 1; i >= 0; i-- {
			if sites[i].index >= end {
				continue
			}
			if a, ok := m.acquires(sites[i], lock); ok {
				return a, true
			}
		}
	}
	return Acquisition{}, false
}

// WaitChannels returns the channels a send, receive or select operates on.
func WaitChannels(x ssa.Instruction) []ssa.Value {
	var chs []ssa.Value
	switch i := x.(type) {
	case *ssa.Send:
		chs = append(chs, i.Chan)
	case *ssa.UnOp:
		chs = append(chs, i.X)
	case *ssa.Select:
		for _, st := range i.States {
			chs = append(chs, st.Chan)
		}
	}
	return chs
}

// freshPerIteration reports whether the object that x operates on is made
// anew in each iteration of the loop around x (ch := make(chan T) in the
// loop body): the x of the next iteration wakes a different object, so the
// loop's way around does not lead to another wake of this one.
func freshPerIteration(x ssa.Instruction) bool {
	objs := WaitChannels(x)
	if c, ok := x.(ssa.CallInstruction); ok {
		if args := c.Common().Args; len(args) > 0 {
			objs = append(objs, args[0]) // the WaitGroup, Cond or Group
		}
	}
	inLoop := func(v ssa.Value) bool {
		def, ok := v.(ssa.Instruction)
		return ok && def.Parent() == x.Parent() && cfg.Reaches(x, def, nil) && cfg.Reaches(def, x, nil)
	}
	for _, o := range objs {
		for _, id := range chans.Origins(o) {
			if id.Kind == chans.Make && inLoop(id.Make) {
				return true
			}
		}
		if root := locks.Identify(o).Root; root != nil && inLoop(root) {
			return true
		}
	}
	return false
}

// acquires reports whether site s acquires lock: a Lock or RLock of it, or
// a call to a function of the package that acquires it on every path.
func (m *Model) acquires(s lockSite, lock string) (Acquisition, bool) {
	if s.key != "" {
		return Acquisition{At: s.instr, Mode: s.mode}, s.key == lock
	}
	if s.callee == nil || !m.calls.indexed[s.callee] || len(s.callee.Blocks) == 0 {
		return Acquisition{}, false
	}
	if _, ok := m.atExitTake(s.callee, lock); ok {
		inner, _ := m.atExitTake(s.callee, lock)
		return Acquisition{At: s.instr, Mode: inner.Mode}, true
	}
	return Acquisition{}, false
}

// atExitTake is atExit without the callers: what a callee does itself.
func (m *Model) atExitTake(fn *ssa.Function, lock string) (Acquisition, bool) {
	if m.busy[fn] {
		return Acquisition{}, false
	}
	m.busy[fn] = true
	defer delete(m.busy, fn)
	return m.atExit(fn, lock)
}

// lockSite is an instruction that may acquire a mutex: a direct Lock or
// RLock (key set) or a call to a function of the package (callee set).
type lockSite struct {
	instr  ssa.Instruction
	index  int
	key    string
	mode   locks.Mode
	callee *ssa.Function
}

// domAcq lists, per block of one function, its lock sites in order.
type domAcq struct {
	sites map[*ssa.BasicBlock][]lockSite
}

func (d *domAcq) inBlock(b *ssa.BasicBlock) []lockSite { return d.sites[b] }

func (m *Model) domAcqOf(fn *ssa.Function) *domAcq {
	if d, ok := m.doms[fn]; ok {
		return d
	}
	d := &domAcq{sites: map[*ssa.BasicBlock][]lockSite{}}
	m.doms[fn] = d
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if kind, mode, mu, ok := locks.DirectOp(&c.Call); ok {
				if kind == locks.Acquire {
					d.sites[b] = append(d.sites[b], lockSite{instr: instr, index: i, key: ObjectKey(mu), mode: mode})
				}
				continue
			}
			if callee := m.callee(&c.Call); callee != nil && m.calls.indexed[callee] {
				d.sites[b] = append(d.sites[b], lockSite{instr: instr, index: i, callee: callee})
			}
		}
	}
	return d
}
