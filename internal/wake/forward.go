package wake

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/spawn"
)

// ForwardsCancellableSource reports whether body, a goroutine that owner
// starts, is a forwarding stage whose source ends with owner's caller's
// context: it loops receiving from a channel until that channel is closed
// (for ev := range events), and the channel is what a call returned that
// was handed a context derived from a context parameter of owner (events
// := w.Watch(ctx, key)). Cancelling the caller's context ends the source,
// the loop and the goroutine; what the goroutine sends meanwhile is for
// the caller to drain (cancel, then receive to the close). The stage has a
// way out, in its caller's hands.
func ForwardsCancellableSource(body, owner *ssa.Function) bool {
	if body == nil || owner == nil {
		return false
	}
	cyc := spawn.Cyclic(body, nil)
	for _, b := range body.Blocks {
		if !cyc[b] {
			continue
		}
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || !recv.CommaOk {
				continue
			}
			if sourceTiedTo(recv.X, owner) {
				return true
			}
		}
	}
	return false
}

// sourceTiedTo reports whether every identity of the channel ch is the
// result of a call handed a context that derives from a parameter of
// owner.
func sourceTiedTo(ch ssa.Value, owner *ssa.Function) bool {
	ids := chans.Origins(ch)
	if len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		if id.Kind != chans.External {
			return false
		}
		call := resultOf(id.Value)
		if call == nil || !handedCallerContext(call, owner) {
			return false
		}
	}
	return true
}

// resultOf returns the call v is a result of (directly or as an element
// of its result tuple), or nil.
func resultOf(v ssa.Value) *ssa.Call {
	if ex, ok := v.(*ssa.Extract); ok {
		v = ex.Tuple
	}
	call, _ := v.(*ssa.Call)
	return call
}

func handedCallerContext(call *ssa.Call, owner *ssa.Function) bool {
	args := call.Call.Args
	if call.Call.IsInvoke() {
		args = append([]ssa.Value{call.Call.Value}, args...)
	}
	for _, a := range args {
		if !ctxflow.IsContext(a.Type()) {
			continue
		}
		if p, ok := ctxflow.CallerContext(a); ok && p.Parent() == owner {
			return true
		}
	}
	return false
}
