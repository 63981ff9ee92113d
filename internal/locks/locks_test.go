package locks_test

import (
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/ssatest"
)

const src = `package p

import "sync"

type Inner struct{ sync.Mutex }

// Counted embeds a mutex beside other state: not a wrapper.
type Counted struct {
	sync.Mutex
	n int
}

// U holds an Inner too, and a Counted.
type U struct {
	in Inner
	c  Counted
}

func (u *U) In()      { u.in.Lock(); u.in.Unlock() }
func (u *U) C()       { u.c.Lock(); u.c.Unlock() }
func (i *Inner) own() { i.Mutex.Lock() }
func (u *U) Own()     { u.in.own() }

type T struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	Inner
	next *T
}

var global sync.Mutex

func (t *T) A()         { t.mu.Lock(); t.mu.Unlock() }
func (t *T) B()         { t.mu.Lock(); defer t.mu.Unlock(); t.Inner.Lock(); t.Unlock() }
func (t *T) Next()      { t.next.mu.Lock(); t.next.mu.Unlock() }
func G()                { global.Lock(); global.Unlock() }
func (t *T) lock()      { t.mu.Lock() }
func (t *T) unlock()    { t.mu.Unlock() }
func (t *T) Read()      { t.rw.RLock(); defer t.rw.RUnlock() }
func (t *T) UseHelper() { t.lock(); marker(); t.unlock(); marker2() }
func (t *T) Cond(c bool) {
	if c {
		t.mu.Lock()
	}
	marker()
	if c {
		t.mu.Unlock()
	}
}
func (t *T) Deferred() {
	t.mu.Lock()
	defer t.mu.Unlock()
	marker()
}
func (t *T) DeferClosure() {
	t.mu.Lock()
	defer func() { t.mu.Unlock() }()
	marker()
}
func (t *T) Around() { t.mu.Unlock(); marker(); t.mu.Lock() }
func marker()  {}
func marker2() {}
`

// lockRefs returns the Refs of the Lock/RLock calls in fn, in order.
func lockRefs(t *testing.T, fn *ssa.Function) []locks.Ref {
	return acquiredRefs(t, fn, false)
}

// acquiredRefs returns the Refs of the mutexes the calls of fn acquire,
// in order: in their callees (inCallees), or by the Lock calls themselves.
func acquiredRefs(t *testing.T, fn *ssa.Function, inCallees bool) []locks.Ref {
	t.Helper()
	info := locks.NewInfo()
	var out []locks.Ref
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			for _, ev := range info.Events(&call.Call) {
				if ev.Kind == locks.Acquire && (ev.Via != nil) == inCallees {
					out = append(out, ev.Ref)
				}
			}
		}
	}
	return out
}

// calleeLockRefs returns the Refs of the mutexes that the calls of fn lock
// inside their callees, in order.
func calleeLockRefs(t *testing.T, fn *ssa.Function) []locks.Ref {
	return acquiredRefs(t, fn, true)
}

func TestIdentity(t *testing.T) {
	pkg := ssatest.Build(t, src)
	a := lockRefs(t, ssatest.Func(t, pkg, "(*T).A"))
	b := lockRefs(t, ssatest.Func(t, pkg, "(*T).B"))
	next := lockRefs(t, ssatest.Func(t, pkg, "(*T).Next"))
	g := lockRefs(t, ssatest.Func(t, pkg, "G"))
	if len(a) != 1 || len(b) != 2 || len(next) != 1 || len(g) != 1 {
		t.Fatalf("lock counts: A %d, B %d, Next %d, G %d", len(a), len(b), len(next), len(g))
	}
	// t.mu in two methods: same key (receiver-rooted) and same class.
	if a[0].Key() != b[0].Key() || a[0].Class != b[0].Class || a[0].Class != "(p.T).mu" {
		t.Errorf("t.mu in A and B: keys %q %q classes %q %q", a[0].Key(), b[0].Key(), a[0].Class, b[0].Class)
	}
	if a[0].Name != "t.mu" {
		t.Errorf("Name = %q, want t.mu", a[0].Name)
	}
	// The embedded mutex is its own identity. Inner only wraps a mutex,
	// so the field that holds it names it: T's Inner and U's in are two
	// classes, not every Inner's one.
	if b[1].Key() == b[0].Key() || b[1].Class != "(p.T).Inner.Mutex" {
		t.Errorf("embedded: key %q class %q", b[1].Key(), b[1].Class)
	}
	in := lockRefs(t, ssatest.Func(t, pkg, "(*U).In"))
	if len(in) != 1 || in[0].Class != "(p.U).in.Mutex" {
		t.Errorf("U.in: %+v", in)
	}
	// A wrapper's own method locks the mutex of the field its caller
	// hands it.
	own := calleeLockRefs(t, ssatest.Func(t, pkg, "(*U).Own"))
	if len(own) != 1 || own[0].Class != "(p.U).in.Mutex" {
		t.Errorf("U.in through (*Inner).own: %+v", own)
	}
	// A mutex embedded beside other state is classed by the embedding.
	c := lockRefs(t, ssatest.Func(t, pkg, "(*U).C"))
	if len(c) != 1 || c[0].Class != "(p.Counted).Mutex" {
		t.Errorf("U.c: %+v", c)
	}
	// t.next.mu: another instance (different key), same class.
	if next[0].Key() == a[0].Key() || next[0].Class != a[0].Class {
		t.Errorf("t.next.mu: key %q class %q", next[0].Key(), next[0].Class)
	}
	if g[0].Class != "p.global" || !strings.HasPrefix(g[0].Key(), "g:p.global") {
		t.Errorf("global: key %q class %q", g[0].Key(), g[0].Class)
	}
}

// heldAtMarker returns the names of the mutexes held at each call to
// marker in fn.
func heldAtMarker(t *testing.T, fn *ssa.Function, marker string) [][]string {
	fl := locks.NewInfo().Analyze(fn)
	var out [][]string
	fl.Walk(func(instr ssa.Instruction, held []locks.Held) {
		call, ok := instr.(*ssa.Call)
		if !ok {
			return
		}
		if f, ok := call.Call.Value.(*ssa.Function); ok && f.Name() == marker {
			var names []string
			for _, h := range held {
				names = append(names, h.Ref.Name)
			}
			sort.Strings(names)
			out = append(out, names)
		}
	})
	return out
}

func TestHeld(t *testing.T) {
	pkg := ssatest.Build(t, src)
	for _, tc := range []struct {
		fn, marker, want string
	}{
		{"(*T).UseHelper", "marker", "t.mu"}, // acquired through the lock() helper
		{"(*T).UseHelper", "marker2", ""},    // released through unlock()
		{"(*T).Cond", "marker", ""},          // held on one path only: not must-held
		{"(*T).Deferred", "marker", "t.mu"},  // defer does not release early
		{"(*T).DeferClosure", "marker", "t.mu"},
	} {
		got := heldAtMarker(t, ssatest.Func(t, pkg, tc.fn), tc.marker)
		if len(got) != 1 || strings.Join(got[0], ",") != tc.want {
			t.Errorf("%s: held at %s = %v, want [%s]", tc.fn, tc.marker, got, tc.want)
		}
	}
}

func TestHeldAtReturns(t *testing.T) {
	pkg := ssatest.Build(t, src)
	info := locks.NewInfo()
	for fn, want := range map[string]int{
		"(*T).Deferred":     0, // the deferred unlock releases it
		"(*T).DeferClosure": 0, // so does a deferred closure
		"(*T).lock":         1,
	} {
		n := 0
		for _, held := range info.Analyze(ssatest.Func(t, pkg, fn)).HeldAtReturns() {
			n += len(held)
		}
		if n != want {
			t.Errorf("%s: %d mutexes held at returns, want %d", fn, n, want)
		}
	}
}

func TestSummarize(t *testing.T) {
	pkg := ssatest.Build(t, src)
	info := locks.NewInfo()
	str := func(es []locks.Effect) string {
		var s []string
		for _, e := range es {
			s = append(s, e.String())
		}
		return strings.Join(s, " ")
	}
	for _, tc := range []struct {
		fn, takes, acquires, releases string
	}{
		{"(*T).A", "p0/mu", "", ""},
		{"(*T).lock", "p0/mu", "p0/mu", ""},
		{"(*T).unlock", "", "", "p0/mu"},
		{"(*T).Read", "p0/rw(r)", "", ""},
		{"(*T).Next", "p0/next.*.mu", "", ""},
		{"G", "g:p.global/", "", ""},
		{"(*T).UseHelper", "p0/mu", "", ""},
		// unlocking around a wait and locking again is not a new take
		{"(*T).Around", "", "p0/mu", "p0/mu"},
	} {
		s := info.Summarize(ssatest.Func(t, pkg, tc.fn))
		if got := str(s.Takes); got != tc.takes {
			t.Errorf("%s takes %q, want %q", tc.fn, got, tc.takes)
		}
		if got := str(s.Acquires); got != tc.acquires {
			t.Errorf("%s acquires %q, want %q", tc.fn, got, tc.acquires)
		}
		if got := str(s.Releases); got != tc.releases {
			t.Errorf("%s releases %q, want %q", tc.fn, got, tc.releases)
		}
	}
}

func TestCondLockers(t *testing.T) {
	pkg := ssatest.Build(t, `package p

import "sync"

type Q struct {
	mu   sync.Mutex
	cond *sync.Cond
}

type V struct {
	mu   sync.Mutex
	cond sync.Cond
}

type Two struct {
	a, b sync.Mutex
	cond *sync.Cond
}

func NewQ() *Q { q := &Q{}; q.cond = sync.NewCond(&q.mu); return q }
func NewV() *V { v := &V{}; v.cond.L = &v.mu; return v }
func NewTwo(x bool) *Two {
	t := &Two{}
	if x {
		t.cond = sync.NewCond(&t.a)
	} else {
		t.cond = sync.NewCond(&t.b)
	}
	return t
}
`)
	got := locks.CondLockers(ssatest.Funcs(pkg))
	want := map[string]string{"(p.Q).cond": "(p.Q).mu", "(p.V).cond": "(p.V).mu"} // Two: ambiguous, absent
	if len(got) != len(want) {
		t.Errorf("CondLockers = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("CondLockers[%s] = %q, want %q", k, got[k], v)
		}
	}
}
