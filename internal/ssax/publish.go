package ssax

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
)

// maxPublishDepth bounds how deep Unpublished follows the object into the
// functions it is handed to.
const maxPublishDepth = 3

// Unpublished reports whether the object that alloc makes can be known to
// no other goroutine yet when at runs: no use that may publish it (store
// it in another object or a variable, send it, start or capture it in a
// closure, return it, convert it to an interface, hand it to a function
// that may do one of these) can run before at. Handing it to a function
// of the package that only reads and writes its fields, locks its
// mutexes and hands it on to such functions does not publish it (a
// constructor's client.AddHeader(...)); at itself counts as a use before
// at.
func Unpublished(alloc *ssa.Alloc, at ssa.Instruction) bool {
	if alloc == nil || !alloc.Heap || at == nil {
		return false
	}
	refs := alloc.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if !publishes(ref, alloc, maxPublishDepth) {
			continue
		}
		if ref == at || cfg.Reaches(ref, at, nil) {
			return false
		}
	}
	return true
}

// publishes reports whether use, an instruction that uses the pointer v,
// may make the object v points to known to another goroutine.
func publishes(use ssa.Instruction, v ssa.Value, depth int) bool {
	switch x := use.(type) {
	case *ssa.DebugRef:
		return false
	case *ssa.UnOp:
		return x.Op != token.MUL // a load copies the value, it does not hand out the pointer
	case *ssa.Store:
		return x.Val == v
	case *ssa.FieldAddr:
		return pointerPublished(x, depth) // an interior pointer, p.mu
	case *ssa.IndexAddr:
		return pointerPublished(x, depth)
	case *ssa.Call, *ssa.Defer:
		return handedOn(x.(ssa.CallInstruction).Common(), v, depth)
	}
	return true // go statements, closures, sends, returns, conversions, phis
}

// pointerPublished reports whether some use of p may publish it.
func pointerPublished(p ssa.Value, depth int) bool {
	refs := p.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if publishes(ref, p, depth) {
			return true
		}
	}
	return false
}

// handedOn reports whether the call may publish v, one of its arguments:
// unless the callee is a method of package sync (mu.Lock()), or a
// function with a body that publishes none of the parameters v is given
// as, within depth calls.
func handedOn(call *ssa.CallCommon, v ssa.Value, depth int) bool {
	if call.IsInvoke() {
		return true
	}
	callee, ok := call.Value.(*ssa.Function)
	if !ok {
		return true
	}
	if obj := callee.Object(); obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "sync" {
		return false
	}
	if depth == 0 || callee.Blocks == nil {
		return true
	}
	for i, arg := range call.Args {
		if arg != v {
			continue
		}
		if i >= len(callee.Params) || pointerPublished(callee.Params[i], depth-1) {
			return true
		}
	}
	return false
}
