package cfg_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssatest"
)

func TestFirstAvoiding(t *testing.T) {
	pkg := ssatest.Build(t, src)
	is := func(c ssa.Instruction) func(ssa.Instruction) bool {
		return func(i ssa.Instruction) bool { return i == c }
	}
	never := func(ssa.Instruction) bool { return false }
	isRet := func(i ssa.Instruction) bool { _, ok := i.(*ssa.Return); return ok }

	fn := ssatest.Func(t, pkg, "diamond")
	m := marks(fn)
	if cfg.FirstAvoiding(m[0], is(m[3]), is(m[1]), nil) == nil {
		t.Errorf("diamond: mark(3) is reached through the else branch, avoiding mark(1)")
	}
	if cfg.FirstAvoiding(m[0], is(m[3]), func(i ssa.Instruction) bool { return i == m[1] || i == m[2] }, nil) != nil {
		t.Errorf("diamond: both branches stop, mark(3) is not reachable")
	}

	fn = ssatest.Func(t, pkg, "loop")
	m = marks(fn)
	if cfg.FirstAvoiding(m[1], is(m[1]), never, nil) != m[1] {
		t.Errorf("loop: mark(1) reaches itself on the next iteration")
	}
	// Skipping every edge that leaves the loop: mark(2) and the return are
	// unreachable from the body.
	in := map[*ssa.BasicBlock]bool{m[1].Block(): true}
	for _, b := range fn.Blocks {
		if cfg.Reaches(m[1], b.Instrs[0], nil) && cfg.Reaches(b.Instrs[0], m[1], nil) {
			in[b] = true
		}
	}
	skip := func(from, to *ssa.BasicBlock) bool { return in[from] && !in[to] }
	if r := cfg.FirstAvoiding(m[1], isRet, never, skip); r != nil {
		t.Errorf("loop: with the exits skipped no return is reachable, got %v", r)
	}
	if cfg.FirstAvoiding(m[1], isRet, never, nil) == nil {
		t.Errorf("loop: the return after the loop is reachable")
	}
}
