package wake_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const endsSrc = `package p

import (
	"testing"
	"time"
)

type T struct {
	in    chan int
	stop  chan struct{}
	quit  chan struct{}
	lines chan string
}

func newT() *T {
	return &T{in: make(chan int), stop: make(chan struct{}), quit: make(chan struct{}), lines: make(chan string)}
}

// ticks never ends: nothing closes a ticker's channel.
func ticks(t *time.Ticker) {
	for range t.C {
	}
}

// stopped ends on the stop case, which Close closes.
func (t *T) stopped() {
	for {
		select {
		case <-t.in:
		case <-t.stop:
			return
		}
	}
}

func (t *T) Close() { close(t.stop) }

// quits cannot end: nothing closes or sends on quit.
func (t *T) quits() {
	for {
		select {
		case <-t.in:
		case <-t.quit:
			return
		}
	}
}

func (t *T) put(v int) { t.in <- v }

// lined ranges over lines, which log sends on and nothing closes.
func (t *T) lined() {
	for range t.lines {
	}
}

func (t *T) log(s string) { t.lines <- s }

// calls cannot end: it calls lined.
func (t *T) calls() { t.lined() }

// stuck waits on quit, which nothing wakes.
func (t *T) stuck() { <-t.quit }

// fatals leaves its loop only through t.Fatal, which ends the goroutine.
func fatals(t *testing.T, ch chan int) {
	for {
		if <-ch == 0 {
			t.Fatal("zero")
		}
	}
}

func TestMain(m *testing.M) { m.Run() }

func perIteration(n int) {
	for range n {
		ch := make(chan int, 1)
		ch <- 1
		<-ch
	}
}
`

func TestCanEnd(t *testing.T) {
	pkg := ssatest.Build(t, endsSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for _, tc := range []struct {
		fn      string
		canEnd  bool
		forever bool // ForeverWait finds a repeating wait
	}{
		{"ticks", false, true},
		{"(*T).stopped", true, false},
		{"(*T).quits", false, true},
		{"(*T).lined", false, true},
		{"(*T).calls", false, true},
		{"(*T).stuck", false, false}, // one-sided: Stuck, not a loop
		{"(*T).put", true, false},
		{"fatals", true, false},
	} {
		fn := ssatest.Func(t, pkg, tc.fn)
		if got := m.CanEnd(fn); got != tc.canEnd {
			t.Errorf("CanEnd(%s) = %v, want %v", tc.fn, got, tc.canEnd)
		}
		f, ok := m.ForeverWait(fn)
		if ok != tc.forever {
			t.Errorf("ForeverWait(%s) found = %v, want %v", tc.fn, ok, tc.forever)
		}
		if ok && tc.fn == "(*T).calls" && (len(f.Via) != 1 || f.Fn.Name() != "lined") {
			t.Errorf("ForeverWait(calls) = %s via %d calls, want lined via 1", f.Fn, len(f.Via))
		}
		if ok && (tc.fn == "ticks") != (f.Chan != nil && wake.Ticker(f.Chan)) {
			t.Errorf("ForeverWait(%s): ticker channel = %v", tc.fn, f.Chan)
		}
	}
	stuck := false
	for _, b := range ssatest.Func(t, pkg, "(*T).stuck").Blocks {
		for _, instr := range b.Instrs {
			stuck = stuck || m.Stuck(instr)
		}
	}
	if !stuck {
		t.Errorf("the receive from t.quit is not stuck")
	}
}

func TestAllocation(t *testing.T) {
	pkg := ssatest.Build(t, endsSrc)
	fn := ssatest.Func(t, pkg, "perIteration")
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if s, ok := instr.(*ssa.Send); ok {
				if _, isMake := wake.Allocation(s.Chan).(*ssa.MakeChan); !isMake {
					t.Errorf("Allocation of the send's channel = %v, want its make", wake.Allocation(s.Chan))
				}
			}
		}
	}
}

func TestProcessEntry(t *testing.T) {
	pkg := ssatest.Build(t, endsSrc)
	for name, want := range map[string]bool{"TestMain": true, "fatals": false, "newT": false} {
		if got := wake.ProcessEntry(ssatest.Func(t, pkg, name)); got != want {
			t.Errorf("ProcessEntry(%s) = %v, want %v", name, got, want)
		}
	}
}

const evidenceSrc = `package main

import "net/http"

type hook interface{ Fire() }

type stub struct{}

func (*stub) Fire() {}

type unused struct{}

func (*unused) Poke() {}

func helper() {}

func handed(f func()) { f() }

func caller() {
	helper()
	handed(func() {})
	var h hook = &stub{}
	h.Fire()
}

func main() {
	caller()
	for range 3 {
		looped()
	}
	once()
	http.HandleFunc("/", serve)
}

func looped() { go func() {}() }

func once() { go func() {}() }

func serve(w http.ResponseWriter, r *http.Request) { go func() {}() }

var table = []func(){runCmd}

func runCmd() { go func() {}() }
`

func TestEvidence(t *testing.T) {
	pkg := ssatest.Build(t, evidenceSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	e := m.Evidence(nil)
	for name, want := range map[string]bool{"main": true, "caller": true, "helper": true, "handed": true, "caller$1": true, "Poke": false, "Fire": false} {
		var fn *ssa.Function
		for _, f := range funcs {
			for _, a := range append([]*ssa.Function{f}, f.AnonFuncs...) {
				if a.Name() == name {
					fn = a
				}
			}
		}
		if fn == nil {
			t.Fatalf("no function %s", name)
		}
		if got := e.Runs(fn); got != want {
			t.Errorf("Runs(%s) = %v, want %v", name, got, want)
		}
	}
}

func TestSpawnedOnce(t *testing.T) {
	pkg := ssatest.Build(t, evidenceSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for name, want := range map[string]bool{"looped": false, "once": true, "serve": false, "runCmd": true} {
		fn := ssatest.Func(t, pkg, name)
		var g *ssa.Go
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if x, ok := instr.(*ssa.Go); ok {
					g = x
				}
			}
		}
		if g == nil {
			t.Fatalf("no go statement in %s", name)
		}
		if got := m.SpawnedOnce(g); got != want {
			t.Errorf("SpawnedOnce(go in %s) = %v, want %v", name, got, want)
		}
	}
}
