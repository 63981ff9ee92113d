package groups

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file follows goroutines started in an errgroup away from the
// function that owns the group: into a helper it hands the group to
// (StartsFact), and out of a function that made the group, started
// goroutines in it and returned it (ReturnsStartedFact). Without these,
// both calls are escapes and the owner's missing Wait goes unseen.

// StartsOn reports whether the call c may start goroutines in its errgroup
// argument i and does nothing else with it that escapes, by the callee's
// summary (same package) or StartsFact.
func (info *Info) StartsOn(c *ssa.CallCommon, i int) (*types.Func, bool) {
	fn, obj, ok := info.summaryTarget(c)
	switch {
	case !ok:
		return nil, false
	case fn != nil:
		return obj, slices.Contains(info.startsParams(fn), i)
	}
	var fact StartsFact
	if info.pass.ImportObjectFact(obj, &fact) {
		return obj, slices.Contains(fact.Params, i)
	}
	return obj, false
}

// startsParams returns the indexes of fn's errgroup parameters that fn may
// start goroutines in, and neither waits on nor lets escape.
func (info *Info) startsParams(fn *ssa.Function) []int {
	if ps, ok := info.starts[fn]; ok {
		return ps
	}
	if info.startsBusy[fn] || fn.Blocks == nil {
		return nil
	}
	info.startsBusy[fn] = true
	defer delete(info.startsBusy, fn)
	var ps []int
	for i, p := range fn.Params {
		if KindOf(p.Type()) != ErrGroup {
			continue
		}
		if _, ok := p.Type().Underlying().(*types.Pointer); !ok {
			continue
		}
		if onlyStarted(info.follow(fn, p, ErrGroup)) {
			ps = append(ps, i)
		}
	}
	info.starts[fn] = ps
	return ps
}

// onlyStarted reports whether g's goroutines may be started and nothing
// waits on it or lets it escape (a SetLimit is no wait).
func onlyStarted(g *Group) bool { return g.Escape == nil && startedOnly(g) }

// ReturnsStarted returns the function c calls and the index of the result
// in which it returns an errgroup it made and may have started goroutines
// in (ReturnsStartedFact), or -1.
func (info *Info) ReturnsStarted(c *ssa.CallCommon) (*types.Func, int) {
	fn, obj, ok := info.summaryTarget(c)
	switch {
	case !ok:
		return nil, -1
	case fn != nil:
		return obj, info.returnedStarted(fn)
	}
	var fact ReturnsStartedFact
	if info.pass.ImportObjectFact(obj, &fact) {
		return obj, fact.Result
	}
	return obj, -1
}

// returnedStarted returns the index of fn's result that is an errgroup fn
// made (Local), may have started goroutines in, never waits on, and lets
// escape only by returning it there; -1 when there is none.
func (info *Info) returnedStarted(fn *ssa.Function) int {
	if i, ok := info.madeIdx[fn]; ok {
		return i
	}
	if info.madeBusy[fn] || fn.Blocks == nil || fn.Signature.Results().Len() == 0 {
		return -1
	}
	info.madeBusy[fn] = true
	defer delete(info.madeBusy, fn)
	found := -1
	for _, g := range info.Local(fn) {
		if g.Kind != ErrGroup || len(g.Escapes) == 0 || !startedOnly(g) {
			continue
		}
		idx := -1
		for _, e := range g.Escapes {
			r, ok := e.(*ssa.Return)
			if !ok {
				idx = -1
				break
			}
			i := groupResult(r)
			if i < 0 || (idx >= 0 && i != idx) {
				idx = -1
				break
			}
			idx = i
		}
		if idx >= 0 {
			found = idx
			break
		}
	}
	info.madeIdx[fn] = found
	return found
}

// startedOnly reports whether the group g may have goroutines started in
// it and nothing waits on it (it may escape).
func startedOnly(g *Group) bool {
	started := false
	for _, op := range g.Ops {
		switch op.Method {
		case Go, TryGo, GoVia:
			started = true
		case Wait, WaitVia:
			return false
		}
	}
	return started
}

// groupResult returns the index of the one errgroup pointer among the
// results of r, or -1.
func groupResult(r *ssa.Return) int {
	idx := -1
	for i, v := range r.Results {
		if KindOf(v.Type()) != ErrGroup {
			continue
		}
		if _, ok := v.Type().Underlying().(*types.Pointer); !ok || idx >= 0 {
			return -1
		}
		idx = i
	}
	return idx
}

// madeGroup returns, for a call in fn of a function that returns an
// errgroup with goroutines started in it (ReturnsStarted), that group as
// fn owns it: a GoVia at the call, then what fn does with the result.
func (info *Info) madeGroup(fn *ssa.Function, call *ssa.Call) *Group {
	via, i := info.ReturnsStarted(&call.Call)
	if i < 0 {
		return nil
	}
	var root ssa.Value = call
	if call.Call.Signature().Results().Len() > 1 {
		root = nil
		for _, ref := range refs(call) {
			if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
				root = ex
			}
		}
	}
	var g *Group
	if root == nil {
		g = &Group{Kind: ErrGroup, Root: call, Owner: fn} // the result is dropped: nothing to follow
	} else {
		g = info.follow(fn, root, ErrGroup)
	}
	g.Made = call
	g.Ops = slices.Insert(g.Ops, 0, Op{Method: GoVia, Instr: call, Fn: fn, Site: call, Via: via, Returned: true})
	return g
}

// ViaStarts returns the Go and TryGo operations that the GoVia op may
// run, found through the callees of this package: those of a helper the
// group is handed to, or those of the function that made and returned
// it. complete is false when some callee is in another package (only its
// fact is known) or the chain is too deep.
func (info *Info) ViaStarts(op Op) (starts []Op, complete bool) {
	complete = true
	seen := map[*ssa.Function]bool{}
	var expand func(op Op, depth int)
	expand = func(op Op, depth int) {
		if op.Method == Go || op.Method == TryGo {
			starts = append(starts, op)
			return
		}
		if op.Method != GoVia {
			return
		}
		c := op.Instr.Common()
		fn, _, _ := info.summaryTarget(c)
		if fn == nil || depth > 4 {
			complete = false
			return
		}
		if seen[fn] {
			return
		}
		seen[fn] = true
		var gs []*Group
		if op.Returned {
			for _, g := range info.Local(fn) {
				if g.Kind == ErrGroup && startedOnly(g) {
					gs = append(gs, g)
				}
			}
		} else {
			for _, i := range info.startsParams(fn) {
				if i < len(fn.Params) && i < len(c.Args) {
					gs = append(gs, info.follow(fn, fn.Params[i], ErrGroup))
				}
			}
		}
		for _, g := range gs {
			for _, inner := range g.Ops {
				if inner.Method == Go || inner.Method == TryGo || inner.Method == GoVia {
					expand(inner, depth+1)
				}
			}
		}
	}
	expand(op, 0)
	return starts, complete
}
