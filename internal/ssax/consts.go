package ssax

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// ConstStrings returns every string constant v may hold, when all of them
// are known: a constant, a phi of such values, or an element read from a
// local array or slice literal whose every store is such a constant
// (for _, network := range []string{"unixgram", "unix"}).
func ConstStrings(v ssa.Value) ([]string, bool) {
	var out []string
	seen := map[ssa.Value]bool{}
	var visit func(v ssa.Value, depth int) bool
	visit = func(v ssa.Value, depth int) bool {
		if depth > maxDepth || len(seen) > maxStoreWalk {
			return false
		}
		if seen[v] {
			return true
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.Const:
			if x.Value == nil || x.Value.Kind() != constant.String {
				return false
			}
			out = append(out, constant.StringVal(x.Value))
			return true
		case *ssa.Phi:
			for _, e := range x.Edges {
				if !visit(e, depth+1) {
					return false
				}
			}
			return true
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			ia, ok := x.X.(*ssa.IndexAddr)
			if !ok {
				return false
			}
			alloc := literalArray(ia.X)
			if alloc == nil {
				return false
			}
			return storedConsts(alloc, func(val ssa.Value) bool { return visit(val, depth+1) })
		}
		return false
	}
	if !visit(v, 0) || len(out) == 0 {
		return nil, false
	}
	return out, true
}

// literalArray returns the local array behind x (the array itself, or a
// slice of it), or nil.
func literalArray(x ssa.Value) *ssa.Alloc {
	if s, ok := x.(*ssa.Slice); ok {
		x = s.X
	}
	a, _ := x.(*ssa.Alloc)
	return a
}

// storedConsts calls each on every value stored into an element of alloc,
// and reports false when alloc is used other than through element
// addresses and slices of it (its contents could then change unseen).
func storedConsts(alloc *ssa.Alloc, each func(ssa.Value) bool) bool {
	refs := alloc.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.IndexAddr:
			elemRefs := r.Referrers()
			if elemRefs == nil {
				continue
			}
			for _, er := range *elemRefs {
				switch er := er.(type) {
				case *ssa.Store:
					if er.Addr == r && !each(er.Val) {
						return false
					}
				case *ssa.UnOp: // a read
				default:
					return false
				}
			}
		case *ssa.Slice:
			if !sliceOnlyRead(r) {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// sliceOnlyRead reports whether the slice s is only indexed for reading
// or measured, never appended to, passed on or stored.
func sliceOnlyRead(s *ssa.Slice) bool {
	refs := s.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.IndexAddr:
			if er := r.Referrers(); er != nil {
				for _, x := range *er {
					if _, ok := x.(*ssa.UnOp); !ok {
						return false
					}
				}
			}
		case *ssa.Call:
			if b, ok := r.Call.Value.(*ssa.Builtin); !ok || (b.Name() != "len" && b.Name() != "cap") {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}
