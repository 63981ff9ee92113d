package ssax_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/ssax"
)

func TestWalk(t *testing.T) {
	pkg := ssatest.Build(t, `package p

func use(int) {}

func loop(n int) {
	x := 0
	for i := 0; i < n; i++ {
		x = x + i
	}
	use(x)
}
`)
	var arg ssa.Value
	for _, b := range ssatest.Func(t, pkg, "loop").Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				arg = c.Call.Args[0]
			}
		}
	}
	operands := func(v ssa.Value) []ssa.Value {
		var out []ssa.Value
		if instr, ok := v.(ssa.Instruction); ok {
			for _, op := range instr.Operands(nil) {
				if *op != nil {
					out = append(out, *op)
				}
			}
		}
		return out
	}
	// The phi of x is on a cycle through x + i: the walk still ends.
	visited := 0
	last, exceeded := ssax.Walk(arg, 100, func(v ssa.Value) ([]ssa.Value, bool) {
		visited++
		return operands(v), false
	})
	if last != nil || exceeded || visited == 0 {
		t.Errorf("full walk: last %v, exceeded %v, visited %d", last, exceeded, visited)
	}
	// Stopping at the first constant returns it.
	last, exceeded = ssax.Walk(arg, 100, func(v ssa.Value) ([]ssa.Value, bool) {
		_, isConst := v.(*ssa.Const)
		return operands(v), isConst
	})
	if _, ok := last.(*ssa.Const); !ok || exceeded {
		t.Errorf("stop: last %v, exceeded %v", last, exceeded)
	}
	// A limit below the number of values ends the walk early.
	last, exceeded = ssax.Walk(arg, 1, func(v ssa.Value) ([]ssa.Value, bool) { return operands(v), false })
	if last == nil || !exceeded {
		t.Errorf("limit: last %v, exceeded %v", last, exceeded)
	}
}
