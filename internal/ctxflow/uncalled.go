package ctxflow

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Known is what the package can tell a context walk about values the
// walk alone cannot follow. Any of its functions may be nil.
type Known struct {
	// Uncalled reports whether the cancel function of a context.WithCancel
	// (or WithCancelCause) call never runs while the context is waited on.
	Uncalled func(*ssa.Call) bool
	// Stores returns the values the package stores into a field, when
	// those are all it can hold.
	Stores func(*types.Var) ([]ssa.Value, bool)
	// Args returns the values passed for a parameter, when the package
	// shows every call of its function.
	Args func(*ssa.Parameter) ([]ssa.Value, bool)
}

// maxKnownDepth bounds how many fields and parameters one walk follows
// through Known, one inside another.
const maxKnownDepth = 3

// CanBeCancelledUnless is CanBeCancelled, except that a derivation by a
// context.WithCancel (or WithCancelCause) call for which k.Uncalled holds
// adds no way to cancel: its cancel function is never called, so the
// derived context ends only when its parent does. A context loaded from
// a struct field is followed to the values stored into that field when
// k.Stores knows them all (an unexported field of the package: s.ctx, set
// by the constructor), and a parameter to the arguments of every call
// when k.Args knows them all (an unexported function of the package
// called only with context.Background()). skipped is such a WithCancel
// met on the way, when the answer is false; root is the Background or
// TODO call a chain starts at (the first, when there are several).
func CanBeCancelledUnless(v ssa.Value, k Known) (ok bool, skipped *ssa.Call, root ssa.Value) {
	return canBeCancelledUnless(v, k, 0)
}

func canBeCancelledUnless(v ssa.Value, k Known, depth int) (ok bool, skipped *ssa.Call, root ssa.Value) {
	// through follows every value the package says v may hold: it answers
	// found when one of them may be cancelled, settle when none can.
	through := func(vals []ssa.Value, known bool) verdict {
		if !known || len(vals) == 0 || depth >= maxKnownDepth {
			return found
		}
		for _, sv := range vals {
			can, sk, r := canBeCancelledUnless(sv, k, depth+1)
			if can {
				return found
			}
			if sk != nil && skipped == nil {
				skipped = sk
			}
			if r != nil && root == nil {
				root = r
			}
		}
		return settle
	}
	ok, _ = walkValues(v, func(v ssa.Value, o *Origin, d derivation) verdict {
		switch {
		case o != nil && (o.Kind == Background || o.Kind == TODO):
			if root == nil {
				root = o.Value
			}
			return settle
		case o != nil && o.Kind == Field && k.Stores != nil:
			f, isVar := o.Object.(*types.Var)
			if _, loaded := o.Value.(*ssa.UnOp); !isVar || !loaded {
				return found // ok: a field of a struct value, which may come from anywhere
			}
			return through(k.Stores(f))
		case o != nil && o.Kind == Param && k.Args != nil:
			p, _ := o.Value.(*ssa.Parameter)
			if p == nil {
				return found
			}
			return through(k.Args(p))
		case o != nil:
			return found
		case d == addsCancel:
			if call := withCancelCall(v); call != nil && k.Uncalled != nil && k.Uncalled(call) {
				if skipped == nil {
					skipped = call
				}
				return follow
			}
			return found
		case d == addsDeadline:
			return found
		case d == dropsCancel:
			return settle
		}
		return follow
	})
	if ok {
		skipped, root = nil, nil
	}
	return ok, skipped, root
}

// withCancelCall returns the context.WithCancel or WithCancelCause call
// whose derived context v is, or nil.
func withCancelCall(v ssa.Value) *ssa.Call {
	ex, ok := v.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	switch ssax.FullName(ssax.Callee(&call.Call)) {
	case "context.WithCancel", "context.WithCancelCause":
		return call
	}
	return nil
}

// CancelUncalled reports whether the cancel function of call, a
// context.WithCancel (or WithCancelCause) call, is never called by funcs
// (every function of the package, closures included): it is dropped, or
// only stored in an unexported field of a struct type the package
// declares that no function of the package ever reads (a Close or Stop
// that forgets it: s.cancel is set in the constructor and nowhere used),
// or put into a map kept in such a field whose values no function of the
// package reads (l.leases[id] = cancel, and Revoke only deletes the
// entry: etcd's lessor shape).
// A cancel kept in a local, handed to a call or returned may be called.
func CancelUncalled(call *ssa.Call, funcs []*ssa.Function) bool {
	reads, ok := CancelReads(call, funcs)
	return ok && len(reads) == 0
}

// CancelReads returns, when the cancel function of call (a
// context.WithCancel or WithCancelCause) is dropped or only kept in
// unexported fields of struct types the package declares (or in maps kept
// in such fields), the instructions of funcs that read those fields back,
// after which it may be called: a field's address used for anything but
// a store, or a read of a map field's values. ok is false when the cancel
// goes anywhere else (a local, a call, a result), where anything may call
// it.
func CancelReads(call *ssa.Call, funcs []*ssa.Function) (reads []ssa.Instruction, ok bool) {
	cancel := ssax.ResultValue(call, 1)
	if cancel == nil {
		return nil, true // ok: dropped (go vet's lostcancel says so too)
	}
	var fields []*types.Var
	var mapFields []*types.Var // fields of maps the cancel is put into
	// the cancel itself, and its conversions to func() (rs.cancel, a
	// field of type func(), holds a context.CancelFunc)
	values := []ssa.Value{cancel}
	for i := 0; i < len(values); i++ {
		cancel := values[i]
		for _, r := range *cancel.Referrers() {
			switch x := r.(type) {
			case *ssa.DebugRef:
			case *ssa.ChangeType:
				values = append(values, x)
			case *ssa.MapUpdate:
				f := ssax.LoadedField(x.Map)
				if x.Value != cancel || f == nil || f.Exported() || f.Pkg() != call.Parent().Pkg.Pkg {
					return nil, false
				}
				mapFields = append(mapFields, f)
			case *ssa.Store:
				fa, ok := x.Addr.(*ssa.FieldAddr)
				if !ok || x.Val != cancel {
					return nil, false
				}
				f := ssax.Field(fa.X.Type(), fa.Field)
				if f == nil || f.Exported() || f.Pkg() != call.Parent().Pkg.Pkg || generic(fa.X.Type()) {
					return nil, false // ok: exported (others may call it), or a generic type's field, whose instances name it apart
				}
				fields = append(fields, f)
			default:
				return nil, false
			}
		}
	}
	if len(fields) == 0 && len(mapFields) == 0 {
		return nil, false
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.FieldAddr:
					f := ssax.Field(x.X.Type(), x.Field)
					if slices.Contains(mapFields, f) {
						if !mapOnlyFilled(x) {
							return nil, false // a value of the map may be read, and called
						}
						continue
					}
					if !slices.Contains(fields, f) {
						continue
					}
					for _, r := range *x.Referrers() {
						if st, ok := r.(*ssa.Store); ok && st.Addr == x {
							continue // a store: sets it, does not call it
						}
						if _, ok := r.(*ssa.DebugRef); ok {
							continue
						}
						reads = append(reads, x) // read: it may be called
						break
					}
				case *ssa.Field:
					if f := ssax.Field(x.X.Type(), x.Field); slices.Contains(fields, f) || slices.Contains(mapFields, f) {
						reads = append(reads, x)
					}
				}
			}
		}
	}
	return reads, true
}

// generic reports whether t (or what it points to) is a generic named
// type or an instance of one.
func generic(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return !ok || n.TypeParams().Len() > 0 || n.TypeArgs().Len() > 0
}

// FieldStores returns the values stored into field f by funcs (every
// function of the package, closures included), when f is an unexported
// field of a non-generic struct type of the package and nothing else can
// set it: its address is only ever stored through, never taken for
// anything else, and the struct is never copied in from outside.
func FieldStores(f *types.Var, pkg *types.Package, funcs []*ssa.Function) ([]ssa.Value, bool) {
	if f == nil || f.Exported() || f.Pkg() != pkg {
		return nil, false
	}
	var vals []ssa.Value
	var owner types.Type // the struct type that holds f
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok || ssax.Field(fa.X.Type(), fa.Field) != f {
					continue
				}
				if generic(fa.X.Type()) {
					return nil, false
				}
				owner = fa.X.Type().Underlying().(*types.Pointer).Elem()
				for _, r := range *fa.Referrers() {
					switch x := r.(type) {
					case *ssa.Store:
						if x.Addr != fa {
							return nil, false // the field's address stored somewhere: written elsewhere
						}
						vals = append(vals, x.Val)
					case *ssa.UnOp, *ssa.DebugRef:
					default:
						return nil, false // address handed on: written elsewhere
					}
				}
			}
		}
	}
	if owner == nil {
		return nil, false
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok && types.Identical(st.Val.Type(), owner) {
					return nil, false // a whole struct stored: the field set by a copy
				}
			}
		}
	}
	return vals, true
}

// mapOnlyFilled reports whether the map field at fa is only set, filled,
// and emptied: stored, and loaded only to put entries in (MapUpdate), to
// delete them, or for len and clear. No value of it is read.
func mapOnlyFilled(fa *ssa.FieldAddr) bool {
	for _, r := range *fa.Referrers() {
		switch x := r.(type) {
		case *ssa.Store:
			if x.Addr != ssa.Value(fa) {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if x.Op != token.MUL || x.Referrers() == nil {
				return false
			}
			for _, u := range *x.Referrers() {
				switch y := u.(type) {
				case *ssa.MapUpdate:
					if y.Map != ssa.Value(x) {
						return false
					}
				case *ssa.Call:
					bi, ok := y.Call.Value.(*ssa.Builtin)
					if !ok || (bi.Name() != "delete" && bi.Name() != "len" && bi.Name() != "clear") {
						return false
					}
				case *ssa.DebugRef:
				default:
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}
