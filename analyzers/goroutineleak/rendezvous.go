package goroutineleak

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
)

const catMutualWait = "mutual-wait"

// chanRef names a channel of a sequence: one the owner makes, or the one
// kept in an unexported field of the value the owner and its goroutine
// share.
type chanRef struct {
	mk    *ssa.MakeChan
	field *types.Var
}

// chanOp is one channel operation of a straight-line sequence.
type chanOp struct {
	instr ssa.Instruction
	ch    chanRef
	kind  int // evSend, evRecv, evClose
}

// checkMutualWait reports an owner and the goroutine it starts that each
// block on a channel operation only the other can complete, later in its
// own sequence: two goroutines that each send first and receive second
// on unbuffered channels (go func() { a <- 1; <-b }(); b <- 1; <-a). The
// channels are made by the owner and used by nobody else; both sequences
// are straight-line code from the go statement (the owner) and from the
// goroutine's entry, simulated in lock step (a send on an unbuffered
// channel meets a receive, a buffered one fills up to its constant
// capacity). A branch, a select, a loop or another goroutine ends a
// sequence, and then nothing is claimed.
func (c *checker) checkMutualWait(fn *ssa.Function) {
	var cyc map[*ssa.BasicBlock]bool
	var index map[*ssa.MakeChan]*chanUsers
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			if cyc == nil {
				cyc, index = spawn.Cyclic(fn, nil), ownerChans(fn)
			}
			if cyc[b] {
				continue
			}
			mc, ok := g.Call.Value.(*ssa.MakeClosure)
			if !ok {
				c.checkFieldMutualWait(fn, g)
				continue
			}
			body := mc.Fn.(*ssa.Function)
			tracked := sharedChans(index, fn, body)
			if len(tracked) == 0 {
				continue
			}
			ob, oi := next(g)
			gb, gi := entry(body)
			owner := straightOps(ob, oi, madeIn(tracked))
			gor := straightOps(gb, gi, madeIn(tracked))
			if a, b, ok := deadlocked(owner, gor, capsOf(tracked)); ok {
				c.reportMutualWait(fn, g, a, b)
			}
		}
	}
	c.checkPairWait(fn, cyc, index)
}

// checkPairWait reports two goroutines fn starts (closures, each started
// once, outside loops) that each block, first, on an operation only the
// other completes later in its own sequence: two pumps that each send
// first on unbuffered channels only they share, then receive
// (go func() { aToB <- <-a; b2 := <-bToA }(); go func() { bToA <- <-b;
// a2 := <-aToB }()). The same lock-step simulation as the owner's pair,
// from each goroutine's entry.
func (c *checker) checkPairWait(fn *ssa.Function, cyc map[*ssa.BasicBlock]bool, index map[*ssa.MakeChan]*chanUsers) {
	if cyc == nil {
		return // no go statement
	}
	type started struct {
		g    *ssa.Go
		body *ssa.Function
	}
	var gs []started
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok || cyc[b] {
				continue
			}
			if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
				gs = append(gs, started{g, mc.Fn.(*ssa.Function)})
			}
		}
	}
	for i := 0; i < len(gs); i++ {
		for j := i + 1; j < len(gs); j++ {
			x, y := gs[i], gs[j]
			if x.body == y.body {
				continue
			}
			tracked := pairChans(index, fn, x.body, y.body)
			if len(tracked) == 0 {
				continue
			}
			xb, xi := entry(x.body)
			yb, yi := entry(y.body)
			if a, b, ok := deadlocked(straightOps(xb, xi, madeIn(tracked)), straightOps(yb, yi, madeIn(tracked)), capsOf(tracked)); ok {
				c.reportPairWait(fn, x.g, y.g, a, b)
				return
			}
		}
	}
}

// checkFieldMutualWait is checkMutualWait for channels kept in unexported
// fields of one value that the owner and the goroutine it starts share
// (go t.peer(); t.out <- hello; <-t.in while peer sends on t.in first,
// then receives from t.out). The goroutine runs a function or method of
// the package given that value. A field counts when the package's every
// send, receive and close of its channel is in the owner or in that body,
// the channel never escapes nor is handed to a call, the field holds only
// channels made with one constant capacity, and every load of it in the
// two functions is of the shared value's field.
func (c *checker) checkFieldMutualWait(fn *ssa.Function, g *ssa.Go) {
	if c.index == nil {
		return
	}
	body := callees.Direct(&g.Call)
	if body == nil || body == fn || body.Pkg != fn.Pkg || len(body.Blocks) == 0 {
		return
	}
	caps := map[chanRef]int64{}
	var base ssa.Value
	ok := true
	seenChan := map[*chans.Channel]bool{}
	consider := func(in *ssa.Function, site *ssa.Go) {
		for _, b := range in.Blocks {
			for _, instr := range b.Instrs {
				ld, isLoad := instr.(*ssa.UnOp)
				if !isLoad || ld.Op != token.MUL {
					continue
				}
				fa, isField := ld.X.(*ssa.FieldAddr)
				if !isField {
					continue
				}
				if _, isChan := ld.Type().Underlying().(*types.Chan); !isChan {
					continue
				}
				f := ssax.Field(fa.X.Type(), fa.Field)
				if f == nil || f.Exported() {
					continue
				}
				if _, done := caps[chanRef{field: f}]; done {
					continue
				}
				owner := chans.OwnerValue(fa.X, in, site)
				if owner == nil || base != nil && owner != base {
					ok = false // ok: fields of several values
					return
				}
				base = owner
				n, good := c.fieldChanCapacity(f, fn, body, seenChan)
				if !good {
					continue
				}
				caps[chanRef{field: f}] = n
			}
		}
	}
	consider(body, g)
	if !ok || len(caps) == 0 {
		return
	}
	consider(fn, nil)
	if !ok {
		return
	}
	tracked := func(in *ssa.Function, site *ssa.Go) func(ssa.Value) (chanRef, bool) {
		return func(v ssa.Value) (chanRef, bool) {
			ld, isLoad := v.(*ssa.UnOp)
			if !isLoad || ld.Op != token.MUL {
				return chanRef{}, false
			}
			fa, isField := ld.X.(*ssa.FieldAddr)
			if !isField {
				return chanRef{}, false
			}
			ref := chanRef{field: ssax.Field(fa.X.Type(), fa.Field)}
			if _, known := caps[ref]; !known || chans.OwnerValue(fa.X, in, site) != base {
				return chanRef{}, false
			}
			return ref, true
		}
	}
	ob, oi := next(g)
	gb, gi := entry(body)
	if a, b, ok := deadlocked(straightOps(ob, oi, tracked(fn, nil)), straightOps(gb, gi, tracked(body, g)), caps); ok {
		c.reportMutualWait(fn, g, a, b)
	}
}

// fieldChanCapacity returns the capacity of the channels field f holds
// when the package uses them only in fn and body and they are the
// package's own (see checkFieldMutualWait); seen holds the channels of
// the fields already taken, so that two fields holding one channel are
// not both taken.
func (c *checker) fieldChanCapacity(f *types.Var, fn, body *ssa.Function, seen map[*chans.Channel]bool) (int64, bool) {
	ch := c.index.Channel(chans.ID{Kind: chans.Field, Field: f})
	if ch == nil || len(ch.Escapes) > 0 || len(ch.Passed) > 0 || seen[ch] {
		return 0, false
	}
	capacity := int64(-1)
	for _, id := range ch.IDs {
		switch {
		case id.Kind == chans.Field && id.Field == f:
		case id.Kind == chans.Make:
			n, known := chans.Capacity(id.Make)
			if !known || capacity >= 0 && n != capacity {
				return 0, false
			}
			capacity = n
		default:
			return 0, false // ok: the field may hold a channel of another origin
		}
	}
	if capacity < 0 {
		return 0, false
	}
	for _, uses := range [][]chans.Use{ch.Sends, ch.Recvs, ch.Closes} {
		for _, u := range uses {
			if p := u.Instr.Parent(); p != fn && p != body {
				return 0, false // ok: another function may complete the wait
			}
		}
	}
	seen[ch] = true
	return capacity, true
}

// pairChans returns the channels of index that only the two goroutine
// bodies use (fn makes them and hands them over), by plain sends,
// receives and closes, and that both use.
func pairChans(index map[*ssa.MakeChan]*chanUsers, fn, x, y *ssa.Function) map[*ssa.MakeChan]int64 {
	out := map[*ssa.MakeChan]int64{}
	for mk, u := range index {
		if !u.plain || !u.captured[x] || !u.captured[y] {
			continue
		}
		good := len(u.captured) == 2
		for f := range u.funcs {
			good = good && (f == fn || f == x || f == y)
		}
		if good {
			out[mk] = u.capacity
		}
	}
	return out
}

func (c *checker) reportPairWait(fn *ssa.Function, gx, gy *ssa.Go, x, y chanOp) {
	what := c.opWhat
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(x.instr),
		Category: catMutualWait,
		Message: fmt.Sprintf("%s blocks forever: another goroutine %s starts is blocked in its %s at the same time, and each completes the other's wait only later in its own sequence (deadlock)",
			what(x), fnName(fn), what(y)),
		Related: []analysis.RelatedInformation{
			passutil.Related(ssax.Pos(y.instr), "the other goroutine waits here, in %s", what(y)),
			passutil.Related(gx.Pos(), "goroutine started here"),
			passutil.Related(gy.Pos(), "the other goroutine started here"),
		},
	})
}

// chanUsers says which functions use a channel made in the owner, and
// whether every use is a plain send, receive, close or capture.
type chanUsers struct {
	capacity int64
	funcs    map[*ssa.Function]bool
	captured map[*ssa.Function]bool // closures that capture it
	plain    bool
}

// ownerChans indexes the channels fn makes with a constant capacity.
func ownerChans(fn *ssa.Function) map[*ssa.MakeChan]*chanUsers {
	out := map[*ssa.MakeChan]*chanUsers{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			mk, ok := instr.(*ssa.MakeChan)
			if !ok {
				continue
			}
			capacity, known := chans.Capacity(mk)
			if !known {
				continue
			}
			u := &chanUsers{capacity: capacity, funcs: map[*ssa.Function]bool{}, captured: map[*ssa.Function]bool{}, plain: true}
			for _, a := range chans.Accesses(mk) {
				u.funcs[a.Instr.Parent()] = true
				switch a.Kind {
				case chans.AccSend, chans.AccRecv, chans.AccClose:
				case chans.AccCapture:
					f, ok := a.Closure.Fn.(*ssa.Function)
					if !ok || a.Arg >= len(f.FreeVars) || !plainUses(f, f.FreeVars[a.Arg]) {
						u.plain = false
						continue
					}
					u.captured[f] = true
				default:
					u.plain = false
				}
			}
			out[mk] = u
		}
	}
	return out
}

// sharedChans returns the channels of index that only fn and body use,
// by plain sends, receives and closes.
func sharedChans(index map[*ssa.MakeChan]*chanUsers, fn, body *ssa.Function) map[*ssa.MakeChan]int64 {
	out := map[*ssa.MakeChan]int64{}
	for mk, u := range index {
		if !u.plain || !u.captured[body] {
			continue
		}
		good := true
		for f := range u.funcs {
			good = good && (f == fn || f == body)
		}
		for f := range u.captured {
			good = good && f == body
		}
		if good {
			out[mk] = u.capacity
		}
	}
	return out
}

// plainUses reports whether every use of v, a closure's free variable,
// is a plain send, receive or close in the closure itself.
func plainUses(f *ssa.Function, v ssa.Value) bool {
	for _, a := range chans.Accesses(v) {
		if a.Instr.Parent() != f {
			return false
		}
		switch a.Kind {
		case chans.AccSend, chans.AccRecv, chans.AccClose:
		default:
			return false
		}
	}
	return true
}

func next(instr ssa.Instruction) (*ssa.BasicBlock, int) {
	b := instr.Block()
	for i, x := range b.Instrs {
		if x == instr {
			return b, i + 1
		}
	}
	return b, len(b.Instrs)
}

func entry(fn *ssa.Function) (*ssa.BasicBlock, int) {
	if len(fn.Blocks) == 0 {
		return nil, 0
	}
	return fn.Blocks[0], 0
}

// straightOps lists the operations on tracked channels from block b at
// index i, following jumps, until a return, or a branch, a select, a go
// statement, a defer, a panic, a wait on another channel or a revisited
// block ends the straight line. tracked names the channel a value is, if
// it is one of them.
func straightOps(b *ssa.BasicBlock, i int, tracked func(ssa.Value) (chanRef, bool)) []chanOp {
	var ops []chanOp
	seen := map[*ssa.BasicBlock]bool{}
blocks:
	for b != nil && !seen[b] {
		seen[b] = true
		for ; i < len(b.Instrs); i++ {
			switch x := b.Instrs[i].(type) {
			case *ssa.Send:
				if ch, ok := tracked(x.Chan); ok {
					ops = append(ops, chanOp{x, ch, evSend})
				}
			case *ssa.UnOp:
				if x.Op == token.ARROW {
					ch, ok := tracked(x.X)
					if !ok {
						return ops // a wait on another channel
					}
					ops = append(ops, chanOp{x, ch, evRecv})
				}
			case *ssa.Call:
				if bi, ok := x.Call.Value.(*ssa.Builtin); ok && bi.Name() == "close" && len(x.Call.Args) == 1 {
					if ch, ok := tracked(x.Call.Args[0]); ok {
						ops = append(ops, chanOp{x, ch, evClose})
					}
				}
			case *ssa.Jump:
				b, i = b.Succs[0], 0
				continue blocks
			case *ssa.Select, *ssa.Go, *ssa.Panic, *ssa.If, *ssa.Defer, *ssa.Return:
				return ops
			}
		}
		return ops
	}
	return ops
}

// madeIn names the channels of tracked, made by the owner.
func madeIn(tracked map[*ssa.MakeChan]int64) func(ssa.Value) (chanRef, bool) {
	return func(v ssa.Value) (chanRef, bool) {
		id, ok := chans.Origin(v)
		if !ok || id.Kind != chans.Make {
			return chanRef{}, false
		}
		if _, ok := tracked[id.Make]; !ok {
			return chanRef{}, false
		}
		return chanRef{mk: id.Make}, true
	}
}

// capsOf gives the capacities of tracked by chanRef.
func capsOf(tracked map[*ssa.MakeChan]int64) map[chanRef]int64 {
	out := map[chanRef]int64{}
	for mk, n := range tracked {
		out[chanRef{mk: mk}] = n
	}
	return out
}

// deadlocked runs the two sequences in lock step and returns the
// operations each is stuck at when neither can move while both still have
// operations left, or ok false.
func deadlocked(a, b []chanOp, caps map[chanRef]int64) (chanOp, chanOp, bool) {
	count := map[chanRef]int64{}
	closed := map[chanRef]bool{}
	i, j := 0, 0
	// step moves one party alone if it can (a buffered send with room, a
	// receive of a buffered value or from a closed channel, a close).
	alone := func(op chanOp) (moved, broken bool) {
		switch op.kind {
		case evClose:
			if closed[op.ch] {
				return false, true // a second close panics
			}
			closed[op.ch] = true
			return true, false
		case evSend:
			if closed[op.ch] {
				return false, true // a send on a closed channel panics
			}
			if count[op.ch] < caps[op.ch] {
				count[op.ch]++
				return true, false
			}
		case evRecv:
			if count[op.ch] > 0 {
				count[op.ch]--
				return true, false
			}
			if closed[op.ch] {
				return true, false
			}
		}
		return false, false
	}
	for steps := 0; steps < 4*(len(a)+len(b))+4; steps++ {
		if i >= len(a) || j >= len(b) {
			return chanOp{}, chanOp{}, false
		}
		if moved, broken := alone(a[i]); broken {
			return chanOp{}, chanOp{}, false
		} else if moved {
			i++
			continue
		}
		if moved, broken := alone(b[j]); broken {
			return chanOp{}, chanOp{}, false
		} else if moved {
			j++
			continue
		}
		x, y := a[i], b[j]
		if x.ch == y.ch && (x.kind == evSend && y.kind == evRecv || x.kind == evRecv && y.kind == evSend) {
			i, j = i+1, j+1 // rendezvous on an unbuffered (or full, empty) channel
			continue
		}
		// Neither can move: each waits for the other, which is itself
		// waiting. Claim it only when each one's operation is one the
		// other makes later: the cycle is in the sequences themselves.
		if laterMatches(x, b[j+1:]) && laterMatches(y, a[i+1:]) {
			return x, y, true
		}
		return chanOp{}, chanOp{}, false
	}
	return chanOp{}, chanOp{}, false
}

// laterMatches reports whether rest holds the operation that would
// complete op: a receive for a send, a send or a close for a receive.
func laterMatches(op chanOp, rest []chanOp) bool {
	for _, r := range rest {
		if r.ch != op.ch {
			continue
		}
		if op.kind == evSend && r.kind == evRecv || op.kind == evRecv && (r.kind == evSend || r.kind == evClose) {
			return true
		}
	}
	return false
}

func (c *checker) reportMutualWait(fn *ssa.Function, g *ssa.Go, owner, gor chanOp) {
	what := c.opWhat
	c.report(analysis.Diagnostic{
		Pos:      ssax.Pos(owner.instr),
		Category: catMutualWait,
		Message: fmt.Sprintf("%s blocks forever: the goroutine %s starts is blocked in its %s at the same time, and each completes the other's wait only later in its own sequence (deadlock)",
			what(owner), fnName(fn), what(gor)),
		Related: []analysis.RelatedInformation{
			passutil.Related(ssax.Pos(gor.instr), "the goroutine waits here, in %s", what(gor)),
			passutil.Related(g.Pos(), "goroutine started here"),
		},
	})
}

// opWhat names a channel operation of a sequence for a message.
func (c *checker) opWhat(op chanOp) string {
	var name string
	if op.ch.mk != nil {
		name = chanName(c, op.ch.mk)
	} else {
		name = "field " + op.ch.field.Name()
	}
	if op.kind == evSend {
		return "send on " + name
	}
	return "receive from " + name
}
