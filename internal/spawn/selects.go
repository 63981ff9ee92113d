package spawn

import (
	"go/constant"
	"go/token"
	"go/types"
	"maps"

	"golang.org/x/tools/go/ssa"
)

// CaseBlocks returns, for each case of sel, the block control enters when
// that case fires, and only then (nil when the dispatch cannot be
// recognized, or when the case has no block of its own: go/ssa threads
// the jump of an empty case body, `case <-done:`, straight to the block
// after the select, which the other cases enter too; CaseEdges gives its
// edge). go/ssa lowers a select to a chain of `if index == k` tests on the
// first component of its result; the true successor of test k is case k's
// body.
func CaseBlocks(sel *ssa.Select) []*ssa.BasicBlock {
	out := CaseEdges(sel)
	blocks := make([]*ssa.BasicBlock, len(out))
	for i, e := range out {
		if e[1] != nil && len(e[1].Preds) == 1 {
			blocks[i] = e[1]
		}
	}
	return blocks
}

// CaseEdges returns, for each case of sel, the edge control takes when
// that case fires: from the block of its `index == k` test to the case's
// body, or to the block after the select for an empty body (a zero edge
// when the dispatch cannot be recognized).
func CaseEdges(sel *ssa.Select) [][2]*ssa.BasicBlock {
	out := make([][2]*ssa.BasicBlock, len(sel.States))
	refs := sel.Referrers()
	if refs == nil {
		return out
	}
	for _, r := range *refs {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 0 || ex.Referrers() == nil {
			continue
		}
		for _, u := range *ex.Referrers() {
			cmp, ok := u.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL || cmp.X != ex {
				continue
			}
			k, ok := cmp.Y.(*ssa.Const)
			if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
				continue
			}
			i, exact := constant.Int64Val(k.Value)
			if !exact || i < 0 || int(i) >= len(out) || cmp.Referrers() == nil {
				continue
			}
			for _, w := range *cmp.Referrers() {
				if iff, ok := w.(*ssa.If); ok && iff.Cond == cmp && len(iff.Block().Succs) == 2 && iff.Block().Succs[0] != iff.Block().Succs[1] {
					out[i] = [2]*ssa.BasicBlock{iff.Block(), iff.Block().Succs[0]}
				}
			}
		}
	}
	return out
}

// CycleAvoiding reports whether some cycle of the control flow leads from
// b back to b without taking an edge that avoid holds for (an edge into a
// block, or one edge: a select case whose empty body go/ssa threaded away). A select case whose
// channel is a phi that is nil on the edge the walk came in by cannot
// fire, and its body is not followed (tick = nil after a spawn, re-armed
// only where the result is received: one spawn per receive).
func CycleAvoiding(b *ssa.BasicBlock, avoid func(from, to *ssa.BasicBlock) bool) bool {
	type item struct {
		blk, from *ssa.BasicBlock
		disabled  map[*ssa.BasicBlock]bool
	}
	seen := map[*ssa.BasicBlock]bool{}
	var work []item
	for _, s := range b.Succs {
		work = append(work, item{s, b, nil})
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		x := it.blk
		if it.disabled[x] {
			continue // a select case whose channel is nil on this path
		}
		if avoid(it.from, x) {
			continue
		}
		if x == b {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		disabled := it.disabled
		for _, instr := range x.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok {
				continue
			}
			cases := CaseBlocks(sel)
			for k, st := range sel.States {
				if st.Dir == types.RecvOnly && nilOnEdge(st.Chan, x, it.from) && cases[k] != nil {
					disabled = maps.Clone(disabled)
					if disabled == nil {
						disabled = map[*ssa.BasicBlock]bool{}
					}
					disabled[cases[k]] = true
				}
			}
		}
		for _, s := range x.Succs {
			work = append(work, item{s, x, disabled})
		}
	}
	return false
}

// nilOnEdge reports whether v is a phi of block x whose value on the edge
// from pred is the constant nil.
func nilOnEdge(v ssa.Value, x, pred *ssa.BasicBlock) bool {
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != x {
		return false
	}
	for i, p := range x.Preds {
		if p == pred && i < len(phi.Edges) {
			c, ok := phi.Edges[i].(*ssa.Const)
			return ok && c.Value == nil
		}
	}
	return false
}
