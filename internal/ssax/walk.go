package ssax

import "golang.org/x/tools/go/ssa"

// Walk explores the values reachable from v through step, depth first and
// in the order step returns them, visiting each value once (so cycles
// through phis and captured variables end). step returns the values to
// explore next and whether to stop the whole walk. Walk returns the value
// it stopped at, or nil when it ran out of values; exceeded is true when
// it stopped because more than limit values were visited, in which case
// the last value was not passed to step.
func Walk(v ssa.Value, limit int, step func(v ssa.Value) (next []ssa.Value, stop bool)) (last ssa.Value, exceeded bool) {
	seen := make(map[ssa.Value]bool)
	stack := []ssa.Value{v}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v == nil || seen[v] {
			continue
		}
		seen[v] = true
		if len(seen) > limit {
			return v, true
		}
		next, stop := step(v)
		if stop {
			return v, false
		}
		for i := len(next) - 1; i >= 0; i-- { // pushed in reverse: explored in order
			stack = append(stack, next[i])
		}
	}
	return nil, false
}

// WithClosures returns funcs and the anonymous functions nested in them,
// each once, an enclosing function before its closures.
func WithClosures(funcs []*ssa.Function) []*ssa.Function {
	var all []*ssa.Function
	seen := map[*ssa.Function]bool{}
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		if fn == nil || seen[fn] {
			return
		}
		seen[fn] = true
		all = append(all, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, fn := range funcs {
		add(fn)
	}
	return all
}
