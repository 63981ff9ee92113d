// Package ctxflow answers "where did this context come from?" for an SSA
// value of type context.Context: which parameter, field, global, call or
// context.Background/TODO it is rooted in, through which derivations
// (WithCancel, WithTimeout, WithValue, WithoutCancel, errgroup.WithContext,
// signal.NotifyContext, ...), and so whether it may lack a deadline or can
// never be cancelled. It also recognises ctx.Done() channels and lists the
// contexts a function has at hand.
//
// Every answer is intraprocedural: it looks at one function and, through the
// free variables of closures, at the functions enclosing it. It must not
// follow calls into other functions, keep state between calls, or panic on
// unusual SSA; a value it cannot resolve is an unknown origin, which every
// question treats as "the caller's responsibility".
package ctxflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Kind says what a context is rooted in.
type Kind int

const (
	Unknown       Kind = iota // a value the walk could not resolve (nil, loaded from a slice, walk too long, ...)
	Param                     // a parameter of the function
	FreeVar                   // a closure's free variable whose binding could not be found
	Background                // context.Background()
	TODO                      // context.TODO()
	Request                   // (*http.Request).Context()
	Field                     // a struct field load such as s.ctx
	Global                    // a package-level variable
	Call                      // the result of some other call
	WithoutCancel             // context.WithoutCancel: only MayLackDeadline reports it (it drops any deadline); Origins follows through it
)

var kindNames = [...]string{"unknown", "parameter", "free variable", "context.Background", "context.TODO",
	"(*http.Request).Context", "field", "global", "call", "context.WithoutCancel"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(?)"
	}
	return kindNames[k]
}

// Origin is where a chain of context derivations starts.
type Origin struct {
	Kind Kind
	// Value is the root: the *ssa.Parameter, *ssa.FreeVar or *ssa.Call, the
	// load of a field or global, or whatever value could not be resolved.
	Value ssa.Value
	// Object names the root when it has a name: the parameter's or global's
	// *types.Var, the field's *types.Var, the callee's *types.Func. May be nil.
	Object types.Object
	// Pos is the creation site, for RelatedInformation. May be token.NoPos.
	Pos token.Pos
}

// derivation is what a context-returning call does to its parent.
type derivation int

const (
	notDerived   derivation = iota
	addsCancel              // WithCancel(Cause), errgroup.WithContext, signal.NotifyContext
	addsDeadline            // WithTimeout(Cause), WithDeadline(Cause)
	addsValue               // WithValue
	dropsCancel             // WithoutCancel
)

// verdict is how one question judges one step of a chain.
type verdict int

const (
	follow verdict = iota // keep walking to the parent context
	settle                // this chain answers "no"
	found                 // this chain answers "yes"
)

// maxSteps bounds one walk; past it the walk gives up with an Unknown origin.
const maxSteps = 512

// Origins returns every root that v may be derived from, following all phi
// edges and all derivations, in a deterministic order.
func Origins(v ssa.Value) []Origin {
	var roots []Origin
	walk(v, func(o *Origin, _ derivation) verdict {
		if o != nil {
			roots = append(roots, *o)
			return settle
		}
		return follow
	})
	return roots
}

// MayLackDeadline reports whether some chain of v starts at
// context.Background or context.TODO in this code with no WithTimeout or
// WithDeadline on the way, or passes through context.WithoutCancel (which
// drops any deadline below it). The returned Origin is that Background/TODO
// call or the WithoutCancel call. Chains rooted in parameters, fields,
// globals or unknown calls have the deadline their provider gave them and
// answer false.
func MayLackDeadline(v ssa.Value) (bool, Origin) {
	return walk(v, func(o *Origin, d derivation) verdict {
		switch {
		case o != nil && (o.Kind == Background || o.Kind == TODO):
			return found
		case o != nil:
			return settle
		case d == addsDeadline:
			return settle
		case d == dropsCancel:
			return found
		}
		return follow
	})
}

// CanBeCancelled reports whether v may be cancelled: it is false only when
// every chain of v is rooted in context.Background/TODO through WithValue and
// WithoutCancel alone, or meets WithoutCancel before any cancelling
// derivation. Unknown roots may be cancelled by their provider.
func CanBeCancelled(v ssa.Value) bool {
	ok, _ := walk(v, func(o *Origin, d derivation) verdict {
		switch {
		case o != nil && (o.Kind == Background || o.Kind == TODO):
			return settle
		case o != nil:
			return found
		case d == addsCancel || d == addsDeadline:
			return found
		case d == dropsCancel:
			return settle
		}
		return follow
	})
	return ok
}

// walk explores the values v may be derived from, depth first and in operand
// order, asking judge about each root (o != nil) and each derivation
// (o == nil). It stops at the first step judged found and returns that
// step's origin. Each value is visited once, so cycles through phis and
// captured variables terminate; a walk longer than maxSteps is judged as an
// Unknown root.
func walk(v ssa.Value, judge func(o *Origin, d derivation) verdict) (bool, Origin) {
	return walkValues(v, func(_ ssa.Value, o *Origin, d derivation) verdict { return judge(o, d) })
}

// step classifies one value: it is either a root (o != nil), a derivation of
// the contexts in next (d != notDerived), or a transparent copy of them
// (phi, conversion, load of a local variable).
func step(v ssa.Value) (next []ssa.Value, o *Origin, d derivation) {
	root := func(k Kind, obj types.Object) (next []ssa.Value, o *Origin, d derivation) {
		return nil, &Origin{Kind: k, Value: v, Object: obj, Pos: v.Pos()}, notDerived
	}
	switch v := v.(type) {
	case *ssa.Phi:
		return v.Edges, nil, notDerived
	case *ssa.ChangeInterface:
		return []ssa.Value{v.X}, nil, notDerived
	case *ssa.ChangeType:
		return []ssa.Value{v.X}, nil, notDerived
	case *ssa.MakeInterface:
		return []ssa.Value{v.X}, nil, notDerived
	case *ssa.TypeAssert:
		return []ssa.Value{v.X}, nil, notDerived
	case *ssa.Parameter:
		return root(Param, v.Object())
	case *ssa.FreeVar:
		if b := ssax.Binding(v); b != nil {
			return []ssa.Value{b}, nil, notDerived
		}
		return root(FreeVar, nil)
	case *ssa.Alloc:
		// the cell of a context captured by reference (a closure's free
		// variable binds it): the contexts stored there, when the cell is
		// only stored, loaded and captured
		if cellOnly(v) {
			if stored := ssax.StoredValues(v); len(stored) > 0 {
				return stored, nil, notDerived
			}
		}
	case *ssa.Field:
		return root(Field, ssax.Field(v.X.Type(), v.Field))
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return load(v)
		}
	case *ssa.Call:
		return call(v, v, 0)
	case *ssa.Extract:
		switch t := v.Tuple.(type) {
		case *ssa.Call:
			return call(v, t, v.Index)
		case *ssa.TypeAssert:
			return []ssa.Value{t.X}, nil, notDerived
		}
	}
	return root(Unknown, nil)
}

// load classifies a load *addr of a context.
func load(v *ssa.UnOp) ([]ssa.Value, *Origin, derivation) {
	switch addr := v.X.(type) {
	case *ssa.FieldAddr:
		return nil, &Origin{Kind: Field, Value: v, Object: ssax.Field(addr.X.Type(), addr.Field), Pos: addr.Pos()}, notDerived
	case *ssa.Global:
		return nil, &Origin{Kind: Global, Value: v, Object: addr.Object(), Pos: v.Pos()}, notDerived
	case *ssa.Alloc, *ssa.FreeVar:
		if stored := ssax.StoredValues(addr); len(stored) > 0 {
			return stored, nil, notDerived
		}
	}
	return nil, &Origin{Kind: Unknown, Value: v, Pos: v.Pos()}, notDerived
}

// call classifies result number index of c (v is that result).
func call(v ssa.Value, c *ssa.Call, index int) ([]ssa.Value, *Origin, derivation) {
	fn := ssax.Callee(&c.Call)
	root := func(k Kind) ([]ssa.Value, *Origin, derivation) {
		var obj types.Object
		if fn != nil {
			obj = fn
		}
		return nil, &Origin{Kind: k, Value: v, Object: obj, Pos: c.Pos()}, notDerived
	}
	if fn == nil || fn.Pkg() == nil {
		return root(Call)
	}
	args := c.Call.Args
	derived := func(d derivation, ctxIndex int) ([]ssa.Value, *Origin, derivation) {
		if index != ctxIndex || len(args) == 0 {
			return root(Call)
		}
		return []ssa.Value{args[0]}, nil, d
	}
	switch path, name := fn.Pkg().Path(), fn.Name(); {
	case path == "context" && fn.Signature().Recv() == nil:
		switch name {
		case "Background":
			return root(Background)
		case "TODO":
			return root(TODO)
		case "WithCancel", "WithCancelCause":
			return derived(addsCancel, 0)
		case "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause":
			return derived(addsDeadline, 0)
		case "WithValue":
			return derived(addsValue, 0)
		case "WithoutCancel":
			return derived(dropsCancel, 0)
		}
	case path == "golang.org/x/sync/errgroup" && name == "WithContext":
		return derived(addsCancel, 1)
	case path == "os/signal" && name == "NotifyContext":
		return derived(addsCancel, 0)
	case path == "net/http" && name == "Context" && isNamedPtr(fn.Signature().Recv(), "net/http", "Request"):
		return root(Request)
	}
	return root(Call)
}

// calleeObject returns the function a call (or an extract of its result)
// invokes, or nil.
func calleeObject(v ssa.Value) types.Object {
	if e, ok := v.(*ssa.Extract); ok {
		v = e.Tuple
	}
	if c, ok := v.(*ssa.Call); ok {
		if fn := ssax.Callee(&c.Call); fn != nil {
			return fn
		}
	}
	return nil
}

// cellOnly reports whether every use of the local variable a is a store
// into it, a load from it, a closure that captures it or a debug
// reference: its address goes nowhere that could store into it unseen.
func cellOnly(a *ssa.Alloc) bool {
	refs := a.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.Store:
			if x.Addr != a {
				return false
			}
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// IsCancelFunc reports whether t is context.CancelFunc or
// context.CancelCauseFunc.
func IsCancelFunc(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "context" {
		return false
	}
	return n.Obj().Name() == "CancelFunc" || n.Obj().Name() == "CancelCauseFunc"
}
