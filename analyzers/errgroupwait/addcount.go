package errgroupwait

import (
	"fmt"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/waitexit"
)

// checkAddCountSkipped reports wg.Add(len(xs)) before a loop over xs that
// starts one goroutine calling Done per element, when an iteration can
// skip the go statement (a continue, or a break out of the loop, with no
// Done of its own on the way): the counter then stays above zero and
// Wait waits forever for goroutines that were never started.
//
//	wg.Add(len(xs))
//	for _, x := range xs {
//		if x == nil {
//			continue // one Done short
//		}
//		go func() { defer wg.Done(); use(x) }()
//	}
//	wg.Wait()
func (c *checker) checkAddCountSkipped(g *groups.Group) {
	if g.Escape != nil {
		return // ok: code we do not follow may call Done
	}
	var adds, waits, gos []groups.Op
	for _, op := range g.Ops {
		switch op.Method {
		case groups.Add:
			adds = append(adds, op)
		case groups.Wait:
			if op.Direct() {
				waits = append(waits, op)
			}
		case groups.Done:
			if op.InGoroutine() {
				if _, isGo := op.Site.(*ssa.Go); isGo {
					gos = append(gos, op)
				}
			}
		}
	}
	if len(waits) == 0 || len(gos) == 0 {
		return
	}
	for _, op := range adds {
		if !op.Direct() || len(op.Instr.Common().Args) < 2 {
			continue
		}
		c.checkAddCount(g, op.Instr.(*ssa.Call), gos, waits[0].Instr)
	}
}

// checkAddCount checks one Add of g: Add(len(xs)) before a loop over xs,
// or Add(1) in a loop, followed on some path through the loop body by no
// go statement of gos.
func (c *checker) checkAddCount(g *groups.Group, add *ssa.Call, gos []groups.Op, wait ssa.Instruction) {
	xs := lenOf(add.Call.Args[1])
	one := false
	if k, ok := add.Call.Args[1].(*ssa.Const); ok && k.Value != nil && k.Int64() == 1 {
		one = true
	}
	if xs == nil && !one {
		return
	}
	loops := waitexit.LoopExits(g.Owner)
	for _, l := range loops {
		in := map[*ssa.BasicBlock]bool{}
		for _, b := range l.Blocks {
			in[b] = true
		}
		var from []*ssa.BasicBlock
		switch {
		case xs != nil:
			if !rangesOver(l.Blocks, xs) || !cfg.Dominates(add, l.Header.Instrs[0]) {
				continue
			}
			for _, s := range l.Header.Succs {
				if in[s] {
					from = append(from, s)
				}
			}
		case one:
			if !in[add.Block()] || add.Block() == l.Header || innerLoop(loops, l, add.Block()) {
				continue
			}
			from = []*ssa.BasicBlock{add.Block()}
		}
		var started []ssa.Instruction
		for _, op := range gos {
			if in[op.Site.Block()] {
				started = append(started, op.Site)
			}
		}
		if len(started) == 0 {
			continue
		}
		skip := c.skippingIteration(l, in, from, started, wait)
		if skip == nil {
			continue
		}
		name := c.recv(add)
		var msg string
		if xs != nil {
			msg = fmt.Sprintf("%s.Add counts one goroutine per element of %s, but an iteration of the loop can skip starting it (a continue or break with no %s.Done): %s.Wait waits forever for the goroutines never started (call Add(1) next to the go statement)",
				name, ssax.Name(xs), name, name)
		} else {
			msg = fmt.Sprintf("%s.Add(1) is not followed by the go statement on every path through the loop body (a continue or break with no %s.Done): %s.Wait waits forever for the goroutine never started (call Add(1) next to the go statement)",
				name, name, name)
		}
		c.report(analysis.Diagnostic{
			Pos:      ssax.Pos(add),
			Category: catAddCount,
			Message:  msg,
			Related: []analysis.RelatedInformation{
				passutil.Related(ssax.Pos(skip), "this iteration path does not reach the go statement"),
				passutil.Related(ssax.Pos(started[0]), "goroutine calling %s.Done started here", name),
				passutil.Related(ssax.Pos(wait), "%s.Wait here", name),
			},
		})
		return
	}
}

// innerLoop reports whether b lies in a loop nested in l: an Add there
// counts the inner loop's work, and l is not the loop to judge it by.
func innerLoop(loops []waitexit.Loop, l waitexit.Loop, b *ssa.BasicBlock) bool {
	for _, o := range loops {
		if o.Header != l.Header && len(o.Blocks) < len(l.Blocks) && slices.Contains(o.Blocks, b) {
			return true
		}
	}
	return false
}

// skippingIteration returns an instruction on a path from the blocks
// from through the body of loop l that goes back to the header, or out of the loop to the Wait,
// without passing a go statement of started, a call that may call Done
// or one that never returns; nil when every iteration starts one.
func (c *checker) skippingIteration(l waitexit.Loop, in map[*ssa.BasicBlock]bool, from []*ssa.BasicBlock, started []ssa.Instruction, wait ssa.Instruction) ssa.Instruction {
	blocked := map[*ssa.BasicBlock]bool{}
	for _, s := range started {
		blocked[s.Block()] = true
	}
	for _, b := range l.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok {
				if _, isGo := instr.(*ssa.Go); isGo {
					continue
				}
				if c.gi.MayCallDone(call.Common()) || c.gi.NoReturn(call.Common()) {
					blocked[b] = true
				}
			}
		}
	}
	seen := map[*ssa.BasicBlock]bool{}
	var branch ssa.Instruction // the last branch taken on the path
	var walk func(b *ssa.BasicBlock, last ssa.Instruction) ssa.Instruction
	walk = func(b *ssa.BasicBlock, last ssa.Instruction) ssa.Instruction {
		if seen[b] || blocked[b] {
			return nil
		}
		seen[b] = true
		if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			last = iff
		}
		for _, s := range b.Succs {
			if s == l.Header {
				return last
			}
			if !in[s] {
				if cfg.Reaches(s.Instrs[0], wait, nil) || s == wait.Block() {
					return last // a break: the rest of the elements are never started
				}
				continue
			}
			if r := walk(s, last); r != nil {
				return r
			}
		}
		return nil
	}
	for _, b := range from {
		if r := walk(b, branch); r != nil {
			return r
		}
	}
	return nil
}

// lenOf returns s when v is len(s) (through conversions), or nil.
func lenOf(v ssa.Value) ssa.Value {
	v = ssax.Unwrap(v)
	if cv, ok := v.(*ssa.Convert); ok {
		v = cv.X
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "len" || len(call.Call.Args) != 1 {
		return nil
	}
	switch call.Call.Args[0].Type().Underlying().(type) {
	case *types.Slice, *types.Map, *types.Array, *types.Pointer:
		return call.Call.Args[0]
	}
	return nil
}

// rangesOver reports whether the loop blocks index, look up or range over
// xs: the loop that visits its elements.
func rangesOver(blocks []*ssa.BasicBlock, xs ssa.Value) bool {
	return slices.ContainsFunc(blocks, func(b *ssa.BasicBlock) bool {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.IndexAddr:
				if x.X == xs {
					return true
				}
			case *ssa.Index:
				if x.X == xs {
					return true
				}
			case *ssa.Range:
				if x.X == xs {
					return true
				}
			}
		}
		return false
	})
}

// checkAddForGo reports wg.Add on a WaitGroup whose goroutines are all
// started with wg.Go and that nothing calls Done on: Go counts its
// goroutine itself (an Add before it, a Done when it returns), so the
// extra Add is never matched and Wait blocks forever. It is the leftover
// of a move from go func() { defer wg.Done(); ... }() to wg.Go:
//
//	wg.Add(1)
//	wg.Go(func() { work() }) // counted twice, done once
//	wg.Wait()                 // never returns
func (c *checker) checkAddForGo(g *groups.Group) {
	if g.Escape != nil {
		return // ok: code we do not follow may call Done
	}
	var adds, gos, waits []groups.Op
	for _, op := range g.Ops {
		switch op.Method {
		case groups.Done:
			return // ok: some Done may match the Add
		case groups.Add:
			adds = append(adds, op)
		case groups.WGGo:
			gos = append(gos, op)
		case groups.Wait:
			if op.Direct() {
				waits = append(waits, op)
			}
		}
	}
	if len(adds) == 0 || len(gos) == 0 || len(waits) == 0 {
		return
	}
	isWait := func(instr ssa.Instruction) bool {
		return slices.ContainsFunc(waits, func(w groups.Op) bool { return w.Instr == instr })
	}
	for _, add := range adds {
		if !add.Direct() {
			continue
		}
		args := add.Instr.Common().Args
		if len(args) < 2 {
			continue
		}
		if n, ok := ssax.IntConst(args[1]); ok && n <= 0 {
			continue // ok: a decrement, or nothing
		}
		wait := cfg.FirstAvoiding(add.Instr, isWait, func(ssa.Instruction) bool { return false }, nil)
		if wait == nil {
			continue
		}
		name := ssax.Name(g.Root)
		d := analysis.Diagnostic{
			Pos:      add.Instr.Pos(),
			Category: catAddForGo,
			Message: fmt.Sprintf("%s.Add is never matched by a Done: the goroutines of %s are started with %s.Go, which counts each one itself (Add before, Done after), and nothing calls %s.Done, so %s.Wait blocks forever",
				name, name, name, name, name),
			Related: []analysis.RelatedInformation{
				passutil.Related(gos[0].Instr.Pos(), "%s.Go counts this goroutine itself", name),
				passutil.Related(wait.Pos(), "%s.Wait waits for the unmatched Add", name),
			},
			SuggestedFixes: c.removeStatementFix(add.Instr.(*ssa.Call), fmt.Sprintf("remove the %s.Add: %s.Go counts its goroutine", name, name)),
		}
		c.report(d)
		return // one finding per group
	}
}

// removeStatementFix offers to delete the expression statement of call.
func (c *checker) removeStatementFix(call *ssa.Call, msg string) []analysis.SuggestedFix {
	stmt, _ := c.exprStmtOf(call)
	if stmt == nil {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   msg,
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End()}},
	}}
}
