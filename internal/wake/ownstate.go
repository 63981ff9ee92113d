package wake

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// DecidedByOwnState reports whether the branch condition cond of fn is
// decided by the state of fn's receiver (or of the object a closure
// captured), or by a value fn's caller picks: a return it guards is the
// object's protocol (a call made twice, a transition not taken), not a
// failure that skips what the other paths do. See readsOwnState.
func DecidedByOwnState(cond ssa.Value, fn *ssa.Function) bool {
	return readsOwnState(cond, fn, 0)
}

// readsOwnState reports whether cond is decided by the state of fn's
// receiver (or of the object a closure captured): a field of it, a
// comparison of one with a constant, or a call of a method of it or of one
// of its fields, or of a function given one's address, whose other
// arguments are constants (s.started.Load(), s.isClosed(),
// s.once.CompareAndSwap(false, true), atomic.LoadInt32(&s.state)).
func readsOwnState(cond ssa.Value, fn *ssa.Function, depth int) bool {
	if depth > 4 {
		return false
	}
	switch v := cond.(type) {
	case *ssa.UnOp:
		if v.Op == token.NOT {
			return readsOwnState(v.X, fn, depth+1)
		}
		if v.Op == token.MUL {
			return ownObject(v.X, fn)
		}
	case *ssa.BinOp:
		_, xc := v.X.(*ssa.Const)
		_, yc := v.Y.(*ssa.Const)
		if yc && callerChoice(v.X, fn) || xc && callerChoice(v.Y, fn) {
			// if target >= active { close(s.started) }: a transition the
			// caller picks closes it, not a skip of this function's
			return true
		}
		return yc && readsOwnState(v.X, fn, depth+1) || xc && readsOwnState(v.Y, fn, depth+1)
	case *ssa.Call:
		args := v.Call.Args
		if b, ok := v.Call.Value.(*ssa.Builtin); ok {
			return (b.Name() == "len" || b.Name() == "cap") && len(args) == 1 && ownObject(args[0], fn)
		}
		if v.Call.IsInvoke() {
			if !ownObject(v.Call.Value, fn) || !types.Identical(v.Type().Underlying(), types.Typ[types.Bool]) {
				return false
			}
		} else {
			// a method of the object or of a field (s.isClosed(),
			// s.started.Load()), or a function of its field's address
			// (atomic.CompareAndSwapInt32(&s.state, 0, 1))
			own := 0
			for _, a := range args {
				if ownObject(a, fn) {
					own++
				}
			}
			if own != 1 || !stateGetter(v.Call.StaticCallee()) {
				return false
			}
		}
		for _, a := range args {
			if _, ok := a.(*ssa.Const); !ok && !ownObject(a, fn) && !callerChoice(a, fn) {
				return false
			}
		}
		return true
	case *ssa.Parameter:
		return ownObject(v, fn) // if s == nil { return }: a nil object has no waiter either
	case *ssa.Extract:
		// if _, ok := h.subs[s]; ok: membership in a map of the object
		l, ok := v.Tuple.(*ssa.Lookup)
		return ok && v.Index == 1 && ownObject(l.X, fn)
	}
	return false
}

// callerChoice reports whether v is a parameter of fn other than its
// receiver: a value the caller picks, such as a state to move to.
func callerChoice(v ssa.Value, fn *ssa.Function) bool {
	p, ok := v.(*ssa.Parameter)
	return ok && p.Parent() == fn && !(fn.Signature.Recv() != nil && p == fn.Params[0])
}

// stateGetter reports whether callee only reads memory: a function or
// method of sync/atomic, or one whose body calls nothing but those, the
// builtins and a mutex's Lock and Unlock (func (s *S) isClosed() bool {
// s.mu.Lock(); defer s.mu.Unlock(); return s.closed }).
func stateGetter(callee *ssa.Function) bool { return stateCode(callee, 0) }

// stateCode is stateGetter, following calls of the same package to a
// small depth; starting a goroutine (go receiver.onStatusChange(...))
// does not wait either.
func stateCode(callee *ssa.Function, depth int) bool {
	if callee == nil {
		return false
	}
	if atomicPkg(callee) {
		return true
	}
	if len(callee.Blocks) == 0 || depth > 2 {
		return false
	}
	for _, b := range callee.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				if _, isDefer := instr.(*ssa.Defer); isDefer {
					call = nil // a deferred Unlock: checked below
				} else {
					continue
				}
			}
			var common *ssa.CallCommon
			if call != nil {
				common = call.Common()
			} else {
				common = instr.(*ssa.Defer).Common()
			}
			if _, ok := common.Value.(*ssa.Builtin); ok {
				continue
			}
			g := common.StaticCallee()
			if g == nil {
				return false
			}
			switch ssax.FullName(ssax.Callee(common)) {
			case "(*sync.Mutex).Lock", "(*sync.Mutex).Unlock", "(*sync.RWMutex).Lock", "(*sync.RWMutex).Unlock", "(*sync.RWMutex).RLock", "(*sync.RWMutex).RUnlock":
				continue
			}
			if atomicPkg(g) || g.Pkg != nil && g.Pkg == callee.Pkg && stateCode(g, depth+1) {
				continue
			}
			return false
		}
	}
	return true
}

// atomicPkg reports whether fn is a function or method of sync/atomic.
func atomicPkg(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.Pkg() != nil && obj.Pkg().Path() == "sync/atomic"
}

// ownObject reports whether v is fn's receiver (or the value a closure
// captured from it), a field of it, or a field of a field.
func ownObject(v ssa.Value, fn *ssa.Function) bool {
	for range 6 {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = x.X
		case *ssa.Parameter:
			return len(fn.Params) > 0 && fn.Signature.Recv() != nil && x == fn.Params[0]
		case *ssa.Alloc:
			// the receiver's cell, when a closure captures it
			return len(fn.Params) > 0 && fn.Signature.Recv() != nil && storedOnly(x, fn.Params[0])
		case *ssa.FreeVar:
			return true
		default:
			return false
		}
	}
	return false
}

// storedOnly reports whether v is the only value stored into the cell.
func storedOnly(cell *ssa.Alloc, v ssa.Value) bool {
	stored := false
	for _, r := range *cell.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
			if st.Val != v {
				return false
			}
			stored = true
		}
	}
	return stored
}
