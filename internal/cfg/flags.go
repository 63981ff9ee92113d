package cfg

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// FlagEdges returns the branch edges of fn (by block index) that are taken
// only when a boolean flag records that an event happened on the way: the
// flag is a variable that starts false and is set to true only where the
// event has happened (happened reports the blocks where it has: the
// event's block and those it dominates), and the edge is the one a test
// of the flag takes when it is true.
//
//	stopped := false
//	for ... {
//		select {
//		case <-stop:
//			stopped = true // only after the receive
//		case v := <-in:
//			if !stopped {
//				<-stop
//			}
//			return // the edge around the receive is taken only once it happened
//		}
//	}
//
// A path-insensitive count of the events along a path (goroutineleak's
// pending sends) cannot see that the edge around the receive is taken
// only after one; a caller uses these edges to count it there.
func FlagEdges(fn *ssa.Function, happened func(*ssa.BasicBlock) bool) [][2]int {
	var out [][2]int
	for _, b := range fn.Blocks {
		cond, whenTrue, _, ok := Branch(b)
		if !ok {
			continue
		}
		phi, ok := cond.(*ssa.Phi)
		if !ok || !recordsEvent(phi, happened, map[*ssa.Phi]bool{}) {
			continue
		}
		out = append(out, [2]int{b.Index, whenTrue.Index})
	}
	return out
}

// recordsEvent reports whether the boolean phi is true only where the
// event happened: each of its incoming values is false, another such phi,
// or true on an edge from a block where happened holds.
func recordsEvent(phi *ssa.Phi, happened func(*ssa.BasicBlock) bool, onStack map[*ssa.Phi]bool) bool {
	if onStack[phi] {
		return true // a loop's phi feeding itself adds no true
	}
	onStack[phi] = true
	ok := true
	for i, e := range phi.Edges {
		switch x := e.(type) {
		case *ssa.Const:
			if x.Value == nil || x.Value.Kind() != constant.Bool {
				ok = false
			} else if constant.BoolVal(x.Value) && !happened(phi.Block().Preds[i]) {
				ok = false
			}
		case *ssa.Phi:
			if !recordsEvent(x, happened, onStack) {
				ok = false
			}
		default:
			ok = false
		}
		if !ok {
			break
		}
	}
	delete(onStack, phi)
	return ok
}

// Branch returns the condition that ends b with an If, with any negation
// taken off (if !done: done), and the successors taken when that
// condition is true and when it is false.
func Branch(b *ssa.BasicBlock) (cond ssa.Value, whenTrue, whenFalse *ssa.BasicBlock, ok bool) {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return nil, nil, nil, false
	}
	iff, isIf := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !isIf {
		return nil, nil, nil, false
	}
	cond, whenTrue, whenFalse = iff.Cond, b.Succs[0], b.Succs[1]
	for {
		not, isNot := cond.(*ssa.UnOp)
		if !isNot || not.Op != token.NOT {
			return cond, whenTrue, whenFalse, true
		}
		cond, whenTrue, whenFalse = not.X, whenFalse, whenTrue
	}
}
