package wake

import (
	"go/constant"
	"go/token"
	"strings"

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
// It is the hand-written form of a package-level sync.Once. The atomic
// form counts too: g reached only where flag.CompareAndSwap(false, true)
// on a package-level atomic.Bool (or CompareAndSwap(0, 1) on an
// atomic.Int32, Uint32, Int64 or Uint64, or atomic.CompareAndSwapInt32(&flag,
// 0, 1)) succeeded, when nothing in the package but such swaps and Loads
// ever touches the flag after the package initializer.
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
		if key, ok := casOnce(cond); ok {
			trueSide := parent.Succs[0]
			if falseSide == parent.Succs[0] {
				trueSide = parent.Succs[1] // if !flag.CompareAndSwap(false, true) { return }
			}
			if len(trueSide.Preds) == 1 && trueSide.Dominates(g.Block()) && m.onlySwappedOn(key) {
				return true
			}
			continue
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

// casOnce reports whether cond is a compare-and-swap that can succeed only
// once on a package-level flag: CompareAndSwap(false, true) on an
// atomic.Bool, CompareAndSwap(0, 1) on an atomic integer, or
// atomic.CompareAndSwapInt32(&flag, 0, 1) and its kin.
func casOnce(cond ssa.Value) (flagKey, bool) {
	addr, ok := CompareAndSwapOnce(cond)
	if !ok {
		return flagKey{}, false
	}
	return flagOf(addr)
}

// CompareAndSwapOnce returns the address of the flag that cond, a call of
// sync/atomic, swaps from false to true (CompareAndSwap(false, true) on an
// atomic.Bool) or from 0 to a non-zero constant (on an atomic integer, or
// atomic.CompareAndSwapInt32(&flag, 0, 1) and its kin): a swap that
// succeeds once per flag, unless something resets it.
func CompareAndSwapOnce(cond ssa.Value) (ssa.Value, bool) {
	call, ok := cond.(*ssa.Call)
	if !ok || len(call.Call.Args) != 3 {
		return nil, false
	}
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "sync/atomic" {
		return nil, false
	}
	if fn.Name() != "CompareAndSwap" && !strings.HasPrefix(fn.Name(), "CompareAndSwap") {
		return nil, false
	}
	if !setOnce(call.Call.Args[1], call.Call.Args[2]) {
		return nil, false
	}
	return call.Call.Args[0], true
}

// setOnce reports whether old and new are false and true, or 0 and a
// non-zero constant: a swap that nothing in the package undoes succeeds
// once.
func setOnce(old, new ssa.Value) bool {
	o, ok1 := old.(*ssa.Const)
	n, ok2 := new.(*ssa.Const)
	if !ok1 || !ok2 || o.Value == nil || n.Value == nil {
		return false
	}
	switch o.Value.Kind() {
	case constant.Bool:
		return !constant.BoolVal(o.Value) && constant.BoolVal(n.Value)
	case constant.Int:
		return constant.Sign(o.Value) == 0 && constant.Sign(n.Value) != 0
	}
	return false
}

// onlySwappedOn reports whether, outside the package initializer, the
// flag is only loaded or swapped once (casOnce) in the package: nothing
// stores to it, resets it, or hands its address anywhere else.
func (m *Model) onlySwappedOn(key flagKey) bool {
	for _, f := range m.calls.funcs {
		if f.Synthetic == "package initializer" {
			continue
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Store:
					if k, ok := flagOf(x.Addr); ok && k == key {
						return false
					}
				case ssa.CallInstruction:
					c := x.Common()
					for i, a := range c.Args {
						k, ok := flagOf(a)
						if !ok || k != key {
							continue
						}
						if v := x.Value(); i == 0 && v != nil {
							if _, once := casOnce(v); once {
								continue
							}
						}
						if fn := c.StaticCallee(); i == 0 && fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "sync/atomic" && (fn.Name() == "Load" || strings.HasPrefix(fn.Name(), "Load")) {
							continue
						}
						return false
					}
				}
			}
		}
	}
	return true
}
