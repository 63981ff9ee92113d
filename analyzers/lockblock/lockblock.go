package lockblock

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

//go:embed doc.go
var doc string

// Analyzer reports blocking under a mutex, re-locking, lock-order
// inversions and mutexes left held on return.
var Analyzer = &analysis.Analyzer{
	Name:     "lockblock",
	Doc:      passutil.Doc(doc),
	URL:      "https://github.com/conclint/conclint/blob/main/docs/lockblock.md",
	Requires: []*analysis.Analyzer{buildssa.Analyzer, blocking.Analyzer, locks.Analyzer},
	Run:      passutil.Guard("lockblock", run),
}

// Diagnostic categories, one per kind of finding.
const (
	catBlocking   = "blocking-under-lock"
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
	order := &orderGraph{edges: map[[2]string]orderEdge{}}
	sections := &sectionStats{waits: map[string]int{}, quiet: map[string]int{}}
	var candidates []waitUnderLock
	condLockers := locks.CondLockers(ssainfo.SrcFuncs)
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		fl := lk.Analyze(fn)
		handedOff := releasedByGoroutines(lk, fn)
		candidates = append(candidates, checkFunc(pass, blk, fl, order, sections, handedOff, condLockers)...)
		checkHeldOnReturn(pass, fl, handedOff)
	})
	for _, c := range candidates {
		if sections.quiet[c.section] == 0 {
			// ok: every critical section of this mutex waits, so waiting is
			// what it is for (it serializes writers, dials, flushes...).
			continue
		}
		passutil.Report(pass, c.diag)
	}
	order.report(pass)
	return nil, nil
}

// waitUnderLock is a blocking operation found under a held mutex; it is
// reported once the whole package shows the mutex also guards sections
// that do not wait.
type waitUnderLock struct {
	section string
	diag    analysis.Diagnostic
}

// sectionStats counts, per mutex, the critical sections (lock sites) that
// wait for something and those that do not.
type sectionStats struct {
	waits, quiet map[string]int
}

// sectionKey identifies a mutex across the package: its class, or for a
// local mutex its function and key.
func sectionKey(fn *ssa.Function, h locks.Held) string {
	if h.Ref.Class != "" {
		return h.Ref.Class
	}
	return fn.String() + "#" + h.Ref.Key()
}

// releasedByGoroutines returns the keys of mutexes that a goroutine
// started in fn may unlock: a mutex handed to another goroutine is a
// signal, not a critical section.
func releasedByGoroutines(lk *locks.Info, fn *ssa.Function) map[string]bool {
	out := map[string]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok {
				for _, ev := range lk.Events(&g.Call) {
					if ev.Kind == locks.Release {
						out[ev.Ref.Key()] = true
					}
				}
			}
		}
	}
	return out
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

// checkFunc reports re-locks, records lock-order edges and critical
// section statistics, and returns the blocking operations found under a
// held mutex.
func checkFunc(pass *analysis.Pass, blk *blocking.Info, fl *locks.FuncLocks, order *orderGraph, sections *sectionStats, handedOff map[string]bool, condLockers map[string]string) []waitUnderLock {
	var found []waitUnderLock
	waited := map[ssa.Instruction]bool{} // lock sites whose section waits
	var sites []locks.Held
	fl.Walk(func(instr ssa.Instruction, held []locks.Held) {
		for _, ev := range fl.Events(instr) {
			if ev.Kind == locks.Acquire {
				sites = append(sites, locks.Held{Ref: ev.Ref, Mode: ev.Mode, Site: instr})
			}
		}
		held = withoutKeys(held, handedOff)
		// ok: a callee that unlocks the caller's mutex (fooAndUnlock) may
		// wait, or lock others, after releasing it.
		held = withoutKeys(held, releasedBy(fl.Events(instr)))
		if len(held) == 0 {
			return
		}
		for _, ev := range fl.Events(instr) {
			if ev.Kind == locks.Acquire || ev.Kind == locks.Take {
				checkRelock(pass, instr, ev, held)
				order.add(instr, ev, held)
			}
		}
		op, ok := blk.Classify(instr)
		if ok && op.Kind == blocking.Sleep && passutil.InTestFile(pass, fl.Fn) {
			return // ok: a test sleeping under a lock simulates a slow holder on purpose
		}
		if !ok || !op.Unbounded() || op.Kind == blocking.MutexLock || op.LeafKind == blocking.ConnIO {
			// ok: locks are the business of relock and lock order; reads and
			// writes on a connection under the mutex that serializes them
			// are the usual way to share it.
			return
		}
		if op.Kind == blocking.CondWait {
			// Cond.Wait releases c.L while it waits: only the other held
			// mutexes stay held. When c.L cannot be told, say nothing.
			held = withoutCondLocker(op, held, condLockers)
			if len(held) == 0 {
				return
			}
		}
		for _, h := range held {
			waited[h.Site] = true
		}
		h := held[len(held)-1]
		for _, x := range held { // the most recently taken is the most specific
			if x.Site.Pos() > h.Site.Pos() {
				h = x
			}
		}
		others := ""
		if len(held) > 1 {
			others = fmt.Sprintf(" (and %d other mutexes)", len(held)-1)
		}
		found = append(found, waitUnderLock{
			section: sectionKey(fl.Fn, h),
			diag: analysis.Diagnostic{
				Pos:      ssax.Pos(instr),
				Category: catBlocking,
				Message: fmt.Sprintf("%s while %s is held%s: every goroutine that needs %s waits until it completes, which may be never",
					op.What, h.Ref.Name, others, h.Ref.Name),
				Related: []analysis.RelatedInformation{passutil.Related(ssax.Pos(h.Site), "%s locked here", h.Ref.Name)},
			},
		})
	})
	for _, site := range sites {
		key := sectionKey(fl.Fn, site)
		if waited[site.Site] {
			sections.waits[key]++
		} else {
			sections.quiet[key]++
		}
	}
	return found
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

func checkRelock(pass *analysis.Pass, instr ssa.Instruction, ev locks.Event, held []locks.Held) {
	h, ok := locks.Find(held, ev.Ref.Key())
	if !ok {
		return
	}
	how := "locks " + h.Ref.Name
	if ev.Mode == locks.Read {
		how = "read-locks " + h.Ref.Name
	}
	if ev.Via != nil {
		how = fmt.Sprintf("call to %s %s", ssax.ShortFuncName(ev.Via), strings.TrimPrefix(how, ""))
	} else {
		how = strings.ToUpper(how[:1]) + how[1:]
	}
	var msg, cat string
	switch {
	case h.Mode == locks.Read && ev.Mode == locks.Read:
		cat = catRecursiveR
		msg = fmt.Sprintf("%s while it is already read-locked on this path: if a writer calls Lock in between, both wait forever (recursive read locking)", how)
	case h.Mode == locks.Read:
		cat = catRelock
		msg = fmt.Sprintf("%s for writing while it is read-locked on this path: Lock waits for the read lock this goroutine holds (deadlock)", how)
	default:
		cat = catRelock
		msg = fmt.Sprintf("%s while it is already locked on this path: sync mutexes are not reentrant (self-deadlock)", how)
	}
	passutil.Report(pass, analysis.Diagnostic{
		Pos:      ssax.Pos(instr),
		Category: cat,
		Message:  msg,
		Related:  []analysis.RelatedInformation{passutil.Related(ssax.Pos(h.Site), "%s first locked here", h.Ref.Name)},
	})
}

// orderGraph collects "B acquired while A held" edges between mutex
// classes across the package.
type orderGraph struct {
	edges map[[2]string]orderEdge
}

type orderEdge struct {
	outer, inner       string // names as written
	outerPos, innerPos token.Pos
}

func (g *orderGraph) add(instr ssa.Instruction, ev locks.Event, held []locks.Held) {
	b := ev.Ref.Class
	if b == "" {
		return
	}
	for _, h := range held {
		if h.Ref.Class == b {
			// ok: a mutex of this class is already held; the new one is
			// the same mutex reached another way or a second instance,
			// and neither orders it after the others.
			return
		}
	}
	for _, h := range held {
		a := h.Ref.Class
		if a == "" || a == b {
			continue // ok: same class is re-locking or two instances, not order
		}
		key := [2]string{a, b}
		pos := ssax.Pos(instr)
		if old, ok := g.edges[key]; ok && old.innerPos <= pos {
			continue
		}
		g.edges[key] = orderEdge{outer: h.Ref.Name, inner: ev.Ref.Name, outerPos: ssax.Pos(h.Site), innerPos: pos}
	}
}

// report emits one diagnostic per pair of classes locked in both orders.
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
		ab, ba := g.edges[k], g.edges[[2]string{k[1], k[0]}]
		if _, ok := g.edges[[2]string{k[1], k[0]}]; !ok {
			continue
		}
		first, second := ab, ba
		if second.innerPos < first.innerPos {
			first, second = second, first
		}
		passutil.Report(pass, analysis.Diagnostic{
			Pos:      first.innerPos,
			Category: catOrder,
			Message: fmt.Sprintf("lock order inversion: %s is locked while %s is held here, but elsewhere %s is locked while %s is held; two goroutines taking these paths can deadlock",
				first.inner, first.outer, second.inner, second.outer),
			Related: []analysis.RelatedInformation{
				passutil.Related(second.innerPos, "%s locked while %s is held", second.inner, second.outer),
				passutil.Related(first.outerPos, "%s locked here", first.outer),
			},
		})
	}
}

// checkHeldOnReturn reports early returns that leave a mutex held while a
// later return releases it.
func checkHeldOnReturn(pass *analysis.Pass, fl *locks.FuncLocks, handedOff map[string]bool) {
	if looksLikeLockHelper(fl.Fn) {
		return // ok: acquiring the lock for the caller is its job
	}
	rets := fl.HeldAtReturns()
	if len(rets) < 2 {
		return
	}
	ordered := make([]*ssa.Return, 0, len(rets))
	for r := range rets {
		ordered = append(ordered, r)
	}
	sort.Slice(ordered, func(i, j int) bool { // a total order: implicit returns share a position
		if ordered[i].Pos() != ordered[j].Pos() {
			return ordered[i].Pos() < ordered[j].Pos()
		}
		return ordered[i].Block().Index < ordered[j].Block().Index
	})
	reported := map[string]bool{}
	for i, r := range ordered {
		for _, h := range rets[r] {
			key := h.Ref.Key()
			if reported[key] || handedOff[key] || !h.Ref.Outlives() || !releasedAtLaterReturn(ordered[i+1:], rets, key) {
				// ok: a mutex of an object made here dies with it, and one
				// a goroutine unlocks is not leaked by returning
				continue
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

func releasedAtLaterReturn(later []*ssa.Return, rets map[*ssa.Return][]locks.Held, key string) bool {
	for _, r := range later {
		if _, held := locks.Find(rets[r], key); !held {
			return true
		}
	}
	return false
}

// looksLikeLockHelper reports whether fn's name says it acquires a lock for
// its caller (lock, rlock, lockAndGet, acquire...).
func looksLikeLockHelper(fn *ssa.Function) bool {
	name := strings.ToLower(fn.Name())
	return strings.HasPrefix(name, "lock") || strings.HasPrefix(name, "rlock") || strings.HasPrefix(name, "acquire") || strings.HasSuffix(name, "lock")
}
