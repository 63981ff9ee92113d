package goroutineleak

import (
	"fmt"
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
			if c.model == nil {
				c.index = c.sharedIndex()
				c.model = wake.New(c.funcs, c.index)
			}
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
