package spawn

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// PerElement reports whether call runs once per element of a collection
// and in no other loop: it lies in a single loop, a range over a slice,
// an array or a map (for _, l := range cfg.Listeners, or for i := 0;
// i < len(xs); i++ reading xs[i]), and one of its operands, the receiver
// included, is that loop's element or is computed from it (a field of it,
// a value a call makes from it: factory.New(l.Options)). Code that runs
// once makes as many such calls as its collection has elements, one for
// each. A loop that repeats the same call (for range n, an element left
// unused, a loop over a channel or around the range) is not one.
func PerElement(call ssa.CallInstruction) bool {
	fn := call.Parent()
	if fn == nil || len(fn.Blocks) == 0 {
		return false
	}
	if !Cyclic(fn, nil)[call.Block()] {
		return false
	}
	com := call.Common()
	operands := append([]ssa.Value{com.Value}, com.Args...)
	for _, v := range operands {
		header := elementHeader(v, map[ssa.Value]bool{}, 0)
		if header == nil {
			continue
		}
		// Without the back edges of header's loop, no cycle passes
		// through the call or through the header: that loop is the
		// only one around the call, and no loop runs it again.
		others := Cyclic(fn, func(from, to *ssa.BasicBlock) bool {
			return to == header && header.Dominates(from)
		})
		if !others[call.Block()] && !others[header] && inLoopOf(call.Block(), header) {
			return true
		}
	}
	return false
}

// inLoopOf reports whether b lies in the loop that header heads: header
// dominates b and reaches b's block again through b.
func inLoopOf(b, header *ssa.BasicBlock) bool {
	if !header.Dominates(b) {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := []*ssa.BasicBlock{b}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range x.Succs {
			if s == header {
				return true
			}
			if !seen[s] && header.Dominates(s) {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// elementHeader returns the header of the range loop whose element v is,
// or is computed from, and nil when there is none.
func elementHeader(v ssa.Value, seen map[ssa.Value]bool, depth int) *ssa.BasicBlock {
	if v == nil || depth > 12 || seen[v] {
		return nil
	}
	seen[v] = true
	sub := func(x ssa.Value) *ssa.BasicBlock { return elementHeader(x, seen, depth+1) }
	switch x := v.(type) {
	case *ssa.Extract:
		if next, ok := x.Tuple.(*ssa.Next); ok {
			if next.IsString || x.Index == 0 {
				return nil // a string's runes; the ok of the iteration
			}
			return next.Block() // for k, v := range m
		}
		return sub(x.Tuple)
	case *ssa.IndexAddr:
		if h := counterHeader(x.X, x.Index); h != nil {
			return h
		}
		return sub(x.X)
	case *ssa.Index:
		if h := counterHeader(x.X, x.Index); h != nil {
			return h
		}
		return sub(x.X)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return sub(x.X)
		}
		return nil
	case *ssa.Alloc:
		// a variable (the element copied into one whose address is
		// taken): what is stored in it
		for _, s := range ssax.StoredValues(x) {
			if h := sub(s); h != nil {
				return h
			}
		}
		return nil
	case *ssa.Field:
		return sub(x.X)
	case *ssa.FieldAddr:
		return sub(x.X)
	case *ssa.ChangeType:
		return sub(x.X)
	case *ssa.Convert:
		return sub(x.X)
	case *ssa.MakeInterface:
		return sub(x.X)
	case *ssa.TypeAssert:
		return sub(x.X)
	case *ssa.Slice:
		return sub(x.X)
	case *ssa.Lookup:
		if h := sub(x.X); h != nil {
			return h
		}
		return sub(x.Index)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if h := sub(e); h != nil {
				return h
			}
		}
	case *ssa.Call:
		// a value made from the element: factory.CreateListener(l.Options)
		if x.Call.IsInvoke() {
			if h := sub(x.Call.Value); h != nil {
				return h
			}
		}
		for _, a := range x.Call.Args {
			if h := sub(a); h != nil {
				return h
			}
		}
	case *ssa.MakeClosure:
		for _, b := range x.Bindings {
			if h := sub(b); h != nil {
				return h
			}
		}
	}
	return nil
}

// counterHeader returns the header of the loop that counts index over
// the elements of x (RangeLen): index is its counter (for i := 0;
// i < len(x); i++) or the counter plus one that a range over a slice
// tests and reads with.
func counterHeader(x, index ssa.Value) *ssa.BasicBlock {
	if _, isMap := x.Type().Underlying().(*types.Map); isMap {
		return nil
	}
	counter := index
	if inc, ok := counter.(*ssa.BinOp); ok && inc.Op == token.ADD {
		counter = inc.X
	}
	phi, ok := counter.(*ssa.Phi)
	if !ok {
		return nil
	}
	ranged, _ := RangeLen(phi.Block())
	if ranged == nil || !ssax.SameLoad(ranged, x) {
		return nil
	}
	return phi.Block()
}
