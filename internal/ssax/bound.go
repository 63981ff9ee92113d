package ssax

import (
	"go/constant"
	"go/token"
	"go/types"
	"math"

	"golang.org/x/tools/go/ssa"
)

// IntRange returns the smallest interval [lo, hi] known to hold every
// value of v, an integer-typed value, and whether one is known. It
// follows constants, integer conversions that cannot wrap, + - * / % & >>
// by constants or bounded operands, the min and max builtins, phis of
// bounded values, and the bounded random functions of math/rand and
// math/rand/v2 (rand.IntN(n) lies in [0, n-1] when n is bounded), and a
// phi edge capped by the branch it comes through (if d > max { d = max }:
// at most max, with no lower end known): a pause
// of time.Duration(rand.IntN(100)) * time.Millisecond is under 100ms; a
// float converted to an integer is followed through floatRange
// (rand.Float64() in [0, 1)). Any arithmetic that could overflow int64
// gives no range.
func IntRange(v ssa.Value) (lo, hi int64, ok bool) {
	r, ok := intRange(v, 0, map[ssa.Value]bool{})
	return r.lo, r.hi, ok
}

type interval struct{ lo, hi int64 }

func intRange(v ssa.Value, depth int, onStack map[ssa.Value]bool) (interval, bool) {
	if depth > maxDepth || onStack[v] || !isInt(v.Type()) {
		return interval{}, false
	}
	onStack[v] = true
	defer delete(onStack, v)
	sub := func(x ssa.Value) (interval, bool) { return intRange(x, depth+1, onStack) }
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value == nil || x.Value.Kind() != constant.Int {
			return interval{}, false
		}
		n, exact := constant.Int64Val(x.Value)
		return interval{n, n}, exact
	case *ssa.Convert:
		if isFloat(x.X.Type()) {
			// float to integer truncates toward zero.
			lo, hi, ok := floatRange(x.X, depth+1, onStack)
			if !ok || lo < math.MinInt64/2 || hi > math.MaxInt64/2 {
				return interval{}, false
			}
			r := interval{int64(lo), int64(hi)}
			return r, fits(r, x.Type())
		}
		r, ok := sub(x.X)
		return r, ok && fits(r, x.Type())
	case *ssa.ChangeType:
		r, ok := sub(x.X)
		return r, ok && fits(r, x.Type())
	case *ssa.Phi:
		if r, ok := counterRange(x, sub); ok {
			return r, true
		}
		var out interval
		for i, e := range x.Edges {
			r, ok := sub(e)
			if !ok {
				r, ok = cappedEdge(x, i, sub)
			}
			if !ok {
				return interval{}, false
			}
			if i == 0 {
				out = r
			} else {
				out = interval{min(out.lo, r.lo), max(out.hi, r.hi)}
			}
		}
		return out, len(x.Edges) > 0
	case *ssa.BinOp:
		return binRange(x, sub)
	case *ssa.Call:
		return callRange(x, sub)
	}
	return interval{}, false
}

// counterRange bounds a loop counter: a phi whose edges from outside the
// loop are bounded (the start) and whose edges back from the loop add a
// positive constant to it (i++), where every such increment runs only
// once the loop's test on the phi held (i < K: the true branch of the
// test dominates it). The counter then never passes the start's top or
// K-1 plus the step (K plus the step for i <= K): a retry count of for
// retry := 0; retry < 12; retry++ lies in [0, 12].
func counterRange(phi *ssa.Phi, sub func(ssa.Value) (interval, bool)) (interval, bool) {
	b := phi.Block()
	if len(phi.Edges) != len(b.Preds) || len(phi.Edges) < 2 {
		return interval{}, false
	}
	var start interval
	haveStart := false
	var step int64
	var incs []*ssa.BinOp
	for i, e := range phi.Edges {
		if !b.Dominates(b.Preds[i]) {
			r, ok := sub(e)
			if !ok {
				return interval{}, false
			}
			if !haveStart {
				start, haveStart = r, true
			} else {
				start = interval{min(start.lo, r.lo), max(start.hi, r.hi)}
			}
			continue
		}
		add, ok := e.(*ssa.BinOp)
		if !ok || add.Op != token.ADD || add.X != phi {
			return interval{}, false
		}
		k, ok := IntConst(add.Y)
		if !ok || k <= 0 {
			return interval{}, false
		}
		step = max(step, k)
		incs = append(incs, add)
	}
	if !haveStart || len(incs) == 0 {
		return interval{}, false
	}
	limit, ok := counterLimit(phi, incs, sub)
	if !ok {
		return interval{}, false
	}
	hi, ok := addChecked(limit, step)
	if !ok {
		return interval{}, false
	}
	return interval{start.lo, max(start.hi, hi)}, true
}

// counterLimit returns the largest value the counter phi may hold where
// it is incremented: K-1 for a test phi < K (K's top), K for phi <= K,
// whose true branch (a block the test's block alone leads to) dominates
// every increment of incs. ok is false without such a test.
func counterLimit(phi *ssa.Phi, incs []*ssa.BinOp, sub func(ssa.Value) (interval, bool)) (int64, bool) {
	for _, blk := range phi.Parent().Blocks {
		if len(blk.Instrs) == 0 || len(blk.Succs) != 2 {
			continue
		}
		br, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cond, ok := br.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		var bound ssa.Value
		var inclusive bool
		switch {
		case cond.X == phi && (cond.Op == token.LSS || cond.Op == token.LEQ):
			bound, inclusive = cond.Y, cond.Op == token.LEQ
		case cond.Y == phi && (cond.Op == token.GTR || cond.Op == token.GEQ):
			bound, inclusive = cond.X, cond.Op == token.GEQ
		default:
			continue
		}
		then := blk.Succs[0]
		if len(then.Preds) != 1 {
			continue
		}
		dominatesAll := true
		for _, inc := range incs {
			if !then.Dominates(inc.Block()) {
				dominatesAll = false
				break
			}
		}
		if !dominatesAll {
			continue
		}
		k, ok := sub(bound)
		if !ok {
			continue
		}
		if inclusive {
			return k.hi, true
		}
		return k.hi - 1, k.hi > math.MinInt64
	}
	return 0, false
}

// cappedEdge bounds from above the value phi takes along its edge i when
// that edge leaves a block whose branch compares the value with a bound
// and comes here only when the value is within it: if d > max { d = max }
// merges d along the edge where d > max is false, so d <= max there (a
// back-off capped by a comparison). Only the upper end is known.
func cappedEdge(phi *ssa.Phi, i int, sub func(ssa.Value) (interval, bool)) (interval, bool) {
	preds := phi.Block().Preds
	if i >= len(preds) {
		return interval{}, false
	}
	pred := preds[i]
	if len(pred.Instrs) == 0 || len(pred.Succs) != 2 {
		return interval{}, false
	}
	br, ok := pred.Instrs[len(pred.Instrs)-1].(*ssa.If)
	if !ok || pred.Succs[0] == pred.Succs[1] {
		return interval{}, false
	}
	cond, ok := br.Cond.(*ssa.BinOp)
	if !ok {
		return interval{}, false
	}
	taken := pred.Succs[0] == phi.Block() // the edge is the branch where cond holds
	v := phi.Edges[i]
	var bound ssa.Value
	switch {
	// v <= K on this edge: v > K or v >= K false, v < K or v <= K true,
	// and the same with the operands swapped.
	case cond.X == v && (cond.Op == token.GTR || cond.Op == token.GEQ) && !taken,
		cond.X == v && (cond.Op == token.LSS || cond.Op == token.LEQ) && taken:
		bound = cond.Y
	case cond.Y == v && (cond.Op == token.LSS || cond.Op == token.LEQ) && !taken,
		cond.Y == v && (cond.Op == token.GTR || cond.Op == token.GEQ) && taken:
		bound = cond.X
	default:
		return interval{}, false
	}
	b, ok := sub(bound)
	if !ok {
		return interval{}, false
	}
	return interval{math.MinInt64, b.hi}, true
}

// floatRange is IntRange for a floating-point value: constants,
// conversions of bounded integers, + - * and division by a positive
// constant, and rand.Float64 and Float32 in [0, 1) (a jitter of
// time.Duration(rand.Float64() * float64(100*time.Millisecond))).
func floatRange(v ssa.Value, depth int, onStack map[ssa.Value]bool) (lo, hi float64, ok bool) {
	if depth > maxDepth || onStack[v] || !isFloat(v.Type()) {
		return 0, 0, false
	}
	onStack[v] = true
	defer delete(onStack, v)
	sub := func(x ssa.Value) (float64, float64, bool) { return floatRange(x, depth+1, onStack) }
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value == nil {
			return 0, 0, false
		}
		f, _ := constant.Float64Val(constant.ToFloat(x.Value))
		return f, f, !math.IsInf(f, 0) && !math.IsNaN(f)
	case *ssa.Convert:
		if isFloat(x.X.Type()) {
			return sub(x.X)
		}
		r, ok := intRange(x.X, depth+1, onStack)
		return float64(r.lo), float64(r.hi), ok
	case *ssa.BinOp:
		alo, ahi, aok := sub(x.X)
		blo, bhi, bok := sub(x.Y)
		if !aok || !bok {
			return 0, 0, false
		}
		switch x.Op {
		case token.ADD:
			return alo + blo, ahi + bhi, true
		case token.SUB:
			return alo - bhi, ahi - blo, true
		case token.MUL:
			ps := []float64{alo * blo, alo * bhi, ahi * blo, ahi * bhi}
			return min(ps[0], ps[1], ps[2], ps[3]), max(ps[0], ps[1], ps[2], ps[3]), true
		case token.QUO:
			if blo == bhi && blo > 0 {
				return alo / blo, ahi / blo, true
			}
		}
	case *ssa.Call:
		callee := x.Call.StaticCallee()
		if callee == nil || callee.Pkg == nil {
			return 0, 0, false
		}
		if p := callee.Pkg.Pkg.Path(); (p == "math/rand" || p == "math/rand/v2") && (callee.Name() == "Float64" || callee.Name() == "Float32") {
			return 0, 1, true
		}
	}
	return 0, 0, false
}

func isFloat(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsFloat != 0
}

func binRange(x *ssa.BinOp, sub func(ssa.Value) (interval, bool)) (interval, bool) {
	a, aok := sub(x.X)
	b, bok := sub(x.Y)
	switch x.Op {
	case token.ADD:
		if aok && bok {
			lo, ok1 := addChecked(a.lo, b.lo)
			hi, ok2 := addChecked(a.hi, b.hi)
			return interval{lo, hi}, ok1 && ok2
		}
	case token.SUB:
		if aok && bok {
			lo, ok1 := subChecked(a.lo, b.hi)
			hi, ok2 := subChecked(a.hi, b.lo)
			return interval{lo, hi}, ok1 && ok2
		}
	case token.MUL:
		if aok && bok {
			out := interval{math.MaxInt64, math.MinInt64}
			for _, p := range [][2]int64{{a.lo, b.lo}, {a.lo, b.hi}, {a.hi, b.lo}, {a.hi, b.hi}} {
				m, ok := mulChecked(p[0], p[1])
				if !ok {
					return interval{}, false
				}
				out = interval{min(out.lo, m), max(out.hi, m)}
			}
			return out, true
		}
	case token.QUO:
		if aok && bok && b.lo == b.hi && b.lo > 0 {
			return interval{a.lo / b.lo, a.hi / b.lo}, true
		}
	case token.REM:
		// The sign of x % y is the sign of x, its magnitude below |y|.
		if bok && b.lo == b.hi && b.lo != 0 && b.lo != math.MinInt64 {
			m := b.lo
			if m < 0 {
				m = -m
			}
			out := interval{-(m - 1), m - 1}
			if aok && a.lo >= 0 {
				out.lo = 0
			}
			return out, true
		}
	case token.AND:
		// x & m with m >= 0 lies in [0, m], whatever x is.
		if bok && b.lo >= 0 {
			return interval{0, b.hi}, true
		}
		if aok && a.lo >= 0 {
			return interval{0, a.hi}, true
		}
	case token.SHR:
		if aok && bok && a.lo >= 0 && b.lo >= 0 {
			return interval{a.lo >> min(b.hi, 63), a.hi >> min(b.lo, 63)}, true
		}
	}
	return interval{}, false
}

func callRange(x *ssa.Call, sub func(ssa.Value) (interval, bool)) (interval, bool) {
	args := x.Call.Args
	if b, ok := x.Call.Value.(*ssa.Builtin); ok && len(args) > 0 && (b.Name() == "min" || b.Name() == "max") {
		// min is at most each bounded argument; max needs every argument bounded.
		out := interval{math.MaxInt64, math.MaxInt64}
		if b.Name() == "max" {
			out = interval{math.MinInt64, math.MinInt64}
		}
		known, all := false, true
		for _, a := range args {
			r, ok := sub(a)
			if !ok {
				all = false
				continue
			}
			known = true
			if b.Name() == "min" {
				out = interval{min(out.lo, r.lo), min(out.hi, r.hi)}
			} else {
				out = interval{max(out.lo, r.lo), max(out.hi, r.hi)}
			}
		}
		if b.Name() == "max" {
			return out, all
		}
		if !all {
			out.lo = math.MinInt64
		}
		return out, known
	}
	callee := x.Call.StaticCallee()
	if callee == nil || callee.Pkg == nil {
		return interval{}, false
	}
	if p := callee.Pkg.Pkg.Path(); p != "math/rand" && p != "math/rand/v2" {
		return interval{}, false
	}
	switch callee.Name() {
	case "Intn", "Int31n", "Int63n", "IntN", "Int32N", "Int64N", "UintN", "Uint32N", "Uint64N", "N":
	default:
		return interval{}, false
	}
	if len(args) == 0 {
		return interval{}, false
	}
	n, ok := sub(args[len(args)-1]) // the bound; a method's receiver comes first
	if !ok || n.hi <= 0 {
		return interval{}, false
	}
	return interval{0, n.hi - 1}, true
}

func isInt(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// fits reports whether every value of r is representable in t, so that
// converting to t cannot wrap.
func fits(r interval, t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 {
		return false
	}
	size := map[types.BasicKind]uint{
		types.Int8: 8, types.Int16: 16, types.Int32: 32, types.Int64: 64, types.Int: 64,
		types.Uint8: 8, types.Uint16: 16, types.Uint32: 32, types.Uint64: 64, types.Uint: 64, types.Uintptr: 64,
	}[b.Kind()]
	if size == 0 {
		return false
	}
	if b.Info()&types.IsUnsigned != 0 {
		if r.lo < 0 {
			return false
		}
		return size == 64 || r.hi < int64(1)<<size
	}
	if size == 64 {
		return true
	}
	return r.lo >= -(int64(1)<<(size-1)) && r.hi < int64(1)<<(size-1)
}

func addChecked(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

func subChecked(a, b int64) (int64, bool) {
	s := a - b
	return s, (s < a) == (b > 0)
}

func mulChecked(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	m := a * b
	if m/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return m, true
}

// IntConst returns v as an int64 when it is a constant of integer type.
func IntConst(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}

// CompareConst reads a comparison of a value with an integer constant on
// either side as v op k, mirroring the operator when the constant is on
// the left (3 > n is n < 3).
//
// The len of a slice literal or of an array counts as a constant: the
// bound of for _, x := range []string{"udp4", "udp6"}.
func CompareConst(cmp *ssa.BinOp) (v ssa.Value, op token.Token, k int64, ok bool) {
	if k, ok := intOrLen(cmp.Y); ok {
		return cmp.X, cmp.Op, k, true
	}
	k, ok = intOrLen(cmp.X)
	if !ok {
		return nil, 0, 0, false
	}
	op = cmp.Op
	switch op {
	case token.LSS:
		op = token.GTR
	case token.LEQ:
		op = token.GEQ
	case token.GTR:
		op = token.LSS
	case token.GEQ:
		op = token.LEQ
	}
	return cmp.Y, op, k, true
}

func intOrLen(v ssa.Value) (int64, bool) {
	if k, ok := IntConst(v); ok {
		return k, true
	}
	return ConstLen(v)
}

// ConstLen returns n when v is len(x) of an array, a pointer to one, or a
// whole slice of a local array ([]T{...}: a slice literal), of length n.
func ConstLen(v ssa.Value) (int64, bool) {
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return 0, false
	}
	if b, isBuiltin := call.Call.Value.(*ssa.Builtin); !isBuiltin || b.Name() != "len" {
		return 0, false
	}
	x := call.Call.Args[0]
	if sl, isSlice := x.(*ssa.Slice); isSlice && sl.Low == nil && sl.High == nil && sl.Max == nil {
		if _, isAlloc := sl.X.(*ssa.Alloc); isAlloc {
			x = sl.X
		}
	}
	t := x.Type().Underlying()
	if p, isPtr := t.(*types.Pointer); isPtr {
		t = p.Elem().Underlying()
	}
	if a, isArray := t.(*types.Array); isArray {
		return a.Len(), true
	}
	return 0, false
}
