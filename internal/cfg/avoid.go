package cfg

import "golang.org/x/tools/go/ssa"

// FirstAvoiding returns an instruction for which target is true that can
// execute after from (later in its block or in a block reachable from it;
// from itself only on a later iteration of a loop), on a path that runs no
// instruction for which stop is true and takes no edge for which skip is
// true (skip may be nil). When several qualify, the first found in block
// order is returned; nil when none does. Linear in the size of the
// function.
func FirstAvoiding(from ssa.Instruction, target, stop func(ssa.Instruction) bool, skip func(from, to *ssa.BasicBlock) bool) ssa.Instruction {
	b := from.Block()
	start := Index(from)
	if b == nil || start < 0 {
		return nil
	}
	var found ssa.Instruction
	better := func(instr ssa.Instruction) {
		if found == nil || instr.Block().Index < found.Block().Index {
			found = instr
		}
	}
	// scan runs blk.Instrs[i:] and reports whether control falls through
	// to the successors.
	scan := func(blk *ssa.BasicBlock, i int) bool {
		for _, instr := range blk.Instrs[i:] {
			if target(instr) {
				better(instr)
				return false
			}
			if stop(instr) {
				return false
			}
			if _, ok := instr.(*ssa.Return); ok {
				return false
			}
		}
		return true
	}
	forward(from, scan, skip)
	return found
}
