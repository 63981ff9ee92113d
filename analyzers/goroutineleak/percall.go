package goroutineleak

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/percall"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

// PerCallFact marks an exported function or method each call of which
// leaves one goroutine blocked for good, by a finding of its package that
// only the callers can settle (internal/percall): importers record how
// often they call it. Exported only in whole-run mode.
type PerCallFact struct{}

func (*PerCallFact) AFact() {}

func (*PerCallFact) String() string { return "perCall" }

// recordPerCall emits, for a finding d that costs one goroutine per
// call of c.perCall, the finding record of the exported entries through
// which every path to c.perCall comes (wake.Model.CallerEntries), and
// marks those entries with a PerCallFact for their importers.
func (c *checker) recordPerCall(d analysis.Diagnostic) {
	fn := c.perCall
	keys, seen := c.entries[fn]
	if !seen {
		c.buildModel()
		if entries, ok := c.model.CallerEntries(fn); ok {
			keys = c.markEntries(entries)
		}
		if c.entries == nil {
			c.entries = map[*ssa.Function][]string{}
		}
		c.entries[fn] = keys
	}
	if len(keys) == 0 {
		return
	}
	c.pass.Report(analysis.Diagnostic{Pos: d.Pos, Category: percall.FindingCategory, Message: percall.FindingRecord(keys, d.Message)})
}

// markEntries exports a PerCallFact on entries and returns their keys.
func (c *checker) markEntries(entries []*ssa.Function) []string {
	var keys []string
	for _, e := range entries {
		obj, ok := entryObject(e)
		if !ok || obj.Pkg() != c.pass.Pkg {
			return nil
		}
		c.pass.ExportObjectFact(obj, &PerCallFact{})
		keys = append(keys, obj.FullName())
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// entryObject returns the declared function or method fn instantiates.
func entryObject(fn *ssa.Function) (*types.Func, bool) {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	obj, ok := fn.Object().(*types.Func)
	return obj, ok
}

// recordImportedCalls emits, in whole-run mode, a call record for each
// call in fn of another package's entry that carries a PerCallFact: once
// (the call runs at most once per process: wake.Model.SpawnedOnce,
// outside loops), via this package's own entries (fn is reached only
// through them, which carry the fact on), or many. The calls of tests
// and example programs are not recorded: they say nothing of how the
// program calls the entry.
func (c *checker) recordImportedCalls(fn *ssa.Function) {
	if !c.wholeRun || passutil.InTestFile(c.pass, fn) || passutil.ExampleCode(c.pass, fn) {
		return
	}
	var loops map[*ssa.BasicBlock]bool
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := c.calls.Callee(call.Common())
			if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg == c.pass.Pkg {
				continue
			}
			obj, ok := entryObject(callee)
			if !ok || !c.pass.ImportObjectFact(obj, new(PerCallFact)) {
				continue
			}
			if passutil.InScaffoldingFile(c.pass, c.testsOtherCode, call.Pos()) {
				continue // a test's call: scaffolding
			}
			c.buildModel()
			if loops == nil {
				loops = spawn.Cyclic(fn, nil)
			}
			verdict, via := percall.Many, []string(nil)
			switch {
			case loops[b] || c.calledBack(fn):
				// a call per iteration, or in a closure handed on
				// (a handler: it runs per request)
			case c.model.SpawnedOnce(call):
				verdict = percall.Once
			default:
				if entries, ok := c.model.CallerEntries(fn); ok {
					if keys := c.markEntries(entries); len(keys) > 0 {
						verdict, via = percall.Via, keys
					}
				}
			}
			pos := call.Pos()
			if !pos.IsValid() {
				pos = ssax.Pos(call)
			}
			c.pass.Report(analysis.Diagnostic{Pos: pos, Category: percall.CallCategory, Message: percall.CallRecord(obj.FullName(), verdict, via)})
		}
	}
}

// calledBack reports whether fn is a closure, or lies in one, that may
// run more than once per run of its enclosing function: a closure handed
// on as a value (a handler, a callback) runs as often as whoever holds it
// calls it. A closure called or started there outside loops, handed to a
// runner that runs it once (errgroup's Go, WaitGroup.Go, Once.Do), or
// returned to callers that each do so with it (g.Go(startServer(ctx)))
// is not; nor is a command's action (wake.CommandAction: a cobra RunE),
// which runs once per invocation of the program.
func (c *checker) calledBack(fn *ssa.Function) bool {
	for ; fn.Parent() != nil; fn = fn.Parent() {
		if wake.CommandAction(fn) {
			continue
		}
		var v ssa.Value = fn
		refs := fn.Referrers()
		for _, r := range *refs {
			if mc, ok := r.(*ssa.MakeClosure); ok && mc.Fn == fn {
				v, refs = mc, mc.Referrers()
				break
			}
		}
		if refs == nil {
			return true
		}
		for _, r := range *refs {
			if ret, ok := r.(*ssa.Return); ok && c.resultRunOnce(ret.Parent()) {
				continue // returned to callers that each run it once
			}
			if !runsOnce(r, v) {
				return true
			}
		}
	}
	return false
}

// onceRunners are the functions that run the function they are handed
// once, as their second argument (after the receiver).
var onceRunners = map[string]bool{
	"(*golang.org/x/sync/errgroup.Group).Go":    true,
	"(*golang.org/x/sync/errgroup.Group).TryGo": true,
	"(*sync.WaitGroup).Go":                      true,
	"(*sync.Once).Do":                           true,
}

// runsOnce reports whether instr, a use of the function value v, runs it
// at most once per run of its own function: it calls or starts v, or hands
// it to a runner that runs it once, outside loops.
func runsOnce(instr ssa.Instruction, v ssa.Value) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok || spawn.Cyclic(call.Parent(), nil)[call.Block()] {
		return false
	}
	com := call.Common()
	if com.Value == v {
		return true
	}
	callee := com.StaticCallee()
	return callee != nil && onceRunners[callee.String()] && len(com.Args) == 2 && com.Args[1] == v && com.Args[0] != v
}

// resultRunOnce reports whether every call of fn (all of them known) uses
// the function fn returns only to run it once (runsOnce).
func (c *checker) resultRunOnce(fn *ssa.Function) bool {
	calls, all := c.model.Callers(fn)
	if !all {
		return false
	}
	for _, call := range calls {
		v, ok := call.(*ssa.Call)
		if !ok || v.Referrers() == nil || len(*v.Referrers()) == 0 {
			return false
		}
		for _, r := range *v.Referrers() {
			if !runsOnce(r, v) {
				return false
			}
		}
	}
	return true
}
