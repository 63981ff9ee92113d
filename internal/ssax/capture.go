package ssax

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// maxStoreWalk bounds StoredValues on huge functions.
const maxStoreWalk = 512

// Binding returns the value bound to fv where its closure is created, or nil
// when the closure's MakeClosure cannot be found.
func Binding(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	if fn == nil || fn.Parent() == nil {
		return nil
	}
	index := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			index = i
		}
	}
	if index < 0 {
		return nil
	}
	// An anonymous function's referrers are its MakeClosure instructions:
	// no need to scan the enclosing function (which made this quadratic on
	// huge functions with many closures).
	if refs := fn.Referrers(); refs != nil {
		for _, instr := range *refs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && index < len(mc.Bindings) {
				return mc.Bindings[index]
			}
		}
		return nil
	}
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && index < len(mc.Bindings) {
				return mc.Bindings[index]
			}
		}
	}
	return nil
}

// StoredValues returns the values stored through addr, a local variable or
// a captured one, including stores made inside closures that capture it. A
// captured variable is first resolved to the variable it names.
func StoredValues(addr ssa.Value) []ssa.Value {
	for range maxDepth {
		fv, ok := addr.(*ssa.FreeVar)
		if !ok {
			break
		}
		b := Binding(fv)
		if b == nil {
			break
		}
		addr = b
	}
	var stored []ssa.Value
	seen := make(map[ssa.Value]bool)
	var visit func(addr ssa.Value)
	visit = func(addr ssa.Value) {
		if seen[addr] || len(seen) > maxStoreWalk {
			return
		}
		seen[addr] = true
		refs := addr.Referrers()
		if refs == nil {
			return
		}
		for _, instr := range *refs {
			switch instr := instr.(type) {
			case *ssa.Store:
				if instr.Addr == addr {
					stored = append(stored, instr.Val)
				}
			case *ssa.MakeClosure:
				closure, _ := instr.Fn.(*ssa.Function)
				for i, b := range instr.Bindings {
					if b == addr && closure != nil && i < len(closure.FreeVars) {
						visit(closure.FreeVars[i])
					}
				}
			}
		}
	}
	visit(addr)
	return stored
}

// ClosureCalls returns the calls, go and defer statements that invoke the
// closure mc directly, and whether mc is also used otherwise (stored,
// passed, returned: it escapes).
func ClosureCalls(mc *ssa.MakeClosure) (calls []ssa.Instruction, escapes bool) {
	refs := mc.Referrers()
	if refs == nil {
		return nil, false
	}
	for _, r := range *refs {
		if c, ok := r.(ssa.CallInstruction); ok && !c.Common().IsInvoke() && c.Common().Value == mc {
			calls = append(calls, r)
			continue
		}
		if _, ok := r.(*ssa.DebugRef); ok {
			continue
		}
		escapes = true
	}
	return calls, escapes
}

// ClosureOf returns the MakeClosure that made the function value v, seen
// through the variables of the closures that captured it (a helper
// closure calling another helper closure loads it from a captured cell
// stored once), or nil.
func ClosureOf(v ssa.Value) *ssa.MakeClosure {
	for range maxDepth {
		switch x := Unwrap(v).(type) {
		case *ssa.MakeClosure:
			return x
		case *ssa.FreeVar:
			if v = Binding(x); v == nil {
				return nil
			}
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil
			}
			addr := x.X
			for i := 0; i < maxDepth; i++ {
				fv, ok := addr.(*ssa.FreeVar)
				if !ok {
					break
				}
				if addr = Binding(fv); addr == nil {
					return nil
				}
			}
			stored, ok := SingleStore(addr)
			if !ok {
				return nil
			}
			v = stored
		default:
			return nil
		}
	}
	return nil
}

// InFrame returns the value by which fn sees v, a value of fn or of one
// of the functions enclosing it: v itself, or the free variable of fn that
// captures it through every closure in between; nil when fn does not see
// it. Values that belong to no function (globals, constants) are returned
// as they are.
func InFrame(v ssa.Value, fn *ssa.Function) ssa.Value {
	if v == nil || fn == nil {
		return nil
	}
	if v.Parent() == nil || v.Parent() == fn {
		return v
	}
	outer := fn.Parent()
	if outer == nil {
		return nil
	}
	seen := InFrame(v, outer)
	if seen == nil {
		return nil
	}
	for _, fv := range fn.FreeVars {
		if Binding(fv) == seen {
			return fv
		}
	}
	return nil
}

// OnlyDeferred reports whether the anonymous function fn runs only as a
// deferred call of its parent (defer func() { ... }()): every use of it,
// or of the closure made of it, is the function of a defer statement.
func OnlyDeferred(fn *ssa.Function) bool {
	return onlyCalledAs(fn, func(instr ssa.Instruction) *ssa.CallCommon {
		if d, ok := instr.(*ssa.Defer); ok {
			return &d.Call
		}
		return nil
	})
}

// OnlyStarted reports whether the anonymous function fn runs only as the
// body of goroutines its parent starts (go func(a string) { ... }(a)):
// every use of it, or of the closure made of it, is the function of a go
// statement.
func OnlyStarted(fn *ssa.Function) bool {
	return onlyCalledAs(fn, func(instr ssa.Instruction) *ssa.CallCommon {
		if g, ok := instr.(*ssa.Go); ok {
			return &g.Call
		}
		return nil
	})
}

// onlyCalledAs reports whether every use of the anonymous function fn (or
// of the closure made of it, used once) is the function of the call that
// call returns for that instruction (nil when it is no such call).
func onlyCalledAs(fn *ssa.Function, call func(ssa.Instruction) *ssa.CallCommon) bool {
	if fn == nil || fn.Parent() == nil {
		return false
	}
	refs := fn.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	for _, instr := range *refs {
		var v ssa.Value = fn
		if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
			uses := mc.Referrers()
			if uses == nil || len(*uses) != 1 {
				return false
			}
			instr, v = (*uses)[0], mc
		}
		c := call(instr)
		if c == nil || c.Value != v || slices.Contains(c.Args, v) {
			return false
		}
	}
	return true
}

// Loads returns the loads of the memory at addr when addr is a local
// variable (an Alloc: its loads in the function and in the closures that
// capture it) or a field of one (the same field's loads); nil for any
// other address. The converse of StoredValues: a value stored there is
// read back by these (c.cmd = exec.Command(p) ... c.cmd.Run()).
func Loads(addr ssa.Value) []ssa.Value {
	var out []ssa.Value
	load := func(a ssa.Value) {
		for _, u := range *a.Referrers() {
			if l, ok := u.(*ssa.UnOp); ok && l.Op == token.MUL && l.X == a {
				out = append(out, l)
			}
		}
	}
	switch a := addr.(type) {
	case *ssa.Alloc:
		load(a)
		// a variable a closure captures: the closure's loads of it
		for _, u := range *a.Referrers() {
			if mc, ok := u.(*ssa.MakeClosure); ok {
				if f, ok := mc.Fn.(*ssa.Function); ok {
					for i, b := range mc.Bindings {
						if b == a && i < len(f.FreeVars) {
							load(f.FreeVars[i])
						}
					}
				}
			}
		}
	case *ssa.FieldAddr:
		base, ok := a.X.(*ssa.Alloc)
		if !ok {
			return nil
		}
		for _, u := range *base.Referrers() {
			if fa, ok := u.(*ssa.FieldAddr); ok && fa.Field == a.Field {
				load(fa)
			}
		}
	}
	return out
}

// ThroughCaptures follows v through conversions, the free variables of
// closures (to the value the enclosing function bound) and loads of
// captured variables written once (to the value stored), and returns the
// value it arrives at; ok is false when a capture cannot be resolved (a
// free variable with no known binding, a variable written more than once).
func ThroughCaptures(v ssa.Value) (_ ssa.Value, ok bool) {
	for range maxDepth {
		v = Unwrap(v)
		switch x := v.(type) {
		case *ssa.FreeVar:
			b := Binding(x)
			if b == nil {
				return nil, false
			}
			v = b
		case *ssa.UnOp:
			fv, isFree := x.X.(*ssa.FreeVar)
			if x.Op != token.MUL || !isFree {
				return v, true
			}
			stored, ok := SingleStore(Binding(fv))
			if !ok {
				return nil, false
			}
			v = stored
		default:
			return v, true
		}
	}
	return nil, false
}

// ResultStores returns the stores into the local result variable that v
// is loaded from (a function with defers returns its named results
// through such a variable: func f() (err error) { defer ...; return g() }
// stores g()'s result, then loads it). ok is false when v is not such a
// load, or when the variable is used otherwise than stored to and loaded
// (captured: a deferred closure may set it).
func ResultStores(v ssa.Value) (stores []*ssa.Store, ok bool) {
	load, isLoad := v.(*ssa.UnOp)
	if !isLoad || load.Op != token.MUL {
		return nil, false
	}
	alloc, isAlloc := load.X.(*ssa.Alloc)
	if !isAlloc || alloc.Referrers() == nil {
		return nil, false
	}
	for _, ref := range *alloc.Referrers() {
		switch x := ref.(type) {
		case *ssa.Store:
			stores = append(stores, x)
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return stores, true
}

// StoredOnce returns the value stored in v, a local variable that one
// Store writes and that is otherwise only read, whole or by field (p :=
// m[k]; p.ch), or false.
func StoredOnce(v ssa.Value) (ssa.Value, bool) {
	alloc, ok := v.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return nil, false
	}
	var stored ssa.Value
	for _, r := range *alloc.Referrers() {
		switch x := r.(type) {
		case *ssa.Store:
			if x.Addr != alloc || stored != nil {
				return nil, false
			}
			stored = x.Val
		case *ssa.FieldAddr:
			for _, fr := range *x.Referrers() {
				if _, load := fr.(*ssa.UnOp); !load {
					return nil, false // a field written or its address taken
				}
			}
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return stored, stored != nil
}

// CapturedRoot unwraps v (Unwrap) and follows a closure's free variable
// to the value bound where the closure is made: a captured variable's
// load is the value stored once in the variable (srv := &http.Server{...}
// read in a goroutine is the owner's server; a closure's ctx is its
// parent's).
func CapturedRoot(v ssa.Value) ssa.Value {
	for range maxDepth {
		v = Unwrap(v)
		if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
			// a load of a captured variable: the value stored once in
			// the variable where the closure is made
			fv, ok := load.X.(*ssa.FreeVar)
			if !ok {
				return v
			}
			cell := Binding(fv)
			if cell == nil {
				return v
			}
			stored, ok := SingleStore(cell)
			if !ok {
				return v
			}
			v = stored
			continue
		}
		fv, ok := v.(*ssa.FreeVar)
		if !ok {
			return v
		}
		b := Binding(fv)
		if b == nil {
			return v
		}
		v = b
	}
	return v
}
