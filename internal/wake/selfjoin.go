package wake

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssax"
)

// A SelfJoin is a wait that a goroutine reaches through its own calls and
// that only its own end can wake: a Close, called from the loop it stops,
// that waits for that loop to return. The loop closes c.done, or calls
// c.wg.Done(), only as it returns (deferred); Close receives from c.done,
// or calls c.wg.Wait(); and the loop calls Close on its own object, so the
// wait can never end:
//
//	func (c *conn) loop() {
//		defer close(c.done)
//		for { if err := c.read(); err != nil { c.Close(); return } }
//	}
//	func (c *conn) Close() { close(c.quit); <-c.done }
type SelfJoin struct {
	// Call is the call in the goroutine's body that leads to the wait
	// (possibly a deferred one that runs before the wake's defer).
	Call ssa.CallInstruction
	// Wait is the receive, select or WaitGroup Wait that blocks.
	Wait ssa.Instruction
	// Wake is the goroutine's own wake of that wait, at its end.
	Wake Wake
	// Via are the functions from Call's callee to Wait's function.
	Via []*ssa.Function
}

// selfKey names an object of the goroutine: a parameter or free variable
// of its body, and a path of fields below it (".done", ".wg").
type selfKey struct {
	root ssa.Value
	path string
}

// exitWake is a wake the body performs only as it returns.
type exitWake struct {
	wake  Wake
	group bool // a WaitGroup Done (else a channel close)
	// ch and at are, for a channel, the closed value and the close
	// (the defer statement, or the close in a deferred closure).
	ch ssa.Value
	at ssa.Instruction
}

// SelfJoins returns the waits that body, the function of a go statement,
// reaches through calls on its own objects and that only its own end can
// wake: a channel that every wake of which is body's deferred close, or a
// WaitGroup whose Done body defers (body counts in the group, so its Wait
// cannot return before body does).
func (m *Model) SelfJoins(body *ssa.Function) []SelfJoin {
	if len(m.calls.spawns[body]) == 0 || len(body.Blocks) == 0 {
		return nil
	}
	wakes := m.exitWakes(body)
	if len(wakes) == 0 {
		return nil
	}
	var out []SelfJoin
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := call.(*ssa.Go); isGo {
				continue // ok: another goroutine may wait for this one
			}
			for _, j := range m.joinsThrough(call, identity(body), wakes, nil, 0) {
				if d, ok := call.(*ssa.Defer); ok && (ssa.Instruction(d) == j.Wake.Instr || !cfg.Dominates(j.Wake.Instr, d)) {
					// ok: a defer registered before the wake's runs after it;
					// the wake's own deferred function (close(c.done), then
					// c.Close()) is not judged: the order inside it decides
					continue
				}
				j.Call = call
				out = append(out, j)
			}
		}
	}
	return out
}

// identity maps the parameters and free variables of fn to themselves:
// the roots of the body's own objects.
func identity(fn *ssa.Function) map[ssa.Value]ssa.Value {
	roots := map[ssa.Value]ssa.Value{}
	for _, p := range fn.Params {
		roots[p] = p
	}
	for _, fv := range fn.FreeVars {
		roots[fv] = fv
	}
	return roots
}

// selfPath returns the key of v, an address or a loaded channel, when it
// is a field path below one of roots' values (mapped to the body's root).
func selfPath(v ssa.Value, roots map[ssa.Value]ssa.Value) (selfKey, bool) {
	path := ""
	for depth := 0; depth < 6; depth++ {
		v = ssax.Unwrap(v)
		if r, ok := roots[v]; ok {
			return selfKey{r, path}, true
		}
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return selfKey{}, false
			}
			v = x.X
		case *ssa.Alloc:
			// a captured variable written once: the closure's cell holds
			// the value stored there
			stored, ok := ssax.SingleStore(x)
			if !ok {
				return selfKey{}, false
			}
			v = stored
		case *ssa.FieldAddr:
			f := ssax.Field(x.X.Type(), x.Field)
			if f == nil {
				return selfKey{}, false
			}
			path = "." + f.Name() + path
			v = x.X
		default:
			return selfKey{}, false
		}
	}
	return selfKey{}, false
}

// exitWakes returns the objects of body that body wakes only as it
// returns: channels closed by its defers (directly or in a deferred
// closure) that nothing else wakes, and WaitGroups whose every Done in
// body is deferred.
func (m *Model) exitWakes(body *ssa.Function) map[selfKey]exitWake {
	out := map[selfKey]exitWake{}
	plainDone := map[selfKey]bool{}
	visit := func(fn *ssa.Function, roots map[ssa.Value]ssa.Value, d *ssa.Defer) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				deferred := d
				if dd, ok := call.(*ssa.Defer); ok && fn == body {
					deferred = dd
				}
				c := call.Common()
				switch {
				case isBuiltin(c, "close") && len(c.Args) == 1:
					k, ok := selfPath(c.Args[0], roots)
					if !ok || deferred == nil {
						continue
					}
					out[k] = exitWake{wake: Wake{Instr: deferred, AtExit: true, Fn: body, What: "close of " + ssax.Name(c.Args[0])}, ch: c.Args[0], at: call}
				case ssax.FullName(ssax.Callee(c)) == "(*sync.WaitGroup).Done" && len(c.Args) == 1:
					k, ok := selfPath(c.Args[0], roots)
					if !ok {
						continue
					}
					if deferred == nil {
						plainDone[k] = true
						continue
					}
					out[k] = exitWake{wake: Wake{Instr: deferred, AtExit: true, Fn: body, What: "call to (*sync.WaitGroup).Done"}, group: true}
				}
			}
		}
	}
	visit(body, identity(body), nil)
	// defer func() { close(c.done) }(): the closure's free variables are
	// the body's objects it binds
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			mc, ok := d.Call.Value.(*ssa.MakeClosure)
			if !ok {
				continue
			}
			cl := mc.Fn.(*ssa.Function)
			roots := map[ssa.Value]ssa.Value{}
			for i, bv := range mc.Bindings {
				if i < len(cl.FreeVars) {
					if k, ok := selfPath(bv, identity(body)); ok && k.path == "" {
						roots[cl.FreeVars[i]] = k.root
					}
				}
			}
			visit(cl, roots, d)
		}
	}
	for k, w := range out {
		if w.group {
			if plainDone[k] {
				delete(out, k) // body also counts itself out before its end
			}
			continue
		}
		if !m.onlyExitWake(w) {
			delete(out, k) // something else may wake the channel's waiters
		}
	}
	return out
}

// onlyExitWake reports whether the channel that w closes has no other
// wake in the package: no send, and no close but body's deferred one.
func (m *Model) onlyExitWake(w exitWake) bool {
	ws := m.ChanWakes(w.ch, false)
	if !ws.Known || len(ws.Sites) == 0 {
		return false
	}
	for _, site := range ws.Sites {
		if site.Instr != w.at {
			return false
		}
	}
	return true
}

func isBuiltin(c *ssa.CallCommon, name string) bool {
	b, ok := c.Value.(*ssa.Builtin)
	return ok && b.Name() == name
}

// joinsThrough returns the self-joins that call reaches: waits, in its
// callees (followed to depth 4), on objects that roots maps to the
// body's, which only the body's exit wakes.
func (m *Model) joinsThrough(call ssa.CallInstruction, roots map[ssa.Value]ssa.Value, wakes map[selfKey]exitWake, via []*ssa.Function, depth int) []SelfJoin {
	if depth > 4 {
		return nil
	}
	c := call.Common()
	res := m.chans.Resolver()
	var targets []struct {
		fn    *ssa.Function
		roots map[ssa.Value]ssa.Value
	}
	add := func(fn *ssa.Function, mapped map[ssa.Value]ssa.Value) {
		if fn != nil && len(fn.Blocks) > 0 && len(mapped) > 0 && !containsFunc(via, fn) {
			targets = append(targets, struct {
				fn    *ssa.Function
				roots map[ssa.Value]ssa.Value
			}{fn, mapped})
		}
	}
	if fn := res.Callee(c); fn != nil {
		mapped := map[ssa.Value]ssa.Value{}
		if c.IsInvoke() {
			if k, ok := selfPath(c.Value, roots); ok && k.path == "" && len(fn.Params) > 0 {
				mapped[fn.Params[0]] = k.root
			}
		}
		for i, a := range c.Args {
			if k, ok := selfPath(a, roots); ok && k.path == "" {
				if p := callees.Param(c, fn, i); p != nil {
					mapped[p] = k.root
				}
			}
		}
		if mc, ok := ssax.Unwrap(c.Value).(*ssa.MakeClosure); ok {
			bindFree(mc, fn, roots, mapped)
		}
		add(fn, mapped)
	}
	for _, lib := range res.Implicit(c) {
		if lib.Go || lib.Arg == nil {
			continue
		}
		mc, ok := ssax.Unwrap(lib.Arg).(*ssa.MakeClosure)
		if !ok {
			continue
		}
		fn := mc.Fn.(*ssa.Function)
		mapped := map[ssa.Value]ssa.Value{}
		bindFree(mc, fn, roots, mapped)
		add(fn, mapped)
	}
	var out []SelfJoin
	for _, t := range targets {
		path := append(append([]*ssa.Function(nil), via...), t.fn)
		for _, b := range t.fn.Blocks {
			for _, instr := range b.Instrs {
				if w, ok := m.selfWait(instr, t.roots, wakes); ok {
					out = append(out, SelfJoin{Wait: instr, Wake: w.wake, Via: path})
					continue
				}
				inner, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if _, isGo := inner.(*ssa.Go); isGo {
					continue
				}
				out = append(out, m.joinsThrough(inner, t.roots, wakes, path, depth+1)...)
			}
		}
	}
	return out
}

// bindFree maps the free variables of the closure fn that mc binds to
// the body's objects.
func bindFree(mc *ssa.MakeClosure, fn *ssa.Function, roots, mapped map[ssa.Value]ssa.Value) {
	for i, bv := range mc.Bindings {
		if i >= len(fn.FreeVars) {
			break
		}
		if k, ok := selfPath(bv, roots); ok && k.path == "" {
			mapped[fn.FreeVars[i]] = k.root
		}
	}
}

// selfWait reports whether instr blocks until one of wakes: a plain
// receive from such a channel, a blocking select all of whose cases are
// receives from such channels, or a Wait on such a WaitGroup.
func (m *Model) selfWait(instr ssa.Instruction, roots map[ssa.Value]ssa.Value, wakes map[selfKey]exitWake) (exitWake, bool) {
	lookup := func(v ssa.Value, group bool) (exitWake, bool) {
		k, ok := selfPath(v, roots)
		if !ok {
			return exitWake{}, false
		}
		w, ok := wakes[k]
		return w, ok && w.group == group
	}
	switch x := instr.(type) {
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return lookup(x.X, false)
		}
	case *ssa.Select:
		if !x.Blocking || len(x.States) == 0 {
			return exitWake{}, false
		}
		var first exitWake
		for i, st := range x.States {
			if st.Dir != types.RecvOnly {
				return exitWake{}, false
			}
			w, ok := lookup(st.Chan, false)
			if !ok {
				return exitWake{}, false
			}
			if i == 0 {
				first = w
			}
		}
		return first, true
	case *ssa.Call:
		c := &x.Call
		if ssax.FullName(ssax.Callee(c)) == "(*sync.WaitGroup).Wait" && len(c.Args) == 1 {
			return lookup(c.Args[0], true)
		}
	}
	return exitWake{}, false
}

func containsFunc(fns []*ssa.Function, fn *ssa.Function) bool {
	for _, f := range fns {
		if f == fn {
			return true
		}
	}
	return false
}
