package wake

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssax"
)

// MayWakeAnyone reports whether fn (with its closures and the functions
// of the package it calls, two deep) may wake another goroutine: a send or
// a close on any channel, a WaitGroup Done, a Cond's Signal or Broadcast,
// a call of a context's cancel function, or a call of a function value the
// package cannot resolve to a function with a body (it may be any of
// those). Calls of other packages' functions are taken not to (a
// connection's write, a logger). A goroutine that can return through fn
// without any of these tells nobody it is gone.
func (m *Model) MayWakeAnyone(fn *ssa.Function) bool { return m.mayWake(fn, 0) }

func (m *Model) mayWake(fn *ssa.Function, depth int) bool {
	if depth > 2 || fn == nil {
		return false
	}
	for _, f := range ssax.WithClosures([]*ssa.Function{fn}) {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Send:
					return true
				case *ssa.Select:
					for _, st := range x.States {
						if st.Dir == types.SendOnly {
							return true
						}
					}
				case ssa.CallInstruction:
					if m.callMayWake(x.Common(), fn, depth) {
						return true
					}
				}
			}
		}
	}
	return false
}

// callMayWake reports whether the call c, made in fn's body, may wake
// another goroutine (MayWakeAnyone).
func (m *Model) callMayWake(c *ssa.CallCommon, fn *ssa.Function, depth int) bool {
	if bi, ok := c.Value.(*ssa.Builtin); ok {
		return bi.Name() == "close"
	}
	switch ssax.FullName(ssax.Callee(c)) {
	case "(*sync.WaitGroup).Done", "(*sync.Cond).Signal", "(*sync.Cond).Broadcast":
		return true
	}
	if ctxflow.IsCancelFunc(c.Value.Type()) {
		return true
	}
	if callee := m.callee(c); callee != nil && callee.Pkg == fn.Pkg && callee.Blocks != nil {
		return m.mayWake(callee, depth+1)
	}
	if !c.IsInvoke() && c.StaticCallee() == nil {
		_, isClosure := c.Value.(*ssa.MakeClosure)
		return !isClosure // ok: a function value may do anything
	}
	return false
}
