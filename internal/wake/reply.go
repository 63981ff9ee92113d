package wake

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssax"
)

// AnsweredOnce reports whether send answers a reply channel the package
// kept for one answer: the channel was read from a map entry (a lookup,
// or a range over the map) that the sending function deletes after the
// send on every path, before it returns or comes back to the send
// (pending[id] = ch; ...; ch := pending[id]; ch <- reply; delete(pending,
// id)). The receiver waits for that one answer; the package never sends
// on the channel again, so its receiver has no next receive to hold up.
func AnsweredOnce(send *ssa.Send) bool {
	m, k, ok := mapEntry(send.Chan)
	if !ok {
		return false
	}
	deletes := func(instr ssa.Instruction) bool {
		c, ok := instr.(*ssa.Call)
		if !ok {
			return false
		}
		b, ok := c.Call.Value.(*ssa.Builtin)
		return ok && b.Name() == "delete" && len(c.Call.Args) == 2 && sameMap(c.Call.Args[0], m) && ssax.SameLoad(c.Call.Args[1], k)
	}
	return cfg.ReturnAvoiding(send, deletes) == nil && !cfg.Reaches(send, send, deletes)
}

// mapEntry returns the map and key whose entry v, a channel, was read
// from: a field of the entry's value (a struct or a pointer to one), or
// the value itself.
func mapEntry(v ssa.Value) (m, k ssa.Value, ok bool) {
	for range 6 {
		switch x := v.(type) {
		case *ssa.Field:
			v = x.X
			continue
		case *ssa.UnOp:
			if fa, isField := x.X.(*ssa.FieldAddr); x.Op == token.MUL && isField {
				v = fa.X
				if stored, ok := ssax.StoredOnce(v); ok {
					v = stored // a local variable holding the entry's value
				}
				continue
			}
		case *ssa.Lookup:
			return x.X, x.Index, !x.CommaOk
		case *ssa.Extract:
			switch t := x.Tuple.(type) {
			case *ssa.Lookup:
				if x.Index == 0 && t.CommaOk {
					return t.X, t.Index, true
				}
			case *ssa.Next:
				if x.Index != 2 || t.IsString {
					return nil, nil, false
				}
				rng, isRange := t.Iter.(*ssa.Range)
				if !isRange {
					return nil, nil, false
				}
				for _, r := range *t.Referrers() {
					if e, isExtract := r.(*ssa.Extract); isExtract && e.Index == 1 {
						return rng.X, e, true
					}
				}
			}
		}
		return nil, nil, false
	}
	return nil, nil, false
}

// sameMap reports whether a and b are the same map: one value, or two
// loads of the same field of one value, or of one package variable.
func sameMap(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, okA := a.(*ssa.UnOp)
	lb, okB := b.(*ssa.UnOp)
	if !okA || !okB || la.Op != token.MUL || lb.Op != token.MUL {
		return false
	}
	if la.X == lb.X {
		if _, global := la.X.(*ssa.Global); global {
			return true
		}
	}
	fa, okA := la.X.(*ssa.FieldAddr)
	fb, okB := lb.X.(*ssa.FieldAddr)
	return okA && okB && ssax.SameLoad(fa.X, fb.X) && fa.Field == fb.Field
}
