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
