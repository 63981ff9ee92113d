package goroutineleak

import (
	"cmp"
	"fmt"
	"go/types"
	"slices"
	"strings"

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

// PerCallInterfacesFact lists, for a package with entries that carry a
// PerCallFact, the interface methods through which those that are
// methods may be called: the package converts their receiver type to
// these interfaces (a factory returns its unexported listener as a
// Listener). An importer cannot name a method of an unexported type
// (export data leaves the type out), so it knows the entry by the
// interface method it calls. Exported only in whole-run mode.
type PerCallInterfacesFact struct {
	Entries []InterfaceEntry
}

// InterfaceEntry is an entry that a call of an interface method may run.
type InterfaceEntry struct {
	Method string // the interface method, by types.Func.FullName
	Entry  string // the entry, by types.Func.FullName
}

func (*PerCallInterfacesFact) AFact() {}

func (f *PerCallInterfacesFact) String() string {
	return fmt.Sprintf("perCallInterfaces(%d)", len(f.Entries))
}

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
	kind := percall.Blocked
	if c.perCallWorker {
		kind = percall.Worker
	}
	c.pass.Report(analysis.Diagnostic{Pos: d.Pos, Category: percall.FindingCategory, Message: percall.FindingRecord(kind, keys, d.Message)})
}

// markEntries exports a PerCallFact on entries and returns their keys.
func (c *checker) markEntries(entries []*ssa.Function) []string {
	var keys []string
	for _, e := range entries {
		obj, ok := entryObject(e)
		if !ok || obj.Pkg() != c.pass.Pkg {
			return nil
		}
		if !c.pass.ImportObjectFact(obj, new(PerCallFact)) {
			c.pass.ExportObjectFact(obj, &PerCallFact{})
			c.marked = append(c.marked, e)
		}
		c.noteInterfaces(obj)
		keys = append(keys, obj.FullName())
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// noteInterfaces records the interface methods through which the
// entry m, a method, may be called: the methods of its name of the
// interfaces the package converts its receiver type to
// (PerCallInterfacesFact).
func (c *checker) noteInterfaces(m *types.Func) {
	recv := m.Signature().Recv()
	if recv == nil {
		return
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return
	}
	if c.convertedTo == nil {
		c.convertedTo = map[*types.TypeName][]*types.Interface{}
		seen := map[*types.TypeName]map[*types.Interface]bool{}
		for _, fn := range c.funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					mi, ok := instr.(*ssa.MakeInterface)
					if !ok {
						continue
					}
					iface, ok := mi.Type().Underlying().(*types.Interface)
					if !ok || iface.NumMethods() == 0 {
						continue
					}
					x := mi.X.Type()
					if p, ok := x.(*types.Pointer); ok {
						x = p.Elem()
					}
					xn, ok := x.(*types.Named)
					if !ok || xn.Obj().Pkg() != c.pass.Pkg {
						continue
					}
					tn := xn.Origin().Obj()
					if seen[tn] == nil {
						seen[tn] = map[*types.Interface]bool{}
					}
					if !seen[tn][iface] {
						seen[tn][iface] = true
						c.convertedTo[tn] = append(c.convertedTo[tn], iface)
					}
				}
			}
		}
	}
	entry := m.FullName()
	for _, iface := range c.convertedTo[named.Origin().Obj()] {
		for i := range iface.NumMethods() {
			im := iface.Method(i)
			if im.Name() != m.Name() || slices.Contains(c.perCallInterfaces[entry], im.FullName()) {
				continue
			}
			if c.perCallInterfaces == nil {
				c.perCallInterfaces = map[string][]string{}
			}
			c.perCallInterfaces[entry] = append(c.perCallInterfaces[entry], im.FullName())
		}
	}
}

// exportPerCallInterfaces exports the package's PerCallInterfacesFact.
func (c *checker) exportPerCallInterfaces() {
	if len(c.perCallInterfaces) == 0 {
		return
	}
	var f PerCallInterfacesFact
	for entry, methods := range c.perCallInterfaces {
		for _, m := range methods {
			f.Entries = append(f.Entries, InterfaceEntry{Method: m, Entry: entry})
		}
	}
	slices.SortFunc(f.Entries, func(a, b InterfaceEntry) int {
		return cmp.Or(strings.Compare(a.Method, b.Method), strings.Compare(a.Entry, b.Entry))
	})
	c.pass.ExportPackageFact(&f)
}

// entryObject returns the declared function or method fn instantiates.
func entryObject(fn *ssa.Function) (*types.Func, bool) {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	obj, ok := fn.Object().(*types.Func)
	return obj, ok
}

// recordOwnCalls emits a call record for each call of the package's
// marked entries from the package itself, outside tests and example
// programs: an exported function that a command's action of its own
// package calls once is settled by that call, as by an importer's. The
// verdicts of those calls may mark more entries, whose calls are
// recorded in turn.
func (c *checker) recordOwnCalls() {
	for i := 0; i < len(c.marked); i++ {
		entry := c.marked[i]
		obj, _ := entryObject(entry)
		calls, _ := c.model.Callers(entry)
		for _, call := range calls {
			fn := call.Parent()
			if passutil.InTestFile(c.pass, fn) || passutil.ExampleCode(c.pass, fn) || passutil.InScaffoldingFile(c.pass, c.testsOtherCode, call.Pos()) {
				continue
			}
			verdict, via := c.callVerdict(fn, call, spawn.Cyclic(fn, nil)[call.Block()])
			if slices.Contains(via, obj.FullName()) {
				verdict, via = percall.Many, nil // a recursive entry: it runs again per run
			}
			pos := call.Pos()
			if !pos.IsValid() {
				pos = ssax.Pos(call)
			}
			c.pass.Report(analysis.Diagnostic{Pos: pos, Category: percall.CallCategory, Message: percall.CallRecord(obj.FullName(), verdict, via)})
		}
	}
}

// recordImportedCalls emits, in whole-run mode, a call record for each
// call in fn of another package's entry that carries a PerCallFact: once
// (the call runs at most once per process: wake.Model.SpawnedOnce,
// outside loops), via this package's own entries (fn is reached only
// through them, which carry the fact on), each (once per element of a
// collection that code run once ranges over: spawn.PerElement), or many.
// A call through an interface is a call of every method with the fact
// that its dynamic type may be (perCallImplementations). The calls of
// tests and example programs are not recorded: they say nothing of how
// the program calls the entry.
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
			var targets []string
			if callee := c.calls.Callee(call.Common()); callee != nil {
				if callee.Pkg == nil || callee.Pkg.Pkg == c.pass.Pkg {
					continue
				}
				obj, ok := entryObject(callee)
				if !ok || !c.pass.ImportObjectFact(obj, new(PerCallFact)) {
					continue
				}
				targets = []string{obj.FullName()}
			} else if call.Common().IsInvoke() {
				targets = c.perCallImplementations(call.Common())
			}
			if len(targets) == 0 {
				continue
			}
			if passutil.InScaffoldingFile(c.pass, c.testsOtherCode, call.Pos()) {
				continue // a test's call: scaffolding
			}
			c.buildModel()
			if loops == nil {
				loops = spawn.Cyclic(fn, nil)
			}
			verdict, via := c.callVerdict(fn, call, loops[b])
			pos := call.Pos()
			if !pos.IsValid() {
				pos = ssax.Pos(call)
			}
			for _, entry := range targets {
				c.pass.Report(analysis.Diagnostic{Pos: pos, Category: percall.CallCategory, Message: percall.CallRecord(entry, verdict, via)})
			}
		}
	}
}

// callVerdict returns how often call, in fn, runs: inLoop is whether it
// lies on a cycle of fn.
func (c *checker) callVerdict(fn *ssa.Function, call ssa.CallInstruction, inLoop bool) (percall.Verdict, []string) {
	if c.calledBack(fn) {
		return percall.Many, nil // in a closure handed on (a handler: it runs per request)
	}
	once, via := percall.Once, percall.Via
	if inLoop {
		if !spawn.PerElement(call) {
			return percall.Many, nil // a call per iteration
		}
		once, via = percall.Each, percall.EachVia // one per element of what fn ranges over
	}
	if c.model.ProcessLifetime(fn) || !inLoop && c.model.SpawnedOnce(call) {
		return once, nil
	}
	if entries, ok := c.model.CallerEntries(fn); ok {
		if keys := c.markEntries(entries); len(keys) > 0 {
			return via, keys
		}
	}
	return percall.Many, nil
}

// perCallImplementations returns the entries of other packages, by
// types.Func.FullName, that the interface method call com may run: the
// candidates of the call resolver that carry a PerCallFact (the types the
// value may hold, or the implementations in view), and the entries that a
// PerCallInterfacesFact lists for the method (methods of unexported
// types, which no importer can name).
func (c *checker) perCallImplementations(com *ssa.CallCommon) []string {
	if c.perCallMethods == nil {
		c.perCallMethods = map[string][]string{}
		for _, f := range c.pass.AllPackageFacts() {
			fact, ok := f.Fact.(*PerCallInterfacesFact)
			if !ok || f.Package == c.pass.Pkg {
				continue
			}
			for _, e := range fact.Entries {
				c.perCallMethods[e.Method] = append(c.perCallMethods[e.Method], e.Entry)
			}
		}
	}
	out := slices.Clone(c.perCallMethods[com.Method.FullName()])
	for _, fn := range c.calls.Resolve(com).Callees {
		if fn.Pkg == nil || fn.Pkg.Pkg == c.pass.Pkg {
			continue
		}
		if obj, ok := entryObject(fn); ok && c.pass.ImportObjectFact(obj, new(PerCallFact)) {
			out = append(out, obj.FullName())
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// calledBack reports whether fn is a closure, or lies in one, that may
// run more than once per run of its enclosing function
// (wake.Model.OncePerParentRun): a closure handed on as a value (a
// handler, a callback) runs as often as whoever holds it calls it. A
// command's action (wake.CommandAction: a cobra RunE) runs once per
// invocation of the program.
func (c *checker) calledBack(fn *ssa.Function) bool {
	for ; fn.Parent() != nil; fn = fn.Parent() {
		if wake.CommandAction(fn) {
			continue
		}
		if !c.model.OncePerParentRun(fn) {
			return true
		}
	}
	return false
}
