package cfg

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// NonEmptyBranch returns the successor index (0 for the true branch, 1
// for the false one) of an If on cond that is taken only when len(x) > 0
// for an x that isX accepts, or -1. The other operand of the comparison
// is taken to be a count from 0 (i < len(x), n > 0).
func NonEmptyBranch(cond ssa.Value, isX func(ssa.Value) bool) int {
	op, other, ok := lenComparison(cond, isX)
	if !ok {
		return -1
	}
	switch op {
	case token.GTR, token.NEQ:
		if op == token.NEQ && !isZero(other) {
			return -1
		}
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

// EmptyBranch returns the successor index of an If on cond that is taken
// only when len(x) == 0 (len(x) > 0 false, len(x) == 0 true, len(x) < 1
// true), or -1.
func EmptyBranch(cond ssa.Value, isX func(ssa.Value) bool) int {
	op, other, ok := lenComparison(cond, isX)
	if !ok {
		return -1
	}
	switch {
	case (op == token.GTR || op == token.NEQ) && isZero(other):
		return 1
	case (op == token.EQL || op == token.LEQ) && isZero(other):
		return 0
	case op == token.LSS && isOne(other):
		return 0
	case op == token.GEQ && isOne(other):
		return 1
	}
	return -1
}

// lenComparison reads cond as len(x) op other.
func lenComparison(cond ssa.Value, isX func(ssa.Value) bool) (token.Token, ssa.Value, bool) {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok {
		return 0, nil, false
	}
	switch {
	case lenCall(cmp.X, isX):
		return cmp.Op, cmp.Y, true
	case lenCall(cmp.Y, isX):
		return flip(cmp.Op), cmp.X, true
	}
	return 0, nil, false
}

// lenCall reports whether v is a call of the builtin len on an x that isX
// accepts.
func lenCall(v ssa.Value, isX func(ssa.Value) bool) bool {
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "len" && isX(call.Call.Args[0])
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

func intConst(v ssa.Value) (constant.Value, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return nil, false
	}
	return c.Value, true
}

func isZero(v ssa.Value) bool {
	c, ok := intConst(v)
	return ok && constant.Sign(c) == 0
}

func isOne(v ssa.Value) bool {
	c, ok := intConst(v)
	return ok && constant.Compare(c, token.EQL, constant.MakeInt64(1))
}

func positive(v ssa.Value) bool {
	c, ok := intConst(v)
	return ok && constant.Sign(c) > 0
}

// EnteredOnlyNonEmpty reports whether every edge into b is the branch of
// a comparison that says len(x) > 0 for an x that isX accepts: the entry
// edge of a counted loop and its back edge (for range n, whose body is its
// own predecessor) alike.
func EnteredOnlyNonEmpty(b *ssa.BasicBlock, isX func(ssa.Value) bool) bool {
	if len(b.Preds) == 0 {
		return false
	}
	for _, p := range b.Preds {
		if len(p.Instrs) == 0 || len(p.Succs) != 2 || p.Succs[0] == p.Succs[1] {
			return false
		}
		iff, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
		if !ok {
			return false
		}
		succ := NonEmptyBranch(iff.Cond, isX)
		if succ < 0 || p.Succs[succ] != b {
			return false
		}
	}
	return true
}
