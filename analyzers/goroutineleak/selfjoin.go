package goroutineleak

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

const catSelfJoin = "self-join"

// checkSelfJoins reports a goroutine that, through its own calls on its
// own object, waits for its own end: the loop that closes c.done (or
// calls c.wg.Done()) only as it returns calls c.Close, and Close waits
// for c.done (or c.wg). No other goroutine can end that wait, so the
// goroutine blocks forever, and with it whoever waits for it
// (wake.Model.SelfJoins).
func (c *checker) checkSelfJoins(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	seen := map[ssa.Instruction]bool{}
	for _, j := range c.model.SelfJoins(fn) {
		if seen[j.Call] {
			continue // one finding per call
		}
		seen[j.Call] = true
		var chain []string
		for _, f := range j.Via {
			if f.Parent() != nil && len(chain) > 0 {
				continue // ok: a literal of the function before it (once.Do(func() {...}))
			}
			chain = append(chain, fnName(f))
		}
		callee := chain[0]
		how := ""
		if len(chain) > 1 {
			how = " (through " + strings.Join(chain[1:], ", ") + ")"
		}
		what := "a receive"
		if _, ok := j.Wait.(*ssa.Call); ok {
			what = "a WaitGroup Wait"
		} else if _, ok := j.Wait.(*ssa.Select); ok {
			what = "a select"
		}
		related := []analysis.RelatedInformation{
			passutil.Related(ssax.Pos(j.Wait), "%s waits here", callee),
			passutil.Related(j.Wake.Pos(), "only the goroutine's own deferred %s ends that wait, as it returns", j.Wake.What),
		}
		for _, g := range c.spawnsOf(fn) {
			related = append(related, passutil.Related(g.Pos(), "goroutine started here"))
			break
		}
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(j.Call),
			Category: catSelfJoin,
			Message: fmt.Sprintf("%s calls %s on its own object, which%s waits in %s for this goroutine to end: it waits for itself and blocks forever (deadlock); do not wait there when called from the goroutine, or call it in a new goroutine",
				goroutineNamed(fn), callee, how, what),
			Related: related,
		})
	}
}

// goroutineNamed names the goroutine that runs fn for a message's subject:
// "goroutine (*conn).loop", or "the goroutine, a function literal in
// (*RemoteClient).lock," for a closure.
func goroutineNamed(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the goroutine, " + fnName(fn) + ","
	}
	return "goroutine " + fnName(fn)
}
