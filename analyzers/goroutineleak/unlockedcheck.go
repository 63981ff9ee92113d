package goroutineleak

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
)

// A condition checked before the lock: a Wait on a sync.Cond kept in a
// struct field, made once (not in a loop) after a branch on a field of
// the same struct that was read before the Cond's lock was taken, with
// no second look at any state once it is held; and a function that wakes
// the Cond (a wake of the Wait in the counterpart model) stores that
// field. The waker can store and Broadcast between the check and the
// Lock: the wakeup is lost, and the Wait blocks forever (moby#29733):
//
//	func (p *Plugin) waitActive() {
//		if !p.activated { // read without p.cond.L
//			p.cond.L.Lock()
//			p.cond.Wait() // activate may have broadcast already
//			p.cond.L.Unlock()
//		}
//	}
//
//	func (p *Plugin) activate() {
//		p.cond.L.Lock()
//		p.activated = true
//		p.cond.Broadcast()
//		p.cond.L.Unlock()
//	}
//
// The fix is the Cond's own rule: check the condition under the lock, in
// a loop around Wait (for !p.activated { p.cond.Wait() }). Not reported:
// a Wait in a loop (it re-checks), a branch between the Lock and the
// Wait (the check repeated under the lock), a check made while some lock
// is held, a field no waker of the Cond stores.
func (c *checker) checkUnlockedCondChecks(fn *ssa.Function) {
	if c.model == nil {
		return
	}
	var loops []waitexit.Loop
	for _, w := range fieldCondWaits(fn) {
		if loops == nil {
			loops = waitexit.LoopExits(fn)
		}
		if slices.ContainsFunc(loops, func(l waitexit.Loop) bool { return slices.Contains(l.Blocks, w.call.Block()) }) {
			continue // ok: a Wait in a loop re-checks its condition
		}
		base := condBase(w.call.Call.Args[0])
		if base == nil {
			continue
		}
		lock := lockBefore(w.call)
		if lock == nil || branchBetween(lock, w.call) {
			continue // ok: no lock taken for the Wait here, or the condition is looked at again under it
		}
		check, fields := fieldCheckBefore(lock, base)
		if check == nil || lockBefore(check) != nil {
			continue // ok: no check of the struct's state, or it is made under a lock
		}
		waker, store, ok := c.storingWaker(w, fields)
		if !ok {
			continue // ok: nothing that wakes the Cond changes what was checked
		}
		c.reportUnlockedCondCheck(fn, w, check, lock, waker, store)
	}
}

// condBase returns the struct pointer whose Cond field v loads.
func condBase(v ssa.Value) ssa.Value {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	if fa, ok := ld.X.(*ssa.FieldAddr); ok {
		return fa.X
	}
	return nil
}

// isLockCall reports whether instr locks a mutex: Lock or RLock of a
// sync.Mutex or RWMutex, or Lock of a sync.Locker (a Cond's L).
func isLockCall(instr ssa.Instruction) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	if _, isGo := instr.(*ssa.Go); isGo {
		return false
	}
	com := call.Common()
	if com.IsInvoke() {
		return com.Method.Name() == "Lock" && com.Method.Pkg() != nil && com.Method.Pkg().Path() == "sync"
	}
	switch ssax.FullName(ssax.Callee(com)) {
	case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock", "(*sync.RWMutex).RLock":
		return true
	}
	return false
}

// lockBefore returns the nearest lock call that runs on every path to
// at (before it in its block, or in a block that dominates it), or nil.
func lockBefore(at ssa.Instruction) ssa.Instruction {
	b := at.Block()
	for i := cfg.Index(at) - 1; i >= 0; i-- {
		if isLockCall(b.Instrs[i]) {
			return b.Instrs[i]
		}
	}
	for d := b.Idom(); d != nil; d = d.Idom() {
		for i := len(d.Instrs) - 1; i >= 0; i-- {
			if isLockCall(d.Instrs[i]) {
				return d.Instrs[i]
			}
		}
	}
	return nil
}

// branchBetween reports whether a conditional branch can run after from
// and before to: a path from from to to that passes a block ending in an
// If or a Select with a choice.
func branchBetween(from, to ssa.Instruction) bool {
	if from.Block() == to.Block() && cfg.Index(from) < cfg.Index(to) {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	var walk func(b *ssa.BasicBlock) bool
	walk = func(b *ssa.BasicBlock) bool {
		if b == to.Block() || seen[b] {
			return false
		}
		seen[b] = true
		if len(b.Succs) > 1 {
			return true
		}
		for _, s := range b.Succs {
			if walk(s) {
				return true
			}
		}
		return false
	}
	return walk(from.Block())
}

// fieldCheckBefore returns the If nearest above at, among the blocks that
// dominate it, whose condition reads fields of base (directly, through a
// getter method, or in a comparison, a negation or a len), with those
// fields.
func fieldCheckBefore(at ssa.Instruction, base ssa.Value) (*ssa.If, map[*types.Var]bool) {
	for d := at.Block().Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		fields := map[*types.Var]bool{}
		readFields(iff.Cond, base, fields, 0)
		if len(fields) > 0 {
			return iff, fields
		}
		return nil, nil // the nearest branch checks something else
	}
	return nil, nil
}

// readFields adds to fields the fields of base that v reads.
func readFields(v ssa.Value, base ssa.Value, fields map[*types.Var]bool, depth int) {
	if depth > 4 {
		return
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if fa, ok := x.X.(*ssa.FieldAddr); ok && fa.X == base {
				if f := ssax.Field(fa.X.Type(), fa.Field); f != nil {
					fields[f] = true
				}
			}
			return
		}
		readFields(x.X, base, fields, depth+1)
	case *ssa.BinOp:
		readFields(x.X, base, fields, depth+1)
		readFields(x.Y, base, fields, depth+1)
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" && len(x.Call.Args) == 1 {
			readFields(x.Call.Args[0], base, fields, depth+1)
			return
		}
		if f, ok := ssax.GetterField(x.Call.StaticCallee()); ok && len(x.Call.Args) == 1 && x.Call.Args[0] == base {
			fields[f] = true
		}
	}
}

// storingWaker returns a function that wakes w's Cond (a wake site of the
// Wait in the counterpart model) and stores one of fields before the
// wake, with that store.
func (c *checker) storingWaker(w fieldCondWait, fields map[*types.Var]bool) (*ssa.Function, *ssa.Store, bool) {
	_, sites, ok := c.signalers(w.call)
	if !ok {
		return nil, nil, false
	}
	var wakes []ssa.Instruction
	for site := range sites {
		wakes = append(wakes, site)
	}
	slices.SortFunc(wakes, func(a, b ssa.Instruction) int { return int(a.Pos() - b.Pos()) })
	for _, wake := range wakes {
		for _, b := range wake.Parent().Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok || !fields[ssax.Field(fa.X.Type(), fa.Field)] {
					continue
				}
				if _, fresh := fa.X.(*ssa.Alloc); fresh {
					continue // a constructor's store: no waiter yet
				}
				if cfg.Reaches(st, wake, nil) {
					return wake.Parent(), st, true
				}
			}
		}
	}
	return nil, nil, false
}

func (c *checker) reportUnlockedCondCheck(fn *ssa.Function, w fieldCondWait, check *ssa.If, lock ssa.Instruction, waker *ssa.Function, store *ssa.Store) {
	f := ssax.Field(store.Addr.(*ssa.FieldAddr).X.Type(), store.Addr.(*ssa.FieldAddr).Field)
	checkPos := ssax.Pos(check)
	if cond, ok := check.Cond.(ssa.Instruction); ok && ssax.Pos(cond).IsValid() {
		checkPos = ssax.Pos(cond)
	}
	related := []analysis.RelatedInformation{
		passutil.Related(checkPos, "%s is checked here, before the lock", f.Name()),
		passutil.Related(ssax.Pos(lock), "the lock is taken here, and the condition is not checked again under it"),
		passutil.Related(store.Pos(), "%s stores %s here and then wakes the Cond's waiters", fnName(waker), f.Name()),
	}
	c.report(analysis.Diagnostic{
		Pos:      w.call.Pos(),
		Category: catSync,
		Message: fmt.Sprintf("%s.Wait can block forever: %s checks %s before it locks the Cond's lock and does not check it again under it, so %s can set it and wake the waiters in between, and this Wait misses that wakeup (lost wakeup; check the condition under the lock, in a loop around Wait)",
			w.cond.Name(), fnName(fn), f.Name(), fnName(waker)),
		Related: related,
	})
}
