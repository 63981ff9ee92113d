package cfg_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssatest"
)

const countSrc = `package p

func mark(int) {}

func paths(b bool) {
	mark(0)
	mark(10)
	if b {
		mark(11)
	}
	mark(12)
}

func looped(n int) {
	mark(0)
	for i := 0; i < n; i++ {
		mark(10)
	}
}

func guarded(xs []int) {
	if len(xs) > 0 {
		mark(1)
	}
	if 0 < len(xs) {
		mark(2)
	}
	if len(xs) == 0 {
		mark(3)
	}
	if len(xs) > 1 {
		mark(4)
	}
}
`

// TestMostBefore counts the marks (calls mark(k) with k >= 10) a path
// from mark(0) passes before each mark.
func TestMostBefore(t *testing.T) {
	pkg := ssatest.Build(t, countSrc)
	fn := ssatest.Func(t, pkg, "paths")
	m := marks(fn)
	marked := map[ssa.Instruction]bool{}
	for k, c := range m {
		if k >= 10 {
			marked[c] = true
		}
	}
	most, ok := cfg.MostBefore(m[0], marked, nil, map[*ssa.BasicBlock]bool{})
	if !ok {
		t.Fatal("paths: not counted")
	}
	// mark(12) is reached after mark(10) and, on one path, mark(11).
	for k, want := range map[int64]int{10: 0, 11: 1, 12: 2} {
		if got := most[m[k]]; got != want {
			t.Errorf("paths: mark(%d) has %d marks before it, want %d", k, got, want)
		}
	}
	loop := ssatest.Func(t, pkg, "looped")
	lm := marks(loop)
	cyc := map[*ssa.BasicBlock]bool{lm[10].Block(): true}
	if _, ok := cfg.MostBefore(lm[0], map[ssa.Instruction]bool{lm[10]: true}, nil, cyc); ok {
		t.Error("looped: a mark in a loop was counted")
	}
}

// TestLenBranches reads which branch of a len comparison says the slice
// is empty or not.
func TestLenBranches(t *testing.T) {
	pkg := ssatest.Build(t, countSrc)
	fn := ssatest.Func(t, pkg, "guarded")
	anyValue := func(ssa.Value) bool { return true }
	var nonEmpty, empty []int
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			nonEmpty = append(nonEmpty, cfg.NonEmptyBranch(iff.Cond, anyValue))
			empty = append(empty, cfg.EmptyBranch(iff.Cond, anyValue))
		}
	}
	// len > 0: true is non-empty; 0 < len: the same; len == 0: false is
	// non-empty, true empty; len > 1: true is non-empty, false says
	// nothing.
	wantNonEmpty := []int{0, 0, 1, 0}
	wantEmpty := []int{1, 1, 0, -1}
	for i := range wantNonEmpty {
		if i >= len(nonEmpty) || nonEmpty[i] != wantNonEmpty[i] || empty[i] != wantEmpty[i] {
			t.Fatalf("branches: non-empty %v, empty %v; want %v, %v", nonEmpty, empty, wantNonEmpty, wantEmpty)
		}
	}
}
