package wake

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/spawn"
)

// ForwardsCallerSource returns the receive by which body, a goroutine that
// owner starts at site, forwards a source that owner's caller holds: body
// loops receiving from a channel until that channel is closed (for ev :=
// range events), and the channel is either a parameter of owner, handed in
// by its caller (directly, captured, or as an argument of the go
// statement), or what a call handed a context derived from a context
// parameter of owner returned (events := w.Watch(ctx, key)). The caller
// ends the source (closes it, or cancels the context), which ends the
// loop and the goroutine; what the goroutine sends meanwhile is for the
// caller to drain to the close. The stage has a way out, in its caller's
// hands. nil when body is not such a stage.
func ForwardsCallerSource(body, owner *ssa.Function, site ssa.CallInstruction) *ssa.UnOp {
	if body == nil || owner == nil {
		return nil
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
			if sourceTiedTo(recv.X, owner) || handedIn(recv.X, owner, body, site) {
				return recv
			}
		}
	}
	return nil
}

// handedIn reports whether every identity of the channel ch, received
// from in body, is a parameter of owner: directly, through a captured
// variable, or through the argument of the go statement site that binds
// body's parameter.
func handedIn(ch ssa.Value, owner, body *ssa.Function, site ssa.CallInstruction) bool {
	return everyOrigin(ch, func(id chans.ID) bool {
		if id.Kind != chans.Param {
			return false
		}
		if id.Param.Parent() == owner {
			return true
		}
		i := slices.Index(body.Params, id.Param)
		if id.Param.Parent() != body || body == owner || site == nil || i < 0 || i >= len(site.Common().Args) || site.Common().IsInvoke() {
			return false
		}
		return handedIn(site.Common().Args[i], owner, owner, nil)
	})
}

// everyOrigin reports whether the channel ch has identities and each
// satisfies f.
func everyOrigin(ch ssa.Value, f func(chans.ID) bool) bool {
	ids := chans.Origins(ch)
	return len(ids) > 0 && !slices.ContainsFunc(ids, func(id chans.ID) bool { return !f(id) })
}

// ForwardsReceived reports whether every send in body sends the value
// recv received: the value itself, a field of it, a conversion of it, or
// a struct literal that holds it (StampedEvent{Event: e, Sequence: n}).
// Such a stage passes its source's values on, and with them the source's
// protocol: a terminal value the source sends last is the last the stage
// sends.
func ForwardsReceived(body *ssa.Function, recv *ssa.UnOp) bool {
	sends := 0
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				sends++
				if !derivedFrom(x.X, recv, 0) {
					return false
				}
			case *ssa.Select:
				for _, st := range x.States {
					if st.Dir == types.SendOnly {
						sends++
						if !derivedFrom(st.Send, recv, 0) {
							return false
						}
					}
				}
			}
		}
	}
	return sends > 0
}

// derivedFrom reports whether v is the value recv received, a field or
// conversion of it, or a struct literal with a field set to one.
func derivedFrom(v ssa.Value, recv *ssa.UnOp, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Extract:
		return x.Tuple == recv && x.Index == 0
	case *ssa.Field:
		return derivedFrom(x.X, recv, depth+1)
	case *ssa.ChangeType:
		return derivedFrom(x.X, recv, depth+1)
	case *ssa.MakeInterface:
		return derivedFrom(x.X, recv, depth+1)
	case *ssa.ChangeInterface:
		return derivedFrom(x.X, recv, depth+1)
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false
		}
		switch addr := x.X.(type) {
		case *ssa.FieldAddr:
			return derivedFrom(addr.X, recv, depth+1)
		case *ssa.Alloc:
			return literalHolds(addr, recv, depth)
		}
	case *ssa.Alloc:
		return literalHolds(x, recv, depth)
	}
	return false
}

// literalHolds reports whether the local alloc holds a value derived from
// recv: stored whole, or into one of its fields.
func literalHolds(alloc *ssa.Alloc, recv *ssa.UnOp, depth int) bool {
	refs := alloc.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.Store:
			if x.Addr == alloc && derivedFrom(x.Val, recv, depth+1) {
				return true
			}
		case *ssa.FieldAddr:
			frefs := x.Referrers()
			if frefs == nil {
				continue
			}
			for _, fr := range *frefs {
				if st, ok := fr.(*ssa.Store); ok && st.Addr == x && derivedFrom(st.Val, recv, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// sourceTiedTo reports whether every identity of the channel ch is the
// result of a call handed a context that derives from a parameter of
// owner.
func sourceTiedTo(ch ssa.Value, owner *ssa.Function) bool {
	return everyOrigin(ch, func(id chans.ID) bool {
		if id.Kind != chans.External {
			return false
		}
		call := resultOf(id.Value)
		return call != nil && handedCallerContext(call, owner)
	})
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
