package cfg_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssatest"
)

const timerSrc = `package p

import "time"

func mark(int) {}

func emptyTimer() *time.Timer {
	t := time.NewTimer(0)
	<-t.C
	return t
}

// retry re-arms its timer only after a failure: the timer's case fires
// once per failure.
func retry(errs chan error, done chan struct{}) {
	t := emptyTimer()
	for {
		select {
		case <-errs:
			mark(2)
			t = time.NewTimer(time.Second)
		case <-t.C:
			mark(1)
		case <-done:
			return
		}
	}
}

// armed starts with a timer that can fire.
func armed(errs chan error, done chan struct{}) {
	t := time.NewTimer(time.Hour)
	for {
		select {
		case <-errs:
			mark(2)
			t = time.NewTimer(time.Second)
		case <-t.C:
			mark(1)
		case <-done:
			return
		}
	}
}

// flagged sets its flag in a select's cases; the loop goes on past the
// select, so the flag is merged there before it comes round.
func flagged(errs chan error, tick chan int, done chan struct{}) {
	started := false
	for {
		select {
		case <-errs:
			mark(2)
			started = true
		case <-tick:
			started = false
		case <-done:
			if started {
				mark(1)
			}
			return
		}
		mark(3)
	}
}

// reset re-arms the timer in its own case: it fires again and again.
func reset(errs chan error, done chan struct{}) {
	t := time.NewTimer(time.Hour)
	for {
		select {
		case <-errs:
			mark(2)
		case <-t.C:
			mark(1)
			t.Reset(time.Second)
		case <-done:
			return
		}
	}
}
`

func TestTimerFiresOncePerArming(t *testing.T) {
	pkg := ssatest.Build(t, timerSrc)
	avoidMark2 := func(fn *ssa.Function) func(from, to *ssa.BasicBlock) bool {
		m2 := marks(fn)[2].Block()
		return func(_, to *ssa.BasicBlock) bool { return to == m2 }
	}
	for _, tc := range []struct {
		fn         string
		fromEntry  bool // the timer's case is reachable from the entry without a failure
		firesTwice bool // it comes round again without a failure
	}{
		{"retry", false, false},
		{"armed", true, false},
		{"reset", true, true},
	} {
		fn := pkg.Func(tc.fn)
		m1 := marks(fn)[1]
		entry := fn.Blocks[0].Instrs[0]
		if got := cfg.ConsistentPath(entry, m1, avoidMark2(fn)); got != tc.fromEntry {
			t.Errorf("%s: timer case reachable from the entry = %v, want %v", tc.fn, got, tc.fromEntry)
		}
		if got := cfg.ConsistentCycle(m1, avoidMark2(fn)); got != tc.firesTwice {
			t.Errorf("%s: timer case comes round again = %v, want %v", tc.fn, got, tc.firesTwice)
		}
	}
}

func TestFlagMergedAfterSelect(t *testing.T) {
	pkg := ssatest.Build(t, timerSrc)
	fn := pkg.Func("flagged")
	m := marks(fn)
	m2 := m[2].Block()
	avoid := func(_, to *ssa.BasicBlock) bool { return to == m2 }
	entry := fn.Blocks[0].Instrs[0]
	if cfg.ConsistentPath(entry, m[1], avoid) {
		t.Errorf("flagged: the flag's branch is reachable without the case that sets it")
	}
	if !cfg.ConsistentPath(entry, m[1], nil) {
		t.Errorf("flagged: the flag's branch is not reachable through the case that sets it")
	}
}
