package wake

import (
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/spawn"
)

// onceRunners are the functions that run the function they are handed
// once, as their second argument (after the receiver).
var onceRunners = map[string]bool{
	"(*golang.org/x/sync/errgroup.Group).Go":    true,
	"(*golang.org/x/sync/errgroup.Group).TryGo": true,
	"(*sync.WaitGroup).Go":                      true,
	"(*sync.Once).Do":                           true,
}

// RunsOnce reports whether instr, a use of the function value v, runs it
// at most once per run of its own function: it calls or starts v, or hands
// it to a runner that runs it once (errgroup's Go, WaitGroup.Go, Once.Do),
// outside loops.
func RunsOnce(instr ssa.Instruction, v ssa.Value) bool {
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

// OncePerParentRun reports whether fn, a function literal, runs at most
// once per run of the function it is declared in: every use of it calls
// or starts it, or hands it to a runner that runs it once, outside loops
// (RunsOnce), or returns it to callers that each do so with it
// (g.Go(startServer(ctx))). A closure handed on as a value (a handler, a
// callback, a field) runs as often as whoever holds it calls it.
func (m *Model) OncePerParentRun(fn *ssa.Function) bool {
	if fn.Parent() == nil {
		return false
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
		return false
	}
	for _, r := range *refs {
		if ret, ok := r.(*ssa.Return); ok && m.resultRunOnce(ret.Parent()) {
			continue // returned to callers that each run it once
		}
		if !RunsOnce(r, v) {
			return false
		}
	}
	return true
}

// resultRunOnce reports whether every call of fn (all of them known) uses
// the function fn returns only to run it once (RunsOnce).
func (m *Model) resultRunOnce(fn *ssa.Function) bool {
	calls, all := m.Callers(fn)
	if !all {
		return false
	}
	for _, call := range calls {
		v, ok := call.(*ssa.Call)
		if !ok || v.Referrers() == nil || len(*v.Referrers()) == 0 {
			return false
		}
		for _, r := range *v.Referrers() {
			if !RunsOnce(r, v) {
				return false
			}
		}
	}
	return true
}
