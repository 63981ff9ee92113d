// Package cfg answers control-flow questions over an SSA function's block
// graph that go/ssa itself does not: post-dominance, instruction-level
// dominance and "can this instruction reach a return without passing
// through one of these". Several passes ask these questions (is a Wait
// on every path after a Go, is a Done on every path of a goroutine, is an
// unlock on every path), so they are answered once here.
//
// It must not know about any API: the sets of instructions that matter
// are chosen by the caller. Every query is linear in the size of the
// function; unreachable blocks (no predecessors, not the entry) are
// ignored and nil Blocks (external functions) give empty answers.
package cfg

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// PostDom is the post-dominator tree of a function, rooted at a virtual
// exit that every block ending in a Return flows to. Blocks that cannot
// reach a return (they panic or loop forever) are not in the tree.
type PostDom struct {
	fn   *ssa.Function
	ipd  []int // immediate post-dominator by block index; exit = len(Blocks); -1 = not in tree
	exit int
}

// PostDominators computes the post-dominator tree of fn with the
// Cooper-Harvey-Kennedy iterative algorithm on the reversed graph.
func PostDominators(fn *ssa.Function) *PostDom {
	n := len(fn.Blocks)
	pd := &PostDom{fn: fn, ipd: make([]int, n+1), exit: n}
	for i := range pd.ipd {
		pd.ipd[i] = -1
	}
	if n == 0 {
		return pd
	}
	// Reverse postorder of the reversed graph, from the exit.
	order := make([]int, 0, n+1)
	seen := make([]bool, n+1)
	var preds func(b int) []int // predecessors in the reversed graph = successors
	succs := func(b int) []int {
		if b == n {
			var out []int
			for _, blk := range fn.Blocks {
				if endsInReturn(blk) {
					out = append(out, blk.Index)
				}
			}
			return out
		}
		var out []int
		for _, p := range fn.Blocks[b].Preds {
			out = append(out, p.Index)
		}
		return out
	}
	preds = func(b int) []int {
		if b == n {
			return nil
		}
		var out []int
		blk := fn.Blocks[b]
		if endsInReturn(blk) {
			out = append(out, n)
		}
		for _, s := range blk.Succs {
			out = append(out, s.Index)
		}
		return out
	}
	// Iterative DFS for postorder.
	type frame struct {
		b    int
		next []int
	}
	stack := []frame{{n, succs(n)}}
	seen[n] = true
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if len(top.next) == 0 {
			order = append(order, top.b)
			stack = stack[:len(stack)-1]
			continue
		}
		s := top.next[0]
		top.next = top.next[1:]
		if !seen[s] {
			seen[s] = true
			stack = append(stack, frame{s, succs(s)})
		}
	}
	rpoNum := make([]int, n+1)
	for i := range rpoNum {
		rpoNum[i] = -1
	}
	for i, b := range order {
		rpoNum[b] = i // postorder number; the exit has the highest
	}
	pd.ipd[n] = n
	intersect := func(a, b int) int {
		for a != b {
			for rpoNum[a] < rpoNum[b] {
				a = pd.ipd[a]
			}
			for rpoNum[b] < rpoNum[a] {
				b = pd.ipd[b]
			}
		}
		return a
	}
	for changed := true; changed; {
		changed = false
		for i := len(order) - 1; i >= 0; i-- {
			b := order[i]
			if b == n {
				continue
			}
			newIdom := -1
			for _, p := range preds(b) {
				if pd.ipd[p] == -1 {
					continue
				}
				if newIdom == -1 {
					newIdom = p
				} else {
					newIdom = intersect(p, newIdom)
				}
			}
			if newIdom != -1 && pd.ipd[b] != newIdom {
				pd.ipd[b] = newIdom
				changed = true
			}
		}
	}
	return pd
}

// IPostDom returns the immediate post-dominator of b, or nil when it is
// the virtual exit or b cannot reach a return.
func (pd *PostDom) IPostDom(b *ssa.BasicBlock) *ssa.BasicBlock {
	i := pd.ipd[b.Index]
	if i < 0 || i == pd.exit {
		return nil
	}
	return pd.fn.Blocks[i]
}

// PostDominates reports whether every path from b to a return passes
// through a (a block post-dominates itself). It is false when b cannot
// reach a return.
func (pd *PostDom) PostDominates(a, b *ssa.BasicBlock) bool {
	i := b.Index
	if pd.ipd[i] < 0 {
		return false
	}
	for steps := 0; steps <= len(pd.ipd); steps++ {
		if i == a.Index {
			return true
		}
		if i == pd.exit {
			return false
		}
		i = pd.ipd[i]
	}
	return false
}

func endsInReturn(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	return ok
}

// Index returns the position of instr in its block, or -1.
func Index(instr ssa.Instruction) int {
	b := instr.Block()
	if b == nil {
		return -1
	}
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// Dominates reports whether a executes before b on every path from the
// function's entry to b (an instruction dominates itself).
func Dominates(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab == nil || bb == nil || ab.Parent() != bb.Parent() {
		return false
	}
	if ab == bb {
		return Index(a) <= Index(b)
	}
	return ab.Dominates(bb)
}

// ReturnAvoiding reports a Return instruction reachable from just after
// from without executing any instruction for which stop is true, or nil
// if every path from from to a return passes through a stop instruction.
// Paths that end in a panic or loop forever are not paths to a return.
// When several returns qualify, the first in block order is chosen.
func ReturnAvoiding(from ssa.Instruction, stop func(ssa.Instruction) bool) *ssa.Return {
	if rs := ReturnsAvoiding(from, stop); len(rs) > 0 {
		return rs[0]
	}
	return nil
}

// ReturnsAvoiding returns every Return instruction reachable from just
// after from without executing an instruction for which stop is true, in
// block order (see ReturnAvoiding).
func ReturnsAvoiding(from ssa.Instruction, stop func(ssa.Instruction) bool) []*ssa.Return {
	return ReturnsAvoidingCut(from, stop, nil)
}

// ReturnsAvoidingCut is ReturnsAvoiding on paths that take no edge for
// which skip is true (skip may be nil).
func ReturnsAvoidingCut(from ssa.Instruction, stop func(ssa.Instruction) bool, skip func(from, to *ssa.BasicBlock) bool) []*ssa.Return {
	if from.Block() == nil || Index(from) < 0 {
		return nil
	}
	var out []*ssa.Return
	// scan runs instrs[i:] of blk and reports whether control falls through
	// to the successors.
	scan := func(blk *ssa.BasicBlock, i int) bool {
		for _, instr := range blk.Instrs[i:] {
			if stop(instr) {
				return false
			}
			if r, ok := instr.(*ssa.Return); ok {
				out = append(out, r)
				return false
			}
		}
		return true
	}
	forward(from, scan, skip)
	slices.SortFunc(out, func(x, y *ssa.Return) int { return x.Block().Index - y.Block().Index })
	return slices.Compact(out)
}

// EntryReturnAvoiding is ReturnAvoiding from the function's entry,
// including its first instruction.
func EntryReturnAvoiding(fn *ssa.Function, stop func(ssa.Instruction) bool) *ssa.Return {
	if len(fn.Blocks) == 0 || len(fn.Blocks[0].Instrs) == 0 {
		return nil
	}
	first := fn.Blocks[0].Instrs[0]
	if stop(first) {
		return nil
	}
	if r, ok := first.(*ssa.Return); ok {
		return r
	}
	return ReturnAvoiding(first, stop)
}

// Reaches reports whether b can execute after a on some path (a later
// iteration of a loop counts), without passing through an instruction
// for which stop is true (stop may be nil).
func Reaches(a, b ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	ab, bb := a.Block(), b.Block()
	if ab == nil || bb == nil || ab.Parent() != bb.Parent() {
		return false
	}
	ia, ib := Index(a), Index(b)
	if ia < 0 || ib < 0 {
		return false
	}
	blocked := func(blk *ssa.BasicBlock, from, to int) bool { // instrs in [from, to)
		if stop == nil {
			return false
		}
		for _, x := range blk.Instrs[from:to] {
			if stop(x) {
				return true
			}
		}
		return false
	}
	if ab == bb && ia < ib {
		return !blocked(ab, ia+1, ib)
	}
	if blocked(ab, ia+1, len(ab.Instrs)) {
		return false
	}
	seen := make([]bool, len(ab.Parent().Blocks))
	work := append([]*ssa.BasicBlock(nil), ab.Succs...)
	for len(work) > 0 {
		blk := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[blk.Index] {
			continue
		}
		seen[blk.Index] = true
		if blk == bb {
			if !blocked(bb, 0, ib) {
				return true
			}
			continue
		}
		if !blocked(blk, 0, len(blk.Instrs)) {
			work = append(work, blk.Succs...)
		}
	}
	return false
}

// ReturnsAfter returns the Return instructions reachable from just after
// from, in block order.
func ReturnsAfter(from ssa.Instruction) []*ssa.Return {
	b := from.Block()
	i := Index(from)
	if b == nil || i < 0 {
		return nil
	}
	var out []*ssa.Return
	visit := func(blk *ssa.BasicBlock, start int) bool {
		for _, instr := range blk.Instrs[start:] {
			if r, ok := instr.(*ssa.Return); ok {
				out = append(out, r)
				return false
			}
		}
		return true
	}
	forward(from, visit, nil)
	slices.SortFunc(out, func(x, y *ssa.Return) int { return x.Block().Index - y.Block().Index })
	return slices.Compact(out)
}

// forward runs scan over the instructions after from in its block, then
// over each block reachable from there (each once, from its first
// instruction), following a block's successors only while scan reports
// that control falls through. cut, when not nil, removes an edge.
func forward(from ssa.Instruction, scan func(blk *ssa.BasicBlock, i int) bool, cut func(from, to *ssa.BasicBlock) bool) {
	b := from.Block()
	start := Index(from)
	if b == nil || start < 0 {
		return
	}
	seen := make([]bool, len(b.Parent().Blocks))
	var work []*ssa.BasicBlock
	push := func(blk *ssa.BasicBlock) {
		for _, s := range blk.Succs {
			if cut == nil || !cut(blk, s) {
				work = append(work, s)
			}
		}
	}
	if scan(b, start+1) {
		push(b)
	}
	for len(work) > 0 {
		blk := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[blk.Index] {
			continue
		}
		seen[blk.Index] = true
		if scan(blk, 0) {
			push(blk)
		}
	}
}
