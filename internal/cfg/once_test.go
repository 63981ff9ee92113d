package cfg_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssatest"
)

const onceSrc = `package p

type P struct{ cmds []string }

func marker() {}

func (p *P) last() {
	for i := range p.cmds {
		if i+1 == len(p.cmds) {
			marker()
		}
	}
}

func first(xs []int) {
	for i := 0; i < len(xs); i++ {
		if i == 0 {
			marker()
		}
	}
}

func every(xs []int, k int) {
	for _, x := range xs {
		if x == k {
			marker()
		}
	}
}

func moving(xs []int) {
	k := 0
	for i := range xs {
		if i == k {
			marker()
		}
		k++
	}
}

func nested(xs [][]int) {
	for range xs {
		for i := range xs {
			if i == 0 {
				marker()
			}
		}
	}
}

func (p *P) captured() {
	for i := range p.cmds {
		if i+1 == len(p.cmds) {
			marker()
		}
		go func() { _ = p.cmds }()
	}
}

func (p *P) grows() {
	for i := range p.cmds {
		if i+1 == len(p.cmds) {
			marker()
		}
		p.cmds = append(p.cmds, "x")
	}
}
`

// TestOnceEdge: the branch an index test takes in one iteration only.
func TestOnceEdge(t *testing.T) {
	pkg := ssatest.Build(t, onceSrc)
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"(*P).last", true},     // the last element
		{"first", true},         // the first iteration
		{"every", false},        // a value of each element, not the index
		{"moving", false},       // k moves with the loop
		{"nested", false},       // once per run of the inner loop, on each outer iteration
		{"(*P).captured", true}, // the receiver kept in a cell its closures share
		{"(*P).grows", false},   // the loop writes the field whose length it compares
	} {
		fn := ssatest.Func(t, pkg, tc.fn)
		got := false
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || call.Call.StaticCallee() == nil || call.Call.StaticCallee().Name() != "marker" {
					continue
				}
				for _, pred := range b.Preds {
					if cfg.OnceEdge(pred, b) {
						got = true
					}
				}
			}
		}
		if got != tc.want {
			t.Errorf("OnceEdge into %s's marker = %v, want %v", tc.fn, got, tc.want)
		}
	}
}
