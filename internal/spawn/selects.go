package spawn

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// CaseBlocks returns, for each case of sel, the block control enters when
// that case fires (nil when the dispatch cannot be recognized). go/ssa
// lowers a select to a chain of `if index == k` tests on the first
// component of its result; the true successor of test k is case k's body.
func CaseBlocks(sel *ssa.Select) []*ssa.BasicBlock {
	out := make([]*ssa.BasicBlock, len(sel.States))
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
				if iff, ok := w.(*ssa.If); ok && iff.Cond == cmp && len(iff.Block().Succs) == 2 {
					out[i] = iff.Block().Succs[0]
				}
			}
		}
	}
	return out
}
