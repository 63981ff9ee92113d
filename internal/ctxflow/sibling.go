package ctxflow

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Sibling returns the context-taking variant of f, found through go/types
// and so in any package with no table: for a method M, the method
// MContext or MWithContext of the same receiver type (its method set, or
// the pointer's); for a package-level function F, the function FContext or
// FWithContext of the same package; MCtx and FCtx too, the shorter
// spelling some modules use throughout (go-zero's ExecCtx, QueryCtx). The variant must take a context first,
// then exactly f's parameters, and return exactly f's results, so that
// M(args) → MContext(ctx, args) is a mechanical rewrite. f itself must
// take no context.
//
// (*database/sql.DB).Query → QueryContext, os/exec.Command →
// CommandContext and net/http.NewRequest → NewRequestWithContext are
// found this way.
func Sibling(f *types.Func) (*types.Func, bool) {
	if f == nil {
		return nil, false
	}
	if o := f.Origin(); o != nil {
		f = o
	}
	sig, ok := f.Type().(*types.Signature)
	if !ok || takesContext(sig) || strings.HasSuffix(f.Name(), "Context") || strings.HasSuffix(f.Name(), "Ctx") {
		return nil, false
	}
	for _, suffix := range []string{"Context", "WithContext", "Ctx"} {
		name := f.Name() + suffix
		var cand *types.Func
		if recv := sig.Recv(); recv != nil {
			t := recv.Type()
			if _, isPtr := t.Underlying().(*types.Pointer); !isPtr && !types.IsInterface(t) {
				t = types.NewPointer(t)
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, f.Pkg(), name)
			cand, _ = obj.(*types.Func)
		} else if f.Pkg() != nil {
			cand, _ = f.Pkg().Scope().Lookup(name).(*types.Func)
		}
		if cand != nil && isContextVariant(sig, cand) {
			return cand, true
		}
	}
	return nil, false
}

// isContextVariant reports whether cand's signature is sig's with a
// context parameter first.
func isContextVariant(sig *types.Signature, cand *types.Func) bool {
	cs, ok := cand.Type().(*types.Signature)
	if !ok || cs.Params().Len() != sig.Params().Len()+1 || cs.Variadic() != sig.Variadic() {
		return false
	}
	if !IsContext(cs.Params().At(0).Type()) {
		return false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if !types.Identical(sig.Params().At(i).Type(), cs.Params().At(i+1).Type()) {
			return false
		}
	}
	if cs.Results().Len() != sig.Results().Len() {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		if !types.Identical(sig.Results().At(i).Type(), cs.Results().At(i).Type()) {
			return false
		}
	}
	return true
}

// takesContext reports whether sig has a context parameter.
func takesContext(sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len(); i++ {
		if IsContext(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// dialVariants are the context-free dialers whose context-taking variant is
// a method of another type, which Sibling cannot find by name.
var dialVariants = map[string]string{
	"net.Dial":        "(&net.Dialer{}).DialContext",
	"crypto/tls.Dial": "(&tls.Dialer{}).DialContext",
}

// ContextVariant returns a description of the context-taking variant of
// the function with the given full name when that variant lives on another
// type (net.Dial → (&net.Dialer{}).DialContext), for a message; the
// rewrite is not mechanical.
func ContextVariant(fullName string) (string, bool) {
	v, ok := dialVariants[fullName]
	return v, ok
}

// NotDropIn returns the index, among the arguments as written (receiver
// excluded), of an argument of call that makes swapping in the
// context variant unsafe, when there is one. A variant returns as soon as
// its context is cancelled, and may leave the work it started running in
// the background; if that work writes into memory the caller handed over
// (a pointer, slice or map argument) and the caller reads that memory
// after the call, the rewrite adds a data race. The documented criterion:
// the variant is a drop-in unless some non-receiver argument is a pointer,
// slice or map that is used again after the call (a freshly built
// variadic slice is not: nothing uses it afterwards).
func NotDropIn(call ssa.CallInstruction) (int, bool) {
	com := call.Common()
	args := com.Args
	if !com.IsInvoke() && com.Signature().Recv() != nil && len(args) > 0 {
		args = args[1:] // the receiver: the variant is its own method too
	}
	for i, a := range args {
		switch a.Type().Underlying().(type) {
		case *types.Pointer, *types.Slice, *types.Map:
		default:
			continue
		}
		if ssax.UsedAfter(ssax.Unwrap(a), call) {
			return i, true
		}
	}
	return 0, false
}
