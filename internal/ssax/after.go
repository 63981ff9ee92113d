package ssax

import "golang.org/x/tools/go/ssa"

// UsedAfter reports whether v, or the memory it is a slice or view of (the
// array a slice expression cuts, the variable whose address v is), is
// used by an instruction that can run after instr: later in instr's block
// or in a block reachable from it. In a loop that includes uses before
// instr, a conservative answer for "the caller reads it afterwards".
func UsedAfter(v ssa.Value, instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil {
		return true
	}
	after := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if after[s] {
			continue
		}
		after[s] = true
		stack = append(stack, s.Succs...)
	}
	index := -1
	for i, x := range b.Instrs {
		if x == instr {
			index = i
		}
	}
	runsAfter := func(x ssa.Instruction) bool {
		if x == instr {
			return false
		}
		if after[x.Block()] {
			return true
		}
		if x.Block() != b {
			return false
		}
		for i := index + 1; i < len(b.Instrs); i++ {
			if b.Instrs[i] == x {
				return true
			}
		}
		return false
	}
	values := []ssa.Value{v}
	if s, ok := v.(*ssa.Slice); ok {
		values = append(values, s.X)
	}
	for _, val := range values {
		refs := val.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			if _, ok := r.(*ssa.DebugRef); ok {
				continue
			}
			if runsAfter(r) {
				return true
			}
		}
	}
	return false
}
