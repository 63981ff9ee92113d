package spawn

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// OwnGates reports whether every plain send of body (a goroutine's
// function) is guarded only by conditions on the goroutine's own values:
// the results of its calls (a failed fetch: if err != nil { errc <- err
// }), its parameters, the per-iteration variables it captures, constants.
// Started in a loop, each such goroutine may then send: the sends add up
// over the loop, as unconditional ones do. A condition read from state
// the goroutines share (a counter through sync/atomic, a captured
// variable declared outside the loop, a package-level variable: if
// atomic.AddInt32(&left, -1) == 0 { done <- struct{}{} }, the last to
// arrive signals) may hold for one goroutine only; so may one that the
// summary cannot follow. False when body has no plain send of its own.
func OwnGates(body *ssa.Function) bool {
	if body == nil || len(body.Blocks) == 0 {
		return false
	}
	sends := 0
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Send); !ok {
				continue
			}
			sends++
			for _, d := range body.Blocks {
				if d == b || !d.Dominates(b) {
					continue
				}
				if cond, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If); ok && !ownValue(cond.Cond, map[ssa.Value]bool{}, 0) {
					return false
				}
			}
		}
	}
	return sends > 0
}

// ownValue reports whether v is computed from values of the goroutine's
// own (see OwnGates).
func ownValue(v ssa.Value, seen map[ssa.Value]bool, depth int) bool {
	if seen[v] {
		return true
	}
	if depth > 16 {
		return false
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.Const, *ssa.Parameter:
		return true
	case *ssa.Call:
		callee := ssax.Callee(&x.Call)
		if callee != nil && callee.Pkg() != nil && callee.Pkg().Path() == "sync/atomic" {
			return false // a shared counter
		}
		if f := x.Call.StaticCallee(); f != nil && f.Pkg != nil && f.Pkg.Pkg.Path() == "sync/atomic" {
			return false // (*atomic.Int32).Add and the other methods
		}
		return true // its own outcome: each goroutine's call may fail
	case *ssa.Extract:
		return ownValue(x.Tuple, seen, depth+1)
	case *ssa.BinOp:
		return ownValue(x.X, seen, depth+1) && ownValue(x.Y, seen, depth+1)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return ownCell(x.X)
		}
		if x.Op == token.ARROW {
			return false // a value another goroutine sent
		}
		return ownValue(x.X, seen, depth+1)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if !ownValue(e, seen, depth+1) {
				return false
			}
		}
		return true
	case *ssa.Convert:
		return ownValue(x.X, seen, depth+1)
	case *ssa.ChangeType:
		return ownValue(x.X, seen, depth+1)
	case *ssa.MakeInterface:
		return ownValue(x.X, seen, depth+1)
	case *ssa.ChangeInterface:
		return ownValue(x.X, seen, depth+1)
	case *ssa.TypeAssert:
		return ownValue(x.X, seen, depth+1)
	case *ssa.Field:
		return ownValue(x.X, seen, depth+1)
	}
	return false
}

// ownCell reports whether the variable p points to belongs to one
// goroutine: a local of its own, or a captured variable declared in the
// body of the loop that starts it (per iteration since Go 1.22).
func ownCell(p ssa.Value) bool {
	switch x := p.(type) {
	case *ssa.Alloc:
		return true
	case *ssa.FreeVar:
		alloc, ok := ssax.Binding(x).(*ssa.Alloc)
		if !ok || alloc.Block() == nil {
			return false
		}
		return Cyclic(alloc.Parent(), nil)[alloc.Block()]
	case *ssa.FieldAddr:
		return ownCell(x.X)
	}
	return false
}
