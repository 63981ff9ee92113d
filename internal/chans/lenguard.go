package chans

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// LenGuarded reports whether the receive recv from ch runs only after a
// test that the buffer of the same channel holds a value: it is dominated
// by the branch of a comparison that says len(ch) > 0 (if len(ch) > 0,
// n := len(ch); for i := 0; i < n; i++). Such a receive takes what is
// already buffered and does not wait for a sender (a single consumer
// draining what has accumulated), so it is no wait for a wake-up.
func LenGuarded(recv ssa.Instruction, ch ssa.Value) bool {
	for d := recv.Block(); d != nil; d = d.Idom() {
		if enteredOnlyNonEmpty(d, ch) {
			return true
		}
	}
	return false
}

// enteredOnlyNonEmpty reports whether every edge into b is the branch of
// a comparison that says len(ch) > 0: the entry edge of a counted loop and
// its back edge (for range n, whose body is its own predecessor) alike.
func enteredOnlyNonEmpty(b *ssa.BasicBlock, ch ssa.Value) bool {
	if len(b.Preds) == 0 {
		return false
	}
	for _, p := range b.Preds {
		ifInstr, ok := lastInstr(p).(*ssa.If)
		if !ok || len(p.Succs) != 2 || p.Succs[0] == p.Succs[1] {
			return false
		}
		succ := nonEmptyBranch(ifInstr.Cond, ch)
		if succ < 0 || p.Succs[succ] != b {
			return false
		}
	}
	return true
}

func lastInstr(b *ssa.BasicBlock) ssa.Instruction {
	if len(b.Instrs) == 0 {
		return nil
	}
	return b.Instrs[len(b.Instrs)-1]
}

// nonEmptyBranch returns the successor index (0 for true, 1 for false) of
// an If on cond that is taken only when len(ch) > 0, or -1. The other
// operand of the comparison is taken to be a count from 0 (i < len(ch)).
func nonEmptyBranch(cond ssa.Value, ch ssa.Value) int {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok {
		return -1
	}
	op := cmp.Op
	other := cmp.Y
	switch {
	case lenOf(cmp.X, ch):
	case lenOf(cmp.Y, ch):
		other = cmp.X
		op = flip(op)
	default:
		return -1
	}
	// Now the comparison reads len(ch) op other.
	switch op {
	case token.GTR, token.NEQ:
		return 0 // len > other (a count from 0), len != 0
	case token.LEQ, token.EQL:
		if op == token.EQL && !isZero(other) {
			return -1 // len == 3: the false branch says nothing
		}
		return 1 // !(len <= other): len > other
	case token.GEQ:
		if positive(other) {
			return 0
		}
	case token.LSS:
		if positive(other) {
			return 1 // !(len < 1): len >= 1
		}
	}
	return -1
}

func flip(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// lenOf reports whether v is len(x) for a channel x with the same
// identity as ch (not one from code the index cannot see).
func lenOf(v ssa.Value, ch ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return false
	}
	if b, ok := call.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" || !isChan(call.Call.Args[0].Type()) {
		return false
	}
	if call.Call.Args[0] == ch {
		return true
	}
	a, ok := Origin(call.Call.Args[0])
	if !ok || a.Kind == External {
		return false
	}
	for _, id := range Origins(ch) {
		if id != a {
			return false
		}
	}
	return true
}

func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Int && constant.Sign(c.Value) == 0
}

func positive(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Int && constant.Sign(c.Value) > 0
}
