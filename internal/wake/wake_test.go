package wake_test

import (
	"go/token"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const src = `package p

import "sync"

type S struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	ch   chan int
	out  chan int
	loop chan int
	wg   sync.WaitGroup
	cond *sync.Cond
	Pub  chan int
	sink chan<- int
	n    int
}

// Attach keeps a send-only view of the caller's channel: the caller holds
// the receiving end.
func (s *S) Attach(out chan<- int) { s.sink = out }

func (s *S) emitSink() { s.sink <- 1 }

// recvLoop locks s.mu before every receive of s.ch.
func (s *S) recvLoop() {
	for {
		s.mu.Lock()
		s.n++
		s.mu.Unlock()
		<-s.ch
	}
}

func (s *S) send() { s.ch <- 1 }

// setupThenLoop locks s.mu once, before its receive loop on s.out.
func (s *S) setupThenLoop() {
	s.mu.Lock()
	s.n = 0
	s.mu.Unlock()
	for range s.loop {
	}
}

func (s *S) sendLoop() { s.loop <- 1 }

func (s *S) drainOut() { <-s.out }

func (s *S) sendOut() { s.out <- 1 }

// worker's deferred Done runs after done, which locks s.mu.
func (s *S) worker() {
	defer s.wg.Done()
	s.done()
}

func (s *S) done() {
	s.mu.Lock()
	s.n--
	s.mu.Unlock()
}

func (s *S) join() { s.wg.Wait() }

// signal is called only by signalLocked's caller holding s.mu.
func (s *S) signal() { s.cond.Signal() }

func (s *S) Poke() {
	s.mu.Lock()
	s.signal()
	s.mu.Unlock()
}

func (s *S) waitCond() { s.cond.Wait() }

func (s *S) emitPub() { s.Pub <- 1 }

// readOnly returns a receive-only view of s.out: callers cannot send.
func (s *S) ReadOnly() <-chan int { return s.out }
`

func model(t *testing.T) (*wake.Model, *ssa.Package) {
	pkg := ssatest.Build(t, src)
	funcs := ssatest.Funcs(pkg)
	return wake.New(funcs, chans.Index(funcs)), pkg
}

// waitIn returns the first instruction of fn that is a wait the model knows.
func waitIn(t *testing.T, m *wake.Model, fn *ssa.Function) ssa.Instruction {
	t.Helper()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := m.WaitWakes(instr); ok {
				return instr
			}
		}
	}
	t.Fatalf("no wait in %s", fn)
	return nil
}

func TestWakes(t *testing.T) {
	m, pkg := model(t)
	mu := "c:(p.S).mu"
	for _, tc := range []struct {
		wait      string
		known     bool
		wakes     []string // functions of the wakes
		needsLock []bool   // per wake, in order: acquires s.mu on its way
	}{
		// The send's only wake is the receive in recvLoop's loop, which
		// locks s.mu on every way around the loop.
		{"(*S).send", true, []string{"(*S).recvLoop"}, []bool{true}},
		// The receive's only wake is send, which locks nothing.
		{"(*S).recvLoop", true, []string{"(*S).send"}, []bool{false}},
		// A lock taken once before the loop does not guard its receives.
		{"(*S).sendLoop", true, []string{"(*S).setupThenLoop"}, []bool{false}},
		// The deferred Done runs after done() has locked s.mu.
		{"(*S).join", true, []string{"(*S).worker"}, []bool{true}},
		// Signal's only caller holds s.mu around the call.
		{"(*S).waitCond", true, []string{"(*S).signal"}, []bool{true}},
		// An exported channel: other packages may receive from it.
		{"(*S).emitPub", false, nil, nil},
		// A send-only parameter: the caller that passed it receives.
		{"(*S).emitSink", false, nil, nil},
	} {
		fn := ssatest.Func(t, pkg, tc.wait)
		w, ok := m.WaitWakes(waitIn(t, m, fn))
		if !ok {
			t.Fatalf("%s: not a wait", tc.wait)
		}
		if w.Known != tc.known {
			t.Errorf("%s: Known = %v, want %v", tc.wait, w.Known, tc.known)
		}
		if !tc.known {
			continue
		}
		var got []string
		for _, s := range w.Sites {
			got = append(got, strings.TrimPrefix(s.Fn.RelString(pkg.Pkg), ""))
		}
		if strings.Join(got, ",") != strings.Join(tc.wakes, ",") {
			t.Errorf("%s: wakes in %v, want %v", tc.wait, got, tc.wakes)
			continue
		}
		for i, s := range w.Sites {
			a, ok := m.Acquired(s, mu)
			if ok != tc.needsLock[i] {
				t.Errorf("%s: wake in %s acquires s.mu = %v, want %v", tc.wait, tc.wakes[i], ok, tc.needsLock[i])
			}
			if ok && a.At.Pos() == token.NoPos {
				t.Errorf("%s: acquisition without a position", tc.wait)
			}
		}
	}
}

// A channel returned receive-only can still be sent on only here: the
// receive's wakes stay known, the send's do not.
func TestDirectionalEscape(t *testing.T) {
	m, pkg := model(t)
	recv := waitIn(t, m, ssatest.Func(t, pkg, "(*S).drainOut"))
	if w, _ := m.WaitWakes(recv); !w.Known {
		t.Errorf("receive from s.out: wakes unknown, want known (the escape is receive-only)")
	}
	send := waitIn(t, m, ssatest.Func(t, pkg, "(*S).sendOut"))
	if w, _ := m.WaitWakes(send); w.Known {
		t.Errorf("send on s.out: wakes known, want unknown (callers may receive)")
	}
}

// wg.Go's function through the resolver: a field that only ever holds
// one method value starts that method, whose return ends the Wait.
func TestGoThroughField(t *testing.T) {
	pkg := ssatest.Build(t, `package p
import "sync"
type P struct {
	mu  sync.Mutex
	job func()
}
func newP() *P { p := &P{}; p.job = p.step; return p }
func (p *P) step() { p.mu.Lock(); p.mu.Unlock() }
func (p *P) run() {
	var wg sync.WaitGroup
	wg.Go(p.job)
	wg.Wait()
}`)
	funcs := ssatest.Funcs(pkg)
	r := callees.New(pkg, funcs)
	callees.Register(pkg, r)
	m := wake.New(funcs, chans.Index(funcs))
	w, ok := m.WaitWakes(waitIn(t, m, ssatest.Func(t, pkg, "(*P).run")))
	if !ok || !w.Known || len(w.Sites) != 1 || w.Sites[0].Fn.RelString(pkg.Pkg) != "(*P).step" {
		var fns []string
		for _, s := range w.Sites {
			fns = append(fns, s.Fn.RelString(pkg.Pkg))
		}
		t.Fatalf("wakes of run's Wait: known=%v %v, want the return of (*P).step", w.Known, fns)
	}
	runtime.KeepAlive(r)
}

func TestHandedToCall(t *testing.T) {
	pkg := ssatest.Build(t, `package p

type Obs struct{ ch chan int }

func NewObs(ch chan int) *Obs { return &Obs{ch: ch} }

func (o *Obs) notify() { o.ch <- 1 }

func Collect(ch chan<- int) { ch <- 1 }

func CollectVia(ch chan<- int) { emit(ch) }

func emit(ch chan<- int) { ch <- 2 }

func Watch(ch chan int) { go func() { ch <- 3 }() }
`)
	sendIn := func(fn *ssa.Function) *ssa.Send {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if s, ok := instr.(*ssa.Send); ok {
					return s
				}
			}
		}
		t.Fatalf("no send in %s", fn)
		return nil
	}
	callIn := func(fn *ssa.Function) ssa.CallInstruction {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok {
					return c
				}
			}
		}
		t.Fatalf("no call in %s", fn)
		return nil
	}
	collect := ssatest.Func(t, pkg, "Collect")
	if p, ok := wake.HandedToCall(sendIn(collect).Chan, nil); !ok || p.Parent() != collect {
		t.Errorf("Collect's send: got %v, %v; want its own parameter", p, ok)
	}
	via := ssatest.Func(t, pkg, "CollectVia")
	path := []ssa.CallInstruction{callIn(via)}
	if p, ok := wake.HandedToCall(sendIn(ssatest.Func(t, pkg, "emit")).Chan, path); !ok || p.Parent() != via {
		t.Errorf("emit's send under CollectVia: got %v, %v; want CollectVia's parameter", p, ok)
	}
	// A kept channel: a field, or a variable a goroutine captured.
	if _, ok := wake.HandedToCall(sendIn(ssatest.Func(t, pkg, "(*Obs).notify")).Chan, nil); ok {
		t.Errorf("a channel loaded from a field was taken as handed to the call")
	}
	watch := ssatest.Func(t, pkg, "Watch")
	if _, ok := wake.HandedToCall(sendIn(watch.AnonFuncs[0]).Chan, nil); ok {
		t.Errorf("a channel captured by a goroutine was taken as handed to the call")
	}
}
