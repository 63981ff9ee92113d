package wake

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/spawn"
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
func (m *Model) DrainedToClose(fn *ssa.Function, results, terminal []int) bool {
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
			if !m.consumption(call, i, terminal, false).drained() {
				return false
			}
		}
	}
	return true
}

// KnownConsumerStops reports whether some call of fn in the package stops
// receiving from the channel that fn returns as its results number results
// before it is closed: it returns, drops the channel or calls fn again
// while the channel is still open, by itself or in the callee or goroutine
// it hands the channel to. That is the evidence that a consumer of a
// generator stops early. A channel handed to code the walk cannot follow
// (an unknown callee, a field, another channel) is no evidence either
// way, nor are the callers a function may have out of view (used as a
// value, reached through an interface).
//
// A stop right after a received value matched a constant tag, before the
// next receive (if e.Type == CancelEvent { return }), is a terminal value
// of the stream's protocol; it counts as an early stop only when
// tagStops is set. A stage that forwards its caller's values passes that
// protocol on from its source: a consumer that stops at the terminal
// value stops where the source ends. A call for which ignore is true (a
// test's, whose abandoning is the test's choreography) is no evidence.
func (m *Model) KnownConsumerStops(fn *ssa.Function, results, terminal []int, tagStops bool, ignore func(ssa.Instruction) bool) bool {
	if len(results) == 0 {
		return false
	}
	calls, _ := m.Callers(fn)
	for _, c := range calls {
		call, ok := c.(*ssa.Call)
		if !ok {
			continue // a go or defer of the producer: its result is dropped by the language, not by a consumer
		}
		if ignore != nil && ignore(call) {
			continue
		}
		for _, i := range results {
			got := m.consumption(call, i, terminal, false)
			if got.stops || tagStops && got.tagStops {
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
			if ssax.ResultUnread(call, i) {
				out = append(out, call)
				break
			}
		}
	}
	return out
}

// A Skip is a call of a future (a function that returns a channel a
// goroutine it starts sends a fixed number of values on) whose result is
// kept, and a return of the caller that a path from the call reaches
// without receiving from it.
type Skip struct {
	Call   *ssa.Call
	Return *ssa.Return
}

// SkippingCalls returns the calls of fn in the package that keep its
// channel result (one of results) in a local and can return without
// receiving from it: ch := s.indexAsync(d); if err := s.put(d); err !=
// nil { return err }; return <-ch. The channel must be used only by
// plain receives and selects of the caller (not handed on, stored or
// captured), and a path counts only when no instruction on it for which
// ends holds (a call that never returns) cuts it.
func (m *Model) SkippingCalls(fn *ssa.Function, results []int, ends func(ssa.Instruction) bool) []Skip {
	calls, _ := m.Callers(fn)
	var out []Skip
	for _, c := range calls {
		call, ok := c.(*ssa.Call)
		if !ok || call.Block() == nil {
			continue
		}
		for _, i := range results {
			v := ssax.ResultValue(call, i)
			if v == nil || ssax.Unread(v) {
				continue // dropped: DroppingCalls
			}
			recvs, ok := plainReceives(v, call.Parent())
			if !ok || len(recvs) == 0 {
				continue
			}
			stops, taken := receiveCuts(recvs, v)
			stop := func(instr ssa.Instruction) bool { return stops[instr] || ends(instr) }
			skip := func(from, to *ssa.BasicBlock) bool { return taken[[2]*ssa.BasicBlock{from, to}] }
			isReturn := func(instr ssa.Instruction) bool { _, ok := instr.(*ssa.Return); return ok }
			if ret, ok := cfg.FirstAvoiding(call, isReturn, stop, skip).(*ssa.Return); ok {
				out = append(out, Skip{Call: call, Return: ret})
			}
		}
	}
	return out
}

// receiveCuts says where the receives recvs (from channel v) cut a path:
// a plain receive at itself, a select on the edges of v's cases, so that
// a path through another case (the timeout, ctx.Done) goes on without
// having received; a select whose dispatch is not recognized cuts at
// itself.
func receiveCuts(recvs map[ssa.Instruction]bool, v ssa.Value) (stops map[ssa.Instruction]bool, taken map[[2]*ssa.BasicBlock]bool) {
	stops = map[ssa.Instruction]bool{}
	taken = map[[2]*ssa.BasicBlock]bool{}
	for instr := range recvs {
		sel, ok := instr.(*ssa.Select)
		if !ok {
			stops[instr] = true
			continue
		}
		edges := spawn.CaseEdges(sel)
		var own [][2]*ssa.BasicBlock
		for i, st := range sel.States {
			if st.Chan != v {
				continue
			}
			if edges[i][0] == nil {
				own = nil
				stops[instr] = true
				break
			}
			own = append(own, edges[i])
		}
		for _, e := range own {
			taken[e] = true
		}
	}
	return stops, taken
}

// plainReceives returns the receives (plain, or a select's case) from
// the channel v makes in fn, and false when v is used in any other way
// (sent, stored, handed to a call, captured, compared, returned).
func plainReceives(v ssa.Value, fn *ssa.Function) (map[ssa.Instruction]bool, bool) {
	out := map[ssa.Instruction]bool{}
	refs := v.Referrers()
	if refs == nil {
		return nil, false
	}
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if x.Op != token.ARROW {
				return nil, false
			}
			out[x] = true
		case *ssa.Select:
			for _, st := range x.States {
				if st.Chan == v && st.Dir != types.RecvOnly {
					return nil, false
				}
			}
			out[x] = true
		default:
			return nil, false
		}
	}
	return out, true
}

// consumption is what the function that makes call does with the channel
// of its result i, by itself or through what it hands the channel to; an
// unused result is a stop: nobody receives.
// importedNilOnError stands for the producer's body when it is out of
// view (ImportedProducer.NilOnError).
func (m *Model) consumption(call *ssa.Call, i int, terminal []int, importedNilOnError bool) consumption {
	v := ssax.ResultValue(call, i)
	if v == nil {
		return consumption{stops: true, stopAt: call}
	}
	d := &drain{m: m, ids: map[chans.ID]bool{{Kind: chans.External, Value: v}: true}, visiting: map[*ssa.Function]bool{}, call: call, chanResult: i, importedNilOnError: importedNilOnError}
	d.setTerminal(call, terminal)
	return d.drains(call.Parent(), []ssa.Value{v}, call, 0)
}

// setTerminal records the results of call, among terminal, that are the
// producer's last word (LastWord): a receive from one of them ends the
// path, as the close of the channel would.
func (d *drain) setTerminal(call *ssa.Call, terminal []int) {
	for _, j := range terminal {
		if v := ssax.ResultValue(call, j); v != nil {
			if d.terminal == nil {
				d.terminal = map[ssa.Value]bool{}
			}
			d.terminal[v] = true
		}
	}
}

// isTerminal reports whether v is a terminal channel, a load of a
// variable that holds only terminal channels, or such a variable.
func (d *drain) isTerminal(v ssa.Value) bool {
	if len(d.terminal) == 0 {
		return false
	}
	v = ssax.Unwrap(v)
	if d.terminal[v] {
		return true
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return d.isTerminal(x.X)
		}
	case *ssa.Alloc:
		stored := ssax.StoredValues(x)
		return len(stored) > 0 && !slices.ContainsFunc(stored, func(s ssa.Value) bool { return !d.terminal[ssax.Unwrap(s)] })
	}
	return false
}

// terminalCase reports whether b is the body of a select case that
// receives from a terminal channel.
func (d *drain) terminalCase(b *ssa.BasicBlock) bool {
	if len(d.terminal) == 0 {
		return false
	}
	fn := b.Parent()
	cases, ok := d.terminalCases[fn]
	if !ok {
		for _, blk := range fn.Blocks {
			for _, instr := range blk.Instrs {
				sel, ok := instr.(*ssa.Select)
				if !ok {
					continue
				}
				for k, cb := range spawn.CaseBlocks(sel) {
					if cb != nil && sel.States[k].Dir == types.RecvOnly && d.isTerminal(sel.States[k].Chan) {
						if cases == nil {
							cases = map[*ssa.BasicBlock]bool{}
						}
						cases[cb] = true
					}
				}
			}
		}
		if d.terminalCases == nil {
			d.terminalCases = map[*ssa.Function]map[*ssa.BasicBlock]bool{}
		}
		d.terminalCases[fn] = cases
	}
	return cases[b]
}

// ImportedProducer is what a call's consumer needs to know of a producer
// of another package, whose body is out of view: it is carried by a fact.
type ImportedProducer struct {
	// Results are the results through which it returns the channel.
	Results []int
	// TagStops: a stop at a terminal tag is an early stop (the producer
	// is not a stage that forwards its source's protocol).
	TagStops bool
	// NilOnError: it hands out a nil channel whenever its error result
	// is not nil (return nil, err), so a return on that error holds no
	// channel.
	NilOnError bool
	// Terminal are the results that are channels the producer sends on
	// or closes only once it is done with the one it fills (LastWord).
	Terminal []int
}

// ConsumerStop returns where the function that makes call, a call of a
// producer of another package (p), stops receiving from the channel it
// returns before the channel is closed (KnownConsumerStops, for one call
// of an imported producer): a return, a drop, a new call of the producer,
// by itself or in the callee or goroutine it hands the channel to, or
// call itself when its result is never read.
func (m *Model) ConsumerStop(call *ssa.Call, p ImportedProducer) (ssa.Instruction, bool) {
	for _, i := range p.Results {
		if ssax.ResultUnread(call, i) {
			return call, true
		}
		got := m.consumption(call, i, p.Terminal, p.NilOnError)
		if got.stops {
			return got.stopAt, true
		}
		if p.TagStops && got.tagStops {
			return got.tagAt, true
		}
	}
	return nil, false
}

// NilChannelOnError reports whether fn returns a nil channel in result
// chanResult on every return whose error result errResult is not the
// constant nil: a caller that returns on that error holds no channel.
func NilChannelOnError(fn *ssa.Function, chanResult, errResult int) bool {
	if fn == nil || len(fn.Blocks) == 0 {
		return false
	}
	rets := 0
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		rets++
		if len(ret.Results) <= max(errResult, chanResult) {
			return false
		}
		if !ssax.IsNilConst(ret.Results[errResult]) && !isNil(ret.Results[chanResult]) {
			return false // a channel handed out with an error that may be set
		}
	}
	return rets > 0
}

// drain is one DrainedToClose question: the identities (chans.ID) the
// channel has in the consumers, grown as it is handed to callees.
type drain struct {
	m        *Model
	ids      map[chans.ID]bool
	visiting map[*ssa.Function]bool
	origins  map[ssa.Value]bool
	// call is the producer's call whose result chanResult the walk
	// follows (nil for a walk that starts elsewhere).
	call       *ssa.Call
	chanResult int
	// importedNilOnError stands for the producer's body when it is out
	// of view (ImportedProducer.NilOnError).
	importedNilOnError bool
	// terminal are the values of the producer's last-word channels in
	// the consumers (setTerminal), followed into the closures they are
	// captured by.
	terminal      map[ssa.Value]bool
	terminalCases map[*ssa.Function]map[*ssa.BasicBlock]bool
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

// consumption is what a consumer does with a channel, as far as the walk
// sees: the zero value drains it to its close on every path.
type consumption struct {
	stops    bool // a path stops receiving while the channel is open (returns, drops it, calls the producer again)
	tagStops bool // a path stops right after a value that matched a constant tag, before the next receive
	unknown  bool // a path hands the channel to code the walk cannot follow

	stopAt, tagAt ssa.Instruction // the first stop of each kind the walk met
}

func (c consumption) drained() bool { return !c.stops && !c.tagStops && !c.unknown }

func (c *consumption) add(o consumption) {
	if c.stopAt == nil {
		c.stopAt = o.stopAt
	}
	if c.tagAt == nil {
		c.tagAt = o.tagAt
	}
	c.stops = c.stops || o.stops
	c.tagStops = c.tagStops || o.tagStops
	c.unknown = c.unknown || o.unknown
}

// stop is an early stop on a path at instr: after a terminal tag or not.
func stop(afterTag bool, at ssa.Instruction) consumption {
	if afterTag {
		return consumption{tagStops: true, tagAt: at}
	}
	return consumption{stops: true, stopAt: at}
}

// drains reports what fn, from start (its entry when nil) on, where the
// channel roots are live and not yet seen closed, does with the channel:
// whether it keeps receiving until it sees it closed on every path, by
// itself or through the goroutines and callees it hands the channel to,
// and if not, how a path stops. Every path is followed, so that a path
// that stops is found even when another hands the channel to unknown
// code.
func (d *drain) drains(fn *ssa.Function, roots []ssa.Value, start ssa.Instruction, depth int) consumption {
	if depth > maxDrainDepth || d.visiting[fn] || len(fn.Blocks) == 0 {
		return consumption{unknown: true}
	}
	d.visiting[fn] = true
	defer delete(d.visiting, fn)

	// handed says, for each instruction that hands the channel on (a call,
	// go or defer, or an escape), what the code it hands it to does with
	// it; a path that reaches one ends there.
	handed := map[ssa.Instruction]consumption{}
	hand := func(instr ssa.Instruction, c consumption) {
		if prev, ok := handed[instr]; ok && prev.drained() {
			return // ok: another argument of the same call drains it
		}
		handed[instr] = c
	}
	for _, a := range chans.Accesses(roots...) {
		switch a.Kind {
		case chans.AccRecv, chans.AccSelectRecv:
		case chans.AccArg:
			call := a.Instr.(ssa.CallInstruction)
			callee := d.m.chans.Resolver().Callee(call.Common())
			p := callees.Param(call.Common(), callee, a.Arg)
			if callee == nil || p == nil || !d.m.calls.indexed[callee] {
				hand(call, consumption{unknown: true}) // passed to code that may do anything with it
				continue
			}
			d.ids[chans.ID{Kind: chans.Param, Param: p}] = true
			d.origins = nil
			hand(call, d.drains(callee, []ssa.Value{p}, nil, depth+1))
		case chans.AccCapture:
			cfn, ok := a.Closure.Fn.(*ssa.Function)
			calls, escapes := ssax.ClosureCalls(a.Closure)
			if !ok || escapes || a.Arg >= len(cfn.FreeVars) {
				hand(a.Instr, consumption{unknown: true}) // the closure is kept: who runs it is unknown
				continue
			}
			for k, bound := range a.Closure.Bindings {
				if k < len(cfn.FreeVars) && d.isTerminal(bound) {
					d.terminal[cfn.FreeVars[k]] = true // the value, or a cell that holds it
				}
			}
			got := d.drains(cfn, []ssa.Value{cfn.FreeVars[a.Arg]}, nil, depth+1)
			for _, c := range calls {
				hand(c, got)
			}
		default:
			if phi, ok := a.Instr.(*ssa.Phi); ok && a.Kind == chans.AccEscape && d.onlyChannelOrNil(phi) {
				continue // ok: a loop's variable that holds the channel or nil (ch = nil disables a select case)
			}
			hand(a.Instr, consumption{unknown: true}) // sent on, closed, or lost to the walk
		}
	}

	var got consumption
	type item struct {
		b        *ssa.BasicBlock
		from     int  // index of the first instruction to look at
		afterTag bool // the last value received matched a constant tag
	}
	type visit struct {
		b        *ssa.BasicBlock
		afterTag bool
	}
	seen := map[visit]bool{}
	var work []item
	if start == nil {
		work = append(work, item{fn.Blocks[0], 0, false})
	} else {
		b := start.Block()
		for i, instr := range b.Instrs {
			if instr == start {
				work = append(work, item{b, i + 1, false})
			}
		}
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		if it.from == 0 {
			if seen[visit{it.b, it.afterTag}] {
				continue
			}
			seen[visit{it.b, it.afterTag}] = true
		}
		next, ended := d.block(it.b, it.from, it.afterTag, start, handed)
		got.add(ended)
		for _, s := range next {
			work = append(work, item{s.b, 0, s.afterTag})
		}
	}
	return got
}

// drainEdge is a successor to follow, and whether the last value received
// matched a constant tag on the way to it.
type drainEdge struct {
	b        *ssa.BasicBlock
	afterTag bool
}

// block follows the pending channel through b from instruction from on.
// It returns the successors still to follow and, when the path ends in b
// otherwise than by draining, how it ends.
func (d *drain) block(b *ssa.BasicBlock, from int, afterTag bool, start ssa.Instruction, handed map[ssa.Instruction]consumption) ([]drainEdge, consumption) {
	if from == 0 && d.terminalCase(b) {
		return nil, consumption{} // ok: the producer's last word: it is done with the channel
	}
	for _, instr := range b.Instrs[from:] {
		if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.ARROW && d.isTerminal(u.X) {
			return nil, consumption{} // ok: the producer's last word: it is done with the channel
		}
		if instr == start {
			return nil, stop(afterTag, instr) // the caller makes a new channel: the old one is left
		}
		if c, isHanded := handed[instr]; isHanded {
			if _, isDefer := instr.(*ssa.Defer); c.drained() && !isDefer {
				return nil, consumption{} // ok: the goroutine or callee drains it to the close
			}
			if c.drained() {
				return nil, consumption{unknown: true} // a deferred drain: what runs before it is not followed
			}
			return nil, c
		}
		if d.receives(instr) {
			afterTag = false // a new value
		}
		switch x := instr.(type) {
		case *ssa.Return:
			return nil, stop(afterTag, x) // the consumer stops receiving
		case *ssa.Panic:
			return nil, consumption{}
		case *ssa.Store:
			if isNil(x.Val) && d.trackedVar(x.Addr) {
				return nil, stop(afterTag, x) // ch = nil: the consumer stops receiving
			}
		case *ssa.Call:
			if d.m.nr.NeverReturns(&x.Call) {
				return nil, consumption{} // ok: the consumer's goroutine (or process) ends, as at a panic
			}
		}
	}
	succs := b.Succs
	tagSucc := -1
	if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && len(succs) == 2 {
		if k, ok := d.pendingEdge(iff, b); ok {
			succs = succs[k : k+1]
		} else if k, ok := d.tagMatch(iff.Cond); ok {
			tagSucc = k
		}
	}
	var out []drainEdge
	for k, s := range succs {
		for _, instr := range s.Instrs {
			phi, ok := instr.(*ssa.Phi)
			if !ok {
				break
			}
			if i := predIndex(s, b); i >= 0 && isNil(phi.Edges[i]) && d.tracked(phi) {
				return nil, stop(afterTag, b.Instrs[len(b.Instrs)-1]) // the channel's variable becomes nil: dropped
			}
		}
		out = append(out, drainEdge{s, afterTag || k == tagSucc})
	}
	return out, consumption{}
}

// onlyChannelOrNil reports whether every edge of phi is the channel, nil
// or phi itself: the access walk calls a loop's phi that refers to itself
// a merge.
func (d *drain) onlyChannelOrNil(phi *ssa.Phi) bool {
	for _, e := range phi.Edges {
		if e != phi && !isNil(e) && !d.tracked(e) {
			return false
		}
	}
	return true
}

// receives reports whether instr receives from the channel: a receive, or
// a select with a case that does.
func (d *drain) receives(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.ARROW && d.tracked(x.X)
	case *ssa.Select:
		for _, st := range x.States {
			if st.Dir == types.RecvOnly && d.tracked(st.Chan) {
				return true
			}
		}
	}
	return false
}

// tagMatch reports whether cond compares a value received from the
// channel (or a field of it) with a constant other than nil, and which
// successor of the If is taken when they are equal: the value is a
// terminal tag of the stream (e.Type == CancelEvent).
func (d *drain) tagMatch(cond ssa.Value) (int, bool) {
	bin, ok := cond.(*ssa.BinOp)
	if !ok || (bin.Op != token.EQL && bin.Op != token.NEQ) {
		return 0, false
	}
	x, c := bin.X, bin.Y
	if _, isConst := x.(*ssa.Const); isConst {
		x, c = c, x
	}
	k, ok := c.(*ssa.Const)
	if !ok || k.Value == nil || !d.received(x, 0) {
		return 0, false
	}
	if bin.Op == token.EQL {
		return 0, true
	}
	return 1, true
}

// received reports whether v is a value received from the channel, or a
// field of one (through copies into a local variable).
func (d *drain) received(v ssa.Value, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Field:
		return d.received(x.X, depth+1)
	case *ssa.FieldAddr:
		return d.received(x.X, depth+1)
	case *ssa.ChangeType:
		return d.received(x.X, depth+1)
	case *ssa.UnOp:
		switch x.Op {
		case token.ARROW:
			return d.tracked(x.X)
		case token.MUL:
			if alloc, ok := x.X.(*ssa.Alloc); ok {
				stored := ssax.StoredValues(alloc)
				return len(stored) > 0 && !slices.ContainsFunc(stored, func(s ssa.Value) bool { return !d.received(s, depth+1) })
			}
			return d.received(x.X, depth+1)
		}
	case *ssa.Alloc:
		stored := ssax.StoredValues(x)
		return len(stored) > 0 && !slices.ContainsFunc(stored, func(s ssa.Value) bool { return !d.received(s, depth+1) })
	case *ssa.Extract:
		switch t := x.Tuple.(type) {
		case *ssa.UnOp:
			return x.Index == 0 && t.Op == token.ARROW && d.tracked(t.X)
		case *ssa.Select:
			n := x.Index - 2 // the received values follow the index and recvOk
			for _, st := range t.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				if n == 0 {
					return d.tracked(st.Chan)
				}
				n--
			}
		}
	}
	return false
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
	if d.producerError(bin.X) && ssax.IsNilConst(bin.Y) || d.producerError(bin.Y) && ssax.IsNilConst(bin.X) {
		// err != nil from a producer that hands out no channel with an
		// error (return nil, err): the channel is held only where the
		// error is nil.
		if bin.Op == token.EQL {
			return 0, true
		}
		return 1, true
	}
	if !(d.tracked(bin.X) && isNil(bin.Y) || d.tracked(bin.Y) && isNil(bin.X)) {
		return 0, false
	}
	if bin.Op == token.EQL {
		return 1, true // ch == nil is false while it is held
	}
	return 0, true
}

// producerError reports whether v is another result of the producer's
// call d.call, of type error, and the producer returns a nil channel (in
// result d.chanResult) on every return whose error is not a nil constant.
func (d *drain) producerError(v ssa.Value) bool {
	ex, ok := v.(*ssa.Extract)
	if !ok || d.call == nil || ex.Tuple != d.call || ex.Index == d.chanResult || !types.Identical(ex.Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	fn := d.m.chans.Resolver().Callee(&d.call.Call)
	if fn == nil || len(fn.Blocks) == 0 {
		return d.importedNilOnError
	}
	return NilChannelOnError(fn, d.chanResult, ex.Index)
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

// CalleeStopsEarly reports where the function that call runs, handed the
// channel as its argument arg, stops receiving from it while it is still
// open (a return from inside its range loop, after a failed step): a
// path of the callee, or of the callees and closures it hands the channel
// on to, that returns or drops the channel before the close. A stop right
// after a value that matched a constant tag is the stream's own end and
// does not count, nor does a callee that hands the channel to code the
// walk cannot follow. stop is nil when the callee drains the channel on
// every path (or is out of view). failsOnStop says that the callee
// reports its early stops: it ranges over the channel itself, its error
// result is not the nil constant where it stops, and it returns the nil
// constant only after its range loop ended (the channel was closed), so
// a caller that sees a nil error knows everything was received.
func (m *Model) CalleeStopsEarly(call ssa.CallInstruction, arg int) (stop ssa.Instruction, failsOnStop bool) {
	callee := m.chans.Resolver().Callee(call.Common())
	p := callees.Param(call.Common(), callee, arg)
	if callee == nil || p == nil || !m.calls.indexed[callee] {
		return nil, false
	}
	d := &drain{m: m, ids: map[chans.ID]bool{{Kind: chans.Param, Param: p}: true}, visiting: map[*ssa.Function]bool{}}
	got := d.drains(callee, []ssa.Value{p}, nil, 0)
	if !got.stops || got.unknown || got.stopAt == nil {
		return nil, false
	}
	return got.stopAt, nilErrorOnlyWhenDrained(callee, []ssa.Value{p}, got.stopAt)
}

// HelperStopsEarly is CalleeStopsEarly for a helper handed a value whose
// field f holds the channel (chans.FieldOwner's helpers: watch(tr) that
// ranges over tr.progress): loads are the helper's loads of the field.
func (m *Model) HelperStopsEarly(helper *ssa.Function, f *types.Var, loads []ssa.Value) (stop ssa.Instruction, failsOnStop bool) {
	if helper == nil || f == nil || len(loads) == 0 || !m.calls.indexed[helper] {
		return nil, false
	}
	d := &drain{m: m, ids: map[chans.ID]bool{{Kind: chans.Field, Field: f}: true}, visiting: map[*ssa.Function]bool{}}
	got := d.drains(helper, loads, nil, 0)
	if !got.stops || got.unknown || got.stopAt == nil {
		return nil, false
	}
	return got.stopAt, nilErrorOnlyWhenDrained(helper, loads, got.stopAt)
}

// nilErrorOnlyWhenDrained reports whether fn, which ranges over its
// channel (the values roots: its parameter, or its loads of a field), returns an error last, returns a non-nil-constant
// error at stop, and returns the nil constant only from blocks that the
// range loop's exit (the receive's "closed" branch) dominates.
func nilErrorOnlyWhenDrained(fn *ssa.Function, roots []ssa.Value, stop ssa.Instruction) bool {
	res := fn.Signature.Results()
	if res.Len() == 0 || !types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	ret, ok := stop.(*ssa.Return)
	if !ok || ssax.IsNilConst(ret.Results[len(ret.Results)-1]) {
		return false
	}
	done := rangeDone(roots)
	if done == nil {
		return false
	}
	for _, b := range fn.Blocks {
		r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if ok && ssax.IsNilConst(r.Results[len(r.Results)-1]) && !done.Dominates(b) {
			return false
		}
	}
	return true
}

// rangeDone returns the block a range over the channel (roots) goes to
// once it is closed: the "not ok" successor of the test of its one
// comma-ok receive, or nil.
func rangeDone(roots []ssa.Value) *ssa.BasicBlock {
	var done *ssa.BasicBlock
	for _, a := range chans.Accesses(roots...) {
		if a.Kind != chans.AccRecv || !a.CommaOk {
			continue
		}
		recv := a.Instr.(*ssa.UnOp)
		for _, r := range *recv.Referrers() {
			ex, ok := r.(*ssa.Extract)
			if !ok || ex.Index != 1 {
				continue
			}
			for _, rr := range *ex.Referrers() {
				if iff, ok := rr.(*ssa.If); ok && iff.Cond == ex && len(iff.Block().Succs) == 2 {
					if done != nil {
						return nil // two ranges: which one ends is not one block
					}
					done = iff.Block().Succs[1]
				}
			}
		}
	}
	return done
}
