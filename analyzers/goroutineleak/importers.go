package goroutineleak

import (
	"fmt"
	"go/token"
	"go/types"
	"path/filepath"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

// StartsForeverFact marks an exported function of an internal package
// each call of which starts (directly or through the package's own
// functions) a goroutine that never ends. Whether that is one goroutine
// for the process or one more per call depends on the importer, which
// the internal package cannot see and which is in the same module: the
// importer reports a call that runs per request or per iteration, and
// stays silent for a call from main, init or a command's action.
type StartsForeverFact struct {
	// Wait is where the goroutine waits forever, "file:line:col".
	Wait string
	// What names the wait ("select", "range over t.C").
	What string
	// Starter is the function whose go statement starts it.
	Starter string
}

func (*StartsForeverFact) AFact() {}

func (f *StartsForeverFact) String() string {
	return fmt.Sprintf("startsForever(%s, %s)", f.Starter, f.What)
}

// deferToImporters exports a StartsForeverFact on the exported entries of
// fn, an internal package's starter of the goroutine whose forever wait
// is f, when every path to it comes from those entries
// (wake.Model.ImporterEntries); it reports whether the decision is left
// to the importers.
func (c *checker) deferToImporters(fn *ssa.Function, f wake.Forever) bool {
	entries, ok := c.model.ImporterEntries(fn)
	if !ok {
		return false
	}
	pos := c.pass.Fset.Position(ssax.Pos(f.Wait))
	fact := &StartsForeverFact{
		Wait:    fmt.Sprintf("%s:%d:%d", filepath.Base(pos.Filename), pos.Line, pos.Column),
		What:    waitWhat(f),
		Starter: fnName(fn),
	}
	for _, e := range entries {
		c.pass.ExportObjectFact(e.Object(), fact)
	}
	return true
}

// checkImportedStarters reports, in fn, a call of another package's
// internal starter (StartsForeverFact) that can run more than once per
// process: every such call leaves one more goroutine that never ends.
// A call that runs once per process (from main, init, a command's action,
// a helper only they call: wake.Model.SpawnedOnce) is silent; in an
// internal package, a call from the package's own entries is left to its
// importers in turn.
func (c *checker) checkImportedStarters(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := ssax.Callee(call.Common())
			if callee == nil || callee.Pkg() == nil || callee.Pkg() == c.pass.Pkg {
				continue
			}
			var fact StartsForeverFact
			if !c.pass.ImportObjectFact(callee, &fact) {
				continue
			}
			if passutil.InScaffoldingFile(c.pass, c.testsOtherCode, call.Pos()) {
				continue // ok: a test's call: its goroutine parks until the test binary exits (test scaffolding)
			}
			c.buildModel()
			if c.model.SpawnedOnce(call) {
				continue // ok: called once per process, the goroutine lives as long as the process
			}
			if entries, ok := c.model.ImporterEntries(fn); ok {
				for _, e := range entries {
					c.pass.ExportObjectFact(e.Object(), &fact)
				}
				continue // ok: left to this internal package's importers
			}
			c.report(analysis.Diagnostic{
				Pos:      call.Pos(),
				Category: catNeverEnd,
				Message: fmt.Sprintf("call of %s starts a goroutine (by %s) that never ends: it waits in %s forever at %s; each call of %s leaves one more goroutine running (goroutine leak)",
					ssax.ShortFuncName(callee), fact.Starter, fact.What, fact.Wait, fnName(fn)),
			})
		}
	}
}

// ProducerFact marks an exported function that returns a channel a
// goroutine it starts fills with plain sends (a generator with no
// consumer exit) when no consumer in its own package stops receiving
// early: nothing in view leaves the goroutine blocked. Its importers are
// its consumers, and a consumer that stops early is reported where it is
// (checkImportedProducers).
type ProducerFact struct {
	// Send is where the goroutine sends, "file:line:col".
	Send string
	// Chan names the channel ("out").
	Chan string
	// Results are the results through which the channel is returned.
	Results []int
	// TagStops: a stop at a terminal tag counts (not a forwarding stage).
	TagStops bool
	// NilOnError: the channel is nil whenever the error result is not.
	NilOnError bool
	// Terminal are the results that are the producer's last word on the
	// channel (wake.LastWord): a consumer that received from one is done.
	Terminal []int
}

func (*ProducerFact) AFact() {}

func (f *ProducerFact) String() string {
	return fmt.Sprintf("producer(%s at %s)", f.Chan, f.Send)
}

// exportProducer exports a ProducerFact on fn, an exported producer of
// u's channel whose senders are senders and that returns it as results.
func (c *checker) exportProducer(fn *ssa.Function, u *chanUse, senders []goroutine, results, terminal []int, forwards bool) {
	obj, ok := fn.Object().(*types.Func)
	if fn.Origin() != nil {
		obj, ok = fn.Origin().Object().(*types.Func)
	}
	if !ok || obj.Pkg() != c.pass.Pkg || len(senders) == 0 {
		return
	}
	pos := senders[0].beh.SendPos
	if pos == token.NoPos {
		pos = senders[0].site.Pos()
	}
	p := c.pass.Fset.Position(pos)
	fact := &ProducerFact{
		Send:     fmt.Sprintf("%s:%d:%d", filepath.Base(p.Filename), p.Line, p.Column),
		Chan:     chanName(c, u.mk),
		Results:  results,
		TagStops: !forwards,
		Terminal: terminal,
	}
	if e, ok := errorResult(fn.Signature); ok {
		fact.NilOnError = true
		for _, i := range results {
			fact.NilOnError = fact.NilOnError && wake.NilChannelOnError(fn, i, e)
		}
	}
	c.pass.ExportObjectFact(obj, fact)
}

// errorResult returns the index of sig's one result of type error.
func errorResult(sig *types.Signature) (int, bool) {
	at, n := -1, 0
	for i := range sig.Results().Len() {
		if types.Identical(sig.Results().At(i).Type(), types.Universe.Lookup("error").Type()) {
			at, n = i, n+1
		}
	}
	return at, n == 1
}

// checkImportedProducers reports, in fn, a call of another package's
// exported producer (ProducerFact) whose consumer here stops receiving
// before the channel is closed, by itself or in what it hands the channel
// to (wake.Model.ConsumerStop): the producer's goroutine is left blocked
// in its send. In a function that runs once per process (once), only a
// call in a loop (loops) is reported: one goroutine for the rest of the
// run is not a leak that grows.
func (c *checker) checkImportedProducers(fn *ssa.Function, once bool, loops map[*ssa.BasicBlock]bool) {
	for _, b := range fn.Blocks {
		if once && !loops[b] {
			continue
		}
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Call.IsInvoke() {
				continue
			}
			callee := ssax.Callee(&call.Call)
			if callee == nil || callee.Pkg() == nil || callee.Pkg() == c.pass.Pkg {
				continue
			}
			var fact ProducerFact
			if !c.pass.ImportObjectFact(callee, &fact) {
				continue
			}
			c.buildModel()
			at, stops := c.model.ConsumerStop(call, wake.ImportedProducer{Results: fact.Results, TagStops: fact.TagStops, NilOnError: fact.NilOnError, Terminal: fact.Terminal})
			if !stops {
				continue
			}
			name := ssax.ShortFuncName(callee)
			how := "drops the channel"
			related := []analysis.RelatedInformation{passutil.Related(callee.Pos(), "%s declared here", name)}
			if at != call {
				how = "stops receiving from the channel before it is closed"
				related = append([]analysis.RelatedInformation{passutil.Related(ssax.Pos(at), "the consumer stops receiving here")}, related...)
			}
			c.report(analysis.Diagnostic{
				Pos:      call.Pos(),
				Category: catProducer,
				Message: fmt.Sprintf("the goroutine %s starts to fill the channel it returns can block forever in its send on %s (%s): this consumer %s, and nothing else receives; drain it to the close, or give the producer a context to cancel (goroutine leak)",
					name, fact.Chan, fact.Send, how),
				Related: related,
			})
		}
	}
}
