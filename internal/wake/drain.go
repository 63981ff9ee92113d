package wake

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssax"
)

// This file answers, for a channel a function returns, whether its
// consumers can stop early: when every caller of the function is known
// and every one of them (or the goroutine or callee it hands the channel
// to) keeps receiving until it sees the channel closed, a goroutine that
// fills the channel cannot be left blocked by its consumer.

// maxDrainDepth bounds how far a channel is followed into the callees and
// goroutines it is handed to.
const maxDrainDepth = 4

// DrainedToClose reports whether every consumer of the channel that fn
// returns as its results number results keeps receiving from it until it
// is closed. It needs every caller of fn to be known (fn is unexported,
// not used as a value, not a method an interface call may reach, not
// started as a goroutine) and, for each call, that along every path from
// the call the caller receives from the result until it sees it closed
// (the closed exit of a range or of a comma-ok receive, in a select or
// not), or hands it to a goroutine or callee that does so from its entry.
// A path that returns, drops the channel (stores nil in its variable, as
// for a select case disabled by ch = nil), passes the call again, or
// hands the channel to code that does not drain it is an early stop; a
// channel that escapes (stored, sent, returned, converted, passed to an
// unknown function) or that a consumer sends on or closes is not known
// to be drained. A path that ends in a panic or ends the goroutine
// (t.Fatal, runtime.Goexit) is not an early stop.
func (m *Model) DrainedToClose(fn *ssa.Function, results []int) bool {
	calls, all := m.Callers(fn)
	if !all || len(results) == 0 {
		return false
	}
	for _, c := range calls {
		call, ok := c.(*ssa.Call)
		if !ok {
			return false // ok: a deferred producer's result is dropped
		}
		for _, i := range results {
			if !m.callerDrains(call, i) {
				return false
			}
		}
	}
	return true
}

// KnownConsumerStops reports whether some call of fn in the package does
// not keep receiving from the channel that fn returns as its results
// number results until it is closed (it returns, drops the channel, calls
// fn again, or hands it to code that does not drain it): the evidence
// that a consumer of a generator stops early. A function whose callers
// are not all known (used as a value, reached through an interface) may
// have other consumers; those are not evidence either way.
func (m *Model) KnownConsumerStops(fn *ssa.Function, results []int) bool {
	if len(results) == 0 {
		return false
	}
	calls, _ := m.Callers(fn)
	for _, c := range calls {
		call, ok := c.(*ssa.Call)
		if !ok {
			continue // a go or defer of the producer: its result is dropped by the language, not by a consumer
		}
		for _, i := range results {
			if !m.callerDrains(call, i) {
				return true
			}
		}
	}
	return false
}

// DroppingCalls returns the calls of fn, in the package, that drop the
// channel fn returns as one of its results: the result is never used, so
// nothing can ever receive from it (_ = fetchAsync(), or the call as a
// statement).
func (m *Model) DroppingCalls(fn *ssa.Function, results []int) []*ssa.Call {
	calls, _ := m.Callers(fn)
	var out []*ssa.Call
	for _, c := range calls {
		call, ok := c.(*ssa.Call)
		if !ok {
			continue
		}
		for _, i := range results {
			if unused(call, i) {
				out = append(out, call)
				break
			}
		}
	}
	return out
}

// unused reports whether result i of call is never read.
func unused(call *ssa.Call, i int) bool {
	v := resultValue(call, i)
	if v == nil {
		return call.Call.Signature().Results().Len() > 1 || i == 0
	}
	return ssax.Unread(v)
}

// callerDrains reports whether the function that makes call keeps
// receiving from the channel of its result i until it is closed (by itself
// or through what it hands the channel to); an unused result is dropped.
func (m *Model) callerDrains(call *ssa.Call, i int) bool {
	v := resultValue(call, i)
	if v == nil {
		return false // the result is not used: nobody receives
	}
	d := &drain{m: m, ids: map[chans.ID]bool{{Kind: chans.External, Value: v}: true}, visiting: map[*ssa.Function]bool{}}
	return d.drains(call.Parent(), []ssa.Value{v}, call, 0)
}

// resultValue is the value of result i of call: the call itself for a
// function with one result, its Extract otherwise (nil when unused).
func resultValue(call *ssa.Call, i int) ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		if i == 0 {
			return call
		}
		return nil
	}
	refs := call.Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// drain is one DrainedToClose question: the identities (chans.ID) the
// channel has in the consumers, grown as it is handed to callees.
type drain struct {
	m        *Model
	ids      map[chans.ID]bool
	visiting map[*ssa.Function]bool
	origins  map[ssa.Value]bool
}

// tracked reports whether v is the channel: all its origins are.
func (d *drain) tracked(v ssa.Value) bool {
	if v == nil {
		return false
	}
	if r, ok := d.origins[v]; ok {
		return r
	}
	ids := chans.Origins(v)
	r := len(ids) > 0
	for _, id := range ids {
		r = r && d.ids[id]
	}
	if d.origins == nil {
		d.origins = map[ssa.Value]bool{}
	}
	d.origins[v] = r
	return r
}

// trackedVar reports whether addr is a local or captured variable that
// holds the channel.
func (d *drain) trackedVar(addr ssa.Value) bool {
	switch addr.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
	default:
		return false
	}
	for _, v := range ssax.StoredValues(addr) {
		if d.tracked(v) {
			return true
		}
	}
	return false
}

// drains reports whether fn, from start (its entry when nil) on, where the
// channel roots are is live and not yet seen closed, keeps receiving from
// it until it sees it closed, by itself or through the goroutines and
// callees it hands the channel to.
func (d *drain) drains(fn *ssa.Function, roots []ssa.Value, start ssa.Instruction, depth int) bool {
	if depth > maxDrainDepth || d.visiting[fn] || len(fn.Blocks) == 0 {
		return false
	}
	d.visiting[fn] = true
	defer delete(d.visiting, fn)

	// handed says, for each call, go or defer that hands the channel on,
	// whether the function it runs drains the channel from its entry.
	handed := map[ssa.Instruction]bool{}
	for _, a := range chans.Accesses(roots...) {
		switch a.Kind {
		case chans.AccRecv, chans.AccSelectRecv:
		case chans.AccArg:
			call := a.Instr.(ssa.CallInstruction)
			callee := d.m.chans.Resolver().Callee(call.Common())
			p := callees.Param(call.Common(), callee, a.Arg)
			if callee == nil || p == nil || !d.m.calls.indexed[callee] {
				return false // passed to code that may do anything with it
			}
			d.ids[chans.ID{Kind: chans.Param, Param: p}] = true
			d.origins = nil
			handed[call] = handed[call] || d.drains(callee, []ssa.Value{p}, nil, depth+1)
		case chans.AccCapture:
			cfn, ok := a.Closure.Fn.(*ssa.Function)
			calls, escapes := ssax.ClosureCalls(a.Closure)
			if !ok || escapes || a.Arg >= len(cfn.FreeVars) {
				return false // the closure is kept: who runs it is unknown
			}
			ok = d.drains(cfn, []ssa.Value{cfn.FreeVars[a.Arg]}, nil, depth+1)
			for _, c := range calls {
				handed[c] = handed[c] || ok
			}
		default:
			return false // sent on, closed, or lost to the walk
		}
	}

	seen := map[*ssa.BasicBlock]bool{}
	type item struct {
		b    *ssa.BasicBlock
		from int // index of the first instruction to look at
	}
	var work []item
	if start == nil {
		work = append(work, item{fn.Blocks[0], 0})
	} else {
		b := start.Block()
		for i, instr := range b.Instrs {
			if instr == start {
				work = append(work, item{b, i + 1})
			}
		}
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		if it.from == 0 {
			if seen[it.b] {
				continue
			}
			seen[it.b] = true
		}
		next, ok := d.block(it.b, it.from, start, handed)
		if !ok {
			return false
		}
		for _, s := range next {
			work = append(work, item{s, 0})
		}
	}
	return true
}

// block follows the pending channel through b from instruction from on.
// It returns the successors still to follow, or false on an early stop.
func (d *drain) block(b *ssa.BasicBlock, from int, start ssa.Instruction, handed map[ssa.Instruction]bool) ([]*ssa.BasicBlock, bool) {
	for _, instr := range b.Instrs[from:] {
		if instr == start {
			return nil, false // the caller makes a new channel: the old one is left
		}
		if ok, isHanded := handed[instr]; isHanded {
			if _, isDefer := instr.(*ssa.Defer); ok && !isDefer {
				return nil, true // ok: the goroutine or callee drains it to the close
			}
			return nil, false
		}
		switch x := instr.(type) {
		case *ssa.Return:
			return nil, false // the consumer stops receiving
		case *ssa.Panic:
			return nil, true
		case *ssa.Store:
			if isNil(x.Val) && d.trackedVar(x.Addr) {
				return nil, false // ch = nil: the consumer stops receiving
			}
		case *ssa.Call:
			if d.m.nr.NeverReturns(&x.Call) {
				return nil, true // ok: the consumer's goroutine (or process) ends, as at a panic
			}
		}
	}
	succs := b.Succs
	if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && len(succs) == 2 {
		if k, ok := d.pendingEdge(iff, b); ok {
			succs = succs[k : k+1]
		}
	}
	for _, s := range succs {
		for _, instr := range s.Instrs {
			phi, ok := instr.(*ssa.Phi)
			if !ok {
				break
			}
			if i := predIndex(s, b); i >= 0 && isNil(phi.Edges[i]) && d.tracked(phi) {
				return nil, false // the channel's variable becomes nil: dropped
			}
		}
	}
	return succs, true
}

// pendingEdge returns which successor of the If ending b can be taken
// while the channel is open and held: the "received" edge of a test of a
// receive's ok, the "not nil" edge of a comparison of the channel with
// nil. The other edge of an ok test is the close, where draining ends.
func (d *drain) pendingEdge(iff *ssa.If, b *ssa.BasicBlock) (int, bool) {
	cond, okSucc := iff.Cond, 0
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, okSucc = not.X, 1
	}
	if ch, ok := d.m.recvOkChan(cond, b); ok && d.tracked(ch) {
		return okSucc, true
	}
	bin, ok := cond.(*ssa.BinOp)
	if !ok || (bin.Op != token.EQL && bin.Op != token.NEQ) {
		return 0, false
	}
	if !(d.tracked(bin.X) && isNil(bin.Y) || d.tracked(bin.Y) && isNil(bin.X)) {
		return 0, false
	}
	if bin.Op == token.EQL {
		return 1, true // ch == nil is false while it is held
	}
	return 0, true
}

// predIndex is the index of pred among b's predecessors, or -1.
func predIndex(b, pred *ssa.BasicBlock) int {
	for i, p := range b.Preds {
		if p == pred {
			return i
		}
	}
	return -1
}

// isNil reports whether v is the constant nil of a channel type.
func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value != nil {
		return false
	}
	_, isChan := c.Type().Underlying().(*types.Chan)
	return isChan
}
