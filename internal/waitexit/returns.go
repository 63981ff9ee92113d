package waitexit

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ctxflow"
)

// LeavesToReturn reports whether an edge leaves l for a block from which a
// return of fn is reachable or from which control comes back to l (l is
// nested in another loop, judged on its own), or an edge to l's own end (a range that is
// exhausted, a condition that turns false, a break) for one from which a
// return or a panic is. A loop whose only ways
// out lead from its body to panics (or to nothing) can run for as long as
// the process does. It costs one walk
// over fn's blocks.
func LeavesToReturn(fn *ssa.Function, l Loop) bool {
	return leavesToReturn(fn, l, func(_, _ *ssa.BasicBlock) bool { return true })
}

// leavesToReturn is LeavesToReturn over the edges live accepts. An edge
// to the loop's own end (the block go/ssa names for.done, rangeindex.done,
// rangeiter.done, ...: a range that is exhausted, a condition that turns
// false, a break) also counts when it leads to a panic: the loop ends by
// itself, whatever follows it (a Must helper ranges over its errors, then
// panics); a panic reached from inside the body is an error path, and a
// loop whose only other way out it is can run forever.
func leavesToReturn(fn *ssa.Function, l Loop, live func(from, to *ssa.BasicBlock) bool) bool {
	if len(fn.Blocks) == 0 {
		return true // ok: no body to judge
	}
	reaching := func(end func(ssa.Instruction) bool) map[*ssa.BasicBlock]bool {
		seen := make(map[*ssa.BasicBlock]bool)
		var stack []*ssa.BasicBlock
		for _, b := range fn.Blocks {
			if n := len(b.Instrs); n > 0 && end(b.Instrs[n-1]) {
				stack = append(stack, b)
			}
		}
		for len(stack) > 0 {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[b] {
				continue
			}
			seen[b] = true
			for _, p := range b.Preds {
				if live(p, b) {
					stack = append(stack, p)
				}
			}
		}
		return seen
	}
	returns := reaching(func(x ssa.Instruction) bool { _, ok := x.(*ssa.Return); return ok })
	var ends map[*ssa.BasicBlock]bool // returns or panics, built when the header has an exit
	in := make(map[*ssa.BasicBlock]bool, len(l.Blocks))
	for _, b := range l.Blocks {
		in[b] = true
	}
	for _, b := range l.Blocks {
		for _, s := range b.Succs {
			if in[s] || !live(b, s) {
				continue
			}
			if returns[s] {
				return true
			}
			if reachesBlock(s, l.Header, in) {
				return true // an inner loop: it ends, and the loop around it comes back to it; that one is judged on its own
			}
			if strings.HasSuffix(s.Comment, ".done") {
				if ends == nil {
					ends = reaching(func(x ssa.Instruction) bool {
						switch x.(type) {
						case *ssa.Return, *ssa.Panic:
							return true
						}
						return false
					})
				}
				if ends[s] {
					return true
				}
			}
		}
	}
	return false
}

// ObservesContext reports whether instr calls ctx.Err(), receives from
// ctx.Done() or passes a context to a call (the per-instruction test that
// Loop.ObservesContext applies to a loop body), or hands a ctx.Done()
// channel to someone else: stores it (req.Cancel = ctx.Done()), passes it
// to a call or sends it on a channel.
func ObservesContext(instr ssa.Instruction) bool {
	return observesContext(instr) || handsOnDone(instr)
}

// handsOnDone reports whether instr stores, passes or sends a ctx.Done()
// channel.
func handsOnDone(instr ssa.Instruction) bool {
	var vals []ssa.Value
	switch x := instr.(type) {
	case *ssa.Store:
		vals = []ssa.Value{x.Val}
	case *ssa.Send:
		vals = []ssa.Value{x.X}
	case ssa.CallInstruction:
		vals = x.Common().Args
	}
	for _, v := range vals {
		if _, ok := v.Type().Underlying().(*types.Chan); !ok {
			continue
		}
		if _, ok := ctxflow.IsDoneChannel(v); ok {
			return true
		}
	}
	return false
}

// FuncObservesContext reports whether fn, or a closure it makes, observes
// a context anywhere (see ObservesContext).
func FuncObservesContext(fn *ssa.Function) bool {
	seen := map[*ssa.Function]bool{}
	var visit func(fn *ssa.Function) bool
	visit = func(fn *ssa.Function) bool {
		if fn == nil || seen[fn] {
			return false
		}
		seen[fn] = true
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if ObservesContext(instr) {
					return true
				}
			}
		}
		for _, anon := range fn.AnonFuncs {
			if visit(anon) {
				return true
			}
		}
		return false
	}
	return visit(fn)
}

// EveryCycleObserves reports whether instr runs in a loop and every way
// round from instr back to it observes a context (ObservesContext): a
// wait there delays noticing a cancellation by one wait at most, since
// the next iteration looks at the context before instr runs again. A
// cycle through instr that observes nothing (a retry branch that only
// sleeps and continues) makes it false.
func EveryCycleObserves(instr ssa.Instruction) bool {
	return EveryCycleObservesBesides(instr, nil)
}

// EveryCycleObservesBesides is EveryCycleObserves where the instructions
// for which besides holds do not count as observing: a retrier handed ctx
// that computes the pause to sleep (wait := retrier.Retry(ctx, n)) is
// not evidence that the loop notices a cancellation, since the pause is
// all it returns.
func EveryCycleObservesBesides(instr ssa.Instruction, besides func(ssa.Instruction) bool) bool {
	again := func(x ssa.Instruction) bool { return x == instr }
	if cfg.FirstAvoiding(instr, again, func(ssa.Instruction) bool { return false }, nil) == nil {
		return false // not in a loop
	}
	observes := ObservesContext
	if besides != nil {
		observes = func(x ssa.Instruction) bool { return ObservesContext(x) && !besides(x) }
	}
	return cfg.FirstAvoiding(instr, again, observes, nil) == nil
}

// LoopCarried reports whether v, computed for an instruction of loop l,
// depends on a value the loop carries from one iteration to the next (a
// phi of one of its blocks, such as a back-off doubled each round, or a
// retry counter), following operands within the function.
func (l *Loop) LoopCarried(v ssa.Value) bool { return l.carried(v, true, false) }

// CarriedAcross is LoopCarried counting only the phis of l's header: a
// value carried from one iteration to the next (n++ in a counted loop),
// not a phi that merges the branches of one iteration (err set by one of
// two calls).
func (l *Loop) CarriedAcross(v ssa.Value) bool { return l.carried(v, true, true) }

// GrownInLoop is LoopCarried without looking through calls: v depends on
// a value the loop carries through arithmetic of its own (d *= 2), not
// through what a callee decided from it (policy(n), a retrier's next
// wait, a user's error callback): a call's result is the callee's choice,
// configured by whoever supplied it.
func (l *Loop) GrownInLoop(v ssa.Value) bool { return l.carried(v, false, false) }

// invariantPhi reports whether phi, at a block of l, only passes the same
// value round the loop: every edge from a block of the loop brings back
// the phi itself, so the loop never changes it (go/ssa keeps such a phi
// where a variable assigned before the loop is live across it).
func (l *Loop) invariantPhi(phi *ssa.Phi) bool {
	b := phi.Block()
	for i, e := range phi.Edges {
		if i < len(b.Preds) && slices.Contains(l.Blocks, b.Preds[i]) && e != phi {
			return false
		}
	}
	return true
}

func (l *Loop) carried(v ssa.Value, throughCalls, headerOnly bool) bool {
	seen := map[ssa.Value]bool{}
	var visit func(v ssa.Value, depth int) bool
	visit = func(v ssa.Value, depth int) bool {
		if v == nil || seen[v] || depth > 32 {
			return depth > 32
		}
		seen[v] = true
		instr, ok := v.(ssa.Instruction)
		if !ok || !slices.Contains(l.Blocks, instr.Block()) {
			return false // a parameter, a constant, or a value made before the loop
		}
		if phi, ok := v.(*ssa.Phi); ok && (!headerOnly || phi.Block() == l.Header) {
			if !l.invariantPhi(phi) {
				return true
			}
			// the loop only passes the value round: what it holds comes
			// from before the loop (poll := d; if poll <= 0 { poll = def })
			for _, e := range phi.Edges {
				if e != phi && visit(e, depth+1) {
					return true
				}
			}
			return false
		}
		if _, ok := v.(*ssa.Call); ok && !throughCalls {
			return false
		}
		var rands []*ssa.Value
		for _, op := range instr.Operands(rands) {
			if *op != nil && visit(*op, depth+1) {
				return true
			}
		}
		return false
	}
	return visit(v, 0)
}

// reachesBlock reports whether target can be reached from from without
// passing through the blocks of skip (the loop whose exit this is).
func reachesBlock(from, target *ssa.BasicBlock, skip map[*ssa.BasicBlock]bool) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{from}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		for _, s := range b.Succs {
			if s == target {
				return true
			}
			if !skip[s] {
				stack = append(stack, s)
			}
		}
	}
	return false
}
