package cfg_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssatest"
)

const consistentSrc = `package p

// counted: mark(0) runs only once i >= n, and i only grows: no later
// round reaches mark(2), which needs i < n.
func counted(items []int, n int) {
	for i := range items {
		if i >= n {
			mark(0)
			continue
		}
		mark(2)
	}
}

// countedDown: the same test with the order reversed: mark(0) for i < n,
// and mark(2) for i >= n on a later round.
func countedDown(items []int, n int) {
	for i := range items {
		if i < n {
			mark(0)
			continue
		}
		mark(2)
	}
}

// countedFor: a three-clause loop, the bound on the left.
func countedFor(k, n int) {
	for i := 0; i < k; i++ {
		if n <= i {
			mark(0)
			continue
		}
		mark(2)
	}
}

// countedCaptured: the bound is a variable a closure captures, written
// once before the loop: each round loads the same value.
func countedCaptured(items []int, n int, run func(func())) {
	limit := n
	run(func() { println(limit) })
	for i := range items {
		if i >= limit {
			mark(0)
			continue
		}
		mark(2)
	}
}

// countedNested: the inner counter starts again with each outer round,
// so an earlier inner i >= n says nothing about the next outer round.
func countedNested(rows [][]int, n int) {
	for range rows {
		for i := range rows[0] {
			if i >= n {
				mark(0)
				continue
			}
			mark(2)
		}
	}
}

type opts struct{ json bool }

func mark(int) {}

func same(o opts, a, b bool) {
	if !o.json || (a && !b) {
		mark(0)
	}
	if o.json {
		if a && !b {
			mark(1)
		}
		mark(2)
		return
	}
	mark(3)
}

func other(o opts, a, b bool) {
	if !o.json || (a && !b) {
		mark(0)
	}
	if o.json {
		if a && b {
			mark(1)
		}
		mark(2)
		return
	}
	mark(3)
}

// captured: the closure captures flag, so go/ssa keeps it in a cell
// that each test loads again; the closure only reads it.
func captured(flag bool, run func(func())) {
	if !flag {
		mark(0)
	}
	run(func() { println(flag) })
	if flag {
		mark(2)
		return
	}
	mark(1)
}

// many: two dozen tests that nothing tests again lie between the first
// test of flag and the second; a search that kept their outcomes would
// tell 2^24 paths apart and give up.
func many(flag bool, p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p21, p22, p23 bool) {
	if !flag {
		mark(0)
	}
	if p0 {
		mark(5)
	}
	if p1 {
		mark(5)
	}
	if p2 {
		mark(5)
	}
	if p3 {
		mark(5)
	}
	if p4 {
		mark(5)
	}
	if p5 {
		mark(5)
	}
	if p6 {
		mark(5)
	}
	if p7 {
		mark(5)
	}
	if p8 {
		mark(5)
	}
	if p9 {
		mark(5)
	}
	if p10 {
		mark(5)
	}
	if p11 {
		mark(5)
	}
	if p12 {
		mark(5)
	}
	if p13 {
		mark(5)
	}
	if p14 {
		mark(5)
	}
	if p15 {
		mark(5)
	}
	if p16 {
		mark(5)
	}
	if p17 {
		mark(5)
	}
	if p18 {
		mark(5)
	}
	if p19 {
		mark(5)
	}
	if p20 {
		mark(5)
	}
	if p21 {
		mark(5)
	}
	if p22 {
		mark(5)
	}
	if p23 {
		mark(5)
	}
	if flag {
		mark(2)
		return
	}
	mark(1)
}

type workerConfig struct{ async bool }

type worker struct {
	config *workerConfig
	live   bool
}

// withAsync is a functional option: it sets async on the config being
// built.
func withAsync() func(*workerConfig) { return func(c *workerConfig) { c.async = true } }

func newWorker(opts ...func(*workerConfig)) *worker {
	c := &workerConfig{}
	for _, o := range opts {
		o(c)
	}
	return &worker{config: c, live: true}
}

// halt writes live on a worker it did not build.
func (w *worker) halt() { w.live = false }

// configured: w.config.async is set only while a config is built, so
// the two tests through w see the same value: the start (mark(0)) and
// the return that skips the join (mark(2)) are on opposite sides.
func configured(w *worker, ticks, stop chan int) {
	for {
		select {
		case <-stop:
			if w.config.async {
				mark(1)
				return
			}
			mark(2)
			return
		case <-ticks:
			if w.config.async {
				mark(0)
			}
		}
	}
}

// configuredCaptured: the same with w captured by a closure (go/ssa
// spills it to a cell that each test loads again).
func configuredCaptured(w *worker, ticks, stop chan int, run func(func())) {
	for {
		select {
		case <-stop:
			if w.config.async {
				mark(1)
				return
			}
			mark(2)
			return
		case <-ticks:
			if w.config.async {
				mark(0)
				run(func() { println(w.live) })
			}
		}
	}
}

// mutated: live is written by a method (halt) on a running worker: the
// second test may see another value.
func mutated(w *worker, ticks, stop chan int) {
	for {
		select {
		case <-stop:
			if w.live {
				mark(1)
				return
			}
			mark(2)
			return
		case <-ticks:
			if w.live {
				mark(0)
			}
		}
	}
}

func looped(next func() bool) {
	for {
		v := next()
		if v {
			mark(0)
			continue
		}
		if !v {
			mark(2)
			return
		}
	}
}
`

// TestConsistentPath: a path from mark(0) to mark(2) (the return) that
// avoids the inner mark(1) exists in same only if it decides the same
// tests differently; in looped, v is a new value on the next iteration.
func TestConsistentPath(t *testing.T) {
	pkg := ssatest.Build(t, consistentSrc)
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"same", false},
		{"other", true}, // json, a, !b: mark(0), then the return without mark(1)
		{"looped", true},
		{"captured", false},
		{"many", false},
		{"counted", false},
		{"countedDown", true},
		{"countedFor", false},
		{"countedNested", true},
		{"countedCaptured", false},
		{"configured", false},
		{"configuredCaptured", false},
		{"mutated", true},
	} {
		fn := ssatest.Func(t, pkg, tc.fn)
		m := marks(fn)
		avoid := func(_, b *ssa.BasicBlock) bool { return m[1] != nil && b == m[1].Block() }
		if got := cfg.ConsistentPath(m[0], m[2], avoid); got != tc.want {
			t.Errorf("%s: ConsistentPath = %v, want %v", tc.fn, got, tc.want)
		}
	}
}

const cycleSrc = `package p

func mark(int) {}

func flagged(keys func() int, ev func() int) {
	for {
		started := false
		if keys() > 0 {
			mark(0)
			started = true
		}
		switch ev() {
		case 1:
			mark(1)
		case 3:
			return
		default:
			if started {
				mark(1)
			}
		}
	}
}

func unflagged(keys func() int, ev func() int) {
	for {
		if keys() > 0 {
			mark(0)
		}
		switch ev() {
		case 1:
			mark(1)
		case 3:
			return
		default:
		}
	}
}
`

// TestConsistentCycle: after mark(0), every consistent way round the loop
// passes a mark(1) when the skip is guarded by the flag set with mark(0)
// (a boolean phi decided by the edge the path came in by); without the
// flag, a way round avoids it.
func TestConsistentCycle(t *testing.T) {
	pkg := ssatest.Build(t, cycleSrc)
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"flagged", false},
		{"unflagged", true},
	} {
		fn := ssatest.Func(t, pkg, tc.fn)
		var start ssa.Instruction
		marked := map[*ssa.BasicBlock]bool{}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || len(call.Call.Args) != 1 {
					continue
				}
				k, ok := call.Call.Args[0].(*ssa.Const)
				if !ok {
					continue
				}
				switch k.Int64() {
				case 0:
					start = call
				case 1:
					marked[b] = true
				}
			}
		}
		if got := cfg.ConsistentCycle(start, func(_, b *ssa.BasicBlock) bool { return b != start.Block() && marked[b] }); got != tc.want {
			t.Errorf("%s: ConsistentCycle = %v, want %v", tc.fn, got, tc.want)
		}
	}
}

const consistentCountSrc = `package p

func mark(int) {}

// same: one is added under c and taken under c: every consistent path
// arrives with 0.
func same(c bool) {
	if c {
		mark(0)
	}
	mark(3)
	if c {
		mark(1)
	}
	mark(2)
}

// other: taken under d, which c does not decide.
func other(c, d bool) {
	if c {
		mark(0)
	}
	mark(3)
	if d {
		mark(1)
	}
	mark(2)
}
`

// TestConsistentCount: the count is +1 in mark(0)'s block and -1 in
// mark(1)'s; a path through mark(3) (via) to mark(2) that arrives with
// more than 0 exists in other, and in same only by deciding c both ways.
func TestConsistentCount(t *testing.T) {
	pkg := ssatest.Build(t, consistentCountSrc)
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"same", false},
		{"other", true},
	} {
		fn := ssatest.Func(t, pkg, tc.fn)
		m := marks(fn)
		enter := func(b *ssa.BasicBlock, n int) int {
			switch b {
			case m[0].Block():
				return n + 1
			case m[1].Block():
				return n - 1
			}
			return n
		}
		edge := func(_, _ *ssa.BasicBlock, n int, _ bool) (int, bool) { return n, true }
		if got := cfg.ConsistentCount(m[3], m[2], enter, edge, 0); got != tc.want {
			t.Errorf("%s: ConsistentCount = %v, want %v", tc.fn, got, tc.want)
		}
	}
}
