package goroutineleak

import (
	"fmt"
	"go/types"
	"regexp"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
)

// checkFieldFutures reports a goroutine fn starts that sends once on a
// channel kept in an unexported struct field, made unbuffered, when every
// receive from that field in the package is in a method that can return
// without it (a select whose other case is a timeout or ctx.Done(), an
// early return): the result of a job started by one method and awaited
// by another.
//
//	func (c *Compaction) Begin() { c.resultc = make(chan error); go c.run() }
//	func (c *Compaction) run()   { c.resultc <- c.db.compact() } // blocks forever
//	func (c *Compaction) Await(ctx context.Context) error {
//		select {
//		case err := <-c.resultc:
//			return err
//		case <-ctx.Done():
//			return ctx.Err() // the result is never taken
//		}
//	}
//
// Every receive must be a select's case, and the waiter give up through
// another case of that select: a return before a plain receive is often
// guarded by state that says no sender runs (runtime/pprof's
// StopCPUProfile returns early when no profile is being written). The
// field's channel must be the package's own (every make of it
// unbuffered, nothing closes it, it does not escape), with no receive of
// it in the function that starts the goroutine (collectField judges that
// owner) nor in the goroutine itself. The send may lie in the
// goroutine's loop: a dispatcher that hands each reply to the request
// waiting for it through the request's field (go-nostr's relay read loop
// and its COUNT replies) stops for good in the send once a waiter has
// given up, and every later reply waits behind it.
func (c *checker) checkFieldFutures(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			body := c.calls.Callee(g.Common())
			if body == nil || body.Pkg != fn.Pkg || len(body.Blocks) == 0 {
				continue
			}
			for _, bb := range body.Blocks {
				for _, x := range bb.Instrs {
					send, ok := x.(*ssa.Send)
					if !ok {
						continue
					}
					if ret, recv, field, ok := c.abandonedFieldSend(fn, body, send); ok {
						c.reportFieldFuture(fn, g, send, recv, ret, field)
					}
				}
			}
		}
	}
}

// abandonedFieldSend reports whether send, in body, is on an unexported
// field's unbuffered channel whose every receive lies in a function
// other than fn and body that can return without it; ret is such a
// return and recv its receive.
func (c *checker) abandonedFieldSend(fn, body *ssa.Function, send *ssa.Send) (ret *ssa.Return, recv ssa.Instruction, field *types.Var, ok bool) {
	chs := c.model.Chans().Channels(send.Chan)
	if len(chs) != 1 {
		return nil, nil, nil, false
	}
	ch := chs[0]
	if len(ch.Closes) > 0 || len(ch.Escapes) > 0 || len(ch.Recvs) == 0 {
		return nil, nil, nil, false
	}
	made := false
	for _, id := range ch.IDs {
		switch id.Kind {
		case chans.Make:
			if n, known := chans.Capacity(id.Make); !known || n != 0 {
				return nil, nil, nil, false
			}
			made = true
		case chans.Field:
			if id.Field.Exported() || (field != nil && field != id.Field) {
				return nil, nil, nil, false
			}
			field = id.Field
		default:
			return nil, nil, nil, false
		}
	}
	if !made || field == nil {
		return nil, nil, nil, false
	}
	for _, r := range ch.Recvs {
		rfn := r.Instr.Parent()
		if rfn == fn || rfn == body || rfn.Pkg != fn.Pkg {
			return nil, nil, nil, false
		}
		// The waiter must give up in the select that receives (another
		// case: a timeout, ctx.Done()), not by returning before it: a
		// return before a plain receive is often guarded by the state that
		// says no sender was started (if !cpu.profiling { return }).
		sel, isSel := r.Instr.(*ssa.Select)
		if !isSel || r.Case < 0 {
			return nil, nil, nil, false
		}
		e := spawn.CaseEdges(sel)[r.Case]
		if e[1] == nil {
			return nil, nil, nil, false
		}
		skip := func(from, to *ssa.BasicBlock) bool {
			return (from == e[0] && to == e[1]) || c.model.Impossible(from, to)
		}
		isReturn := func(x ssa.Instruction) bool { _, ok := x.(*ssa.Return); return ok }
		rr, _ := cfg.FirstAvoiding(sel, isReturn, c.noReturnCall, skip).(*ssa.Return)
		if rr == nil {
			return nil, nil, nil, false // ok: this receiver takes the value before it returns
		}
		if ret == nil {
			ret, recv = rr, r.Instr
		}
	}
	return ret, recv, field, true
}

// tempRoot matches a name whose root is an SSA temporary (t197.reply).
var tempRoot = regexp.MustCompile(`^t[0-9]+\.`)

func (c *checker) reportFieldFuture(fn *ssa.Function, g *ssa.Go, send *ssa.Send, recv ssa.Instruction, ret *ssa.Return, field *types.Var) {
	name := ssax.Name(send.Chan)
	if name == "" || tempRoot.MatchString(name) {
		name = field.Name() // t197.countResult: the root has no name of its own
	}
	rfn := recv.Parent()
	stops := ""
	if spawn.Cyclic(send.Parent(), nil)[send.Block()] {
		// a loop that dispatches to each waiter in turn: every later
		// value waits behind this one
		stops = "; the goroutine's loop stops there for good"
	}
	c.report(analysis.Diagnostic{
		Pos:      send.Pos(),
		Category: catSender,
		Message: fmt.Sprintf("goroutine can block forever in send on %s: every receive from field %s is in a function that can return without it (%s) and the channel has capacity 0%s (goroutine leak)",
			name, field.Name(), fnName(rfn), stops),
		Related: []analysis.RelatedInformation{
			passutil.Related(g.Pos(), "goroutine started here by %s", fnName(fn)),
			passutil.Related(returnPos(ret), "%s returns here without receiving from %s", fnName(rfn), field.Name()),
			passutil.Related(ssax.Pos(recv), "the receive that this path skips"),
		},
	})
}
