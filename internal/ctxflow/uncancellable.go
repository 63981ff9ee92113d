package ctxflow

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// DoneNilAt reports whether instr runs only on paths where ctx.Done() was
// found to be nil (if ch := ctx.Done(); ch != nil { select ... } else {
// time.Sleep(d) }): the context can never be cancelled there
// (context.Background, TODO, WithoutCancel), so a wait that ignores it
// loses nothing.
func DoneNilAt(ctx ssa.Value, instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil {
		return false
	}
	ctx = ssax.Unwrap(ctx)
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
			continue
		}
		done := cmp.X
		if k, ok := done.(*ssa.Const); ok && k.IsNil() {
			done = cmp.Y
		} else if k, ok := cmp.Y.(*ssa.Const); !ok || !k.IsNil() {
			continue
		}
		if !isDoneOf(done, ctx) {
			continue
		}
		nilSide := iff.Block().Succs[0] // ch == nil is true
		if cmp.Op == token.NEQ {
			nilSide = iff.Block().Succs[1] // ch != nil is false
		}
		if len(nilSide.Preds) == 1 && nilSide.Dominates(b) {
			return true
		}
	}
	return false
}

// isDoneOf reports whether v is ctx.Done().
func isDoneOf(v ssa.Value, ctx ssa.Value) bool {
	call, ok := ssax.Unwrap(v).(*ssa.Call)
	if !ok || !call.Call.IsInvoke() || call.Call.Method.Name() != "Done" || !IsContext(call.Call.Value.Type()) {
		return false
	}
	return ssax.Unwrap(call.Call.Value) == ctx
}
