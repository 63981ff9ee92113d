package groups

import (
	"go/constant"
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// A Guard is a branch of a goroutine body on a value fixed when the
// goroutine starts (a parameter of the body, or a value it captures), or
// on that value compared with nil, such that every Done of a WaitGroup in
// the body runs only on the guard's "on" side:
//
//	go func() {
//		work()
//		if track { // or: if wg != nil
//			wg.Done()
//		}
//	}()
//
// The "off" side owes no Done when the goroutine's starter did not count
// it in on that side either (if track { wg.Add(1) }), or when the
// WaitGroup itself is nil there (nothing can wait on a nil WaitGroup).
type Guard struct {
	If *ssa.If
	// Val is the fixed value the branch tests: a parameter of the body,
	// a value it captures, or (seen through a captured variable that is
	// stored once) a value of the function that starts it.
	Val ssa.Value
	// Nil says the branch compares Val with nil; then "on" is non-nil.
	Nil bool
	// On is the index of the successor taken when Val is true (non-nil).
	On int
	// OfDone says Val is the WaitGroup every Done is called on (if wg !=
	// nil { wg.Done() }): nothing waits on it where it is nil.
	OfDone bool
}

// Off is the edge taken when the guard is off.
func (g Guard) Off() (from, to *ssa.BasicBlock) {
	b := g.If.Block()
	return b, b.Succs[1-g.On]
}

// decodeGuard reads the condition of iff as a test of a value: v, or v
// compared with nil, possibly negated. on is the successor index taken
// when v is true (non-nil).
func decodeGuard(iff *ssa.If) (v ssa.Value, isNil bool, on int, ok bool) {
	if len(iff.Block().Succs) != 2 {
		return nil, false, 0, false
	}
	cond := iff.Cond
	for range 4 {
		not, ok := cond.(*ssa.UnOp)
		if !ok || not.Op != token.NOT {
			break
		}
		cond, on = not.X, 1-on
	}
	if bin, ok := cond.(*ssa.BinOp); ok && (bin.Op == token.EQL || bin.Op == token.NEQ) {
		x := bin.X
		if ssax.IsNilConst(x) {
			x = bin.Y
		} else if !ssax.IsNilConst(bin.Y) {
			return nil, false, 0, false
		}
		if bin.Op == token.EQL {
			on = 1 - on
		}
		return fixedValue(x), true, on, true
	}
	return fixedValue(cond), false, on, true
}

// fixedValue sees through loads of a variable that is stored once and
// never written again (a parameter or local captured by a closure lives
// in such a variable) to the value stored.
func fixedValue(v ssa.Value) ssa.Value {
	for range 8 {
		load, ok := v.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			return v
		}
		sv := onlyStored(load.X)
		if sv == nil {
			return v
		}
		v = sv
	}
	return v
}

// onlyStored returns the one value ever stored in the variable addr (a
// local, or a captured one), when nothing else writes it: its other uses
// are loads and captures by closures that only load it.
func onlyStored(addr ssa.Value) ssa.Value {
	for range 8 {
		fv, ok := addr.(*ssa.FreeVar)
		if !ok {
			break
		}
		if !onlyLoaded(fv) {
			return nil
		}
		addr = ssax.Binding(fv)
	}
	alloc, ok := addr.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return nil
	}
	var stored ssa.Value
	for _, r := range *alloc.Referrers() {
		switch x := r.(type) {
		case *ssa.Store:
			if x.Addr != alloc || stored != nil {
				return nil
			}
			stored = x.Val
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			fn := x.Fn.(*ssa.Function)
			for i, b := range x.Bindings {
				if b == alloc && (i >= len(fn.FreeVars) || !onlyLoaded(fn.FreeVars[i])) {
					return nil
				}
			}
		default:
			return nil
		}
	}
	return stored
}

// onlyLoaded reports whether the captured variable fv is only read by its
// closure.
func onlyLoaded(fv *ssa.FreeVar) bool {
	if fv.Referrers() == nil {
		return true
	}
	for _, r := range *fv.Referrers() {
		switch x := r.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// DoneGuards returns the guards of fn (a goroutine body) on a value fixed
// at its start under whose "on" side every call in dones runs.
func DoneGuards(fn *ssa.Function, dones []*ssa.Call) []Guard {
	if len(dones) == 0 {
		return nil
	}
	var out []Guard
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		v, isNil, on, ok := decodeGuard(iff)
		if !ok {
			continue
		}
		ofDone := isNil
		for _, d := range dones {
			if len(d.Call.Args) == 0 || !sameRef(fixedValue(d.Call.Args[0]), v, 0) {
				ofDone = false
			}
		}
		if _, param := v.(*ssa.Parameter); !ofDone && !param && (v.Parent() == fn || v.Parent() == nil) {
			continue // ok: a value computed in the body is not fixed at the start
		}
		onSucc := b.Succs[on]
		if len(onSucc.Preds) != 1 {
			continue
		}
		all := true
		for _, d := range dones {
			if !onSucc.Dominates(d.Block()) {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		out = append(out, Guard{If: iff, Val: v, Nil: isNil, On: on, OfDone: ofDone})
	}
	return out
}

// sameRef reports whether a and b are the same value, or loads of the
// same field of the same value (if s.wg != nil { s.wg.Done() }).
func sameRef(a, b ssa.Value, depth int) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	if !ok1 || !ok2 || la.Op != token.MUL || lb.Op != token.MUL || depth > 4 {
		return false
	}
	fa, ok1 := la.X.(*ssa.FieldAddr)
	fb, ok2 := lb.X.(*ssa.FieldAddr)
	return ok1 && ok2 && fa.Field == fb.Field && sameRef(fixedValue(fa.X), fixedValue(fb.X), depth+1)
}

// StartValue returns the value in the starting function that the guard's
// Val holds for the goroutine started by start: the argument of the go
// statement for a parameter, the binding of the closure for a captured
// value; nil when it cannot be told.
func (g Guard) StartValue(start *ssa.Go) ssa.Value { return StartValue(start, g.Val) }

// StartValue returns the value in the function containing start that the
// value v of the started body holds (v seen through variables stored once,
// fixedValue): v itself when it is the starter's, the argument of the go
// statement for a parameter, the binding of the closure for a captured
// value; nil when it cannot be told.
func StartValue(start *ssa.Go, v ssa.Value) ssa.Value {
	val := fixedValue(v)
	if p := val.Parent(); p == start.Parent() {
		return val // a value of the starter, seen through a captured variable
	}
	switch v := val.(type) {
	case *ssa.FreeVar:
		mc, ok := start.Call.Value.(*ssa.MakeClosure)
		if !ok || mc.Fn != v.Parent() {
			return nil
		}
		for i, fv := range v.Parent().FreeVars {
			if fv == v && i < len(mc.Bindings) {
				return mc.Bindings[i]
			}
		}
	case *ssa.Parameter:
		if start.Call.IsInvoke() || start.Call.StaticCallee() != v.Parent() {
			return nil
		}
		args := start.Call.Args
		params := v.Parent().Params
		if len(args) != len(params) {
			return nil
		}
		for i, p := range params {
			if p == v {
				return args[i]
			}
		}
	}
	return nil
}

// OffEdges returns the edges of the starter of a goroutine (the function
// containing start) that are taken when the guard g of the goroutine's
// body is off: branches of the starter on the same value, tested the same
// way (truth or nil). On such an edge the goroutine calls no Done.
func (g Guard) OffEdges(start *ssa.Go) [][2]*ssa.BasicBlock {
	sv := g.StartValue(start)
	if sv == nil {
		return nil
	}
	var out [][2]*ssa.BasicBlock
	for _, b := range start.Parent().Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		v, isNil, on, ok := decodeGuard(iff)
		if !ok || v != sv || isNil != g.Nil {
			continue
		}
		out = append(out, [2]*ssa.BasicBlock{b, b.Succs[1-on]})
	}
	return out
}

// OnSide reports whether instr, in the starter of the goroutine started
// by start, runs only on the "on" side of a branch of the starter that
// tests the value the guard's Val holds for the goroutine.
func (g Guard) OnSide(start *ssa.Go, instr ssa.Instruction) bool {
	for _, e := range g.OffEdges(start) {
		from := e[0]
		for _, s := range from.Succs {
			if s != e[1] && len(s.Preds) == 1 && s.Dominates(instr.Block()) {
				return true
			}
		}
	}
	return false
}

// AddFlagOffEdges returns the edges of the goroutine body that start
// runs on which a flag that records the starter's Add is false: added :=
// false; if cond { wg.Add(1); added = true }; go func() { ...; if added {
// wg.Done() } }(). The flag is a variable of the starter that the closure
// captures and only reads, assigned the constant false and, only in
// blocks that make one of adds (the starter's Adds on the WaitGroup), the
// constant true; every call in dones runs on its true side. Where it is
// false the goroutine was not counted in, and owes no Done.
func AddFlagOffEdges(start *ssa.Go, dones []*ssa.Call, adds []ssa.Instruction) [][2]*ssa.BasicBlock {
	mc, ok := start.Call.Value.(*ssa.MakeClosure)
	if !ok || len(adds) == 0 {
		return nil
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil
	}
	addBlocks := map[*ssa.BasicBlock]bool{}
	for _, add := range adds {
		addBlocks[add.Block()] = true
	}
	var out [][2]*ssa.BasicBlock
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || len(b.Succs) != 2 {
			continue
		}
		cond, on := iff.Cond, 0
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond, on = not.X, 1
		}
		load, ok := cond.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			continue
		}
		fv, ok := load.X.(*ssa.FreeVar)
		if !ok || !flagRecordsAdd(mc, fv, addBlocks) {
			continue
		}
		onSucc := b.Succs[on]
		all := len(onSucc.Preds) == 1
		for _, d := range dones {
			all = all && onSucc.Dominates(d.Block())
		}
		if all {
			out = append(out, [2]*ssa.BasicBlock{b, b.Succs[1-on]})
		}
	}
	return out
}

// flagRecordsAdd reports whether the captured variable fv of the closure
// mc is a boolean of the starter that no closure writes
// (ssax.LocalStores), stored the constant false and, only in blocks of
// addBlocks, the constant true.
func flagRecordsAdd(mc *ssa.MakeClosure, fv *ssa.FreeVar, addBlocks map[*ssa.BasicBlock]bool) bool {
	idx := slices.Index(mc.Fn.(*ssa.Function).FreeVars, fv)
	if idx < 0 || idx >= len(mc.Bindings) {
		return false
	}
	stores, ok := ssax.LocalStores(mc.Bindings[idx])
	if !ok {
		return false
	}
	trues := 0
	for _, st := range stores {
		k, isConst := st.Val.(*ssa.Const)
		if !isConst || k.Value == nil || k.Value.Kind() != constant.Bool {
			return false
		}
		if constant.BoolVal(k.Value) {
			if !addBlocks[st.Block()] {
				return false
			}
			trues++
		}
	}
	return trues > 0
}
