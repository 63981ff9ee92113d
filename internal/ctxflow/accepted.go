package ctxflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Accepted returns the contexts fn has at hand that a caller handed it, in
// order: the contexts of ContextsInScope (parameters, r.Context() of a
// request parameter, captured contexts) followed by the context-typed
// struct fields fn reads (s.ctx). A context is kept when it can be
// cancelled and some chain of it is rooted outside this code: a context
// made here from context.Background or context.TODO (with or without
// WithCancel or WithTimeout on top) is this code's own, not an accepted
// one, and so is anything detached with context.WithoutCancel.
//
// A captured variable that is reassigned is boxed: its free variable has
// type *context.Context, and it is judged by the values stored into it.
func Accepted(fn *ssa.Function) []ssa.Value {
	var out []ssa.Value
	for _, v := range ContextsInScope(fn) {
		if accepted(v) {
			out = append(out, v)
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if v := fieldContext(instr); v != nil && accepted(v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// AcceptedLexically returns Accepted(fn) followed by the accepted contexts
// of the functions that enclose fn, innermost first: the contexts a
// closure could name even when it does not capture them yet.
func AcceptedLexically(fn *ssa.Function) []ssa.Value {
	var out []ssa.Value
	for f, depth := fn, 0; f != nil && depth < maxSteps; f, depth = f.Parent(), depth+1 {
		out = append(out, Accepted(f)...)
	}
	return out
}

// fieldContext returns the context instr loads from a struct field, or nil.
func fieldContext(instr ssa.Instruction) ssa.Value {
	switch x := instr.(type) {
	case *ssa.UnOp:
		if _, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && IsContext(x.Type()) {
			return x
		}
	case *ssa.Field:
		if IsContext(x.Type()) {
			return x
		}
	}
	return nil
}

// accepted reports whether the context v can be cancelled by someone and
// is not only this code's own Background/TODO.
func accepted(v ssa.Value) bool {
	if fv, ok := v.(*ssa.FreeVar); ok && isContextPtr(fv.Type()) {
		for _, s := range ssax.StoredValues(fv) {
			if accepted(s) {
				return true
			}
		}
		return false
	}
	if !CanBeCancelled(v) {
		return false
	}
	for _, o := range Origins(v) {
		if o.Kind != Background && o.Kind != TODO {
			return true
		}
	}
	return false
}

// RequestParam returns fn's *net/http.Request parameter, whose Context()
// is at hand even when fn never calls it, or nil.
func RequestParam(fn *ssa.Function) *ssa.Parameter {
	for _, p := range fn.Params {
		if v, _ := p.Object().(*types.Var); v != nil && isNamedPtr(v, "net/http", "Request") {
			return p
		}
	}
	return nil
}
