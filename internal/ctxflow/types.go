package ctxflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// IsContext reports whether t is context.Context or has its four methods
// (Deadline, Done, Err, Value) with their signatures. It needs no
// *types.Interface for context.Context, so it works in packages that do not
// import "context".
func IsContext(t types.Type) bool {
	if isNamed(t, "context", "Context") {
		return true
	}
	deadline := method(t, "Deadline")
	done := method(t, "Done")
	err := method(t, "Err")
	value := method(t, "Value")
	if deadline == nil || done == nil || err == nil || value == nil {
		return false
	}
	return deadline.Params().Len() == 0 && deadline.Results().Len() == 2 &&
		isNamed(deadline.Results().At(0).Type(), "time", "Time") &&
		types.Identical(deadline.Results().At(1).Type(), types.Typ[types.Bool]) &&
		done.Params().Len() == 0 && done.Results().Len() == 1 && isDoneChanType(done.Results().At(0).Type()) &&
		err.Params().Len() == 0 && err.Results().Len() == 1 &&
		types.Identical(err.Results().At(0).Type(), types.Universe.Lookup("error").Type()) &&
		value.Params().Len() == 1 && isEmptyInterface(value.Params().At(0).Type()) &&
		value.Results().Len() == 1 && isEmptyInterface(value.Results().At(0).Type())
}

// method returns the signature of t's method called name, or nil.
func method(t types.Type, name string) *types.Signature {
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name)
	if fn, ok := obj.(*types.Func); ok {
		sig, _ := fn.Type().(*types.Signature)
		return sig
	}
	return nil
}

// isDoneChanType reports whether t is <-chan struct{}.
func isDoneChanType(t types.Type) bool {
	ch, ok := t.Underlying().(*types.Chan)
	if !ok || ch.Dir() != types.RecvOnly {
		return false
	}
	s, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && s.NumFields() == 0
}

func isEmptyInterface(t types.Type) bool {
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.NumMethods() == 0
}

// isNamed reports whether t is the named type path.name.
func isNamed(t types.Type, path, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == path
}

// isNamedPtr reports whether v (a receiver or parameter) has type *path.name.
func isNamedPtr(v *types.Var, path, name string) bool {
	if v == nil {
		return false
	}
	p, ok := types.Unalias(v.Type()).(*types.Pointer)
	return ok && isNamed(p.Elem(), path, name)
}

// isContextPtr reports whether t is a pointer to a context.
func isContextPtr(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && IsContext(p.Elem())
}

// IsContextCall reports whether c calls the method called name on a
// context (an interface call on a context, or a static call of a method of
// a type implementing context.Context), and returns the receiver.
func IsContextCall(c *ssa.CallCommon, name string) (ssa.Value, bool) {
	if c.IsInvoke() {
		return c.Value, c.Method.Name() == name && IsContext(c.Value.Type())
	}
	fn := ssax.StaticFunction(c)
	if fn == nil || fn.Signature.Recv() == nil || fn.Name() != name || len(c.Args) == 0 {
		return nil, false
	}
	return c.Args[0], IsContext(fn.Signature.Recv().Type())
}

// IsDoneChannel reports whether ch holds the result of ctx.Done() — directly,
// through a phi (some edge suffices), a conversion, a local variable or a
// closure's captured variable — and returns that ctx.
func IsDoneChannel(ch ssa.Value) (ctx ssa.Value, ok bool) {
	seen := make(map[ssa.Value]bool)
	stack := []ssa.Value{ch}
	for len(stack) > 0 && len(seen) <= maxSteps {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v == nil || seen[v] {
			continue
		}
		seen[v] = true
		var next []ssa.Value
		switch v := v.(type) {
		case *ssa.Call:
			if ctx, ok := IsContextCall(&v.Call, "Done"); ok {
				return ctx, true
			}
		case *ssa.Phi:
			next = v.Edges
		case *ssa.ChangeType:
			next = []ssa.Value{v.X}
		case *ssa.FreeVar:
			next = []ssa.Value{ssax.Binding(v)}
		case *ssa.UnOp:
			if v.Op == token.MUL {
				next = ssax.StoredValues(v.X)
			}
		}
		for i := len(next) - 1; i >= 0; i-- {
			stack = append(stack, next[i])
		}
	}
	return nil, false
}

// ContextsInScope returns the contexts fn has at hand, in order: its
// context parameters, the r.Context() calls it makes on an *http.Request
// parameter, and, for a closure, its context free variables. Captured
// variables are boxed in SSA, so such a free variable usually has type
// *context.Context: load it, or use its Name(). A handler that
// never calls r.Context() has no such value; look for the *http.Request
// parameter to suggest one.
func ContextsInScope(fn *ssa.Function) []ssa.Value {
	var ctxs []ssa.Value
	for _, p := range fn.Params {
		if IsContext(p.Type()) {
			ctxs = append(ctxs, p)
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || len(c.Call.Args) == 0 {
				continue
			}
			if _, isParam := c.Call.Args[0].(*ssa.Parameter); !isParam {
				continue
			}
			if _, o, _ := call(c, c, 0); o != nil && o.Kind == Request {
				ctxs = append(ctxs, c)
			}
		}
	}
	for _, fv := range fn.FreeVars {
		if IsContext(fv.Type()) || isContextPtr(fv.Type()) {
			ctxs = append(ctxs, fv)
		}
	}
	return ctxs
}

// HoldsContext reports whether values of type t can hold a context
// that a later call observes: a struct (or pointer to one) with a field of
// type context.Context, exported or not (an *http.Request, an
// *exec.Cmd).
func HoldsContext(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if IsContext(st.Field(i).Type()) {
			return true
		}
	}
	return false
}
