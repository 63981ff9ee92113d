package spawn_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssatest"
)

const selectsSrc = `package p

func work() {}

// empty: go/ssa threads the empty body of the first case to the block
// after the select, which the timeout case's body jumps to as well.
func empty(done, timeout chan struct{}) {
	select {
	case <-done:
	case <-timeout:
		work()
	}
	work()
}
`

// TestCaseEdges: a case whose empty body go/ssa threaded away has no block
// of its own (CaseBlocks gives nil, not the shared block after the
// select), and its edge goes from its index test to that shared block.
func TestCaseEdges(t *testing.T) {
	pkg := ssatest.Build(t, selectsSrc)
	fn := ssatest.Func(t, pkg, "empty")
	var sel *ssa.Select
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if s, ok := instr.(*ssa.Select); ok {
				sel = s
			}
		}
	}
	if sel == nil {
		t.Fatal("no select")
	}
	edges, blocks := spawn.CaseEdges(sel), spawn.CaseBlocks(sel)
	if edges[0][1] == nil || len(edges[0][1].Preds) < 2 {
		t.Fatalf("empty case: edge %v, want one into a shared block", edges[0])
	}
	if blocks[0] != nil {
		t.Errorf("empty case: CaseBlocks = %v, want nil (the block is shared)", blocks[0])
	}
	if blocks[1] == nil || len(blocks[1].Preds) != 1 || blocks[1] != edges[1][1] {
		t.Errorf("timeout case: CaseBlocks = %v, edge %v, want its own body", blocks[1], edges[1])
	}
	if edges[0][0] != sel.Block() {
		t.Errorf("first case's test is in block %v, want the select's %v", edges[0][0], sel.Block())
	}
}
