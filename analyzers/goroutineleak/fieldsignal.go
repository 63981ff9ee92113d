package goroutineleak

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

// checkSkippedFieldCloses reports a wait of fn on a signal channel kept in
// a struct field (a receive, or a select whose other cases nothing can
// wake) when the package closes the channel at one place only, in one
// function, and that function can return without closing it: a wait that
// starts once it has returned that way blocks forever.
//
//	func (c *controller) Run(stop <-chan struct{}) {
//		if !cache.WaitForCacheSync(stop, c.synced) {
//			return // c.ready stays open
//		}
//		close(c.ready)
//		<-stop
//	}
//
//	func (c *controller) WaitForInitialSync() { <-c.ready } // blocks forever after that return
//
// The closing function is the one whose execution closes the channel: a
// function that closes it on every path hands the question to its caller
// when all its callers are known and lie in one function (a helper
// markReady called from Run, a deferred closure). Not reported: a channel
// that anything else can close or send on (another function of the
// package, or code outside it: an exported field, a channel handed out
// for writing); a return decided by the object's own state (if s.closed
// { return }, if !s.started.CompareAndSwap(false, true) { return }: the
// channel was closed by an earlier call, or the waiters were never
// started) or taken once a receive found the channel closed (select {
// case <-s.done: default: close(s.done) }); a return that hands its caller
// a non-nil error (the caller learns the signal will not come); a wait in
// the closing function itself, in a test's code (a bug kernel's own code
// counts: kernelCode), or in code that runs once per process.
func (c *checker) checkSkippedFieldCloses(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ch, ok := c.signalWait(instr)
			if !ok {
				continue
			}
			if sk, ok := c.skippedFieldClose(instr, ch); ok {
				c.reportSkippedFieldClose(instr, ch, sk)
				return
			}
		}
	}
}

// signalWait returns the field channel instr waits on: a plain receive
// from it, or a blocking select whose every other case nothing can wake.
func (c *checker) signalWait(instr ssa.Instruction) (ssa.Value, bool) {
	var ch ssa.Value
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op != token.ARROW || x.CommaOk || chans.LenGuarded(x, x.X) {
			return nil, false // ok: a range or a comma-ok receive takes values and tells the close apart
		}
		ch = x.X
	case *ssa.Select:
		if !x.Blocking {
			return nil, false
		}
		for _, st := range x.States {
			if st.Dir == types.RecvOnly && isFieldChan(st.Chan) && ch == nil {
				ch = st.Chan
				continue
			}
			if !c.model.Unwakeable(st.Chan, st.Dir == types.SendOnly) {
				return nil, false // ok: another case is a way out
			}
		}
	default:
		return nil, false
	}
	if ch == nil || !isFieldChan(ch) {
		return nil, false
	}
	return ch, true
}

// isFieldChan reports whether every origin of channel v is one struct
// field.
func isFieldChan(v ssa.Value) bool {
	ids := chans.Origins(v)
	if len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		if id.Kind != chans.Field || id.Field != ids[0].Field {
			return false
		}
	}
	return true
}

// fieldSkip is a closing function's way out without the close.
type fieldSkip struct {
	closer *ssa.Function
	ret    *ssa.Return
	others []*ssa.Return     // the closer's other returns that skip it as silently
	closes []ssa.Instruction // the closes (or the calls that close) the return avoids
}

// skippedFieldClose finds the one function that closes ch, when nothing
// else can wake wait, a wait on it, and a return of it that avoids the
// close.
func (c *checker) skippedFieldClose(wait ssa.Instruction, ch ssa.Value) (fieldSkip, bool) {
	w := c.model.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return fieldSkip{}, false // ok: outside code may wake it; none at all is the one-sided check's
	}
	var closer *ssa.Function
	var stops []ssa.Instruction
	for _, s := range w.Sites {
		if s.What != "close" || s.Instr == nil || s.Instr.Parent() == nil {
			return fieldSkip{}, false // ok: a send wakes it too (a value, not a signal)
		}
		if closer != nil && s.Instr.Parent() != closer {
			return fieldSkip{}, false // ok: more than one function may close it
		}
		closer = s.Instr.Parent()
		stops = append(stops, s.Instr)
	}
	return c.skippedSignal(wait, ch, closer, stops)
}

// skippedSignal finds a return of closer, the one function whose
// execution gives wait its signal at stops (the closes of ch; for a Cond,
// ch is nil and stops are the stores of the flag's exiting value), that
// avoids every stop. A closer that signals on every path hands the
// question to its caller, when all its callers are known and lie in one
// function.
func (c *checker) skippedSignal(wait ssa.Instruction, ch ssa.Value, closer *ssa.Function, stops []ssa.Instruction) (fieldSkip, bool) {
	waiter := wait.Parent()
	for range 4 {
		if closer == waiter || closer.Pkg != waiter.Pkg || passutil.InTestFile(c.pass, closer) && !c.kernelCode(closer) {
			return fieldSkip{}, false // ok: the waiter closes it itself, or the closer is a test's
		}
		if rets := c.returnsWithoutClose(closer, ch, stops, wait); len(rets) > 0 {
			return fieldSkip{closer: closer, ret: rets[0], others: rets[1:], closes: stops}, true
		}
		calls, all := c.model.Callers(closer)
		if !all {
			return fieldSkip{}, false // ok: it closes on every path, and code the package does not show may call it
		}
		var caller *ssa.Function
		stops = stops[:0:0]
		for _, call := range calls {
			if caller != nil && call.Parent() != caller {
				return fieldSkip{}, false // ok: called from several functions
			}
			caller = call.Parent()
			stops = append(stops, call)
		}
		closer = caller
	}
	return fieldSkip{}, false
}

// returnsWithoutClose returns the returns of closer that a path from its
// entry reaches without passing a stop (a close, a call that closes, a
// defer that does; for a Cond's flag, ch nil, a store of its exiting
// value), through no branch on the object's own state and no receive that
// found ch closed, in block order.
func (c *checker) returnsWithoutClose(closer *ssa.Function, ch ssa.Value, stops []ssa.Instruction, wait ssa.Instruction) []*ssa.Return {
	stopSet := map[ssa.Instruction]bool{}
	for _, s := range stops {
		stopSet[s] = true
	}
	recvsCh := func(ssa.Value) bool { return false }
	if ch != nil {
		field := chans.Origins(ch)[0].Field
		recvsCh = func(v ssa.Value) bool {
			ids := chans.Origins(v)
			return len(ids) > 0 && ids[0].Kind == chans.Field && ids[0].Field == field
		}
	}
	stop := func(instr ssa.Instruction) bool {
		if stopSet[instr] || c.noReturnCall(instr) {
			return true
		}
		// a receive that got past a wait on ch found it closed already
		recv, ok := instr.(*ssa.UnOp)
		return ok && recv.Op == token.ARROW && recvsCh(recv.X)
	}
	reachesStop := map[*ssa.BasicBlock]bool{}
	for s := range stopSet {
		reachesStop[s.Block()] = true
	}
	for changed := true; changed; {
		changed = false
		for _, b := range closer.Blocks {
			if reachesStop[b] {
				continue
			}
			for _, s := range b.Succs {
				if reachesStop[s] {
					reachesStop[b], changed = true, true
					break
				}
			}
		}
	}
	cut := map[[2]*ssa.BasicBlock]bool{}
	for _, b := range closer.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.If:
				if !wake.DecidedByOwnState(x.Cond, closer) {
					continue
				}
				for _, s := range b.Succs {
					if !reachesStop[s] {
						cut[[2]*ssa.BasicBlock{b, s}] = true // a guard on the object's state: not a skip
					}
				}
			case *ssa.Select:
				for i, st := range x.States {
					if st.Dir == types.RecvOnly && recvsCh(st.Chan) {
						if e := spawn.CaseEdges(x)[i]; e[1] != nil {
							cut[e] = true // the case that found ch closed
						}
					}
				}
			}
		}
	}
	if e, ok := errorResult(closer.Signature); ok {
		// a return that hands its caller an error tells it the signal
		// will not come (a failed Join, a Listen that failed): only a
		// return that reports success, or reports nothing, skips it
		// silently; or one whose path records the outcome in a field
		// that the waiter reads once its wait is over (p.err = err;
		// return err, with <-p.ready; return p.err): the failure was
		// meant for the waiter too, which never gets past the wait
		readAfter := fieldsReadAfter(wait)
		for _, b := range closer.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || len(ret.Results) <= e || ssax.IsNilConst(ret.Results[e]) {
				continue
			}
			if recordsOutcome(b, reachesStop, readAfter) {
				continue
			}
			for _, p := range b.Preds {
				cut[[2]*ssa.BasicBlock{p, b}] = true
			}
		}
	}
	skip := func(from, to *ssa.BasicBlock) bool { return cut[[2]*ssa.BasicBlock{from, to}] }
	return c.model.EntryReturnsAvoiding(closer, stop, skip)
}

// fieldsReadAfter returns the struct fields that wait's function loads
// after wait.
func fieldsReadAfter(wait ssa.Instruction) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	for _, b := range wait.Parent().Blocks {
		for _, instr := range b.Instrs {
			load, ok := instr.(*ssa.UnOp)
			if !ok || load.Op != token.MUL {
				continue
			}
			fa, ok := load.X.(*ssa.FieldAddr)
			if !ok || !cfg.Reaches(wait, load, nil) {
				continue
			}
			if f := ssax.Field(fa.X.Type(), fa.Field); f != nil {
				out[f] = true
			}
		}
	}
	return out
}

// recordsOutcome reports whether the failing path into ret, the return
// block (the blocks that dominate it and can no longer reach a signal),
// stores into one of the fields read.
func recordsOutcome(ret *ssa.BasicBlock, reachesStop map[*ssa.BasicBlock]bool, read map[*types.Var]bool) bool {
	if len(read) == 0 {
		return false
	}
	for b := ret; b != nil && !reachesStop[b]; b = b.Idom() {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			if fa, ok := st.Addr.(*ssa.FieldAddr); ok && read[ssax.Field(fa.X.Type(), fa.Field)] {
				return true
			}
		}
	}
	return false
}

func (c *checker) reportSkippedFieldClose(wait ssa.Instruction, ch ssa.Value, sk fieldSkip) {
	name := ssax.Name(ch)
	if name == "" {
		name = "the channel"
	}
	closer := fnName(sk.closer)
	if sk.closer.Parent() != nil {
		closer = "a goroutine of " + fnName(sk.closer.Parent())
	}
	related := []analysis.RelatedInformation{
		passutil.Related(returnPos(sk.ret), "%s returns here without closing %s", closer, name),
	}
	for _, r := range sk.others {
		related = append(related, passutil.Related(returnPos(r), "and here"))
	}
	for _, s := range sk.closes {
		what := "the close it skips"
		if _, isCall := s.(*ssa.Call); isCall && !isCloseBuiltin(s) {
			what = "the call that closes it, skipped"
		}
		related = append(related, passutil.Related(ssax.Pos(s), "%s", what))
	}
	if id := chans.Origins(ch)[0]; id.Field != nil {
		related = append(related, passutil.Related(id.Field.Pos(), "field %s declared here: nothing else in the package closes it or sends on it", id.Field.Name()))
	}
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(wait),
		Category: catSkippedSend,
		Message:  fmt.Sprintf("receive from %s can block forever: its only close, in %s, is skipped when %s returns early, and nothing else wakes this wait (goroutine leak)", name, closer, closer),
		Related:  related,
	})
}

// isCloseBuiltin reports whether instr is a call of the builtin close.
func isCloseBuiltin(instr ssa.Instruction) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	b, ok := call.Common().Value.(*ssa.Builtin)
	return ok && b.Name() == "close"
}
