package ssax

import (
	"go/constant"
	"go/token"
	"slices"

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

// ConstStringsAt returns every string constant v may hold where the
// instruction at uses it: ConstStrings(v), or else the constant that a
// branch dominating at has compared v with (v == "unix" taken, or
// v != "unix" not taken), as in
//
//	switch c.proto {
//	case "unix":
//		return net.Dial(c.proto, c.addr)
//
// v may be the compared value itself, or a load of the same variable or
// field (the same address: a global, or a field of the same pointer) that
// nothing between the comparison and the load may have written: the load
// is in the branch's target, reached from the comparison's block only,
// and neither block calls, stores or synchronizes between the two loads.
func ConstStringsAt(v ssa.Value, at ssa.Instruction) ([]string, bool) {
	if out, ok := ConstStrings(v); ok {
		return out, true
	}
	if at == nil || at.Block() == nil {
		return nil, false
	}
	for b := at.Block(); b != nil; b = b.Idom() {
		for _, p := range b.Preds {
			if s, ok := comparedConst(p, b, v, at); ok {
				return []string{s}, true
			}
		}
	}
	return nil, false
}

// comparedConst returns the string constant that the branch ending pred
// proves v equal to on its edge to succ, when succ is entered from pred
// only and succ dominates at.
func comparedConst(pred, succ *ssa.BasicBlock, v ssa.Value, at ssa.Instruction) (string, bool) {
	if len(succ.Preds) != 1 || len(pred.Succs) != 2 || len(pred.Instrs) == 0 {
		return "", false
	}
	br, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
	if !ok {
		return "", false
	}
	cmp, ok := br.Cond.(*ssa.BinOp)
	if !ok {
		return "", false
	}
	var taken *ssa.BasicBlock
	switch cmp.Op {
	case token.EQL:
		taken = pred.Succs[0]
	case token.NEQ:
		taken = pred.Succs[1]
	default:
		return "", false
	}
	if taken != succ {
		return "", false
	}
	x, k := cmp.X, cmp.Y
	if _, isConst := x.(*ssa.Const); isConst {
		x, k = k, x
	}
	c, ok := k.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	if x != v && !sameLoad(x, v, succ, at) {
		return "", false
	}
	return constant.StringVal(c.Value), true
}

// sameLoad reports whether v, a load in block succ before at, reads what
// the load x (in succ's one predecessor) read: the same address (the
// same variable, or the same field of a pointer loaded the same way:
// c.proto in a closure loads c from its captured variable each time), and
// no instruction after the first of x's loads in its block or before v in
// succ may write memory.
func sameLoad(x, v ssa.Value, succ *ssa.BasicBlock, at ssa.Instruction) bool {
	lv, ok := v.(*ssa.UnOp)
	if !ok || lv.Op != token.MUL || lv.Block() != succ || at.Block() != succ {
		return false
	}
	var xs, vs []*ssa.UnOp
	if !sameValue(x, v, &xs, &vs, 0) || len(xs) == 0 {
		return false
	}
	pred := succ.Preds[0]
	first := len(pred.Instrs)
	for _, l := range xs {
		if l.Block() != pred {
			return false
		}
		if k := slices.Index(pred.Instrs, ssa.Instruction(l)); k < first {
			first = k
		}
	}
	for _, l := range vs {
		if l.Block() != succ {
			return false
		}
	}
	for _, instr := range pred.Instrs[first:] {
		if mayWrite(instr) {
			return false
		}
	}
	for _, instr := range succ.Instrs {
		if instr == lv {
			return true
		}
		if mayWrite(instr) {
			return false
		}
	}
	return false
}

// sameValue reports whether a and b are the same value or loads of the
// same address, collecting the loads (of a into as, of b into bs) whose
// results must not have changed between them.
func sameValue(a, b ssa.Value, as, bs *[]*ssa.UnOp, depth int) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	if !ok1 || !ok2 || la.Op != token.MUL || lb.Op != token.MUL || depth > 4 {
		return false
	}
	*as, *bs = append(*as, la), append(*bs, lb)
	return sameAddr(la.X, lb.X, as, bs, depth+1)
}

// sameAddr reports whether the addresses a and b are the same variable,
// or the same field (c.proto, or c.clientConfig.proto of an embedded
// struct) of the same pointer value (see sameValue).
func sameAddr(a, b ssa.Value, as, bs *[]*ssa.UnOp, depth int) bool {
	if a == b {
		return true
	}
	fa, ok1 := a.(*ssa.FieldAddr)
	fb, ok2 := b.(*ssa.FieldAddr)
	if !ok1 || !ok2 || fa.Field != fb.Field || depth > 8 {
		return false
	}
	if sameAddr(fa.X, fb.X, as, bs, depth+1) {
		return true // a field of an embedded struct
	}
	return sameValue(fa.X, fb.X, as, bs, depth+1)
}

// mayWrite reports whether instr may change memory or let another
// goroutine's writes become visible.
func mayWrite(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.Call, *ssa.Store, *ssa.MapUpdate, *ssa.Send, *ssa.Select, *ssa.Go, *ssa.Defer, *ssa.RunDefers:
		return true
	case *ssa.UnOp:
		return x.Op == token.ARROW
	}
	return false
}

// IsNilConst reports whether v is the constant nil of a pointer, slice,
// map, channel, function or interface type.
func IsNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// NilTest reports whether cond compares a value with nil (x == nil,
// x != nil, nil == x) and returns that value; eql is true for ==.
func NilTest(cond ssa.Value) (x ssa.Value, eql, ok bool) {
	bin, isBin := cond.(*ssa.BinOp)
	if !isBin || (bin.Op != token.EQL && bin.Op != token.NEQ) {
		return nil, false, false
	}
	switch {
	case IsNilConst(bin.Y):
		x = bin.X
	case IsNilConst(bin.X):
		x = bin.Y
	default:
		return nil, false, false
	}
	return x, bin.Op == token.EQL, true
}
