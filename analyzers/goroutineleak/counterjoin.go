package goroutineleak

import (
	"go/token"
	"go/types"

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
	cases := map[*ssa.BasicBlock]ssa.Value{} // a select case body -> the channel it received from
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok {
				continue
			}
			for i, blk := range spawn.CaseBlocks(sel) {
				if blk != nil && sel.States[i].Dir == types.RecvOnly {
					cases[blk] = sel.States[i].Chan
				}
			}
		}
	}
	if len(cases) == 0 {
		return nil
	}
	onceMemo := map[*ssa.MakeChan]bool{}
	for _, b := range fn.Blocks {
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || len(b.Succs) != 2 {
			continue
		}
		v, need, succ, ok := counterGuard(ifi)
		if !ok {
			continue
		}
		c0, adds, ok := counterOf(v)
		if !ok || len(adds) == 0 {
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

// counterGuard recognizes `if v == K`, `v >= K`, `v > K` (and their
// negations, constant on either side) and returns v, the least value v has
// on the returned successor (0: then, 1: else).
func counterGuard(ifi *ssa.If) (v ssa.Value, need int64, succ int, ok bool) {
	cmp, isBin := ifi.Cond.(*ssa.BinOp)
	if !isBin {
		return nil, 0, 0, false
	}
	x, op, k, isConst := ssax.CompareConst(cmp)
	if !isConst {
		return nil, 0, 0, false
	}
	switch op {
	case token.EQL:
		return x, k, 0, true
	case token.NEQ:
		return x, k, 1, true
	case token.GEQ:
		return x, k, 0, true
	case token.GTR:
		return x, k + 1, 0, true
	case token.LSS:
		return x, k, 1, true
	case token.LEQ:
		return x, k + 1, 1, true
	}
	return nil, 0, 0, false
}

// counterOf reports whether v is a counter: every value it can take comes
// from one constant start (reset to it perhaps) through phis and additions
// of the constant 1 only. It returns the start and the additions.
func counterOf(v ssa.Value) (start int64, adds []*ssa.BinOp, ok bool) {
	if b, isBasic := v.Type().Underlying().(*types.Basic); !isBasic || b.Info()&types.IsInteger == 0 {
		return 0, nil, false
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
			return 0, nil, false
		}
		switch x := x.(type) {
		case *ssa.Const:
			k, isInt := ssax.IntConst(x)
			if !isInt || (haveStart && k != start) {
				return 0, nil, false
			}
			start, haveStart = k, true
		case *ssa.Phi:
			work = append(work, x.Edges...)
		case *ssa.BinOp:
			if one, isInt := ssax.IntConst(x.Y); x.Op != token.ADD || !isInt || one != 1 {
				return 0, nil, false
			}
			adds = append(adds, x)
			work = append(work, x.X)
		default:
			return 0, nil, false // ok: a value from anywhere else (a call, a load, a parameter) is not a count
		}
	}
	return start, adds, haveStart
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
