package spawn

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssax"
)

// StartValueEdges returns the edges of body, the function literal that
// the go statement start runs, that no path from body's entry can take
// before it passes an instruction stop accepts: the nil side of a test of
// a captured variable that holds a value made before the goroutine starts
// and that only body writes again, after a stop.
//
//	first := make(chan struct{})
//	go func() {
//		for {
//			if first != nil { // first holds the channel until the send
//				first <- struct{}{}
//				first = nil
//			}
//			if sleep(ctx) {
//				break
//			}
//		}
//	}()
//	<-first
//
// A search for a return that skips the send (stop: the send) may not take
// the nil side of the test: on any path that has not sent yet, first is
// still the channel. The variable must be written in the starting function
// once, before the go statement, with a value made there (not nil), be
// captured by no other closure, and every write of it in body must follow
// a stop on every path.
func StartValueEdges(start *ssa.Go, body *ssa.Function, stop func(ssa.Instruction) bool) [][2]*ssa.BasicBlock {
	mc, ok := start.Call.Value.(*ssa.MakeClosure)
	if !ok || mc.Fn != body {
		return nil
	}
	var out [][2]*ssa.BasicBlock
	for _, b := range body.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || len(b.Succs) != 2 {
			continue
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok || cmp.Op != token.EQL && cmp.Op != token.NEQ {
			continue
		}
		load, isNil := cmp.X, cmp.Y
		if !ssax.IsNilConst(isNil) {
			load, isNil = cmp.Y, cmp.X
		}
		if !ssax.IsNilConst(isNil) {
			continue
		}
		deref, ok := load.(*ssa.UnOp)
		if !ok || deref.Op != token.MUL {
			continue
		}
		fv, ok := deref.X.(*ssa.FreeVar)
		if !ok || fv.Parent() != body {
			continue
		}
		i := freeVarIndex(body, fv)
		if i < 0 || i >= len(mc.Bindings) {
			continue
		}
		cell, ok := mc.Bindings[i].(*ssa.Alloc)
		if !ok || !madeOnceBefore(cell, start, mc) || !writesFollowStop(fv, body, stop) {
			continue
		}
		off := b.Succs[1] // cell != nil is false: nil
		if cmp.Op == token.EQL {
			off = b.Succs[0]
		}
		out = append(out, [2]*ssa.BasicBlock{b, off})
	}
	return out
}

func freeVarIndex(fn *ssa.Function, fv *ssa.FreeVar) int {
	for i, f := range fn.FreeVars {
		if f == fv {
			return i
		}
	}
	return -1
}

// madeOnceBefore reports whether the cell, a variable of the starting
// function, is written there once, before the go statement start, with a
// value made there, and captured by no closure but mc.
func madeOnceBefore(cell *ssa.Alloc, start *ssa.Go, mc *ssa.MakeClosure) bool {
	if cell.Parent() != start.Parent() || cell.Referrers() == nil {
		return false
	}
	var store *ssa.Store
	for _, r := range *cell.Referrers() {
		switch x := r.(type) {
		case *ssa.Store:
			if x.Addr != cell || store != nil {
				return false
			}
			store = x
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			if x != mc {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	if store == nil || !cfg.Dominates(store, start) {
		return false
	}
	switch store.Val.(type) {
	case *ssa.MakeChan, *ssa.MakeMap, *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeClosure:
		return true
	}
	return false
}

// writesFollowStop reports whether every write of the captured variable
// fv in body lies after an instruction stop accepts, on every path: in
// the same block after it, or in a block that a block holding one
// dominates.
func writesFollowStop(fv *ssa.FreeVar, body *ssa.Function, stop func(ssa.Instruction) bool) bool {
	if fv.Referrers() == nil {
		return false
	}
	for _, r := range *fv.Referrers() {
		switch x := r.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
		case *ssa.Store:
			if x.Addr != fv || !afterStop(x, stop) {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false // handed on: another function may write it
		}
	}
	return true
}

func afterStop(instr ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	for _, b := range instr.Parent().Blocks {
		for _, in := range b.Instrs {
			if in != instr && stop(in) && cfg.Dominates(in, instr) {
				return true
			}
		}
	}
	return false
}
