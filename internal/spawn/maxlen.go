package spawn

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// MaxLen returns a constant bound on the length of the slice v, when one
// is known: nil is empty; a slice literal, a slice of an array and
// make([]T, n) have their constant length; s[lo:] is at most s's bound
// less lo, s[lo:hi] at most hi-lo; append(s, xs...) adds xs's bound; a
// phi takes the largest of its edges, and a loop's phi that appends k
// values each way round the loop (ids = append(ids, id) in for range 256)
// adds k for each of the loop's constant number of trips (ConstTrips).
func MaxLen(v ssa.Value) (int64, bool) {
	return maxLen(v, 0, map[ssa.Value]bool{})
}

const maxLenDepth = 16

func maxLen(v ssa.Value, depth int, onStack map[ssa.Value]bool) (int64, bool) {
	if v == nil || depth > maxLenDepth || onStack[v] {
		return 0, false
	}
	onStack[v] = true
	defer delete(onStack, v)
	sub := func(x ssa.Value) (int64, bool) { return maxLen(x, depth+1, onStack) }
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value == nil {
			return 0, true // a nil slice
		}
	case *ssa.Alloc:
		if p, ok := x.Type().Underlying().(*types.Pointer); ok {
			if a, ok := p.Elem().Underlying().(*types.Array); ok {
				return a.Len(), true
			}
		}
	case *ssa.MakeSlice:
		if n, ok := ssax.IntConst(x.Len); ok && n >= 0 {
			return n, true
		}
	case *ssa.Slice:
		lo := int64(0)
		if x.Low != nil {
			k, ok := ssax.IntConst(x.Low)
			if !ok {
				return 0, false
			}
			lo = k
		}
		if x.High != nil {
			if hi, ok := ssax.IntConst(x.High); ok && hi >= lo {
				return hi - lo, true
			}
		}
		n, ok := sub(x.X)
		if !ok {
			return 0, false
		}
		return max(n-lo, 0), true
	case *ssa.Call:
		b, ok := x.Call.Value.(*ssa.Builtin)
		if !ok || b.Name() != "append" || len(x.Call.Args) != 2 {
			return 0, false
		}
		n, ok := sub(x.Call.Args[0])
		if !ok {
			return 0, false
		}
		k, ok := sub(x.Call.Args[1])
		if !ok {
			return 0, false
		}
		return n + k, true
	case *ssa.Phi:
		return phiMaxLen(x, depth, onStack)
	}
	return 0, false
}

// phiMaxLen bounds a phi's length: the largest bound of its edges from
// outside any loop through its block; when the block heads a loop with a
// constant trip count, an edge back from the loop that appends to the phi
// itself adds its bound for each trip.
func phiMaxLen(phi *ssa.Phi, depth int, onStack map[ssa.Value]bool) (int64, bool) {
	b := phi.Block()
	loop := naturalLoop(b)
	var best, perTrip int64
	for i, e := range phi.Edges {
		if i >= len(b.Preds) {
			return 0, false
		}
		if loop != nil && loop[b.Preds[i]] {
			call, ok := e.(*ssa.Call)
			if !ok {
				return 0, false
			}
			fn, ok := call.Call.Value.(*ssa.Builtin)
			if !ok || fn.Name() != "append" || len(call.Call.Args) != 2 || call.Call.Args[0] != phi {
				return 0, false
			}
			k, ok := maxLen(call.Call.Args[1], depth+1, onStack)
			if !ok {
				return 0, false
			}
			perTrip = max(perTrip, k)
			continue
		}
		n, ok := maxLen(e, depth+1, onStack)
		if !ok {
			return 0, false
		}
		best = max(best, n)
	}
	if perTrip == 0 {
		return best, true
	}
	n, ok := ConstTrips(b, loop)
	if !ok {
		return 0, false
	}
	if iff, _, _, _, _, ok := loopTest(b, loop, false); ok && iff.Block().Succs[0] == b && n > 0 {
		// a rotated loop (for range n): its test goes back to the
		// header, which runs n times, so the phi holds at most n-1
		// rounds' appends; a header that tests first runs n+1 times
		n--
	}
	return best + int64(n)*perTrip, true
}

// naturalLoop returns the blocks of the natural loop headed by h (the
// blocks that reach a back edge into h without passing h), or nil when no
// edge into h comes from a block h dominates.
func naturalLoop(h *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	var in map[*ssa.BasicBlock]bool
	for _, p := range h.Preds {
		if !h.Dominates(p) {
			continue
		}
		if in == nil {
			in = map[*ssa.BasicBlock]bool{h: true}
		}
		stack := []*ssa.BasicBlock{p}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if in[x] {
				continue
			}
			in[x] = true
			stack = append(stack, x.Preds...)
		}
	}
	return in
}

// lenOf returns s when v is the builtin call len(s) of a slice.
func lenOf(v ssa.Value) (ssa.Value, bool) {
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return nil, false
	}
	if b, ok := call.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
		return nil, false
	}
	if _, ok := call.Call.Args[0].Type().Underlying().(*types.Slice); !ok {
		return nil, false
	}
	return call.Call.Args[0], true
}
