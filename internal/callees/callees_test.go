package callees_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssatest"
)

const errgroupStub = `package errgroup
type Group struct{}
func (g *Group) Go(f func() error) {}
`

// depStub is a dependency whose type implements an interface of p.
const depStub = `package dep
type Worker struct{}
func (*Worker) Work() {}
`

// Each call under test carries a marker comment "// @name"; want lists
// the candidates Resolve (or Implicit, for names starting with "lib")
// must find, and "?" for an incomplete resolution.
const src = `package p

import (
	"context"
	"encoding/json"
	"container/heap"
	"fmt"
	"sort"
	"sync"
	"time"

	"example.com/dep"
	"golang.org/x/sync/errgroup"
)

func a() {}
func b() {}

func local(c bool) {
	f := a
	if c {
		f = b
	}
	f() // @local
}

func captured() {
	f := a
	g := func() { f() } // @captured
	g()                 // @closure
}

func capturedWritten(c bool) {
	f := a
	func() { f = b }()
	f() // @capturedWritten
}

func escapes() {
	f := a
	set(&f)
	f() // @escapes
}

func set(p *func()) {}

type server struct {
	onEvent func()
	hooks   []func()
	byName  map[string]func()
	Public  func()
}

func newServer() *server {
	s := &server{onEvent: a, byName: map[string]func(){"a": a}}
	s.hooks = append(s.hooks, b)
	s.Public = a
	return s
}

func (s *server) field()  { s.onEvent() }      // @field
func (s *server) slice()  { for _, h := range s.hooks { h() } } // @slice
func (s *server) maps()   { s.byName["a"]() }   // @map
func (s *server) public() { s.Public() }        // @public

var handler = b

func global() { handler() } // @global

func (s *server) run() {}

func methodValue(s *server) {
	f := s.run
	f() // @methodValue
}

func (s *server) deferred() {
	defer s.onEvent() // @defer
}

func (s *server) spawn() {
	go s.hooks[0]() // @go
}

func apply(f func()) { f() } // @param

func callsApply() { apply(a); apply(a) }

type runner interface{ Run() }
type only struct{}

func (only) Run() {}

func iface(r runner) { r.Run() } // @iface

type twice interface{ Twice() }
type one struct{}
type two struct{}

func (*one) Twice() {}
func (*two) Twice() {}

func ifaceMany(t twice) { t.Twice() } // @ifaceMany

type worker interface{ Work() }

var _ worker = new(dep.Worker)

func depIface(w worker) { w.Work() } // @depIface

type queue []int

func (queue) Len() int           { return 0 }
func (queue) Less(i, j int) bool { return false }
func (queue) Swap(i, j int)      {}
func (*queue) Push(x any)        {}
func (*queue) Pop() any          { return nil }

func stdIface(h heap.Interface) { h.Push(1) } // @stdIface

func ifaceKnown() {
	var t twice = &two{}
	t.Twice() // @ifaceKnown
}

var once sync.Once

func onceDo() { once.Do(a) } // @libOnce

func afterFunc(ctx context.Context) {
	time.AfterFunc(time.Second, b) // @libAfter
	context.AfterFunc(ctx, a)      // @libCtxAfter
}

func group(g *errgroup.Group) {
	g.Go(func() error { return nil }) // @libGroup
}

type named struct{}

func (named) String() string { return "" }

type failure struct{}

func (*failure) Error() string { return "" }

type formatted struct{}

func (formatted) Format(f fmt.State, verb rune) {}

func printing(n named, e *failure, f formatted) {
	_ = fmt.Sprintf("%v", n)  // @libString
	_ = fmt.Sprintf("%d", n)  // @libNoString
	fmt.Println(e)            // @libError
	_ = fmt.Sprintf("%d", f)  // @libFormat
	_ = fmt.Sprintf("%T", n)  // @libType
}

type bySize []int

func (bySize) Len() int           { return 0 }
func (bySize) Less(i, j int) bool { return false }
func (bySize) Swap(i, j int)      {}

func sorting(s bySize) { sort.Sort(s) } // @libSort

type doc struct{}

func (doc) MarshalJSON() ([]byte, error) { return nil, nil }

func marshal(d doc) { json.Marshal(d) } // @libJSON

// A generic type's method value, stored in a field inside a generic
// method: ssa has no function for the uninstantiated method, so the
// resolution is unknown, never a nil candidate.
type cache[K comparable] struct{ commit func(K) }

func (c *cache[K]) apply(k K) {}

func (c *cache[K]) init()      { c.commit = c.apply }
func (c *cache[K]) finish(k K) { c.commit(k) } // @generic

// A function that returns a function literal (a worker's constructor):
// the call of its result runs that literal; through an extract too.
func makeWorker(n int) func() error {
	return func() error { _ = n; return nil }
}

func makeWorkerOr(n int) (func() error, error) {
	if n < 0 {
		return a2, nil
	}
	return func() error { return nil }, nil
}

func a2() error { return nil }

func runMade() {
	makeWorker(1)() // @returned
	w, _ := makeWorkerOr(2)
	w() // @returnedExtract
}

// A callback stored by a setter method: its every call is in the
// package (unexported, never a value, invoked through no interface), so
// the field holds what those calls pass. An exported setter may be
// called from anywhere.
type hooks struct {
	onEvent func()
	onStop  func()
}

func (h *hooks) setOnEvent(f func()) { h.onEvent = f }
func (h *hooks) SetOnStop(f func())  { h.onStop = f }

func wireHooks(h *hooks) {
	h.setOnEvent(a)
	h.SetOnStop(b)
	h.onEvent() // @setterParam
	h.onStop()  // @exportedSetterParam
}
`

var want = map[string]string{
	"local":               "p.a p.b",
	"returned":            "p.makeWorker$1",
	"returnedExtract":     "p.makeWorkerOr$1 p.a2",
	"captured":            "p.a",
	"closure":             "static p.captured$1",
	"capturedWritten":     "p.a p.b",
	"escapes":             "?",
	"field":               "p.a",
	"slice":               "p.b",
	"map":                 "p.a",
	"public":              "?", // an exported field: other packages may store
	"global":              "p.b",
	"methodValue":         "(*p.server).run",
	"defer":               "p.a",
	"go":                  "p.b",
	"param":               "p.a",
	"iface":               "(p.only).Run",
	"ifaceMany":           "(*p.one).Twice (*p.two).Twice",
	"ifaceKnown":          "(*p.two).Twice",
	"depIface":            "(*example.com/dep.Worker).Work",
	"stdIface":            "?", // a standard interface is implemented everywhere
	"libOnce":             "p.a",
	"libAfter":            "go p.b",
	"libCtxAfter":         "go p.a",
	"libGroup":            "go p.group$1",
	"libString":           "(p.named).String",
	"libNoString":         "",
	"libError":            "(*p.failure).Error",
	"libFormat":           "(p.formatted).Format",
	"libType":             "",
	"libSort":             "(p.bySize).Len (p.bySize).Less (p.bySize).Swap",
	"libJSON":             "(p.doc).MarshalJSON",
	"generic":             "?",
	"setterParam":         "p.a",
	"exportedSetterParam": "?",
}

func TestResolve(t *testing.T) {
	pkg := ssatest.BuildWith(t, src, map[string]string{"golang.org/x/sync/errgroup": errgroupStub, "example.com/dep": depStub})
	r := callees.New(pkg, ssatest.Funcs(pkg))
	marks := markers(src)
	fset := pkg.Prog.Fset
	got := map[string]string{}
	for _, fn := range ssatest.Funcs(pkg) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				name, ok := marks[fset.Position(call.Common().Pos()).Line]
				if !ok {
					continue
				}
				if strings.HasPrefix(name, "lib") {
					var parts []string
					for _, res := range r.Implicit(call.Common()) {
						if !res.Dynamic || res.How != callees.Library || !res.Complete {
							t.Errorf("%s: implicit resolution %+v should be a complete library call", name, res)
						}
						parts = append(parts, render(res))
					}
					got[name] = strings.Join(parts, " ")
					continue
				}
				got[name] = render(r.Resolve(call.Common()))
			}
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: got %q, want %q", name, got[name], w)
		}
	}
}

func render(res callees.Resolution) string {
	if !res.Complete {
		return "?"
	}
	var names []string
	for _, fn := range res.Callees {
		names = append(names, fn.String())
	}
	s := strings.Join(names, " ")
	if res.Go {
		s = "go " + s
	}
	if !res.Dynamic {
		s = "static " + s
	}
	return s
}

// markers maps source lines to the names of their "// @name" markers.
func markers(src string) map[int]string {
	out := map[int]string{}
	for i, line := range strings.Split(src, "\n") {
		if _, m, ok := strings.Cut(line, "// @"); ok {
			out[i+1] = strings.Fields(m)[0]
		}
	}
	return out
}

func TestAgree(t *testing.T) {
	pkg := ssatest.Build(t, `package p
func a() {}
func b() {}
`)
	fa, fb := pkg.Func("a"), pkg.Func("b")
	name := func(fn *ssa.Function) string { return fn.Name() }
	always := func(*ssa.Function) bool { return true }
	if _, ok := callees.Agree(callees.Resolution{Complete: true, Callees: []*ssa.Function{fa, fb}}, name); ok {
		t.Error("two candidates that disagree must not agree")
	}
	if v, ok := callees.Agree(callees.Resolution{Complete: true, Callees: []*ssa.Function{fa, fb}}, always); !ok || !v {
		t.Error("two candidates that agree must agree")
	}
	if _, ok := callees.Agree(callees.Resolution{Complete: false, Callees: []*ssa.Function{fa}}, always); ok {
		t.Error("an incomplete resolution must not agree")
	}
	if v, ok := callees.Agree(callees.Resolution{Complete: true, Callees: []*ssa.Function{fb}}, name); !ok || v != "b" {
		t.Error("a single candidate is its own answer")
	}
}

const holderSrc = `package p

type node struct {
	direct  func()
	viaCell func()
	setter  func()
	other   func()
	mixed   func()
	Open    func()
}

func (n *node) touch() {}

func (n *node) setSetter(f func()) { n.setter = f }

func newNode(parent *node) *node {
	n := &node{}
	n.direct = n.touch // a method value binding n
	m := &node{}
	m.viaCell = func() { m.touch() }
	n.setSetter(func() { m.touch() }) // binds m, stored into n
	m.setSetter(func() { m.touch() })
	n.other = func() { parent.touch() }
	n.mixed = n.touch
	n.mixed = parent.touch
	n.Open = n.touch
	return n
}

func (n *node) call() {
	n.direct()  // @direct
	n.viaCell() // @viaCell
	n.setter()  // @setter
	n.other()   // @other
	n.mixed()   // @mixed
	n.Open()    // @open
}
`

// TestBindsItsHolder checks which callback fields hold only closures
// that bind the struct they are stored in.
func TestBindsItsHolder(t *testing.T) {
	pkg := ssatest.Build(t, holderSrc)
	r := callees.New(pkg, ssatest.Funcs(pkg))
	marks := markers(holderSrc)
	want := map[string]string{
		"direct":  "bound", // n.direct = n.touch
		"viaCell": "cell",  // m captured by a closure: its cell, written once
		"setter":  "no",    // one call of the setter stores m's closure into n
		"other":   "no",    // binds the parent
		"mixed":   "no",    // one store binds the parent
		"open":    "no",    // exported: other packages may store
	}
	got := map[string]string{}
	for _, fn := range ssatest.Funcs(pkg) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				name, ok := marks[pkg.Prog.Fset.Position(call.Pos()).Line]
				if !ok {
					continue
				}
				load, _ := call.Call.Value.(*ssa.UnOp)
				fa, _ := load.X.(*ssa.FieldAddr)
				switch bound, cell := r.BindsItsHolder(fa, 0); {
				case bound && cell:
					got[name] = "cell"
				case bound:
					got[name] = "bound"
				default:
					got[name] = "no"
				}
			}
		}
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: BindsItsHolder = %s, want %s", name, got[name], w)
		}
	}
}
