package cfg

import "golang.org/x/tools/go/ssa"

// MostBefore returns, for each marked instruction reachable from `from`
// in the same function, the largest number of marks a path from `from`
// passes before reaching it: marked instructions, and blocks marked on
// entry (the case block of a select, entered once that case is chosen),
// each counted once per pass. cyclic holds the blocks of the function
// that lie on a cycle (spawn.Cyclic). ok is false when a mark, or `from`,
// lies on one: a loop can pass it any number of times.
func MostBefore(from ssa.Instruction, marked map[ssa.Instruction]bool, entered map[*ssa.BasicBlock]bool, cyclic map[*ssa.BasicBlock]bool) (most map[ssa.Instruction]int, ok bool) {
	start := from.Block()
	if start == nil {
		return nil, false
	}
	if cyclic[start] {
		return nil, false
	}
	for instr := range marked {
		if instr.Block() == nil || cyclic[instr.Block()] {
			return nil, false
		}
	}
	for b := range entered {
		if cyclic[b] {
			return nil, false
		}
	}
	after := -1 // the index of from in start
	for i, instr := range start.Instrs {
		if instr == from {
			after = i
		}
	}
	// marks in b at or after index lo, before index hi
	marksIn := func(b *ssa.BasicBlock, lo, hi int) int {
		n := 0
		for i := lo; i < hi && i < len(b.Instrs); i++ {
			if marked[b.Instrs[i]] {
				n++
			}
		}
		return n
	}
	reach := map[*ssa.BasicBlock]bool{}
	var order []*ssa.BasicBlock
	work := []*ssa.BasicBlock{start}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if reach[b] {
			continue
		}
		reach[b] = true
		order = append(order, b)
		work = append(work, b.Succs...)
	}
	in := map[*ssa.BasicBlock]int{}
	out := map[*ssa.BasicBlock]int{}
	outOf := func(b *ssa.BasicBlock) int {
		if b == start {
			return marksIn(b, after+1, len(b.Instrs))
		}
		n := in[b] + marksIn(b, 0, len(b.Instrs))
		if entered[b] {
			n++
		}
		return n
	}
	// The marks lie on no cycle, so relaxing len(order) times settles the
	// longest counts (a cycle without marks adds nothing).
	for range len(order) {
		changed := false
		for _, b := range order {
			if b != start {
				best := 0
				for _, p := range b.Preds {
					if reach[p] && out[p] > best {
						best = out[p]
					}
				}
				in[b] = best
			}
			if o := outOf(b); o != out[b] {
				out[b] = o
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	most = map[ssa.Instruction]int{}
	for instr := range marked {
		b := instr.Block()
		if !reach[b] {
			continue
		}
		idx := 0
		for i, x := range b.Instrs {
			if x == instr {
				idx = i
			}
		}
		if b == start {
			if idx <= after {
				continue // before from: not on a path from it
			}
			most[instr] = marksIn(b, after+1, idx)
			continue
		}
		n := in[b] + marksIn(b, 0, idx)
		if entered[b] {
			n++
		}
		most[instr] = n
	}
	return most, true
}
