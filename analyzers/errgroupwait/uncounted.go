package errgroupwait

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

const catUncountedStart = "uncounted-start"

// maxAddSearch bounds how many callers up an Add before a start is looked
// for.
const maxAddSearch = 3

// checkUncountedStarts reports the starts of a goroutine body fn that
// counts itself out of a WaitGroup kept in an unexported struct field
// (a deferred wg.Done(), or a Done outside its loops) when another start
// of the same body adds to that WaitGroup first and this one does not:
// the package's own code says the goroutine is a member, and this start
// forgets to count it in. A Wait may then return while it runs, and its
// Done drives the counter below zero (sync: negative WaitGroup counter).
//
//	wm.wg.Add(1)
//	go wm.worker(ctx) // counted
//	...
//	go wm.worker(ctx) // in spawnWorker: not counted
//
// The Add is looked for in the starting function and in its callers (a
// few levels up through plain calls, when the package shows them all:
// a spawner started as a goroutine of its own owes nothing to the Adds
// its starter made for its own starts); a body that adds to
// the WaitGroup itself, or whose Done counts work items (inside a loop),
// is not judged, nor is a start by a function that calls Done on the same
// WaitGroup (a member handing its membership over to the goroutine it
// starts).
func (c *checker) checkUncountedStarts(fn *ssa.Function) {
	starts, _, _ := c.gi.StartsOf(fn)
	if len(starts) < 2 {
		return
	}
	for _, done := range c.memberDones(fn) {
		key := wake.ObjectKey(done.wg)
		var counted, uncounted []*ssa.Go
		var countedAdd ssa.Instruction
		for _, s := range starts {
			if add := c.addBefore(s.Parent(), key, 0); add != nil {
				counted = append(counted, s)
				if countedAdd == nil {
					countedAdd = add
				}
			} else if !donesOn(s.Parent(), key) && c.noAddAbove(s.Parent(), key, 0) {
				// (a starter that counts itself out of the same WaitGroup
				// hands its own membership over: a writer that restarts
				// itself with a fresh stack)
				uncounted = append(uncounted, s)
			}
		}
		if len(counted) == 0 || len(uncounted) == 0 {
			continue
		}
		name := ssax.Name(done.wg)
		// One finding per starting function: its other uncounted starts
		// (a spawner's two go statements) are related information.
		byStarter := map[*ssa.Function][]*ssa.Go{}
		var starters []*ssa.Function
		for _, s := range uncounted {
			if _, ok := byStarter[s.Parent()]; !ok {
				starters = append(starters, s.Parent())
			}
			byStarter[s.Parent()] = append(byStarter[s.Parent()], s)
		}
		slices.SortFunc(starters, func(a, b *ssa.Function) int { return int(a.Pos()) - int(b.Pos()) })
		for _, starter := range starters {
			ss := byStarter[starter]
			slices.SortFunc(ss, func(a, b *ssa.Go) int { return int(a.Pos()) - int(b.Pos()) })
			related := []analysis.RelatedInformation{
				passutil.Related(ssax.Pos(countedAdd), "%s.Add before the start here", name),
				passutil.Related(ssax.Pos(counted[0]), "the counted start"),
				passutil.Related(done.pos, "%s.Done called here", name),
			}
			for _, other := range ss[1:] {
				related = append(related, passutil.Related(other.Pos(), "this start has no %s.Add either", name))
			}
			c.report(analysis.Diagnostic{
				Pos:      ss[0].Pos(),
				Category: catUncountedStart,
				Message: fmt.Sprintf("go %s with no %s.Add: the goroutine calls %s.Done, and the other start of %s adds first, this one does not: a Wait may return while it runs, and its Done then drives the counter below zero (panic: sync: negative WaitGroup counter)",
					bodyName(fn), name, name, bodyName(fn)),
				Related: related,
			})
		}
	}
}

// memberDone is a Done by which a goroutine body counts itself out of a
// WaitGroup.
type memberDone struct {
	wg  ssa.Value
	pos token.Pos
}

// memberDones returns fn's Dones that count the goroutine itself out, one
// per WaitGroup: deferred, or called outside every loop, on a WaitGroup
// kept in an unexported field that fn does not add to and whose Dones in
// fn are none of them in a loop (a Done per work item counts items).
func (c *checker) memberDones(fn *ssa.Function) []memberDone {
	var out []memberDone
	byKey := map[string]int{}
	looped := map[string]bool{}
	note := func(wg ssa.Value, pos token.Pos, inLoop bool) {
		if !unexportedField(wg) {
			return
		}
		key := wake.ObjectKey(wg)
		if key == "" {
			return
		}
		if inLoop {
			looped[key] = true
		}
		if _, ok := byKey[key]; !ok {
			byKey[key] = len(out)
			out = append(out, memberDone{wg: wg, pos: pos})
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var common *ssa.CallCommon
			deferred := false
			switch x := instr.(type) {
			case *ssa.Call:
				common = &x.Call
			case *ssa.Defer:
				common, deferred = &x.Call, true
			default:
				continue
			}
			if k, m, _ := groups.MethodOf(common); k != groups.WaitGroup || m != groups.Done || len(common.Args) == 0 {
				continue
			}
			if !deferred && rollsBack(fn, instr.(*ssa.Call)) {
				continue
			}
			note(common.Args[0], instr.Pos(), !deferred && cfg.Reaches(instr, instr, nil))
		}
	}
	kept := out[:0]
	for _, d := range out {
		key := wake.ObjectKey(d.wg)
		if looped[key] || len(addsTo(fn, key)) > 0 {
			continue
		}
		kept = append(kept, d)
	}
	return kept
}

// unexportedField reports whether wg is the address of an unexported
// struct field: code of other packages cannot add to it.
func unexportedField(wg ssa.Value) bool {
	fa, ok := wg.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	fld := ssax.Field(fa.X.Type(), fa.Field)
	return fld != nil && !fld.Exported()
}

// addBefore returns an Add on the WaitGroup key in fn, or in a caller of
// fn up to maxAddSearch levels, or nil.
func (c *checker) addBefore(fn *ssa.Function, key string, depth int) ssa.Instruction {
	if adds := addsTo(fn, key); len(adds) > 0 {
		return adds[0]
	}
	if depth >= maxAddSearch {
		return nil
	}
	_, calls, _ := c.gi.StartsOf(fn)
	for _, call := range calls {
		if add := c.addBefore(call.Parent(), key, depth+1); add != nil {
			return add
		}
	}
	return nil
}

// noAddAbove reports whether no Add on the WaitGroup key can precede a
// call of fn: fn does not add, and the package shows every call of fn,
// none of whose functions adds either, up to maxAddSearch levels (through
// plain calls; a function a go statement starts owes nothing to its
// starter's Adds).
func (c *checker) noAddAbove(fn *ssa.Function, key string, depth int) bool {
	if len(addsTo(fn, key)) > 0 || depth >= maxAddSearch {
		return false
	}
	_, calls, complete := c.gi.StartsOf(fn)
	if !complete {
		return false
	}
	// A go statement that starts fn is not followed up: the starter's
	// Adds count what the starter itself starts, and fn's later starts
	// (a spawner's loop) come after the starter moved on.
	for _, call := range calls {
		if !c.noAddAbove(call.Parent(), key, depth+1) {
			return false
		}
	}
	return true
}

// bodyName names a goroutine body for a message: its short name
// ((*workersManager).asyncWorker), or its own name for a closure.
func bodyName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok && obj != nil {
		return ssax.ShortFuncName(obj)
	}
	return fn.Name()
}

// donesOn reports whether fn calls Done (or defers it) on the WaitGroup
// whose key is key.
func donesOn(fn *ssa.Function, key string) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var common *ssa.CallCommon
			switch x := instr.(type) {
			case *ssa.Call:
				common = &x.Call
			case *ssa.Defer:
				common = &x.Call
			default:
				continue
			}
			if k, m, _ := groups.MethodOf(common); k == groups.WaitGroup && m == groups.Done && len(common.Args) > 0 && wake.ObjectKey(common.Args[0]) == key {
				return true
			}
		}
	}
	return false
}
