package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssax"
)

const catTimerTwice = "timer-received-twice"

// timerUse is what an instruction does to one timer.
type timerUse int

const (
	timerNone    timerUse = iota
	timerConsume          // takes the timer's one value (a receive, a select case)
	timerDrain            // a blocking receive of its value (here, or in a helper of the package)
	timerRearm            // Reset, or a new timer stored where it was
)

// checkTimerTwice reports a blocking receive from a timer's channel that
// some path reaches after the timer's value was already taken, with no
// Reset in between: a timer sends one value per arming, so nothing more
// will come (the drain `if !t.Stop() { <-t.C }` after a select case that
// took <-t.C: Stop returns false, and the drain waits forever). Only
// timers nothing outside fn can re-arm: a timer fn makes (or a closure's
// captured one), or an unexported field that only fn resets or replaces
// (besides the constructors that fill a fresh struct).
func (c *checker) checkTimerTwice(fn *ssa.Function) {
	if len(fn.Blocks) == 0 {
		return
	}
	type consume struct {
		instr ssa.Instruction // the receive, or the select
		from  ssa.Instruction // the first instruction run once the value was taken
		pos   token.Pos
	}
	consumes := map[chans.Timer][]consume{}
	var order []chans.Timer
	drains := map[chans.Timer]bool{}
	note := func(t chans.Timer, cs consume) {
		if _, ok := consumes[t]; !ok {
			order = append(order, t)
		}
		consumes[t] = append(consumes[t], cs)
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op != token.ARROW {
					continue
				}
				if t, ok := chans.TimerOf(x.X); ok {
					note(t, consume{instr: x, from: x, pos: x.Pos()})
					drains[t] = true
				}
			case *ssa.Select:
				edges := spawn.CaseEdges(x)
				for i, st := range x.States {
					if st.Dir != types.RecvOnly || edges[i][1] == nil {
						continue
					}
					if t, ok := chans.TimerOf(st.Chan); ok {
						note(t, consume{instr: x, from: edges[i][1].Instrs[0], pos: st.Pos})
					}
				}
			case *ssa.Call:
				for _, t := range c.timerArgs(x) {
					if c.helperTimerUse(x, t) == timerDrain {
						drains[t] = true
					}
				}
			}
		}
	}
	reported := map[ssa.Instruction]bool{}
	for _, t := range order {
		if !drains[t] || !c.privateTimer(fn, t) {
			continue
		}
		use := func(instr ssa.Instruction) timerUse { return c.timerUseAt(instr, t) }
		target := func(instr ssa.Instruction) bool { return use(instr) == timerDrain }
		stop := func(instr ssa.Instruction) bool { return use(instr) == timerRearm }
		rearms := map[*ssa.BasicBlock]bool{}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if target(instr) {
					break
				}
				if stop(instr) {
					rearms[b] = true
					break
				}
			}
		}
		avoid := func(_, to *ssa.BasicBlock) bool { return rearms[to] }
		for _, cs := range consumes[t] {
			var drain ssa.Instruction
			if cs.from != cs.instr && target(cs.from) {
				drain = cs.from
			} else if cs.from != cs.instr && stop(cs.from) {
				continue
			} else {
				drain = cfg.FirstAvoiding(cs.from, target, stop, nil)
			}
			if drain == nil || reported[drain] || !cfg.ConsistentPath(cs.from, drain, avoid) {
				continue
			}
			reported[drain] = true
			c.reportTimerTwice(drain, cs.pos, t)
		}
	}
}

// timerArgs returns the timers a call of a function of the package is
// given (as arguments, receivers included).
func (c *checker) timerArgs(call *ssa.Call) []chans.Timer {
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg != c.pass.Pkg {
		return nil
	}
	var out []chans.Timer
	for _, a := range call.Call.Args {
		if t, ok := chans.TimerValue(a); ok {
			out = append(out, t)
		}
	}
	return out
}

// timerUseAt says what instr does to the timer t of its function.
func (c *checker) timerUseAt(instr ssa.Instruction, t chans.Timer) timerUse {
	if v, ok := instr.(ssa.Value); ok && v == t.Root {
		// the timer (or the struct holding it) is made again: a loop's
		// tooSlow := time.NewTimer(d) is a new timer on every round
		return timerRearm
	}
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW && !chans.LenGuarded(x, x.X) {
			if u, ok := chans.TimerOf(x.X); ok && u == t {
				return timerDrain
			}
		}
	case *ssa.Store:
		if t.Field != nil {
			if fa, ok := x.Addr.(*ssa.FieldAddr); ok && fa.X == t.Root && ssax.Field(fa.X.Type(), fa.Field) == t.Field {
				return timerRearm // a new timer in the field
			}
		}
	case *ssa.Call:
		if recv, ok := chans.IsTimerMethod(&x.Call, "Reset"); ok {
			if u, ok := chans.TimerValue(recv); ok && u == t {
				return timerRearm
			}
			return timerNone
		}
		for _, u := range c.timerArgs(x) {
			if u == t {
				return c.helperTimerUse(x, t)
			}
		}
	}
	return timerNone
}

// helperTimerUse says what a call of a function of the package does to
// the timer t it is given: drains it (a blocking receive from its channel
// before any Reset: the helper `if !t.Stop() { <-t.C }; t.Reset(d)`),
// re-arms it, or neither.
func (c *checker) helperTimerUse(call *ssa.Call, t chans.Timer) timerUse {
	callee := call.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 {
		return timerRearm // unknown: may re-arm it
	}
	var param *ssa.Parameter
	for i, a := range call.Call.Args {
		if u, ok := chans.TimerValue(a); ok && u == t && t.Field == nil && i < len(callee.Params) {
			param = callee.Params[i]
		}
	}
	if param == nil {
		return timerRearm // a field's timer handed on through its struct: not followed
	}
	pt := chans.Timer{Root: param}
	use := func(instr ssa.Instruction) timerUse {
		switch x := instr.(type) {
		case *ssa.UnOp:
			if x.Op == token.ARROW && !chans.LenGuarded(x, x.X) {
				if u, ok := chans.TimerOf(x.X); ok && u == pt {
					return timerDrain // a receive that a len test does not guard: it waits
				}
			}
		case *ssa.Call:
			if recv, ok := chans.IsTimerMethod(&x.Call, "Reset"); ok && recv == param {
				return timerRearm
			}
			for _, a := range x.Call.Args {
				if a == param {
					if _, stop := chans.IsTimerMethod(&x.Call, "Stop"); !stop {
						return timerRearm // handed on: may be re-armed there
					}
				}
			}
		}
		return timerNone
	}
	entry := callee.Blocks[0].Instrs[0]
	if use(entry) == timerDrain {
		return timerDrain
	}
	if cfg.FirstAvoiding(entry, func(i ssa.Instruction) bool { return use(i) == timerDrain },
		func(i ssa.Instruction) bool { return use(i) == timerRearm }, nil) != nil {
		return timerDrain
	}
	for _, b := range callee.Blocks {
		for _, instr := range b.Instrs {
			if use(instr) == timerRearm {
				return timerRearm
			}
		}
	}
	return timerNone
}

// privateTimer reports whether nothing but fn can re-arm or replace the
// timer t while fn runs: a timer fn makes with time.NewTimer (through phis
// of such, or captured by fn from the function that made it) whose every
// use is its channel, Stop, Reset in fn, or a helper of the package; or an
// unexported field that no other function re-arms, replaces or hands on
// (a constructor filling a fresh struct aside).
func (c *checker) privateTimer(fn *ssa.Function, t chans.Timer) bool {
	if t.Field != nil {
		return c.privateTimerField(fn, t.Field)
	}
	root := t.Root
	if fv, ok := root.(*ssa.FreeVar); ok {
		b := ssax.Binding(fv)
		if b == nil {
			return false
		}
		root = b
	}
	values := []ssa.Value{root}
	seen := map[ssa.Value]bool{root: true}
	for k := 0; k < len(values) && k < 64; k++ {
		v := values[k]
		switch x := v.(type) {
		case *ssa.Call:
			if f := ssax.Callee(&x.Call); f == nil || ssax.FullName(f) != "time.NewTimer" {
				return false
			}
		case *ssa.Phi:
			for _, e := range x.Edges {
				if !seen[e] {
					seen[e] = true
					values = append(values, e)
				}
			}
		case *ssa.FreeVar:
		default:
			return false // a parameter, a loaded variable: someone else's timer
		}
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.FieldAddr, *ssa.DebugRef:
			case *ssa.Phi:
				if !seen[r] {
					seen[r] = true
					values = append(values, r)
				}
			case *ssa.MakeClosure:
				cl, ok := r.Fn.(*ssa.Function)
				if !ok {
					return false
				}
				for i, b := range r.Bindings {
					if b == v && i < len(cl.FreeVars) && !seen[cl.FreeVars[i]] {
						seen[cl.FreeVars[i]] = true
						values = append(values, cl.FreeVars[i])
					}
				}
			case ssa.CallInstruction:
				common := r.Common()
				if _, ok := chans.IsTimerMethod(common, "Stop"); ok {
					continue
				}
				if _, ok := chans.IsTimerMethod(common, "Reset"); ok {
					if r.Parent() != fn {
						return false // re-armed elsewhere, maybe by another goroutine
					}
					continue
				}
				call, ok := r.(*ssa.Call)
				if !ok || r.Parent() != fn || c.timerArgs(call) == nil {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// privateTimerField reports whether the unexported timer field f is
// re-armed, replaced or handed on only by fn, or stored into a struct
// its function has just made.
func (c *checker) privateTimerField(fn *ssa.Function, f *types.Var) bool {
	if f.Exported() || f.Pkg() != c.pass.Pkg {
		return false
	}
	for _, g := range c.funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok || ssax.Field(fa.X.Type(), fa.Field) != f {
					continue
				}
				if _, fresh := fa.X.(*ssa.Alloc); fresh && g != fn {
					continue // a constructor fills a new struct
				}
				if !c.onlyReadsTimer(fa, g == fn) {
					return false
				}
			}
		}
	}
	return true
}

// onlyReadsTimer reports whether the timer field at fa is only loaded to
// receive from, Stop, or (inside, in the checked function) Reset or store.
func (c *checker) onlyReadsTimer(fa *ssa.FieldAddr, inside bool) bool {
	for _, r := range *fa.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if !inside || r.Addr != ssa.Value(fa) {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL || r.Referrers() == nil {
				return false
			}
			for _, u := range *r.Referrers() {
				switch u := u.(type) {
				case *ssa.FieldAddr, *ssa.DebugRef:
				case ssa.CallInstruction:
					if _, ok := chans.IsTimerMethod(u.Common(), "Stop"); ok {
						continue
					}
					if _, ok := chans.IsTimerMethod(u.Common(), "Reset"); ok && inside {
						continue
					}
					return false
				default:
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// reportTimerTwice reports the drain that waits for a timer value that
// was already taken at taken.
func (c *checker) reportTimerTwice(drain ssa.Instruction, taken token.Pos, t chans.Timer) {
	name := c.timerName(t)
	pos := ssax.Pos(drain)
	what := fmt.Sprintf("receive from %s.C", name)
	if call, ok := drain.(*ssa.Call); ok {
		what = fmt.Sprintf("%s drains %s.C: it", call.Call.StaticCallee().Name(), name)
	}
	why := "a timer sends one value per arming, so nothing more will come"
	recv, isRecv := drain.(*ssa.UnOp)
	stopDrain := isRecv && c.afterFailedStop(recv, t)
	if stopDrain {
		why = "Stop returns false once the value was taken, and this drain waits for a second value that never comes"
	}
	d := analysis.Diagnostic{
		Pos:      pos,
		Category: catTimerTwice,
		Message: fmt.Sprintf("%s blocks forever: on a path from the receive that already took %s's value, with no %s.Reset in between, %s (goroutine leak)",
			what, name, name, why),
		Related: []analysis.RelatedInformation{{Pos: taken, Message: fmt.Sprintf("%s's value taken here", name)}},
	}
	if stopDrain {
		d.SuggestedFixes = c.nonBlockingDrainFix(recv)
	}
	c.report(d)
}

// afterFailedStop reports whether recv runs only when Stop of its timer
// t returned false: if !t.Stop() { <-t.C }.
func (c *checker) afterFailedStop(recv *ssa.UnOp, t chans.Timer) bool {
	b := recv.Block()
	if len(b.Preds) != 1 {
		return false
	}
	p := b.Preds[0]
	iff, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
	if !ok || len(p.Succs) != 2 {
		return false
	}
	cond, wantFalse := iff.Cond, true
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, wantFalse = not.X, false
	}
	call, ok := cond.(*ssa.Call)
	if !ok {
		return false
	}
	stopped, ok := chans.IsTimerMethod(&call.Call, "Stop")
	if !ok {
		return false
	}
	if u, ok := chans.TimerValue(stopped); !ok || u != t {
		return false
	}
	if wantFalse {
		return p.Succs[1] == b
	}
	return p.Succs[0] == b
}

// nonBlockingDrainFix rewrites the statement `<-t.C` at recv into a drain
// that does not wait: select { case <-t.C: default: }.
func (c *checker) nonBlockingDrainFix(recv *ssa.UnOp) []analysis.SuggestedFix {
	path := c.path(recv.Pos())
	for i, n := range path {
		ue, ok := n.(*ast.UnaryExpr)
		if !ok || ue.Op != token.ARROW || ue.OpPos != recv.Pos() || i+1 >= len(path) {
			continue
		}
		if _, isStmt := path[i+1].(*ast.ExprStmt); !isStmt {
			return nil
		}
		operand := types.ExprString(ue.X)
		return []analysis.SuggestedFix{{
			Message:   "drain without waiting: select { case <-" + operand + ": default: }",
			TextEdits: []analysis.TextEdit{{Pos: ue.Pos(), End: ue.End(), NewText: []byte("select {\n\tcase <-" + operand + ":\n\tdefault:\n\t}")}},
		}}
	}
	return nil
}

// timerName names t as the source does: t, s.timer.
func (c *checker) timerName(t chans.Timer) string {
	if t.Field != nil {
		return ssax.Name(t.Root) + "." + t.Field.Name()
	}
	switch v := t.Root.(type) {
	case *ssa.FreeVar:
		return v.Name()
	case *ssa.Phi:
		if v.Comment != "" {
			return v.Comment
		}
	case *ssa.Call:
		return c.assignedName(v.Pos(), "the timer") // t := time.NewTimer(d)
	}
	return "the timer"
}
