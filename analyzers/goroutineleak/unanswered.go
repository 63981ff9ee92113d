package goroutineleak

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/passutil"
)

const catUnanswered = "unanswered-request"

// checkUnanswered reports a client's wait for the answer to a request it
// sent to a server loop that can drop the request: a path from the
// server's receive of it comes back for the next request, or returns,
// without answering (wake.Model.UnansweredRequest). The client's wait
// must be a plain receive (a select with another case has a way out).
func (c *checker) checkUnanswered(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW || recv.CommaOk {
				continue
			}
			if d, ok := c.unanswered(fn, recv); ok {
				c.report(d)
				return
			}
		}
	}
}

// unanswered judges one receive of the client fn (wake.UnansweredRequest).
func (c *checker) unanswered(fn *ssa.Function, wait *ssa.UnOp) (analysis.Diagnostic, bool) {
	d, ok := c.model.UnansweredRequest(fn, wait, c.noReturnCall)
	if !ok {
		return analysis.Diagnostic{}, false
	}
	how := "comes back for the next request"
	related := []analysis.RelatedInformation{
		passutil.Related(d.Receive, "%s receives the request here", fnName(d.Server)),
	}
	if ret, ok := d.Drop.(*ssa.Return); ok {
		how = "returns"
		related = append(related, passutil.Related(returnPos(ret), "%s returns here without answering it", fnName(d.Server)))
	}
	related = append(related,
		passutil.Related(d.Answer, "the request is answered here on other paths"),
		passutil.Related(d.Make.Pos(), "the reply channel made here"))
	return analysis.Diagnostic{
		Pos:      wait.Pos(),
		Category: catUnanswered,
		Message: fmt.Sprintf("receive of the answer (field %s of the request) blocks forever when %s drops the request: only it answers on that field's channel, and a path from its receive of the request %s without sending on or closing it (goroutine leak)",
			d.Field.Name(), fnName(d.Server), how),
		Related: related,
	}, true
}
