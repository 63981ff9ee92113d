package wake

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/locks"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
)

// NeededAfterWait is Acquired narrowed to the acquisitions that can keep
// the wake from coming once the wait has begun: not one the waking
// goroutine makes before the Add that its Done answers (Wait counts only
// the Adds made before it), nor one made by the very call that hands it
// the channel it then receives from (the lock is released before the
// sender can have the channel), nor one made before the waking goroutine
// makes its channel known at all (publishedAfter).
func (m *Model) NeededAfterWait(w Wake, lock string) (Acquisition, bool) {
	a, ok := m.Acquired(w, lock)
	if !ok || addedAfter(w, a) || handsOver(a.At, w.Instr) || publishedAfter(a.At, w.Instr) {
		return Acquisition{}, false
	}
	return a, true
}

// addedAfter reports whether w is a WaitGroup's Done whose goroutine takes
// the lock at a and only then adds to that WaitGroup (wgMu.Lock(); wg.Add(1);
// wgMu.Unlock(); defer wg.Done()): a goroutine stopped at a has made no Add
// that the Wait counts.
func addedAfter(w Wake, a Acquisition) bool {
	if w.Instr == nil || a.At == nil {
		return false
	}
	done, ok := w.Instr.(ssa.CallInstruction)
	if !ok || ssax.FullName(ssax.Callee(done.Common())) != "(*sync.WaitGroup).Done" || len(done.Common().Args) == 0 {
		return false
	}
	fn := w.Instr.Parent()
	if fn == nil || a.At.Parent() != fn {
		return false
	}
	wg := locks.Identify(done.Common().Args[0]).Key()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			add, ok := instr.(*ssa.Call)
			if !ok || ssax.FullName(ssax.Callee(&add.Call)) != "(*sync.WaitGroup).Add" || len(add.Call.Args) == 0 {
				continue
			}
			if locks.Identify(add.Call.Args[0]).Key() == wg && cfg.Dominates(a.At, add) && cfg.Dominates(add, w.Instr) {
				return true
			}
		}
	}
	return false
}

// handsOver reports whether at, the acquisition on a receiver's way to
// recv, is a call given the very channel recv receives from: the call
// that registers the channel with the sender (Break(ch), Subscribe(ch))
// takes the lock before the sender can hold the channel.
func handsOver(at, recv ssa.Instruction) bool {
	call, ok := at.(ssa.CallInstruction)
	if !ok || recv == nil {
		return false
	}
	received := receivedChannels(recv)
	for _, arg := range call.Common().Args {
		for _, ch := range received {
			if arg == ch || sameChannel(arg, ch) {
				return true
			}
		}
	}
	return false
}

// publishedAfter reports whether wake, a receive, send or close, operates
// on a channel that its own function makes and makes known to other
// goroutines only after at, the acquisition on its way there: every
// instruction through which the channel, or a local variable holding it,
// escapes (stored in a map or a shared field, sent, passed, captured,
// returned) comes after at. The goroutine on the other side can hold the
// channel only once this one has passed at, so at cannot keep the wake
// from it (e.mu.Lock(); e.c = make(chan T); l.expected[key] = e;
// e.mu.Unlock(); <-e.c; or a worker that publishes its done channel under
// the start-up lock and closes it, deferred, when it ends).
func publishedAfter(at, wake ssa.Instruction) bool {
	if at == nil || wake == nil || at.Parent() != wake.Parent() {
		return false
	}
	for _, ch := range wakeChannels(wake) {
		mk := localMake(ch)
		if mk == nil || mk.Parent() != wake.Parent() {
			continue
		}
		escapes, ok := escapePoints(mk, wake)
		if !ok || len(escapes) == 0 {
			continue
		}
		after := true
		for _, e := range escapes {
			if !cfg.Dominates(at, e) {
				after = false
				break
			}
		}
		if after {
			return true
		}
	}
	return false
}

// wakeChannels lists the channels a wake operates on: the channels it
// receives from (receivedChannels), the channel of a send or of a send
// case, the channel a call (or a deferred call) of close closes.
func wakeChannels(wake ssa.Instruction) []ssa.Value {
	out := receivedChannels(wake)
	switch x := wake.(type) {
	case *ssa.Send:
		out = append(out, x.Chan)
	case *ssa.Select:
		out = append(out, selectCases(x, types.SendOnly)...)
	case ssa.CallInstruction:
		if b, ok := x.Common().Value.(*ssa.Builtin); ok && b.Name() == "close" && len(x.Common().Args) == 1 {
			out = append(out, x.Common().Args[0])
		}
	}
	return out
}

// localMake returns the make of the channel v, when v is that make (or a
// conversion of it) or a load of a field of a local variable whose last
// store before the load is that make: the store dominates the load, and
// every other store into the field or into the whole variable comes
// before it (e := l.expected[key]; e.c = make(chan T); ... <-e.c).
func localMake(v ssa.Value) *ssa.MakeChan {
	v = ssax.Unwrap(v)
	if mk, ok := v.(*ssa.MakeChan); ok {
		return mk
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	alloc, ok := fa.X.(*ssa.Alloc)
	if !ok || alloc.Heap {
		return nil
	}
	var last *ssa.Store
	var others []*ssa.Store
	for _, r := range *alloc.Referrers() {
		switch x := r.(type) {
		case *ssa.Store:
			if x.Addr == alloc {
				others = append(others, x) // the whole variable
			}
		case *ssa.FieldAddr:
			if x.Field != fa.Field {
				continue
			}
			for _, fr := range *x.Referrers() {
				st, ok := fr.(*ssa.Store)
				if !ok || st.Addr != x {
					continue
				}
				if _, isMake := ssax.Unwrap(st.Val).(*ssa.MakeChan); isMake && last == nil {
					last = st
					continue
				}
				others = append(others, st)
			}
		}
	}
	if last == nil || !cfg.Dominates(last, load) {
		return nil
	}
	for _, st := range others {
		if !cfg.Dominates(st, last) {
			return nil
		}
	}
	return ssax.Unwrap(last.Val).(*ssa.MakeChan)
}

// escapePoints lists the instructions through which the channel mk, or a
// local variable (an Alloc) it is stored in, becomes visible outside its
// function's own frame; wake, the operation asked about, is not one. It
// reports false when the flow is not followed to the end (the make or the
// variable reaches something it does not know).
func escapePoints(mk *ssa.MakeChan, wake ssa.Instruction) ([]ssa.Instruction, bool) {
	var out []ssa.Instruction
	seen := map[ssa.Value]bool{}
	work := []ssa.Value{mk}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[v] {
			continue
		}
		seen[v] = true
		refs := v.Referrers()
		if refs == nil {
			return nil, false
		}
		for _, r := range *refs {
			if r == wake {
				continue // the wake itself
			}
			switch x := r.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if x.Op == token.ARROW && x.X == v {
					continue // a receive from the channel itself
				}
				if x.Op == token.MUL {
					work = append(work, x) // a load of the variable
					continue
				}
				out = append(out, r)
			case *ssa.FieldAddr:
				if _, isAlloc := x.X.(*ssa.Alloc); isAlloc && x.X == v {
					work = append(work, x) // a field of the local variable
					continue
				}
				out = append(out, r)
			case *ssa.Field:
				work = append(work, x)
			case *ssa.ChangeType:
				work = append(work, x)
			case *ssa.Store:
				if x.Val != v {
					continue // a store into the variable (its address is v)
				}
				if root := allocRoot(x.Addr); root != nil {
					work = append(work, root) // kept in a local variable
					continue
				}
				out = append(out, r)
			case *ssa.Select:
				continue // a case on the channel itself
			default:
				out = append(out, r) // a map update, a send, a call, a capture, a return...
			}
		}
	}
	return out, true
}

// allocRoot returns the local variable addr points into (a field of it, or
// the variable itself), or nil.
func allocRoot(addr ssa.Value) *ssa.Alloc {
	for {
		switch a := addr.(type) {
		case *ssa.Alloc:
			if a.Heap {
				return nil // captured or address taken: other code may hold it
			}
			return a
		case *ssa.FieldAddr:
			addr = a.X
		default:
			return nil
		}
	}
}

// receivedChannels lists the channels recv receives from: a receive's
// operand, or the channels of a select's receive cases.
func receivedChannels(recv ssa.Instruction) []ssa.Value {
	switch r := recv.(type) {
	case *ssa.UnOp:
		return []ssa.Value{r.X}
	case *ssa.Select:
		return selectCases(r, types.RecvOnly)
	}
	return nil
}

// selectCases lists the channels of sel's cases in direction dir.
func selectCases(sel *ssa.Select, dir types.ChanDir) []ssa.Value {
	var out []ssa.Value
	for _, st := range sel.States {
		if st.Dir == dir {
			out = append(out, st.Chan)
		}
	}
	return out
}

// sameChannel reports whether a and b are one channel: the same value
// once conversions are stripped, or loads of the same variable (a
// captured channel read once for the call and once for the receive).
func sameChannel(a, b ssa.Value) bool {
	return ssax.SameLoad(ssax.Unwrap(a), ssax.Unwrap(b))
}

// AcquiredInLoopBefore reports whether the goroutine performing w may have
// to acquire lock before it gets to w: w's function has a loop that
// acquires the lock in some iteration, and w (every return, for a wake at
// exit: a deferred close(done) or wg.Done()) can be reached from the
// function's entry only through that loop. A holder of the lock that
// waits for w then deadlocks whenever the goroutine is in an iteration on
// its way to that acquisition (a Stop that holds s.mu while it waits for
// the loop's done, when the loop's tick branch locks s.mu). The
// acquisition is where the loop locks.
func (m *Model) AcquiredInLoopBefore(w Wake, lock string) (Acquisition, bool) {
	if w.Fn == nil || w.Instr == nil || lock == "" || len(w.Fn.Blocks) == 0 {
		return Acquisition{}, false
	}
	fn := w.Fn
	_, deferred := w.Instr.(*ssa.Defer)
	atExit := w.AtExit || deferred // a deferred close or Done wakes as fn returns
	if !atExit && w.Instr.Parent() != fn {
		return Acquisition{}, false
	}
	cyc := spawn.Cyclic(fn, nil)
	d := m.domAcqOf(fn)
	var acq Acquisition
	found := false
	for _, b := range fn.Blocks {
		if !cyc[b] {
			continue
		}
		for _, s := range d.inBlock(b) {
			if a, ok := m.acquires(s, lock); ok {
				acq, found = a, true
				break
			}
		}
		if found {
			break
		}
	}
	if !found {
		return Acquisition{}, false
	}
	loop := map[*ssa.BasicBlock]bool{}
	for _, l := range waitexit.LoopExits(fn) {
		if slices.Contains(l.Blocks, acq.At.Block()) {
			for _, b := range l.Blocks {
				loop[b] = true
			}
		}
	}
	if len(loop) == 0 || loop[fn.Blocks[0]] {
		return Acquisition{}, false
	}
	// Can the entry reach the wake without entering the loop?
	targets := map[*ssa.BasicBlock]bool{}
	if atExit {
		for _, b := range fn.Blocks {
			if b == fn.Recover || len(b.Instrs) == 0 {
				continue
			}
			if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				targets[b] = true
			}
		}
	} else {
		if loop[w.Instr.Block()] {
			return Acquisition{}, false // ok: a wake inside the loop is guard's question, iteration by iteration
		}
		targets[w.Instr.Block()] = true
	}
	if len(targets) == 0 {
		return Acquisition{}, false
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] || loop[b] {
			continue
		}
		seen[b] = true
		if targets[b] {
			return Acquisition{}, false // ok: a way to the wake that never enters the loop
		}
		work = append(work, b.Succs...)
	}
	return acq, true
}

// AcquiredOnSomeWayAround reports whether the goroutine performing w, a
// select inside a loop of its function, takes lock in a case of that
// select on its way back to it: a case that locks whenever it is chosen
// (the tick case of a loop that expires tokens under the mutex, a
// default case that probes under it). guard asks that every way around
// the loop lock; a holder of the lock that waits for w deadlocks as well
// when the goroutine has taken such a case, since nothing else decides
// whether that case runs than which of the select's channels is ready.
// The way from the select to the Lock may pass only the select's own
// dispatch: a branch on a value (a received value that is negative, an
// entry found in a map) is the data's decision, and a Lock behind it is
// guard's question (the receiver that locks only on an error path). A
// select on an object made anew in each iteration wakes another object
// next time. The acquisition is the first such one in block order.
func (m *Model) AcquiredOnSomeWayAround(w Wake, lock string) (Acquisition, bool) {
	if w.Fn == nil || w.Instr == nil || lock == "" || w.AtExit || w.Instr.Parent() != w.Fn {
		return Acquisition{}, false
	}
	sel, ok := w.Instr.(*ssa.Select)
	if !ok || !cfg.Reaches(sel, sel, nil) || freshPerIteration(sel) {
		return Acquisition{}, false
	}
	d := m.domAcqOf(w.Fn)
	var acqs []Acquisition
	seen := map[*ssa.BasicBlock]bool{}
	work := []*ssa.BasicBlock{sel.Block()}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		for _, s := range d.inBlock(b) {
			if b == sel.Block() && s.index < cfg.Index(sel) {
				continue
			}
			if a, ok := m.acquires(s, lock); ok && cfg.Reaches(s.instr, sel, nil) {
				acqs = append(acqs, a)
			}
		}
		switch t := b.Instrs[len(b.Instrs)-1].(type) {
		case *ssa.Jump:
			work = append(work, b.Succs...)
		case *ssa.If:
			if selectDispatch(t.Cond, sel) {
				work = append(work, b.Succs...)
			}
		}
	}
	if len(acqs) == 0 {
		return Acquisition{}, false
	}
	slices.SortFunc(acqs, func(a, b Acquisition) int {
		if a.At.Block() != b.At.Block() {
			return a.At.Block().Index - b.At.Block().Index
		}
		return cfg.Index(a.At) - cfg.Index(b.At)
	})
	return acqs[0], true
}

// selectDispatch reports whether cond tests which case of sel was chosen
// (index == k).
func selectDispatch(cond ssa.Value, sel *ssa.Select) bool {
	bin, ok := cond.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL {
		return false
	}
	ext, ok := bin.X.(*ssa.Extract)
	if !ok || ext.Index != 0 || ext.Tuple != sel {
		return false
	}
	_, isConst := bin.Y.(*ssa.Const)
	return isConst
}
