package cfg

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// OnceEdge reports whether the edge from -> to is taken at most once per
// call of the function: from ends in a test of equality (if i == k, if
// i+1 == len(xs)) whose true branch is to, i is the index of the one loop
// that holds from (a loop nested in no other), which every way around the
// loop moves by a constant step in one direction, and k is the same value
// on every iteration (a constant, a parameter, a value computed before the
// loop, the length of one of those, or a field of one that no store in
// the loop writes). The index takes each value once, so the branch is
// taken in at most one iteration (the last command of a pipe handled in
// its own branch).
func OnceEdge(from, to *ssa.BasicBlock) bool {
	iff, ok := from.Instrs[len(from.Instrs)-1].(*ssa.If)
	if !ok || len(from.Succs) != 2 || from.Succs[0] != to || from.Succs[1] == to {
		return false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return false
	}
	loop := onlyLoop(from)
	if loop == nil {
		return false
	}
	for _, pair := range [2][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
		if isIndex(pair[0], loop) && invariant(pair[1], loop, 0) {
			return true
		}
	}
	return false
}

// naturalLoop is a loop's header and blocks.
type naturalLoop struct {
	header *ssa.BasicBlock
	blocks map[*ssa.BasicBlock]bool
}

// onlyLoop returns the natural loop that holds b (the back edges of one
// header merged), nil when b is in no loop or in more than one (nested).
func onlyLoop(b *ssa.BasicBlock) *naturalLoop {
	fn := b.Parent()
	loops := map[*ssa.BasicBlock]*naturalLoop{}
	for _, t := range fn.Blocks {
		for _, h := range t.Succs {
			if !h.Dominates(t) {
				continue
			}
			l := loops[h]
			if l == nil {
				l = &naturalLoop{header: h, blocks: map[*ssa.BasicBlock]bool{h: true}}
				loops[h] = l
			}
			work := []*ssa.BasicBlock{t}
			for len(work) > 0 {
				x := work[len(work)-1]
				work = work[:len(work)-1]
				if l.blocks[x] {
					continue
				}
				l.blocks[x] = true
				work = append(work, x.Preds...)
			}
		}
	}
	var found *naturalLoop
	for _, l := range loops {
		if !l.blocks[b] {
			continue
		}
		if found != nil {
			return nil // nested: once per run of the inner loop, again on each outer iteration
		}
		found = l
	}
	return found
}

// isIndex reports whether v is the loop's index, give or take a
// constant: a phi of its header (or that phi plus or minus constants)
// that each way around the loop moves by a non-zero constant, all in one
// direction.
func isIndex(v ssa.Value, l *naturalLoop) bool {
	phi, _, ok := offsetOf(v, 0)
	if !ok {
		return false
	}
	p, ok := phi.(*ssa.Phi)
	if !ok || p.Block() != l.header {
		return false
	}
	sign := 0
	for i, e := range p.Edges {
		if !l.blocks[p.Block().Preds[i]] {
			continue // the value on entry
		}
		base, step, ok := offsetOf(e, 0)
		if !ok || base != ssa.Value(p) || step == 0 {
			return false
		}
		s := 1
		if step < 0 {
			s = -1
		}
		if sign != 0 && s != sign {
			return false
		}
		sign = s
	}
	return sign != 0
}

// offsetOf returns v as base + c for a constant c, following additions
// and subtractions of integer constants.
func offsetOf(v ssa.Value, depth int) (base ssa.Value, c int64, ok bool) {
	if depth > 8 {
		return nil, 0, false
	}
	b, isBin := v.(*ssa.BinOp)
	if !isBin || (b.Op != token.ADD && b.Op != token.SUB) {
		return v, 0, true
	}
	k, isConst := b.Y.(*ssa.Const)
	x := b.X
	if !isConst && b.Op == token.ADD {
		k, isConst = b.X.(*ssa.Const)
		x = b.Y
	}
	if !isConst || k.Value == nil || k.Value.Kind() != constant.Int {
		return v, 0, true
	}
	n, exact := constant.Int64Val(k.Value)
	if !exact {
		return nil, 0, false
	}
	if b.Op == token.SUB {
		n = -n
	}
	base, c, ok = offsetOf(x, depth+1)
	return base, c + n, ok
}

// invariant reports whether v has the same value on every iteration of
// the loop.
func invariant(v ssa.Value, l *naturalLoop, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Const, *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return true
	case *ssa.BinOp:
		return invariant(x.X, l, depth+1) && invariant(x.Y, l, depth+1)
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") && len(x.Call.Args) == 1 {
			return invariant(x.Call.Args[0], l, depth+1)
		}
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if fa, ok := x.X.(*ssa.FieldAddr); ok && invariant(fa.X, l, depth+1) && !storesField(l, fa) {
				return true
			}
			if cell, ok := x.X.(*ssa.Alloc); ok && setOnceOutside(cell, l) {
				return true // a captured variable (the receiver closures share), set before the loop
			}
		}
	}
	instr, ok := v.(ssa.Instruction)
	return ok && !l.blocks[instr.Block()]
}

// storesField reports whether a block of the loop stores into the field
// that fa addresses (of any value of its type).
func storesField(l *naturalLoop, fa *ssa.FieldAddr) bool {
	for b := range l.blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			if other, ok := st.Addr.(*ssa.FieldAddr); ok && other.Field == fa.Field && other.X.Type() == fa.X.Type() {
				return true
			}
		}
	}
	return false
}

// setOnceOutside reports whether the cell of a captured variable is
// stored once, outside the loop, and no closure it is captured by stores
// into it.
func setOnceOutside(cell *ssa.Alloc, l *naturalLoop) bool {
	refs := cell.Referrers()
	if refs == nil {
		return false
	}
	stores := 0
	for _, r := range *refs {
		switch u := r.(type) {
		case *ssa.Store:
			if u.Addr != ssa.Value(cell) || l.blocks[u.Block()] {
				return false
			}
			stores++
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			fn, ok := u.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range u.Bindings {
				if b != ssa.Value(cell) || i >= len(fn.FreeVars) {
					continue
				}
				if frefs := fn.FreeVars[i].Referrers(); frefs != nil {
					for _, fr := range *frefs {
						if st, ok := fr.(*ssa.Store); ok && st.Addr == ssa.Value(fn.FreeVars[i]) {
							return false // the closure sets it
						}
					}
				}
			}
		default:
			return false
		}
	}
	return stores == 1
}
