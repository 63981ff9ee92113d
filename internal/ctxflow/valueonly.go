package ctxflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// IgnoresCancel reports whether the call c, which is handed a context
// (as receiver or argument), cannot observe that context's cancellation:
// it reads a value (ctx.Value(key)), detaches it (context.WithoutCancel),
// asks why it was cancelled (context.Cause), logs through log/slog (whose
// handlers take ctx for its values), or calls a function of the package
// whose context parameters are used only in these ways (a loggerFrom(ctx)
// helper). A context that is already cancelled serves
// such a call as well as a live one.
func IgnoresCancel(c *ssa.CallCommon) bool { return ignoresCancel(c, 0) }

func ignoresCancel(c *ssa.CallCommon, depth int) bool {
	if _, ok := IsContextCall(c, "Value"); ok {
		return true
	}
	fn := ssax.StaticFunction(c)
	if fn == nil {
		return false
	}
	if fn.Pkg != nil && fn.Pkg.Pkg.Path() == "context" && (fn.Name() == "WithoutCancel" || fn.Name() == "Cause") && fn.Signature.Recv() == nil {
		return true
	}
	if fn.Pkg != nil && fn.Pkg.Pkg.Path() == "log/slog" {
		// slog hands ctx to its Handler for values (a trace ID): the
		// standard handlers never look at it, and a record is written
		// whether the context is live or cancelled
		return true
	}
	if depth >= 4 || fn.Blocks == nil || len(fn.Params) != len(c.Args) {
		return false
	}
	seen := false
	for i, a := range c.Args {
		if !IsContext(a.Type()) {
			continue
		}
		seen = true
		if !onlyValues(fn.Params[i], depth) {
			return false
		}
	}
	return seen
}

// onlyValues reports whether the context parameter p is used, and every
// use is a call that ignores its cancellation. A parameter that is not
// used at all is not counted: such a body is usually a stand-in (a stub,
// a default implementation) for one that does use it.
func onlyValues(p *ssa.Parameter, depth int) bool {
	refs := p.Referrers()
	if refs == nil {
		return false
	}
	calls := 0
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Call:
			if !ignoresCancel(&x.Call, depth+1) {
				return false
			}
			calls++
		default:
			return false
		}
	}
	return calls > 0
}

// UsedOnlyAsStruct reports whether v, a context of a concrete type (a
// framework's context object that implements context.Context and carries
// the runtime's state), is used only to reach its fields that are not
// themselves contexts: code that reads c.wg or c.stopped from it treats it
// as a struct, not as a context, and is not handed a context at all. A
// value of the interface type context.Context, or one also called,
// passed, converted or read for an embedded context, is a context.
func UsedOnlyAsStruct(v ssa.Value) bool {
	if types.IsInterface(v.Type()) {
		return false
	}
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	used := false
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			// a captured variable, boxed: its loads are the value
			if _, boxed := v.(*ssa.FreeVar); !boxed || x.Op != token.MUL || !UsedOnlyAsStruct(x) {
				return false
			}
			used = true
		case *ssa.FieldAddr:
			if IsContext(x.Type().Underlying().(*types.Pointer).Elem()) {
				return false // the embedded context itself
			}
			used = true
		case *ssa.Field:
			if IsContext(x.Type()) {
				return false
			}
			used = true
		default:
			return false
		}
	}
	return used
}

// BoxedIntoCall returns the call that the conversion v (a context made an
// interface value: any, fmt.Stringer) is only handed to, as an argument or
// as one of the ...any arguments packed into its variadic slice (a logger's
// log.Debug(ctx, msg, keyvals...)): the call is the real use of the
// context. It returns nil when v is used in any other way.
func BoxedIntoCall(v ssa.Value) *ssa.Call {
	switch v.(type) {
	case *ssa.MakeInterface, *ssa.ChangeInterface:
	default:
		return nil
	}
	var into *ssa.Call
	use := func(c *ssa.Call) bool {
		if into != nil && into != c {
			return false
		}
		into = c
		return true
	}
	for _, r := range *v.Referrers() {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Call:
			if x.Call.Value == v || !use(x) {
				return nil
			}
		case *ssa.Store:
			c := variadicCall(x, v)
			if c == nil || !use(c) {
				return nil
			}
		default:
			return nil
		}
	}
	return into
}

// variadicCall returns the call whose variadic slice st stores v into.
func variadicCall(st *ssa.Store, v ssa.Value) *ssa.Call {
	ia, ok := st.Addr.(*ssa.IndexAddr)
	if !ok || st.Val != v {
		return nil
	}
	alloc, ok := ia.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var call *ssa.Call
	for _, r := range *alloc.Referrers() {
		sl, ok := r.(*ssa.Slice)
		if !ok {
			if _, isIndex := r.(*ssa.IndexAddr); isIndex {
				continue
			}
			return nil
		}
		refs := sl.Referrers()
		if refs == nil || len(*refs) != 1 {
			return nil
		}
		c, ok := (*refs)[0].(*ssa.Call)
		if !ok || call != nil || len(c.Call.Args) == 0 || c.Call.Args[len(c.Call.Args)-1] != sl || !c.Call.Signature().Variadic() {
			return nil
		}
		call = c
	}
	return call
}
