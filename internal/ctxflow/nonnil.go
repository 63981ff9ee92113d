package ctxflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// NonNil reports whether the interface value v (an error, typically) is
// non-nil whenever control reaches block at: it is made from a concrete
// value (an interface holding a nil pointer is not nil), returned by
// errors.New or fmt.Errorf, loaded from a package variable every store
// to which is non-nil (a sentinel such as io.EOF), a phi of such values,
// at is reached only through the true branch of v != nil (the false
// branch of v == nil), or v is ctx.Err() where at is reached only after
// ctx.Done() was received from or ctx.Err() was found not nil (a context
// reports why it is done from then on).
func NonNil(v ssa.Value, at *ssa.BasicBlock) bool { return nonNil(v, at, 0, nil) }

// NonNilWith is NonNil where also the result of a call for which fails
// holds is not nil (a function whose every return fails, such as an error
// constructor of another package: noreturn's FailsFact).
func NonNilWith(v ssa.Value, at *ssa.BasicBlock, fails func(*ssa.CallCommon) bool) bool {
	return nonNil(v, at, 0, fails)
}

func nonNil(v ssa.Value, at *ssa.BasicBlock, depth int, fails func(*ssa.CallCommon) bool) bool {
	if depth > 4 || v == nil {
		return false
	}
	if at != nil && guardedNonNil(v, at) {
		return true
	}
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.ChangeInterface:
		return nonNil(x.X, at, depth+1, fails)
	case *ssa.Call:
		switch ssax.FullName(ssax.Callee(&x.Call)) {
		case "errors.New", "fmt.Errorf":
			return true
		}
		if fails != nil && fails(&x.Call) {
			return true
		}
		return at != nil && contextDone(x, at)
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return sentinel(g, depth, fails)
		}
		if a, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL {
			// A result variable (a function with defers returns through
			// one): the last store before the load.
			if st := lastStore(a, x); st != nil {
				return nonNil(st.Val, st.Block(), depth+1, fails)
			}
		}
	case *ssa.Phi:
		if len(x.Edges) == 0 {
			return false
		}
		for i, e := range x.Edges {
			var pred *ssa.BasicBlock
			if i < len(x.Block().Preds) {
				pred = x.Block().Preds[i]
			}
			if !nonNil(e, pred, depth+1, fails) {
				return false
			}
		}
		return true
	}
	return false
}

// sentinel reports whether the package variable g is an error sentinel:
// its package's init stores a non-nil value in it, or, for a package
// whose code is not built (a dependency), it is an error variable, which
// by convention is set once at init (io.EOF). A store elsewhere is not
// looked for.
func sentinel(g *ssa.Global, depth int, fails func(*ssa.CallCommon) bool) bool {
	init := g.Pkg.Func("init")
	if init == nil || init.Blocks == nil {
		return true
	}
	stored := false
	for _, b := range init.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == g {
				if !nonNil(st.Val, nil, depth+1, fails) {
					return false
				}
				stored = true
			}
		}
	}
	return stored
}

// guardedNonNil reports whether at is reached only through an edge on
// which v was compared with nil and found not nil.
func guardedNonNil(v ssa.Value, at *ssa.BasicBlock) bool {
	for b := at; b != nil; b = b.Idom() {
		if len(b.Preds) != 1 {
			continue
		}
		p := b.Preds[0]
		if len(p.Instrs) == 0 {
			continue
		}
		ifi, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
		if !ok || len(p.Succs) != 2 || p.Succs[0] == p.Succs[1] {
			continue
		}
		cmp, ok := ifi.Cond.(*ssa.BinOp)
		if !ok || !comparesNil(cmp, v) {
			continue
		}
		if (cmp.Op == token.NEQ && b == p.Succs[0]) || (cmp.Op == token.EQL && b == p.Succs[1]) {
			return true
		}
	}
	return false
}

// comparesNil reports whether cmp compares v with the nil constant.
func comparesNil(cmp *ssa.BinOp, v ssa.Value) bool {
	isNil := func(x ssa.Value) bool {
		k, ok := x.(*ssa.Const)
		return ok && k.IsNil()
	}
	return (cmp.X == v && isNil(cmp.Y)) || (cmp.Y == v && isNil(cmp.X))
}

// lastStore returns the store to the local variable a that every path to
// load passes last, when a is not captured by a closure (a deferred
// closure may write it) and its address is used only to load and store.
func lastStore(a *ssa.Alloc, load *ssa.UnOp) *ssa.Store {
	refs := a.Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.Store:
			if x.Addr != a {
				return nil
			}
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return nil
		}
	}
	b := load.Block()
	i := slices.Index(b.Instrs, ssa.Instruction(load))
	for steps := 0; b != nil && steps <= len(b.Parent().Blocks); steps++ {
		for j := i - 1; j >= 0; j-- {
			if st, ok := b.Instrs[j].(*ssa.Store); ok && st.Addr == a {
				return st
			}
		}
		if len(b.Preds) != 1 {
			return nil // stores on the ways in may differ
		}
		b = b.Preds[0]
		i = len(b.Instrs)
	}
	return nil
}

// contextDone reports whether err is ctx.Err() or context.Cause(ctx) for
// a context ctx that is done whenever control reaches the end of at
// (DoneAt).
func contextDone(err *ssa.Call, at *ssa.BasicBlock) bool {
	ctx, ok := IsContextCall(&err.Call, "Err")
	if !ok {
		ctx, ok = contextCause(err)
	}
	return ok && len(at.Instrs) > 0 && DoneAt(ctx, at.Instrs[len(at.Instrs)-1])
}

// contextCause returns the context of a call context.Cause(ctx), which
// is not nil once ctx is done (it is ctx.Err() when no cause was given).
func contextCause(call *ssa.Call) (ssa.Value, bool) {
	f := ssax.StaticFunction(&call.Call)
	if f == nil || f.Pkg == nil || f.Pkg.Pkg.Path() != "context" || f.Name() != "Cause" || len(call.Call.Args) != 1 {
		return nil, false
	}
	return call.Call.Args[0], true
}

// ContextErr returns the context whose Err method the call v makes.
func ContextErr(v ssa.Value) (ssa.Value, bool) {
	c, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	return IsContextCall(&c.Call, "Err")
}

// NilBranchImpossible reports whether the edge from -> to is the nil
// branch of a comparison of an error (an interface) with nil where the
// error cannot be nil there (NonNilWith, with fails for the calls that
// fail on every return: an immediately called closure whose loop leaves
// only with ctx.Err() after Done or a failure): if err := run(); err !=
// nil { ...; return err }; return nil never takes that branch.
func NilBranchImpossible(from, to *ssa.BasicBlock, fails func(*ssa.CallCommon) bool) bool {
	v, nilSucc, _, ok := nilTest(from)
	if !ok || to != nilSucc {
		return false
	}
	return NonNilWith(v, from, fails)
}

// NilTest is nilTest, for the passes: the value a block's final test
// compares with nil, and the successors taken when it is nil and not.
func NilTest(from *ssa.BasicBlock) (v ssa.Value, nilSucc, nonNilSucc *ssa.BasicBlock, ok bool) {
	return nilTest(from)
}

// nilTest returns, for a block that ends in a test of an interface value
// against nil (v == nil, v != nil, nil != v), the value and the
// successors taken when it is nil and when it is not.
func nilTest(from *ssa.BasicBlock) (v ssa.Value, nilSucc, nonNilSucc *ssa.BasicBlock, ok bool) {
	if len(from.Instrs) == 0 || len(from.Succs) != 2 {
		return nil, nil, nil, false
	}
	iff, isIf := from.Instrs[len(from.Instrs)-1].(*ssa.If)
	if !isIf {
		return nil, nil, nil, false
	}
	cmp, isCmp := iff.Cond.(*ssa.BinOp)
	if !isCmp || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
		return nil, nil, nil, false
	}
	v = cmp.X
	if k, isConst := cmp.Y.(*ssa.Const); !isConst || !k.IsNil() {
		if k, isConst := cmp.X.(*ssa.Const); !isConst || !k.IsNil() {
			return nil, nil, nil, false
		}
		v = cmp.Y
	}
	if !types.IsInterface(v.Type()) {
		return nil, nil, nil, false
	}
	nilSucc, nonNilSucc = from.Succs[1], from.Succs[0] // v != nil
	if cmp.Op == token.EQL {
		nilSucc, nonNilSucc = nonNilSucc, nilSucc
	}
	return v, nilSucc, nonNilSucc, true
}

// NilWith reports whether v, an interface value, is nil on every path:
// the nil constant, the last result of a call for which succeeds holds (a
// function whose error result is nil on every return), or a phi of such
// values. A result variable that a deferred call may still set is not
// read (it is never known to be nil), nor is a nil pointer converted to
// an interface, which is not a nil interface.
func NilWith(v ssa.Value, succeeds func(*ssa.CallCommon) bool) bool {
	return isNil(v, 0, map[*ssa.Phi]bool{}, succeeds)
}

func isNil(v ssa.Value, depth int, phis map[*ssa.Phi]bool, succeeds func(*ssa.CallCommon) bool) bool {
	if depth > 8 || v == nil {
		return false
	}
	switch x := v.(type) {
	case *ssa.Const:
		return x.IsNil()
	case *ssa.Call:
		return succeeds != nil && x.Call.Signature().Results().Len() == 1 && succeeds(&x.Call)
	case *ssa.Extract:
		call, ok := x.Tuple.(*ssa.Call)
		return ok && succeeds != nil && x.Index == call.Call.Signature().Results().Len()-1 && succeeds(&call.Call)
	case *ssa.ChangeInterface:
		return isNil(x.X, depth+1, phis, succeeds)
	case *ssa.Phi:
		if phis[x] {
			return true // a cycle adds no non-nil value
		}
		phis[x] = true
		for _, e := range x.Edges {
			if !isNil(e, depth+1, phis, succeeds) {
				return false
			}
		}
		return len(x.Edges) > 0
	}
	return false
}

// NonNilBranchImpossible reports whether the edge from -> to is the
// non-nil branch of a comparison of an error with nil where the error is
// nil on every path (NilWith, with succeeds for the calls whose error is
// nil on every return): err := flush(); if err != nil { return err }
// never takes that branch when flush returns nil everywhere.
func NonNilBranchImpossible(from, to *ssa.BasicBlock, succeeds func(*ssa.CallCommon) bool) bool {
	v, _, nonNilSucc, ok := nilTest(from)
	if !ok || to != nonNilSucc {
		return false
	}
	return NilWith(v, succeeds)
}
