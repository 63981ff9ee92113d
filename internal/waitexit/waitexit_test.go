package waitexit

import (
	"go/token"
	"slices"
	"testing"

	"github.com/conclint/conclint/internal/chans"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
)

const src = `package p

import (
	"context"
	"time"
)

type svc struct {
	stopCh chan struct{} // never closed, but named as a stop signal
	events chan int      // closed in close
	work   chan int      // never closed
	tick   *time.Ticker
}

func (s *svc) close() { close(s.events) }

func selects(ctx context.Context, s *svc, t *time.Timer) {
	select {
	case <-ctx.Done():
	case <-time.After(time.Second):
	case <-s.events:
	case <-s.stopCh:
	case <-s.work:
	case s.work <- 1:
	case <-t.C:
	case <-s.tick.C:
	}
	select {
	case <-s.work:
	default:
	}
	select {
	case <-s.work:
	case s.work <- 1:
	}
	select {
	case <-s.work:
	case <-s.stopCh:
	}
}

func Plain(ch <-chan int) {
	for range ch {
	}
}

func leak() {
	ch := make(chan int)
	go func() {
		for range ch {
		}
	}()
	ch <- 1
}

func closed() {
	ch := make(chan int)
	go func() {
		for range ch {
		}
	}()
	ch <- 1
	close(ch)
}

func work(ctx context.Context) {}

func spin() {
	for {
	}
}

func poll(ctx context.Context) {
	for {
		if ctx.Err() != nil {
			return
		}
		time.Sleep(1)
	}
}

func passes(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		work(ctx)
	}
}

func sleeper(n int) {
	for i := 0; i < n; i++ {
		time.Sleep(1)
	}
}

func selectLoop(ctx context.Context, in chan int) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-in:
		}
	}
}

func nested(n int) {
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
		}
	}
}

func panics(in chan int) {
	for v := range in {
		if v < 0 {
			panic("x") // the only way out: the loop after this one never ends
		}
	}
	for {
	}
}

func generic[T any](ch chan T, n int) T {
	for i := 0; i < n; i++ {
		<-ch
	}
	panic("unreachable")
	for {
	}
}
`

// build builds src as buildssa would and returns its source functions.
func build(t *testing.T) (*ssa.Package, []*ssa.Function) {
	t.Helper()
	pkg := ssatest.Build(t, src)
	return pkg, ssatest.Funcs(pkg)
}

func selectsOf(fn *ssa.Function) []*ssa.Select {
	var sels []*ssa.Select
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if s, ok := instr.(*ssa.Select); ok {
				sels = append(sels, s)
			}
		}
	}
	return sels
}

func firstRecv(fn *ssa.Function) *ssa.UnOp {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.ARROW {
				return u
			}
		}
	}
	return nil
}

func TestSelect(t *testing.T) {
	pkg, funcs := build(t)
	c := New(chans.Index(funcs))
	sels := selectsOf(pkg.Func("selects"))
	if len(sels) != 4 {
		t.Fatalf("found %d selects, want 4", len(sels))
	}
	want := []Exit{CtxDone, Timer, ClosedChannel, NamedDone, NoExit, Send, Timer, Timer}
	if got := c.Cases(sels[0]); !slices.Equal(got, want) {
		t.Errorf("Cases = %v, want %v", got, want)
	}
	for i, tc := range []struct {
		exit Exit
		ok   bool
	}{{CtxDone, true}, {Default, true}, {NoExit, false}, {NamedDone, true}} {
		if exit, ok := c.HasExit(sels[i]); exit != tc.exit || ok != tc.ok {
			t.Errorf("select %d: HasExit = %v, %v; want %v, %v", i, exit, ok, tc.exit, tc.ok)
		}
	}
}

func TestCanEnd(t *testing.T) {
	pkg, funcs := build(t)
	c := New(chans.Index(funcs))
	for _, tc := range []struct {
		fn   *ssa.Function
		exit Exit
	}{
		{pkg.Func("Plain"), Escaped},            // an exported function's parameter
		{pkg.Func("leak").AnonFuncs[0], NoExit}, // ranged over, never closed
		{pkg.Func("closed").AnonFuncs[0], ClosedChannel},
	} {
		exit, ok := c.CanEnd(firstRecv(tc.fn).X)
		if exit != tc.exit || ok != (tc.exit != NoExit) {
			t.Errorf("%s: CanEnd = %v, %v; want %v", tc.fn, exit, ok, tc.exit)
		}
	}
}

func TestLoopExits(t *testing.T) {
	pkg, _ := build(t)
	for _, tc := range []struct {
		fn       string
		exits    []bool
		observes []bool
	}{
		{"spin", []bool{false}, []bool{false}},
		{"poll", []bool{true}, []bool{true}},
		{"passes", []bool{true}, []bool{true}},
		{"sleeper", []bool{true}, []bool{false}},
		{"selectLoop", []bool{true}, []bool{true}},
		{"nested", []bool{true, true}, []bool{false, false}},
		{"panics", []bool{true, false}, []bool{false, false}},
		{"generic", []bool{true}, []bool{false}},
		{"work", nil, nil},
	} {
		loops := LoopExits(pkg.Func(tc.fn))
		var exits, observes []bool
		for _, l := range loops {
			exits = append(exits, l.Exits)
			observes = append(observes, l.ObservesContext)
			if len(l.Blocks) == 0 || l.Blocks[0] != l.Header && !slices.Contains(l.Blocks, l.Header) {
				t.Errorf("%s: loop blocks %v lack header %v", tc.fn, l.Blocks, l.Header)
			}
		}
		if !slices.Equal(exits, tc.exits) || !slices.Equal(observes, tc.observes) {
			t.Errorf("%s: exits %v observes %v; want %v, %v", tc.fn, exits, observes, tc.exits, tc.observes)
		}
	}
	loops := LoopExits(pkg.Func("nested"))
	for _, b := range loops[1].Blocks {
		if !slices.Contains(loops[0].Blocks, b) {
			t.Errorf("nested: inner loop block %v not in outer loop", b)
		}
	}
	if loops := LoopExits(pkg.Prog.ImportedPackage("time").Func("Sleep")); loops != nil {
		t.Errorf("external function: LoopExits = %v, want nil", loops)
	}
}
