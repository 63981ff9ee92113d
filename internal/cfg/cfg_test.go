package cfg_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssatest"
)

const src = `package p

func mark(int) {}

func diamond(b bool) {
	mark(0)
	if b {
		mark(1)
	} else {
		mark(2)
	}
	mark(3)
}

func early(b bool) {
	mark(0)
	if b {
		return
	}
	mark(1)
}

func panics(b bool) {
	mark(0)
	if b {
		panic("x")
	}
	mark(1)
}

func loop(n int) {
	for i := 0; i < n; i++ {
		mark(1)
	}
	mark(2)
}
`

// marks returns the calls mark(k) of fn by k.
func marks(fn *ssa.Function) map[int64]*ssa.Call {
	out := map[int64]*ssa.Call{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && len(c.Call.Args) == 1 {
				if k, ok := c.Call.Args[0].(*ssa.Const); ok {
					out[k.Int64()] = c
				}
			}
		}
	}
	return out
}

func TestPostDominators(t *testing.T) {
	pkg := ssatest.Build(t, src)
	fn := ssatest.Func(t, pkg, "diamond")
	m := marks(fn)
	pd := cfg.PostDominators(fn)
	b0, b1, b3 := m[0].Block(), m[1].Block(), m[3].Block()
	if !pd.PostDominates(b3, b0) || !pd.PostDominates(b3, b1) {
		t.Errorf("the join block must post-dominate the entry and the branch")
	}
	if pd.PostDominates(b1, b0) {
		t.Errorf("one branch must not post-dominate the entry")
	}
	if got := pd.IPostDom(b1); got != b3 {
		t.Errorf("ipostdom(then) = %v, want the join", got)
	}

	fn = ssatest.Func(t, pkg, "early")
	m = marks(fn)
	pd = cfg.PostDominators(fn)
	if pd.PostDominates(m[1].Block(), m[0].Block()) {
		t.Errorf("early: mark(1) must not post-dominate the entry (the early return skips it)")
	}

	fn = ssatest.Func(t, pkg, "panics")
	m = marks(fn)
	pd = cfg.PostDominators(fn)
	if !pd.PostDominates(m[1].Block(), m[0].Block()) {
		t.Errorf("panics: a panicking path is not a path to a return; mark(1) post-dominates the entry")
	}
}

func TestReturnAvoiding(t *testing.T) {
	pkg := ssatest.Build(t, src)
	stopAt := func(c ssa.Instruction) func(ssa.Instruction) bool {
		return func(i ssa.Instruction) bool { return i == c }
	}
	fn := ssatest.Func(t, pkg, "early")
	m := marks(fn)
	if cfg.ReturnAvoiding(m[0], stopAt(m[1])) == nil {
		t.Errorf("early: the early return avoids mark(1)")
	}
	fn = ssatest.Func(t, pkg, "panics")
	m = marks(fn)
	if r := cfg.ReturnAvoiding(m[0], stopAt(m[1])); r != nil {
		t.Errorf("panics: only the panic avoids mark(1), got return %v", r)
	}
	if cfg.EntryReturnAvoiding(fn, stopAt(m[0])) != nil {
		t.Errorf("panics: mark(0) is on every path")
	}
	fn = ssatest.Func(t, pkg, "loop")
	m = marks(fn)
	if !cfg.Reaches(m[1], m[1], nil) {
		t.Errorf("loop: mark(1) reaches itself")
	}
	if cfg.Reaches(m[2], m[1], nil) || !cfg.Reaches(m[1], m[2], nil) {
		t.Errorf("loop: mark(2) is after the loop")
	}
	if !cfg.Dominates(fn.Blocks[0].Instrs[0], m[2]) || cfg.Dominates(m[1], m[2]) {
		t.Errorf("loop: the entry dominates mark(2), the body does not")
	}
	if n := len(cfg.ReturnsAfter(m[1])); n != 1 {
		t.Errorf("loop: %d returns after the body, want 1", n)
	}
}
