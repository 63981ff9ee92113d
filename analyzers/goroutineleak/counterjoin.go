package goroutineleak

import (
	"go/token"
	"go/types"
	"math"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
)

// counterJoinEdges returns the edges of fn out of a guard on a join
// counter that are taken only once u's channel has delivered its value:
//
//	done := 0
//	for {
//		select {
//		case <-a: done++
//		case <-b: done++
//		}
//		if done == 2 { return }
//	}
//
// The counter is a local that starts at a constant c0 and is only ever
// incremented by one, each increment after a receive from its own channel
// (no two increments count the same channel) with no way back to the
// increment that skips that receive; each channel can deliver at most once
// (atMostOnce). The counter then exceeds c0 by at most the number of
// channels received from, so a guard that needs it to have reached c0 plus
// the number of channels is passed only once every one of them, u's
// included, has delivered.
func (c *checker) counterJoinEdges(fn *ssa.Function, u *chanUse) map[[2]int]bool {
	var out map[[2]int]bool
	cases := receiveCases(fn)
	if len(cases) == 0 {
		return nil
	}
	onceMemo := map[*ssa.MakeChan]bool{}
	for _, g := range counterGuards(fn) {
		b, v, lo := g.b, g.v, g.lo
		succ := 0
		if lo[0] == math.MinInt64 {
			succ = 1
		}
		need := lo[succ]
		if need == math.MinInt64 {
			continue // ok: neither edge says the counter reached anything
		}
		c0, adds, subs, ok := counterWeb(v)
		if !ok || len(adds) == 0 || len(subs) > 0 {
			continue
		}
		mks := map[*ssa.MakeChan]bool{}
		sound := true
		for _, add := range adds {
			mk, ok := countedReceive(add, cases)
			if !ok || mks[mk] {
				sound = false // ok: an increment not tied to a receive of its own channel counts nothing
				break
			}
			mks[mk] = true
		}
		if !sound || !mks[u.mk] || need-c0 < int64(len(mks)) {
			continue // ok: the guard can pass with fewer receives than channels
		}
		for mk := range mks {
			once, seen := onceMemo[mk]
			if !seen {
				once = c.atMostOnce(fn, mk)
				onceMemo[mk] = once
			}
			if !once {
				sound = false // ok: a channel that can deliver twice can stand in for another
				break
			}
		}
		if !sound {
			continue
		}
		if out == nil {
			out = map[[2]int]bool{}
		}
		out[[2]int{b.Index, b.Succs[succ].Index}] = true
	}
	return out
}

// counterGuard is a block of fn that ends in a test of an integer v
// against a constant, with the bounds the test sets on each edge.
type counterGuard struct {
	b      *ssa.BasicBlock
	v      ssa.Value
	lo, hi [2]int64
}

// counterGuards returns the blocks of fn that end in such a test
// (counterBounds), in block order.
func counterGuards(fn *ssa.Function) []counterGuard {
	var out []counterGuard
	for _, b := range fn.Blocks {
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || len(b.Succs) != 2 {
			continue
		}
		if v, lo, hi, ok := counterBounds(ifi); ok {
			out = append(out, counterGuard{b, v, lo, hi})
		}
	}
	return out
}

// counterBounds recognizes a test of an integer v against a constant
// (v == K, v != K, v < K, v <= K, v > K, v >= K, the constant on either
// side) and returns v and, for each successor of ifi (0: then, 1: else),
// the least and the greatest value v has there (math.MinInt64 and
// math.MaxInt64 where the test sets no bound).
func counterBounds(ifi *ssa.If) (v ssa.Value, lo, hi [2]int64, ok bool) {
	cmp, isBin := ifi.Cond.(*ssa.BinOp)
	if !isBin {
		return nil, lo, hi, false
	}
	x, op, k, isConst := ssax.CompareConst(cmp)
	if !isConst {
		return nil, lo, hi, false
	}
	const minus, plus = math.MinInt64, math.MaxInt64
	switch op {
	case token.EQL:
		return x, [2]int64{k, minus}, [2]int64{k, plus}, true
	case token.NEQ:
		return x, [2]int64{minus, k}, [2]int64{plus, k}, true
	case token.LSS:
		return x, [2]int64{minus, k}, [2]int64{k - 1, plus}, true
	case token.LEQ:
		return x, [2]int64{minus, k + 1}, [2]int64{k, plus}, true
	case token.GTR:
		return x, [2]int64{k + 1, minus}, [2]int64{plus, k}, true
	case token.GEQ:
		return x, [2]int64{k, minus}, [2]int64{plus, k - 1}, true
	}
	return nil, lo, hi, false
}

// countedReceive returns the channel made in add's function that add
// counts: a receive from it (a select case body, or a plain receive) comes
// before add on every path, and every way around from add back to add
// passes it again.
func countedReceive(add *ssa.BinOp, cases map[*ssa.BasicBlock]ssa.Value) (*ssa.MakeChan, bool) {
	b := add.Block()
	for d := b; d != nil; d = d.Idom() {
		var ch ssa.Value
		if cv, ok := cases[d]; ok {
			ch = cv
		} else {
			for _, instr := range d.Instrs {
				if d == b && instr == ssa.Instruction(add) {
					break
				}
				if r, ok := instr.(*ssa.UnOp); ok && r.Op == token.ARROW {
					ch = r.X // the last receive before add in d
				}
			}
		}
		if ch == nil {
			continue
		}
		id, ok := chans.Origin(ch)
		if !ok || id.Kind != chans.Make || id.Make == nil || id.Make.Parent() != add.Parent() {
			return nil, false
		}
		if d != b && returnsAvoiding(b, d) {
			return nil, false // ok: add can run again without another receive
		}
		return id.Make, true
	}
	return nil, false
}

// returnsAvoiding reports whether control can leave b and come back to it
// without passing through avoid.
func returnsAvoiding(b, avoid *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{avoid: true}
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == b {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		work = append(work, x.Succs...)
	}
	return false
}

// atMostOnce reports whether the channel mk, made in fn, can deliver at
// most one value per make: the make and every goroutine that sends on it
// run at most once per call of fn, they make at most one plain send
// between them, and nothing else can send on it or close it (the owner
// neither sends nor closes, nor hands it to anyone else).
func (c *checker) atMostOnce(fn *ssa.Function, mk *ssa.MakeChan) bool {
	if returnsAvoiding(mk.Block(), nil) {
		return false // ok: a new channel each time round, each delivering once
	}
	u := c.collect(fn, mk, nil)
	if len(u.escapes) > 0 || len(u.returned) > 0 {
		return false
	}
	for _, ev := range u.events {
		if ev.kind == evSend || ev.kind == evClose {
			return false
		}
	}
	sends := 0
	for _, g := range u.goroutines {
		if g.beh.Closes || g.beh.Escapes || g.beh.Guarded || g.beh.Recv != spawn.NoRecv || g.beh.SelectRecv {
			return false
		}
		if g.beh.Sends == 0 {
			continue
		}
		if returnsAvoiding(g.site.Block(), nil) {
			return false // ok: started in a loop, one send per goroutine
		}
		sends += g.beh.Sends
	}
	return sends <= 1
}

// pendingCounterEdges returns the edges of fn out of a guard that says a
// count of outstanding goroutines is back at its start, so that nothing
// they send on u's channel is pending:
//
//	n := 0
//	for _, x := range xs {
//		n++
//		go func() {
//			if err := try(x); err != nil {
//				errs <- err
//				return
//			}
//			ready <- x
//		}()
//	}
//	if n == 0 { return } // nothing was started
//	for n > 0 {          // every start was answered
//		select {
//		case <-errs:
//			n--
//		case <-ready:
//			n--
//		}
//	}
//
// The counter starts at a constant and changes only by one (counterWeb): every start
// of a goroutine that sends on u is in a block that adds one (other
// additions only make the guard harder to pass), and every subtraction
// follows a receive from a channel of a set S (countedReceive) that
// includes u, where each goroutine makes at most one send over all of S
// (wake.Model.OneOutcome: one outcome) and nothing else sends on S. When
// the counter is back at its start, the receives match the starts, so
// every value sent on S, u's included, was received. A counter with no
// subtraction back at its start says that no goroutine was started.
func (c *checker) pendingCounterEdges(fn *ssa.Function, u *chanUse) map[[2]int]bool {
	if c.model == nil || len(u.goroutines) == 0 {
		return nil
	}
	var out map[[2]int]bool
	cases := receiveCases(fn)
	for _, g := range counterGuards(fn) {
		b, v, hi := g.b, g.v, g.hi
		succ := 0
		if hi[0] == math.MaxInt64 {
			succ = 1
		}
		start, incs, decs, ok := counterWeb(v)
		if !ok || len(incs) == 0 || hi[succ] > start {
			continue
		}
		if c.countsOutcomes(u, incs, decs, cases) {
			if out == nil {
				out = map[[2]int]bool{}
			}
			out[[2]int{b.Index, b.Succs[succ].Index}] = true
		}
	}
	return out
}

// countsOutcomes checks the conditions of pendingCounterEdges for one
// counter: its additions incs and subtractions decs.
func (c *checker) countsOutcomes(u *chanUse, incs, decs []*ssa.BinOp, cases map[*ssa.BasicBlock]ssa.Value) bool {
	adding := map[*ssa.BasicBlock]int{}
	for _, inc := range incs {
		adding[inc.Block()]++
	}
	for _, g := range u.goroutines {
		if adding[g.site.Block()]--; adding[g.site.Block()] < 0 {
			return false // ok: a start that is not counted
		}
	}
	if len(decs) == 0 {
		return true // the counter only counts starts: back at its start, none was made
	}
	set := map[*ssa.MakeChan]bool{}
	for _, dec := range decs {
		mk, ok := countedReceive(dec, cases)
		if !ok {
			return false // ok: a subtraction that no receive pays for
		}
		set[mk] = true
	}
	if !set[u.mk] {
		return false
	}
	var chs []ssa.Value
	for _, b := range u.mk.Parent().Blocks { // in block order: deterministic
		for _, instr := range b.Instrs {
			if mk, ok := instr.(*ssa.MakeChan); ok && set[mk] {
				chs = append(chs, mk)
			}
		}
	}
	for _, g := range u.goroutines {
		body := c.startedBody(g)
		if body == nil || !c.model.OneOutcome(body, chs) {
			return false // ok: a goroutine that can send twice over the set, or an unknown one
		}
	}
	return true
}

// counterWeb reports whether v is a counter: every value it can take
// comes from one constant start (reset to it perhaps) through phis,
// additions of the constant 1 and subtractions of the constant 1. It
// returns the start, the additions and the subtractions.
func counterWeb(v ssa.Value) (start int64, incs, decs []*ssa.BinOp, ok bool) {
	if b, isBasic := v.Type().Underlying().(*types.Basic); !isBasic || b.Info()&types.IsInteger == 0 {
		return 0, nil, nil, false
	}
	seen := map[ssa.Value]bool{}
	haveStart := false
	work := []ssa.Value{v}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		if len(seen) > 64 {
			return 0, nil, nil, false
		}
		switch x := x.(type) {
		case *ssa.Const:
			k, isInt := ssax.IntConst(x)
			if !isInt || (haveStart && k != start) {
				return 0, nil, nil, false
			}
			start, haveStart = k, true
		case *ssa.Phi:
			work = append(work, x.Edges...)
		case *ssa.BinOp:
			one, isInt := ssax.IntConst(x.Y)
			switch {
			case isInt && ((x.Op == token.ADD && one == 1) || (x.Op == token.SUB && one == -1)):
				incs = append(incs, x)
			case isInt && ((x.Op == token.SUB && one == 1) || (x.Op == token.ADD && one == -1)):
				decs = append(decs, x)
			default:
				return 0, nil, nil, false
			}
			work = append(work, x.X)
		default:
			return 0, nil, nil, false // ok: a value from anywhere else is not a count
		}
	}
	return start, incs, decs, haveStart
}

// receiveCases maps the body of each receiving select case of fn to the
// channel it received from.
func receiveCases(fn *ssa.Function) map[*ssa.BasicBlock]ssa.Value {
	cases := map[*ssa.BasicBlock]ssa.Value{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok {
				for i, blk := range spawn.CaseBlocks(sel) {
					if blk != nil && sel.States[i].Dir == types.RecvOnly {
						cases[blk] = sel.States[i].Chan
					}
				}
			}
		}
	}
	return cases
}
