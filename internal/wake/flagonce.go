package wake

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// flagKey names a package-level boolean: a global, or a field of a global
// struct (arbiter.started).
type flagKey struct {
	global *ssa.Global
	field  int // -1 for the global itself
}

// flagOf returns the package-level boolean that addr is the address of.
func flagOf(addr ssa.Value) (flagKey, bool) {
	switch a := addr.(type) {
	case *ssa.Global:
		return flagKey{a, -1}, true
	case *ssa.FieldAddr:
		if g, ok := a.X.(*ssa.Global); ok {
			return flagKey{g, a.Field}, true
		}
	}
	return flagKey{}, false
}

// StartedOnceByFlag reports whether the go statement g runs at most once
// per process because a package-level flag guards it: g is reached only
// where the flag was read false (if !arbiter.started), the same guarded
// code sets it true before anything can read it again, and nothing in the
// package ever sets it to anything but true:
//
//	arbiter.Lock()
//	if !arbiter.started {
//		arbiter.started = true
//		go arbiter.tick() // one ticker for every meter of the process
//	}
//	arbiter.Unlock()
//
// It is the hand-written form of a package-level sync.Once.
func (m *Model) StartedOnceByFlag(g ssa.Instruction) bool {
	fn := g.Parent()
	if inLoop(g) {
		return false // the guarded code may start many
	}
	for d := g.Block(); d != nil; d = d.Idom() {
		parent := d.Idom()
		if parent == nil || len(parent.Instrs) == 0 {
			continue
		}
		iff, ok := parent.Instrs[len(parent.Instrs)-1].(*ssa.If)
		if !ok || len(parent.Succs) != 2 {
			continue
		}
		cond, falseSide := iff.Cond, parent.Succs[1] // if flag: its else
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond, falseSide = not.X, parent.Succs[0] // if !flag: its then
		}
		load, ok := cond.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			continue
		}
		key, ok := flagOf(load.X)
		if !ok || len(falseSide.Preds) != 1 || !falseSide.Dominates(g.Block()) {
			continue
		}
		if m.onlySetTrue(key) && setsTrueIn(fn, key, falseSide) {
			return true
		}
	}
	return false
}

// onlySetTrue reports whether every store to the flag in the package is
// of the constant true.
func (m *Model) onlySetTrue(key flagKey) bool {
	for _, f := range m.calls.funcs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if k, ok := flagOf(st.Addr); !ok || k != key {
					continue
				}
				if c, ok := st.Val.(*ssa.Const); !ok || c.Value == nil || c.Value.Kind() != constant.Bool || !constant.BoolVal(c.Value) {
					return false
				}
			}
		}
	}
	return true
}

// setsTrueIn reports whether fn stores true to the flag in a block that
// side dominates.
func setsTrueIn(fn *ssa.Function, key flagKey, side *ssa.BasicBlock) bool {
	for _, b := range fn.Blocks {
		if !side.Dominates(b) {
			continue
		}
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if k, ok := flagOf(st.Addr); ok && k == key {
					return true
				}
			}
		}
	}
	return false
}
