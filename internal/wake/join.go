package wake

import (
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssax"
)

// A join is a wait that can complete only after a set of goroutines has
// finished: a (*sync.WaitGroup).Wait whose every wake is the completion
// of a goroutine (a deferred Done, the return of a function given to
// WaitGroup.Go), each counted by an Add made before it starts; or a
// receive from a channel that is never sent on and is closed only after
// such a Wait. Whatever those goroutines do before they return (a send
// on a channel, say) has happened when the join completes.

// WaitJoins reports whether wait, a call of (*sync.WaitGroup).Wait,
// completes only after every goroutine started at sites (go statements
// or WaitGroup.Go calls) has returned.
func (m *Model) WaitJoins(wait ssa.CallInstruction, sites []ssa.CallInstruction) bool {
	common := wait.Common()
	if ssax.FullName(ssax.Callee(common)) != "(*sync.WaitGroup).Wait" || len(common.Args) != 1 || len(sites) == 0 {
		return false
	}
	key := ObjectKey(common.Args[0])
	w := m.syncWakes(common.Args[0])
	if !w.Known || key == "" {
		return false // ok: the group escapes; anyone may call Done
	}
	// Every wake must be the end of a counted goroutine, or an Add of an
	// unknown delta made by the function that starts them
	// (wg.Add(len(tasks)): a count, not a release).
	owner := sites[0].Parent()
	var adds []ssa.Instruction
	ends := map[*ssa.Function]bool{}
	for _, s := range w.Sites {
		switch {
		case s.What == "call to (*sync.WaitGroup).Add":
			c, ok := s.Instr.(*ssa.Call)
			if !ok || s.Fn != owner {
				return false // ok: an Add elsewhere (deferred, in a worker) may be a release
			}
			if _, isConst := c.Call.Args[1].(*ssa.Const); isConst {
				return false // ok: a negative count is a release
			}
			adds = append(adds, s.Instr)
		case s.What == "call to (*sync.WaitGroup).Done":
			if !s.AtExit || !deferredOnEveryPath(s.Instr, s.Fn) {
				return false // ok: a Done that may run before the goroutine's work is done
			}
			ends[s.Fn] = true
		case s.AtExit:
			// The return of a function started by WaitGroup.Go.
			ends[s.Fn] = true
		default:
			return false
		}
	}
	for _, site := range sites {
		if site.Parent() != owner {
			return false
		}
		bodies := m.started(site)
		if len(bodies) == 0 {
			return false
		}
		for _, body := range bodies {
			if !ends[body] {
				return false
			}
		}
		if _, isGo := site.(*ssa.Go); isGo && !m.countedBefore(site, key, adds) {
			return false
		}
	}
	return true
}

// started returns what the goroutine started at site runs, or nil when it
// cannot be told.
func (m *Model) started(site ssa.CallInstruction) []*ssa.Function {
	if _, ok := site.(*ssa.Go); ok {
		if fn := m.callee(site.Common()); fn != nil {
			return []*ssa.Function{fn}
		}
		return nil
	}
	res := m.chans.Resolver().Started(site.Common())
	if !res.Complete {
		return nil
	}
	return res.Callees
}

// countedBefore reports whether the go statement site is preceded, in
// its function, by an Add on the WaitGroup key: a positive constant Add
// (not among the wakes) or one of adds.
func (m *Model) countedBefore(site ssa.CallInstruction, key string, adds []ssa.Instruction) bool {
	for _, b := range site.Parent().Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || ssax.FullName(ssax.Callee(&c.Call)) != "(*sync.WaitGroup).Add" || len(c.Call.Args) != 2 {
				continue
			}
			if ObjectKey(c.Call.Args[0]) != key || !cfg.Dominates(c, site) {
				continue
			}
			if k, ok := c.Call.Args[1].(*ssa.Const); ok && k.Int64() > 0 {
				return true
			}
			for _, a := range adds {
				if a == instr {
					return true
				}
			}
		}
	}
	return false
}

// deferredOnEveryPath reports whether the defer d is executed on every
// path of fn to a return: the deferred call then runs when fn returns,
// after everything else fn does.
func deferredOnEveryPath(d ssa.Instruction, fn *ssa.Function) bool {
	if _, ok := d.(*ssa.Defer); !ok || d.Parent() != fn {
		return false
	}
	rets := ssax.Returns(fn)
	if len(rets) == 0 {
		return false
	}
	for _, r := range rets {
		if r.Block() == fn.Recover {
			continue // ok: the return after a recovered panic runs the defers too
		}
		if !cfg.Dominates(d, r) {
			return false
		}
	}
	return true
}

// CloseJoins reports whether a receive from ch completes only after every
// goroutine started at sites has returned: nothing sends on ch, and each
// close of it comes after a WaitGroup.Wait that joins them (WaitJoins).
func (m *Model) CloseJoins(ch ssa.Value, sites []ssa.CallInstruction) bool {
	w := m.ChanWakes(ch, false)
	if !w.Known || len(w.Sites) == 0 {
		return false
	}
	for _, s := range w.Sites {
		if s.What != "close" {
			return false // ok: a send wakes the receive without a join
		}
		if !m.joinedBefore(s.Instr, sites) {
			return false
		}
	}
	return true
}

// joinedBefore reports whether a Wait that joins the goroutines started
// at sites comes before instr on every path of its function.
func (m *Model) joinedBefore(instr ssa.Instruction, sites []ssa.CallInstruction) bool {
	for _, b := range instr.Parent().Blocks {
		if !b.Dominates(instr.Block()) {
			continue
		}
		for _, x := range b.Instrs {
			c, ok := x.(*ssa.Call)
			if !ok || !cfg.Dominates(c, instr) || c == instr {
				continue
			}
			if m.WaitJoins(c, sites) && startedAfterAdds(c, sites) {
				return true
			}
		}
	}
	return false
}

// startedAfterAdds reports whether the Wait call runs after every Add of
// its WaitGroup in the function that starts the goroutines at sites: it
// is in that function, or in a goroutine that function starts at a point
// from which no such Add can be reached (a waiter started before an Add
// may find the counter at zero and return at once).
func startedAfterAdds(wait *ssa.Call, sites []ssa.CallInstruction) bool {
	owner := sites[0].Parent()
	for _, s := range sites {
		if s.Parent() != owner {
			return false
		}
	}
	fn := wait.Parent()
	if fn == owner {
		return true // ok: WaitJoins found an Add before each go statement, so before the Wait
	}
	key := ObjectKey(wait.Call.Args[0])
	// The waiter is a closure of the owner, started only by go statements.
	var starts []ssa.Instruction
	for _, b := range owner.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			calls, escapes := ssax.ClosureCalls(mc)
			if escapes || len(calls) == 0 {
				return false
			}
			for _, c := range calls {
				if _, ok := c.(*ssa.Go); !ok || c.Parent() != owner {
					return false
				}
			}
			starts = append(starts, calls...)
		}
	}
	if len(starts) == 0 {
		return false // ok: the waiter is not started here, so not known to start after the Adds
	}
	for _, b := range owner.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || ssax.FullName(ssax.Callee(&c.Call)) != "(*sync.WaitGroup).Add" || len(c.Call.Args) != 2 || ObjectKey(c.Call.Args[0]) != key {
				continue
			}
			for _, st := range starts {
				if cfg.Reaches(st, c, nil) {
					return false
				}
			}
		}
	}
	return true
}
