package spawn

import (
	"go/constant"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
)

// flagGuardedOnce reports whether the send s, in a loop, runs at most once
// per run of its function because a flag guards it: the loop tests a
// boolean it carries (if sent { continue }), s lies only past the test's
// false branch, and every way from s back to the test sets the flag, which
// nothing clears:
//
//	var sent bool
//	for _, r := range results {
//		if sent {
//			continue // a later winner: dropped
//		}
//		sent = true
//		winner <- r // at most once
//	}
//
// The loop must be entered at most once per run (its entry is on no
// cycle), or a new round would start with the flag cleared.
func flagGuardedOnce(s ssa.Instruction, loops map[*ssa.BasicBlock]bool) bool {
	sb := s.Block()
	if sb == nil || !loops[sb] {
		return false
	}
	for _, b := range s.Parent().Blocks {
		flag, _, falseSucc, ok := cfg.Branch(b)
		if !ok {
			continue
		}
		phi, ok := flag.(*ssa.Phi)
		if !ok || len(falseSucc.Preds) != 1 || !falseSucc.Dominates(sb) || !phi.Block().Dominates(b) {
			continue
		}
		if flagSetAfter(phi, sb, loops) {
			return true
		}
	}
	return false
}

// flagSetAfter reports whether the loop-carried flag phi, whose header
// the send block sb lies under, is true on every way from sb back to the
// header, and never cleared on the others: each incoming value of phi over
// a back edge is the flag itself or true, through the phis between, and
// is true where the edge comes from sb. Its value on entry is free, but
// the entry must lie on no cycle.
func flagSetAfter(phi *ssa.Phi, sb *ssa.BasicBlock, loops map[*ssa.BasicBlock]bool) bool {
	header := phi.Block()
	backEdge := false
	for i, pred := range header.Preds {
		if header.Dominates(pred) {
			backEdge = true
			if !keepsFlag(phi, phi.Edges[i], pred, sb, header, map[ssa.Value]bool{}) {
				return false
			}
			continue
		}
		if loops[pred] {
			return false // the loop is entered anew each round of an outer one
		}
	}
	return backEdge
}

// keepsFlag reports whether v, flowing into a phi of the loop from block
// from, is the flag or true, and true when from lies after the send
// block sb in the same round (reachable from sb without the header).
func keepsFlag(flag *ssa.Phi, v ssa.Value, from, sb, header *ssa.BasicBlock, seen map[ssa.Value]bool) bool {
	afterSend := reachesWithout(sb, from, header)
	if isTrue(v) {
		return true
	}
	if v == flag {
		return !afterSend
	}
	p, ok := v.(*ssa.Phi)
	if !ok || p.Block() == header || !header.Dominates(p.Block()) {
		return false
	}
	if seen[p] {
		return true
	}
	seen[p] = true
	for i, pred := range p.Block().Preds {
		if !keepsFlag(flag, p.Edges[i], pred, sb, header, seen) {
			return false
		}
	}
	return true
}

// isTrue reports whether v is the constant true.
func isTrue(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Bool && constant.BoolVal(c.Value)
}

// reachesWithout reports whether block to is reachable from block from
// (from itself counts) without passing through block avoid.
func reachesWithout(from, to, avoid *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{from}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == to {
			return true
		}
		if seen[b] || b == avoid {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}
