package wake_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const gateSrc = `package p

import (
	"context"
	"sync"
)

type P struct {
	quit chan struct{}
	jobs chan int
	wg   sync.WaitGroup
}

func (p *P) plain()   { <-p.quit }
func (p *P) selects() {
	for {
		select {
		case <-p.quit:
			return
		case <-p.jobs:
		}
	}
}
func (p *P) ranges() { for range p.jobs {} }
func (p *P) twoWays(ctx context.Context) {
	select {
	case <-p.quit:
	case <-ctx.Done():
	}
}
func (p *P) branch(b bool) {
	if b {
		<-p.quit
	}
}
func (p *P) forever() { for { <-p.jobs } }
func (p *P) calls(f func()) { f() }
func (p *P) task()   { <-p.quit }
func (p *P) start()  { p.calls(p.task) }
func newP() *P          { return &P{quit: make(chan struct{}), jobs: make(chan int)} }
func (p *P) shutdown() { p.jobs <- 1; close(p.jobs); close(p.quit) }

`

func TestReturnGates(t *testing.T) {
	pkg := ssatest.Build(t, gateSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for _, tc := range []struct {
		fn         string
		gates      int
		closedOnly bool
		via        bool
	}{
		{"(*P).plain", 1, false, false},   // a plain receive before the return
		{"(*P).selects", 1, false, false}, // the only case that leaves the loop
		{"(*P).ranges", 1, true, false},   // a range ends only on the close
		{"(*P).twoWays", 0, false, false}, // another case returns too
		{"(*P).branch", 0, false, false},  // a path skips the receive
		{"(*P).forever", 0, false, false}, // no return at all
		{"(*P).calls", 1, false, true},    // the task it is handed receives
	} {
		gates := m.ReturnGates(ssatest.Func(t, pkg, tc.fn))
		if len(gates) != tc.gates {
			t.Errorf("ReturnGates(%s) = %d gates, want %d", tc.fn, len(gates), tc.gates)
			continue
		}
		for _, g := range gates {
			if g.ClosedOnly != tc.closedOnly || (g.Via != nil) != tc.via {
				t.Errorf("ReturnGates(%s): ClosedOnly %v, Via %v; want %v, via %v", tc.fn, g.ClosedOnly, g.Via, tc.closedOnly, tc.via)
			}
		}
	}
}

const afterSrc = `package p

import "sync"

type A struct { quit chan struct{}; wg sync.WaitGroup }
func newA() *A { return &A{quit: make(chan struct{})} }
func (a *A) close() { a.wg.Wait(); close(a.quit) }

type B struct { quit chan struct{}; wg sync.WaitGroup }
func newB() *B { return &B{quit: make(chan struct{})} }
func (b *B) close() { defer close(b.quit); b.wg.Wait() }

type C struct { quit chan struct{}; wg sync.WaitGroup }
func newC() *C { return &C{quit: make(chan struct{})} }
func (c *C) quiesce() { c.wg.Wait() }
func (c *C) close()   { c.quiesce(); close(c.quit) }

type D struct { quit chan struct{}; wg sync.WaitGroup }
func newD() *D { return &D{quit: make(chan struct{})} }
func (d *D) close() { close(d.quit); d.wg.Wait() }

type E struct { quit chan struct{}; wg sync.WaitGroup }
func newE() *E { return &E{quit: make(chan struct{})} }
func (e *E) close()  { e.wg.Wait(); close(e.quit) }
func (e *E) cancel() { close(e.quit) }

type F struct { quit chan struct{}; wg sync.WaitGroup }
func newF() *F { return &F{quit: make(chan struct{})} }
func (f *F) close(b bool) { if b { f.wg.Wait() }; close(f.quit) }
`

func TestWakesOnlyAfter(t *testing.T) {
	pkg := ssatest.Build(t, afterSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for _, tc := range []struct {
		wait, closer string
		want, call   bool // call: the wake follows a call of the waiting function
	}{
		{"(*A).close", "(*A).close", true, false},  // closed after the Wait
		{"(*B).close", "(*B).close", true, false},  // a deferred close runs after the Wait
		{"(*C).quiesce", "(*C).close", true, true}, // closed after the call that waits
		{"(*D).close", "(*D).close", false, false}, // closed before the Wait
		{"(*E).close", "(*E).close", false, false}, // cancel may close it first
		{"(*F).close", "(*F).close", false, false}, // a path closes it without waiting
	} {
		wait := firstCall(t, ssatest.Func(t, pkg, tc.wait), "Wait")
		closer := firstCall(t, ssatest.Func(t, pkg, tc.closer), "close")
		_, call, ok := m.WakesOnlyAfter(closer.Common().Args[0], true, wait)
		if ok != tc.want || (call != nil) != tc.call {
			t.Errorf("WakesOnlyAfter(%s's Wait) = %v (call %v), want %v (call %v)", tc.wait, ok, call != nil, tc.want, tc.call)
		}
	}
}

// firstCall returns fn's first call (or deferred call) of a function or
// builtin of that name.
func firstCall(t *testing.T, fn *ssa.Function, name string) ssa.CallInstruction {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			switch v := c.Common().Value.(type) {
			case *ssa.Builtin:
				if v.Name() == name {
					return c
				}
			case *ssa.Function:
				if v.Name() == name {
					return c
				}
			}
		}
	}
	t.Fatalf("%s: no call of %s", fn, name)
	return nil
}

const cancelSrc = `package p

import (
	"context"
	"sync"
)

type W struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newW() *W {
	w := &W{}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	return w
}
func (w *W) worker()  { <-w.ctx.Done() }
func (w *W) close()   { w.wg.Wait(); w.cancel() }

func local() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	go func() { <-ctx.Done() }()
	wg.Wait()
	cancel()
}

func parent(p context.Context) {
	ctx, cancel := context.WithCancel(p)
	var wg sync.WaitGroup
	go func() { <-ctx.Done() }()
	wg.Wait()
	cancel()
}

func handed(stop func(context.CancelFunc)) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	go func() { <-ctx.Done() }()
	stop(cancel)
	wg.Wait()
	cancel()
}

func first() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	go func() { <-ctx.Done() }()
	cancel()
	wg.Wait()
}
`

// TestCancelsOnlyAfter: a context whose only cancel calls come after the
// Wait, on a parent nothing cancels.
func TestCancelsOnlyAfter(t *testing.T) {
	pkg := ssatest.Build(t, cancelSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	doneIn := func(fn *ssa.Function) ssa.Value {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && c.Call.IsInvoke() && c.Call.Method.Name() == "Done" {
					return c
				}
			}
		}
		t.Fatalf("%s: no Done", fn)
		return nil
	}
	for _, tc := range []struct {
		waiter, worker string
		want           bool
	}{
		{"(*W).close", "(*W).worker", true}, // the field's cancel, after the Wait
		{"local", "local$1", true},          // the local cancel, after the Wait
		{"parent", "parent$1", false},       // the caller's context may end it
		{"handed", "handed$1", false},       // the cancel is handed to code that may call it
		{"first", "first$1", false},         // cancelled before the Wait
	} {
		wait := firstCall(t, ssatest.Func(t, pkg, tc.waiter), "Wait")
		_, _, ok := m.CancelsOnlyAfter(doneIn(ssatest.Func(t, pkg, tc.worker)), wait)
		if ok != tc.want {
			t.Errorf("CancelsOnlyAfter(%s's Wait, %s's Done) = %v, want %v", tc.waiter, tc.worker, ok, tc.want)
		}
	}
}
