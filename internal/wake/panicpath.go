package wake

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// A run of a function includes the function literals it defers whole
// (`defer func() { ... }()`): they run as it returns or unwinds. A
// deferred literal that acts only when recover() reports a panic runs its
// operations on a panicking run, never on one that returns normally: a
// goroutine that recovers and reports the panic on one channel, and sends
// its result on another as its last act, makes one of the two sends, not
// both.

// deferredLiterals returns the function literals of fn that fn defers
// whole: literals whose only use is the function of one of fn's defer
// statements (ssax.OnlyDeferred).
func deferredLiterals(fn *ssa.Function) []*ssa.Function {
	var lits []*ssa.Function
	for _, lit := range fn.AnonFuncs {
		if ssax.OnlyDeferred(lit) {
			lits = append(lits, lit)
		}
	}
	return lits
}

// inRunOf reports whether g is fn or a literal fn defers whole.
func inRunOf(g, fn *ssa.Function) bool {
	if g == fn {
		return true
	}
	for _, lit := range deferredLiterals(fn) {
		if lit == g {
			return true
		}
	}
	return false
}

// onlyWhilePanicking reports whether instr, in a deferred literal, runs
// only when recover() returned non-nil: its block is dominated by the
// branch of `recover() != nil` (or the else branch of `recover() == nil`)
// taken on a non-nil value.
func onlyWhilePanicking(instr ssa.Instruction) bool {
	for b := instr.Block(); b != nil; b = b.Idom() {
		idom := b.Idom()
		if idom == nil || len(b.Preds) != 1 || b.Preds[0] != idom || len(idom.Succs) != 2 {
			continue
		}
		iff, ok := idom.Instrs[len(idom.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		if succ := recoveredBranch(iff.Cond); succ >= 0 && idom.Succs[succ] == b {
			return true
		}
	}
	return false
}

// recoveredBranch returns the successor index (0 for true, 1 for false)
// of an If on cond that is taken when recover() returned non-nil, or -1.
func recoveredBranch(cond ssa.Value) int {
	bin, ok := cond.(*ssa.BinOp)
	if !ok || (bin.Op != token.NEQ && bin.Op != token.EQL) {
		return -1
	}
	x, y := bin.X, bin.Y
	if ssax.IsNilConst(x) {
		x, y = y, x
	}
	if !isRecoverCall(x) || !ssax.IsNilConst(y) {
		return -1
	}
	if bin.Op == token.NEQ {
		return 0
	}
	return 1
}

func isRecoverCall(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	bi, ok := call.Call.Value.(*ssa.Builtin)
	return ok && bi.Name() == "recover"
}

// returnsQuietly reports whether every path from instr to the end of its
// function runs nothing that can panic: only jumps, phis, debug records,
// the deferred calls' start (RunDefers) and returns follow it.
func returnsQuietly(instr ssa.Instruction) bool {
	seen := map[*ssa.BasicBlock]bool{}
	var quiet func(b *ssa.BasicBlock, from int) bool
	quiet = func(b *ssa.BasicBlock, from int) bool {
		for _, in := range b.Instrs[from:] {
			switch in.(type) {
			case *ssa.Jump, *ssa.Phi, *ssa.DebugRef, *ssa.RunDefers, *ssa.Return:
			default:
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				if !quiet(s, 0) {
					return false
				}
			}
		}
		return true
	}
	b := instr.Block()
	for i, in := range b.Instrs {
		if in == instr {
			return quiet(b, i+1)
		}
	}
	return false
}
