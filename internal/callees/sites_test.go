package callees_test

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssatest"
)

const sitesSrc = `package p

type T struct{ cb func() }

func (t *T) direct()  {}
func (t *T) asValue() {}

func called()   {}
func passed()   {}
func started()  {}

func use(f func()) { f() }

type G[E any] struct{ e E }

func (g *G[E]) generic() {}

func main() {
	t := &T{}
	t.direct()
	t.cb = t.asValue
	called()
	use(passed)
	go started()
	n := 0
	inc := func() { n++ }
	inc()
	defer inc()
	keep := func() { n-- }
	use(keep)
	g := &G[int]{}
	use(g.generic)
}
`

func TestSites(t *testing.T) {
	pkg := ssatest.Build(t, sitesSrc)
	s := scanned(ssatest.Funcs(pkg))
	method := func(name string) *ssa.Function {
		return pkg.Prog.LookupMethod(types.NewPointer(pkg.Type("T").Type()), pkg.Pkg, name)
	}
	genericMethod := pkg.Prog.FuncValue(pkg.Type("G").Type().(*types.Named).Method(0))
	main := pkg.Func("main")
	inc, keep := main.AnonFuncs[0], main.AnonFuncs[1]
	for _, tc := range []struct {
		fn    *ssa.Function
		calls int
		taken bool
	}{
		{method("direct"), 1, false},
		{method("asValue"), 0, true}, // a method value: called through t.cb
		{pkg.Func("called"), 1, false},
		{pkg.Func("passed"), 0, true},
		{pkg.Func("started"), 1, false}, // the go statement is a direct call
		{inc, 2, false},                 // called and deferred
		{keep, 0, true},
		{genericMethod, 0, true}, // a method value of an instantiation takes the declared method
	} {
		if got := len(s.Calls(tc.fn)); got != tc.calls || s.Taken(tc.fn) != tc.taken {
			t.Errorf("%s: %d calls, taken %v; want %d, %v", tc.fn, got, s.Taken(tc.fn), tc.calls, tc.taken)
		}
	}
	if _, isGo := s.Calls(pkg.Func("started"))[0].(*ssa.Go); !isGo {
		t.Errorf("started: call site is not the go statement")
	}
}

const onceSrc = `package p

import "sync"

var (
	once  sync.Once
	st    struct{ once sync.Once }
	again sync.Once
	init2 = newHolder()
)

type obj struct{ once sync.Once }

func named()     {}
func alsoCalled() {}
func objOnly()   {}
func rerun()     {}
func initd()     {}

func reset() { again = sync.Once{} }

type holder struct{ once sync.Once }

func newHolder() holder { return holder{} }

func main() {
	once.Do(named)
	st.once.Do(func() {})
	once.Do(alsoCalled)
	alsoCalled()
	again.Do(rerun)
	init2.once.Do(initd)
	o := &obj{}
	o.once.Do(objOnly)
	n := 0
	once.Do(func() { n++ })
	f := func() { n-- }
	once.Do(f)
	f()
}
`

func TestSitesOnceOnly(t *testing.T) {
	pkg := ssatest.Build(t, onceSrc)
	// the package initializer too: its store of init2 sets it up, not a reset
	s := scanned(append(ssatest.Funcs(pkg), pkg.Func("init")))
	want := map[string]bool{"named": true, "alsoCalled": false, "objOnly": false, "main": false, "rerun": false, "initd": true}
	for name, w := range want {
		if got := s.OnceOnly(pkg.Func(name)); got != w {
			t.Errorf("OnceOnly(%s) = %v, want %v", name, got, w)
		}
	}
	var anon []bool
	for _, fn := range pkg.Func("main").AnonFuncs {
		anon = append(anon, s.OnceOnly(fn))
	}
	// st.once.Do(literal), once.Do(closure) are once-only; f is also called.
	if len(anon) != 3 || !anon[0] || !anon[1] || anon[2] {
		t.Errorf("OnceOnly of main's literals = %v, want [true true false]", anon)
	}
}

// TestAllCallsBoxed: in package main, a method with an exported name is
// called only where the package shows, unless a conversion to an
// interface hands it out: the interface's own methods, or every exported
// method for an empty interface.
func TestAllCallsBoxed(t *testing.T) {
	const src = `package main

import "fmt"

type Highlighter interface{ LateUpdates() <-chan struct{} }

func use(h Highlighter) {}

type fake struct{ ch chan struct{} }

func (f *fake) LateUpdates() <-chan struct{} { return f.ch }
func (f *fake) SetOnEvent(func())            {}

type printed struct{}

func (*printed) String() string { return "p" }
func (*printed) Reset()         {}

type kept struct{}

func (*kept) Reset() {}

func main() {
	f := &fake{}
	f.SetOnEvent(nil)
	use(f)
	fmt.Println(&printed{})
	(&kept{}).Reset()
}
`
	pkg := ssatest.Build(t, src)
	sites := scanned(ssatest.Funcs(pkg))
	for _, tc := range []struct {
		fn    string
		known bool
	}{
		{"(*fake).LateUpdates", false}, // handed out as a Highlighter
		{"(*fake).SetOnEvent", true},   // not Highlighter's: only main calls it
		{"(*printed).String", false},   // an empty interface: anything may be asserted
		{"(*printed).Reset", false},
		{"(*kept).Reset", true}, // never converted
	} {
		_, known := sites.AllCalls(ssatest.Func(t, pkg, tc.fn))
		if known != tc.known {
			t.Errorf("AllCalls(%s): known = %t, want %t", tc.fn, known, tc.known)
		}
	}
}

// scanned returns the Sites of every instruction of funcs.
func scanned(funcs []*ssa.Function) *callees.Sites {
	s := callees.NewSites()
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				s.Scan(instr)
			}
		}
	}
	return s
}
