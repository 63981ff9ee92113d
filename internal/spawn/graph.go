package spawn

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// sccs returns the strongly connected components of fn's blocks reachable
// from the entry (or, with all, of every block), each with whether it
// holds a cycle (Tarjan, iterative). Components come out in reverse
// topological order; without all, the entry's component is the last.
func sccs(fn *ssa.Function, skipEdge func(from, to *ssa.BasicBlock) bool, all bool) (comps [][]*ssa.BasicBlock, cycle []bool) {
	if len(fn.Blocks) == 0 {
		return nil, nil
	}
	n := len(fn.Blocks)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []*ssa.BasicBlock
	next := 0
	type frame struct {
		b *ssa.BasicBlock
		i int
	}
	succs := func(b *ssa.BasicBlock) []*ssa.BasicBlock { return b.Succs }
	var visit func(root *ssa.BasicBlock)
	visit = func(root *ssa.BasicBlock) {
		work := []frame{{root, 0}}
		index[root.Index], low[root.Index] = next, next
		next++
		stack = append(stack, root)
		onStack[root.Index] = true
		for len(work) > 0 {
			top := &work[len(work)-1]
			ss := succs(top.b)
			if top.i < len(ss) {
				s := ss[top.i]
				top.i++
				if skipEdge != nil && skipEdge(top.b, s) {
					continue
				}
				if index[s.Index] < 0 {
					index[s.Index], low[s.Index] = next, next
					next++
					stack = append(stack, s)
					onStack[s.Index] = true
					work = append(work, frame{s, 0})
				} else if onStack[s.Index] && index[s.Index] < low[top.b.Index] {
					low[top.b.Index] = index[s.Index]
				}
				continue
			}
			b := top.b
			work = work[:len(work)-1]
			if len(work) > 0 {
				p := work[len(work)-1].b
				if low[b.Index] < low[p.Index] {
					low[p.Index] = low[b.Index]
				}
			}
			if low[b.Index] != index[b.Index] {
				continue
			}
			var comp []*ssa.BasicBlock
			for {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[x.Index] = false
				comp = append(comp, x)
				if x == b {
					break
				}
			}
			isCycle := len(comp) > 1
			if !isCycle {
				for _, s := range b.Succs {
					if s == b && (skipEdge == nil || !skipEdge(b, b)) {
						isCycle = true
					}
				}
			}
			comps = append(comps, comp)
			cycle = append(cycle, isCycle)
		}
	}
	visit(fn.Blocks[0])
	if all {
		for _, b := range fn.Blocks {
			if index[b.Index] < 0 {
				visit(b)
			}
		}
	}
	return comps, cycle
}

// cyclic returns the blocks of fn that lie on a cycle.
func cyclic(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	return Cyclic(fn, nil)
}

// Cyclic returns the blocks of fn that lie on a cycle of the control-flow
// graph, ignoring the edges skipEdge rejects.
func Cyclic(fn *ssa.Function, skipEdge func(from, to *ssa.BasicBlock) bool) map[*ssa.BasicBlock]bool {
	out := make(map[*ssa.BasicBlock]bool)
	comps, cycle := sccs(fn, skipEdge, true)
	for i, c := range comps {
		if cycle[i] {
			for _, b := range c {
				out[b] = true
			}
		}
	}
	return out
}

// maxPathSum returns the largest sum of block weights along a path from
// fn's entry, Many when a cycle carries positive weight. Weights are
// non-negative.
func maxPathSum(fn *ssa.Function, weights map[*ssa.BasicBlock]int) int {
	if len(weights) == 0 {
		return 0
	}
	comps, cycle := sccs(fn, nil, false)
	compOf := make(map[*ssa.BasicBlock]int)
	for i, c := range comps {
		for _, b := range c {
			compOf[b] = i
		}
	}
	// comps are in reverse topological order: successors first.
	best := make([]int, len(comps)) // best sum from the start of comp i onward
	result := 0
	for i, c := range comps {
		w := 0
		for _, b := range c {
			w = sat(w + weights[b])
		}
		if cycle[i] && w > 0 {
			w = Many
		}
		succ := 0
		for _, b := range c {
			for _, s := range b.Succs {
				j, ok := compOf[s]
				if ok && j != i && best[j] > succ {
					succ = best[j]
				}
			}
		}
		best[i] = sat(w + succ)
		if best[i] > result {
			result = best[i]
		}
	}
	return result
}

// minPathSum returns the smallest sum of block weights along a path from
// fn's entry to a return, counting a loop's blocks as possibly skipped (a
// lower bound). Weights are non-negative; 0 when no return is reachable.
func minPathSum(fn *ssa.Function, weights map[*ssa.BasicBlock]int) int {
	if len(weights) == 0 {
		return 0
	}
	comps, cycle := sccs(fn, nil, false)
	compOf := make(map[*ssa.BasicBlock]int)
	for i, c := range comps {
		for _, b := range c {
			compOf[b] = i
		}
	}
	const none = -1
	best := make([]int, len(comps)) // least sum from comp i to a return, none if no return
	for i, c := range comps {
		w := 0
		if !cycle[i] {
			for _, b := range c {
				w = sat(w + weights[b])
			}
		}
		best[i] = none
		for _, b := range c {
			if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				best[i] = w
			}
			for _, s := range b.Succs {
				j, ok := compOf[s]
				if !ok || j == i || best[j] == none {
					continue
				}
				if v := sat(w + best[j]); best[i] == none || v < best[i] {
					best[i] = v
				}
			}
		}
	}
	if len(comps) == 0 || best[len(comps)-1] == none {
		return 0
	}
	return best[len(comps)-1] // the entry's component comes last
}

// ConstTrips returns how many times a counting loop runs when that is a
// constant: the loop whose header (header, with body blocks in) holds
// i := phi [c0 from outside, i+step from inside] and ends in
// `if i < n` (or <=, !=, >, >=, with the counter on either side) where c0,
// step and n are integer constants. ok is false for anything else.
func ConstTrips(header *ssa.BasicBlock, in map[*ssa.BasicBlock]bool) (int, bool) {
	return trips(header, in, false)
}

// MaxTrips returns a bound on how many times a counting loop runs: the
// count ConstTrips gives, or, for a counter going up to len(s) (for _, x
// := range s), the count up to a constant bound on s's length (MaxLen: a
// slice appended to a known number of times, resliced). An early exit of
// the body only makes the loop run fewer times.
func MaxTrips(header *ssa.BasicBlock, in map[*ssa.BasicBlock]bool) (int, bool) {
	return trips(header, in, true)
}

func trips(header *ssa.BasicBlock, in map[*ssa.BasicBlock]bool, bounded bool) (int, bool) {
	iff, x, op, limit, lenBound, ok := loopTest(header, in, bounded)
	if !ok {
		return 0, false
	}
	if add, isAdd := x.(*ssa.BinOp); isAdd && add.Op == token.ADD {
		// for range over a slice: the header tests i+1 < len(x), with i
		// starting at -1
		if c, isConst := ssax.IntConst(add.Y); isConst {
			x, limit = add.X, limit-c
		}
	}
	cells := false // a counter a closure captures: one variable per way round
	if load, ok := x.(*ssa.UnOp); ok && load.Op == token.MUL {
		x, cells = load.X, true
	}
	phi, ok := x.(*ssa.Phi)
	if !ok || phi.Block() != header || len(phi.Edges) != len(header.Preds) {
		return 0, false
	}
	if cells && !onlyRead(phi) {
		return 0, false // the body or a closure assigns the counter
	}
	var start, step int64
	haveStart, haveStep := false, false
	for i, e := range phi.Edges {
		if cells {
			// for i := 0; i < n; i++ { go func() { use(i) }() }: the
			// φ joins the variables of each way round; each holds
			// what its last store put there
			v, ok := lastStored(e)
			if !ok {
				return 0, false
			}
			e = v
		}
		if !in[header.Preds[i]] {
			c, ok := ssax.IntConst(e)
			if !ok || (haveStart && c != start) {
				return 0, false
			}
			start, haveStart = c, true
			continue
		}
		add, ok := e.(*ssa.BinOp)
		if !ok || (add.X != phi && !(cells && copiedCell(add.X, phi))) {
			return 0, false
		}
		c, ok := ssax.IntConst(add.Y)
		if !ok {
			return 0, false
		}
		if add.Op == token.SUB {
			c = -c
		} else if add.Op != token.ADD {
			return 0, false
		}
		if haveStep && c != step {
			return 0, false
		}
		step, haveStep = c, true
	}
	if !haveStart || !haveStep || step == 0 || iff.Block().Succs[0] == nil || !in[iff.Block().Succs[0]] {
		return 0, false // the loop must continue on the true branch
	}
	if lenBound && (step < 0 || (op != token.LSS && op != token.LEQ)) {
		return 0, false // a bound on the limit bounds only a counter going up to it
	}
	var n int64
	switch {
	case step > 0 && op == token.LSS:
		n = (limit - start + step - 1) / step
	case step > 0 && op == token.LEQ:
		n = (limit - start + step) / step
	case step < 0 && op == token.GTR:
		n = (start - limit - step - 1) / -step
	case step < 0 && op == token.GEQ:
		n = (start - limit - step) / -step
	case op == token.NEQ && (limit-start)%step == 0 && (limit-start)/step >= 0:
		n = (limit - start) / step
	default:
		return 0, false
	}
	if n < 0 || n > 1<<16 {
		return 0, false
	}
	if iff.Block().Succs[0] == header {
		// a rotated loop (for range n): the test ends the body, which
		// ran once before the first test
		n++
	}
	return int(n), true
}

// loopTest returns the test that counts the loop with header (body blocks
// in): the comparison with a constant that ends the header, or, in a
// rotated loop (for range n, whose test follows the body), the one that
// ends the loop's only latch and goes back to the header when true. Other
// exits of the body (an early return, a break) only make the loop run
// fewer times: the count is then a bound.
//
// With bounded, a test against len(s) (i < len(s)) whose s has a constant
// bound on its length (MaxLen) counts too, with that bound as the limit;
// lenBound then says the limit is a bound, not the value.
func loopTest(header *ssa.BasicBlock, in map[*ssa.BasicBlock]bool, bounded bool) (iff *ssa.If, x ssa.Value, op token.Token, limit int64, lenBound, ok bool) {
	test := func(b *ssa.BasicBlock) (*ssa.If, ssa.Value, token.Token, int64, bool, bool) {
		if len(b.Instrs) == 0 {
			return nil, nil, 0, 0, false, false
		}
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			return nil, nil, 0, 0, false, false
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok {
			return nil, nil, 0, 0, false, false
		}
		if x, op, limit, ok := ssax.CompareConst(cmp); ok {
			return iff, x, op, limit, false, true
		}
		if bounded && (cmp.Op == token.LSS || cmp.Op == token.LEQ) {
			if s, isLen := lenOf(cmp.Y); isLen {
				if n, known := MaxLen(s); known {
					return iff, cmp.X, cmp.Op, n, true, true
				}
			}
		}
		return nil, nil, 0, 0, false, false
	}
	if iff, x, op, limit, lenBound, ok := test(header); ok {
		return iff, x, op, limit, lenBound, true
	}
	var latch *ssa.BasicBlock
	for _, p := range header.Preds {
		if !in[p] {
			continue
		}
		if latch != nil {
			return nil, nil, 0, 0, false, false // more than one way back
		}
		latch = p
	}
	if latch == nil || latch == header || len(latch.Succs) != 2 || latch.Succs[0] != header || in[latch.Succs[1]] {
		return nil, nil, 0, 0, false, false
	}
	return test(latch)
}

// lastStored returns the value the last store into the local variable v
// (an Alloc whose stores all lie in its own block) puts there.
func lastStored(v ssa.Value) (ssa.Value, bool) {
	a, ok := v.(*ssa.Alloc)
	if !ok || a.Block() == nil {
		return nil, false
	}
	var last ssa.Value
	for _, instr := range a.Block().Instrs {
		if st, ok := instr.(*ssa.Store); ok && st.Addr == a {
			last = st.Val
		}
	}
	return last, last != nil
}

// onlyRead reports whether the variable addr (a loop's counter) is only
// loaded, and captured by closures that only load it.
func onlyRead(addr ssa.Value) bool {
	for _, r := range *addr.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			fn, ok := r.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range r.Bindings {
				if b == addr && (i >= len(fn.FreeVars) || !onlyRead(fn.FreeVars[i])) {
					return false
				}
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// copiedCell reports whether x is the load of a per-iteration variable
// that was set from the load of phi's variable and then only from itself
// (t8 = new int; *t8 = *phi; *t8 = *t8 + 1: Go 1.22's copy of the loop
// variable for the next way round), so that x is phi's value.
func copiedCell(x ssa.Value, phi *ssa.Phi) bool {
	load, ok := x.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	a, ok := load.X.(*ssa.Alloc)
	if !ok || a.Block() == nil {
		return false
	}
	for _, instr := range a.Block().Instrs {
		if instr == ssa.Instruction(load) {
			break
		}
		if st, ok := instr.(*ssa.Store); ok && st.Addr == a {
			src, ok := st.Val.(*ssa.UnOp)
			return ok && src.Op == token.MUL && src.X == phi
		}
	}
	return false
}

// RangeLen returns the slice, string, map or channel x whose len a loop
// header tests its counter against (the header of for i := range x, or of
// for i := 0; i < len(x); i++ ends in `if i < len(x)`), and the block the
// true edge enters (the first block of the body); nil when header is not
// such a loop. Two loops that range over the same value that nothing
// reassigns between them run the same number of times.
func RangeLen(header *ssa.BasicBlock) (ssa.Value, *ssa.BasicBlock) {
	if len(header.Instrs) == 0 || len(header.Succs) != 2 {
		return nil, nil
	}
	iff, ok := header.Instrs[len(header.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, nil
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.LSS {
		return nil, nil
	}
	counter := cmp.X
	if inc, ok := counter.(*ssa.BinOp); ok && inc.Op == token.ADD {
		counter = inc.X // range's i+1 < len(x), tested before the body
	}
	phi, ok := counter.(*ssa.Phi)
	if !ok || phi.Block() != header {
		return nil, nil
	}
	n, ok := cmp.Y.(*ssa.Call)
	if !ok || len(n.Call.Args) != 1 {
		return nil, nil
	}
	if b, ok := n.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
		return nil, nil
	}
	return n.Call.Args[0], header.Succs[0]
}
