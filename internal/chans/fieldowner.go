package chans

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssax"
)

// FieldOwner describes a channel made in one function and kept in an
// unexported struct field of one value (s.results = make(chan T)), with
// the goroutines that function starts which use the field of that same
// value. It is what a pass needs to treat the field like a local channel.
type FieldOwner struct {
	Field *types.Var
	Base  ssa.Value  // the value whose field holds the channel, in the owner
	Store *ssa.Store // s.results = make(...)
	// Loads are the loads of Base's field in the owner: the channel again.
	Loads []ssa.Value
	// Bodies maps each go statement of the owner whose body (a closure or
	// a static function or method) loads the field of Base to those loads,
	// made in Body[site].
	Bodies map[*ssa.Go][]ssa.Value
	Body   map[*ssa.Go]*ssa.Function
	// Sites lists the keys of Bodies in instruction order.
	Sites []*ssa.Go
	// Helpers are the calls of the owner to helper functions or methods
	// it hands the value to (t.add(x), defer t.shutdown()), in
	// instruction order: each callee loads the field of that parameter
	// and is called from the owner only, and does not hand the value on
	// to another function that loads the field. HelperLoads maps each to
	// the callee's loads of the field, HelperFn to the callee.
	Helpers     []ssa.CallInstruction
	HelperLoads map[ssa.CallInstruction][]ssa.Value
	HelperFn    map[ssa.CallInstruction]*ssa.Function
}

// OwnedField reports the FieldOwner of mk when ownership is clear within
// mk's function: mk is stored into exactly one unexported field of one
// value; the index knows no other channel that the field may hold (no
// other make, parameter or outside value is stored into it); the channel
// does not escape anywhere in the indexed code; and every send, receive,
// close or hand-off of it happens in mk's function or in the body of a
// goroutine it starts, through a load of the same value's field. ok is
// false otherwise: the caller must stay silent.
func (s *Summary) OwnedField(mk *ssa.MakeChan) (*FieldOwner, bool) {
	fn := mk.Parent()
	if fn == nil {
		return nil, false
	}
	var store *ssa.Store
	for _, a := range Accesses(mk) {
		if a.Kind != AccEscape {
			continue
		}
		st, ok := a.Instr.(*ssa.Store)
		if !ok || store != nil || a.Reason != StoredElsewhere {
			return nil, false
		}
		store = st
	}
	if store == nil || store.Parent() != fn {
		return nil, false
	}
	fa, ok := store.Addr.(*ssa.FieldAddr)
	if !ok {
		return nil, false
	}
	f := ssax.Field(fa.X.Type(), fa.Field)
	if f == nil || f.Exported() {
		return nil, false
	}
	ch := s.Channel(ID{Kind: Field, Field: f})
	if ch == nil || len(ch.Escapes) > 0 || len(ch.Passed) > 0 {
		return nil, false
	}
	for _, id := range ch.IDs {
		if (id.Kind == Make && id.Make != mk) || (id.Kind != Make && id.Kind != Field) || (id.Kind == Field && id.Field != f) {
			return nil, false // ok: the field may hold another channel
		}
	}
	base := ssax.Unwrap(fa.X)
	o := &FieldOwner{Field: f, Base: base, Store: store, Bodies: map[*ssa.Go][]ssa.Value{}, Body: map[*ssa.Go]*ssa.Function{}}
	allowed := map[*ssa.Function]bool{fn: true}
	mismatch := false
	o.Loads = fieldLoads(fn, f, func(x ssa.Value) bool { return OwnerValue(x, fn, nil) == base }, &mismatch)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			gs, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			body := goBody(gs)
			if body == nil || body == fn {
				continue
			}
			loads := fieldLoads(body, f, func(x ssa.Value) bool { return OwnerValue(x, body, gs) == base }, &mismatch)
			if len(loads) == 0 {
				continue
			}
			if allowed[body] {
				return nil, false // ok: one body started twice is not modelled
			}
			allowed[body] = true
			o.Bodies[gs], o.Body[gs] = loads, body
			o.Sites = append(o.Sites, gs)
		}
	}
	if !s.ownerHelpers(o, fn, allowed, &mismatch) {
		return nil, false
	}
	if mismatch {
		return nil, false // ok: the field of another value is used too
	}
	for _, uses := range [][]Use{ch.Sends, ch.Recvs, ch.Closes} {
		for _, u := range uses {
			if u.Instr.Block() == nil || !allowed[u.Instr.Parent()] {
				return nil, false // ok: code that the owner does not start may release it
			}
		}
	}
	return o, true
}

// ownerHelpers records in o the calls of fn (not go statements) that hand
// o.Base to a function of the package that loads o.Field from that
// parameter, and marks those callees allowed. It reports false when a
// helper cannot be modelled: called from anywhere but fn (or from code
// the package cannot see), one of the goroutine bodies, or handing the
// value on to another function that loads the field.
func (s *Summary) ownerHelpers(o *FieldOwner, fn *ssa.Function, allowed map[*ssa.Function]bool, mismatch *bool) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := call.(*ssa.Go); isGo {
				continue
			}
			g := callees.Direct(call.Common())
			if g == nil || g == fn || g.Blocks == nil || g.Parent() != nil {
				continue
			}
			loads := s.helperLoads(g, o, func(arg ssa.Value) bool { return OwnerValue(arg, fn, nil) == o.Base }, call.Common().Args, mismatch)
			if len(loads) == 0 {
				continue
			}
			for _, body := range o.Body {
				if body == g {
					return false // ok: a goroutine body called as a helper too is not modelled
				}
			}
			calls, known := s.sites.AllCalls(g)
			if !known {
				return false // ok: code the package cannot see may call it
			}
			for _, c := range calls {
				if c.Parent() != fn {
					return false // ok: called elsewhere too
				}
			}
			// The helper must not hand the value on to a function that
			// loads the field: one level is modelled.
			held := loadParams(g, loads)
			param := func(arg ssa.Value) bool {
				p, isParam := OwnerValue(arg, g, nil).(*ssa.Parameter)
				return isParam && slices.Contains(held, p)
			}
			for _, hb := range g.Blocks {
				for _, hi := range hb.Instrs {
					hc, ok := hi.(ssa.CallInstruction)
					if !ok {
						continue
					}
					h := callees.Direct(hc.Common())
					if h == nil || h.Blocks == nil {
						continue
					}
					if len(s.helperLoads(h, o, param, hc.Common().Args, mismatch)) > 0 {
						return false
					}
				}
			}
			if o.HelperFn == nil {
				o.HelperLoads, o.HelperFn = map[ssa.CallInstruction][]ssa.Value{}, map[ssa.CallInstruction]*ssa.Function{}
			}
			allowed[g] = true
			o.Helpers = append(o.Helpers, call)
			o.HelperLoads[call], o.HelperFn[call] = loads, g
		}
	}
	return true
}

// helperLoads returns the loads of o.Field in g (not in its closures)
// from the parameters whose arguments satisfy isBase; a load of the field
// from any other value sets *mismatch.
func (s *Summary) helperLoads(g *ssa.Function, o *FieldOwner, isBase func(ssa.Value) bool, args []ssa.Value, mismatch *bool) []ssa.Value {
	var params []*ssa.Parameter
	for i, a := range args {
		if i < len(g.Params) && isBase(a) {
			params = append(params, g.Params[i])
		}
	}
	if len(params) == 0 {
		return nil
	}
	return fieldLoads(g, o.Field, func(x ssa.Value) bool {
		p, ok := OwnerValue(x, g, nil).(*ssa.Parameter)
		return ok && slices.Contains(params, p)
	}, mismatch)
}

// loadParams returns the parameters of g that the loads are made from.
func loadParams(g *ssa.Function, loads []ssa.Value) []*ssa.Parameter {
	var out []*ssa.Parameter
	for _, ld := range loads {
		fa := ld.(*ssa.UnOp).X.(*ssa.FieldAddr)
		if p, ok := OwnerValue(fa.X, g, nil).(*ssa.Parameter); ok && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// goBody returns the function a go statement runs when the call is
// static (callees.Direct: a function or a closure literal), the generic
// origin of an instantiation, else nil. A body reached through a function
// value is not one the owner is known to start.
func goBody(gs *ssa.Go) *ssa.Function {
	fn := callees.Direct(&gs.Call)
	if fn != nil && fn.Blocks == nil && fn.Origin() != nil {
		return fn.Origin()
	}
	return fn
}

// fieldLoads returns the loads *(&x.f) in fn (not in its closures). A
// load whose base does not satisfy same sets *mismatch.
func fieldLoads(fn *ssa.Function, f *types.Var, same func(ssa.Value) bool, mismatch *bool) []ssa.Value {
	var out []ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ld, ok := instr.(*ssa.UnOp)
			if !ok || ld.Op != token.MUL {
				continue
			}
			fa, ok := ld.X.(*ssa.FieldAddr)
			if !ok || ssax.Field(fa.X.Type(), fa.Field) != f {
				continue
			}
			if !same(fa.X) {
				*mismatch = true
				continue
			}
			out = append(out, ld)
		}
	}
	return out
}

// ownerValue resolves v, a value in fn, to the value of the owner it
// denotes: through conversions and captured variables written once, and,
// when fn is the body of the go statement site, through its parameters to
// the arguments of site. It returns nil when it cannot.
func OwnerValue(v ssa.Value, fn *ssa.Function, site *ssa.Go) ssa.Value {
	for range 2 {
		r, ok := ssax.ThroughCaptures(v)
		if !ok {
			return nil
		}
		p, isParam := r.(*ssa.Parameter)
		if !isParam || site == nil || p.Parent() != fn {
			return r
		}
		i := slices.Index(fn.Params, p)
		if i < 0 || i >= len(site.Call.Args) {
			return nil
		}
		v, site = site.Call.Args[i], nil
	}
	return nil
}
