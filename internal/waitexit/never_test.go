package waitexit

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
)

const neverSrc = `package p

import (
	"context"
	"sync"
	"time"
)

func ticker() {
	t := time.NewTicker(time.Second)
	for range t.C {
	}
}

func local(n int) {
	c := make(chan int, n)
	c <- 1
	for range c {
	}
}

func closedLocal(n int) {
	c := make(chan int, n)
	c <- 1
	close(c)
	for range c {
	}
}

type hub struct {
	events chan int // never closed in the package
	Out    chan int // exported: others may close it
}

func newHub() *hub { return &hub{events: make(chan int), Out: make(chan int)} }

func (h *hub) field() {
	for range h.events {
	}
}

func (h *hub) exported() {
	for range h.Out {
	}
}

func param(c chan int) {
	for range c {
	}
}

func after(ctx context.Context, wg *sync.WaitGroup) error {
	wg.Wait()
	return ctx.Err()
}

func poll(ctx context.Context, wg *sync.WaitGroup) error {
	wg.Wait()
	t := time.NewTicker(time.Millisecond)
	for {
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err() // reports the select's cancellation, not the join's
		}
	}
}

func before(ctx context.Context, wg *sync.WaitGroup) {
	if ctx.Err() != nil {
		return
	}
	wg.Wait()
}
`

func TestNeverClosedLoops(t *testing.T) {
	pkg := ssatest.Build(t, neverSrc)
	c := New(chans.Index(ssatest.Funcs(pkg)))
	for fn, want := range map[string]bool{
		"ticker":      false, // a Ticker's C is never closed: the range never ends
		"local":       false, // nothing closes c
		"closedLocal": true,
		"param":       true,  // the caller may close it
		"field":       false, // an unexported field nothing closes
		"exported":    true,  // an exported field: others may close it
	} {
		f := ssatest.Func(t, pkg, fn)
		loops := LoopExits(f)
		if len(loops) != 1 {
			t.Fatalf("%s: %d loops", fn, len(loops))
		}
		if !LeavesToReturn(f, loops[0]) {
			t.Errorf("%s: LeavesToReturn = false; the CFG has an exit", fn)
		}
		if got := c.LeavesToReturnLive(f, loops[0]); got != want {
			t.Errorf("%s: LeavesToReturnLive = %v, want %v", fn, got, want)
		}
	}
}

func TestChecksContextAfter(t *testing.T) {
	pkg := ssatest.Build(t, neverSrc)
	for fn, want := range map[string]bool{"after": true, "before": false, "poll": false} {
		var wait ssa.Instruction
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok && call.Call.StaticCallee() != nil && call.Call.StaticCallee().Name() == "Wait" {
					wait = call
				}
			}
		}
		if wait == nil {
			t.Fatalf("%s: no Wait", fn)
		}
		if _, got := ChecksContextAfter(wait); got != want {
			t.Errorf("%s: ChecksContextAfter = %v, want %v", fn, got, want)
		}
	}
}
