package ssax

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// ReachedThroughField reports whether v is loaded from root through at
// least one field (and any slice, array or map elements): root.children[i],
// (*root).next.
func ReachedThroughField(v, root ssa.Value) bool {
	field := false
	for range 16 {
		if v == root {
			return field
		}
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = x.X
		case *ssa.FieldAddr:
			field, v = true, x.X
		case *ssa.Field:
			field, v = true, x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Index:
			v = x.X
		case *ssa.Lookup:
			v = x.X
		case *ssa.Extract:
			next, ok := x.Tuple.(*ssa.Next)
			if !ok || x.Index != 2 {
				return false
			}
			r, ok := next.Iter.(*ssa.Range)
			if !ok {
				return false
			}
			v = r.X
		default:
			return false
		}
	}
	return false
}
