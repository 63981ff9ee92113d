package callees

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Sites knows, for the functions it has scanned, which call them directly
// and which are also used as values. It is the one answer to "are these
// all the calls of fn?" that the Resolver (for a parameter's arguments),
// the channel index (for a parameter's channels) and the counterpart
// model (for what a caller holds) share.
type Sites struct {
	// calls are the call, defer and go statements that name a function or
	// run a closure literal directly.
	calls map[*ssa.Function][]ssa.CallInstruction
	// taken marks the functions used otherwise: stored, passed, returned,
	// bound as a method value. Code the scan cannot see may call them.
	taken map[*ssa.Function]bool
	// once holds, for the taken functions, the package-level variable
	// whose sync.Once's Do every use as a value hands them to (nil once
	// another use is seen): unless it is reset, the process runs them at
	// most once.
	once map[*ssa.Function]*ssa.Global
	// reset are the package-level variables a Once of which is assigned
	// anew (once = sync.Once{}): its Do may run again.
	reset map[*ssa.Global]bool
	// invoked are the names of the methods called through an interface:
	// an unexported method of that name may be among their callees.
	invoked map[string]bool
	// boxed are the methods with exported names that the scanned code
	// hands out in an interface value: code of any package that receives
	// it may call them (a test's fake, a main package's handler).
	// boxedTypes are the conversions seen, once each.
	boxed      map[*types.Func]bool
	boxedTypes map[string]bool
	rands      []*ssa.Value // Scan's operand buffer
}

// NewSites returns an empty index; Scan fills it.
func NewSites() *Sites {
	return &Sites{calls: map[*ssa.Function][]ssa.CallInstruction{}, taken: map[*ssa.Function]bool{}, once: map[*ssa.Function]*ssa.Global{}, reset: map[*ssa.Global]bool{}, invoked: map[string]bool{}, boxed: map[*types.Func]bool{}, boxedTypes: map[string]bool{}}
}

// Scan records what instr does with the functions among its operands.
func (s *Sites) Scan(instr ssa.Instruction) {
	var direct ssa.Value
	if c, ok := instr.(ssa.CallInstruction); ok && c.Common().IsInvoke() {
		s.invoked[c.Common().Method.Name()] = true
	}
	if c, ok := instr.(ssa.CallInstruction); ok && !c.Common().IsInvoke() {
		direct = c.Common().Value
		if fn, ok := direct.(*ssa.Function); ok {
			s.calls[fn] = append(s.calls[fn], c)
		}
	}
	if mc, ok := instr.(*ssa.MakeClosure); ok {
		s.closure(mc)
	}
	if mi, ok := instr.(*ssa.MakeInterface); ok {
		s.box(mi.X.Type(), mi.Type())
	}
	if st, ok := instr.(*ssa.Store); ok {
		// ok: the package initializer's stores set the variable up before any Do
		if g := globalRoot(st.Addr); g != nil && (st.Addr == ssa.Value(g) || isOnce(st.Val.Type())) && st.Parent().Synthetic != "package initializer" {
			s.reset[g] = true
		}
	}
	s.rands = instr.Operands(s.rands[:0])
	for _, op := range s.rands {
		if op == nil || *op == nil || *op == direct {
			continue
		}
		if fn, ok := (*op).(*ssa.Function); ok {
			if mc, isClosure := instr.(*ssa.MakeClosure); isClosure && mc.Fn == fn {
				continue // the closure's own uses decide (closure)
			}
			s.take(fn, globalOnceDo(instr, *op))
		}
	}
}

// closure records the direct runs of the closure mc, or takes its
// function when mc is also used otherwise. A method value x.M takes M:
// its calls are through the value, which the scan does not follow.
func (s *Sites) closure(mc *ssa.MakeClosure) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return
	}
	if isBound(fn) {
		if m := Declared(fn); m != fn {
			s.take(m, nil)
		}
	}
	calls, escapes := ssax.ClosureCalls(mc)
	for _, c := range calls {
		s.calls[fn] = append(s.calls[fn], c.(ssa.CallInstruction))
	}
	if escapes {
		s.take(fn, closureOnlyOnce(mc))
	}
}

// box records the methods of t, a type converted to the interface iface,
// that code receiving the interface may call: iface's own (the
// Highlighter's LateUpdates), or, for an empty interface, which may be
// asserted to any other, every method with an exported name.
func (s *Sites) box(t, iface types.Type) {
	key := types.TypeString(t, nil) + " as " + types.TypeString(iface, nil)
	if s.boxedTypes[key] {
		return
	}
	s.boxedTypes[key] = true
	ms := types.NewMethodSet(t)
	it, ok := iface.Underlying().(*types.Interface)
	if !ok || it.NumMethods() == 0 {
		for i := range ms.Len() {
			if f, ok := ms.At(i).Obj().(*types.Func); ok && f.Exported() {
				s.boxed[f.Origin()] = true
			}
		}
		return
	}
	for i := range it.NumMethods() {
		m := it.Method(i)
		if sel := ms.Lookup(m.Pkg(), m.Name()); sel != nil && m.Exported() {
			if f, ok := sel.Obj().(*types.Func); ok {
				s.boxed[f.Origin()] = true
			}
		}
	}
}

// take records a use of fn as a value; once is the package-level
// variable whose Once's Do the use hands fn to, or nil.
func (s *Sites) take(fn *ssa.Function, once *ssa.Global) {
	s.taken[fn] = true
	if prev, seen := s.once[fn]; !seen || prev != once {
		if seen {
			once = nil // another use, or another Once
		}
		s.once[fn] = once
	}
}

// closureOnlyOnce returns the package-level variable whose Once's Do
// every use of the closure mc other than a direct call hands it to, or
// nil.
func closureOnlyOnce(mc *ssa.MakeClosure) *ssa.Global {
	var once *ssa.Global
	refs := mc.Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		if c, ok := r.(ssa.CallInstruction); ok && !c.Common().IsInvoke() && c.Common().Value == ssa.Value(mc) {
			continue
		}
		if _, ok := r.(*ssa.DebugRef); ok {
			continue
		}
		g := globalOnceDo(r, mc)
		if g == nil || (once != nil && g != once) {
			return nil
		}
		once = g
	}
	return once
}

// globalOnceDo returns the package-level variable v is handed to the
// Once of when instr is once.Do(v) with once a package-level sync.Once
// (a variable, or a field of one): the process runs v at most once,
// whoever calls Do. Otherwise nil.
func globalOnceDo(instr ssa.Instruction, v ssa.Value) *ssa.Global {
	c, ok := instr.(*ssa.Call)
	if !ok || c.Common().IsInvoke() {
		return nil
	}
	callee, ok := c.Common().Value.(*ssa.Function)
	if !ok || callee.Name() != "Do" || len(c.Common().Args) != 2 || c.Common().Args[1] != v {
		return nil
	}
	if recv := callee.Signature.Recv(); recv == nil || !isOnce(recv.Type()) {
		return nil
	}
	return globalRoot(c.Common().Args[0]) // nil for a Once of an object: once per object, not per process
}

// globalRoot returns the package-level variable the address v points
// into (the variable, or a field of it), or nil.
func globalRoot(v ssa.Value) *ssa.Global {
	for range 8 {
		switch x := v.(type) {
		case *ssa.Global:
			return x
		case *ssa.FieldAddr:
			v = x.X
		default:
			return nil
		}
	}
	return nil
}

// isOnce reports whether t is sync.Once or a pointer to it.
func isOnce(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Once" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync"
}

// Declared returns the function declared in source that the synthetic
// wrapper fn stands for (the method of a method value x.M or of a method
// expression T.M, the generic function of an instantiation), or fn
// itself: for a function declared in source, an interface method's
// wrapper, or one ssa has no function for.
func Declared(fn *ssa.Function) *ssa.Function {
	if fn.Synthetic == "" || fn.Prog == nil {
		return fn
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if t := fn.Prog.FuncValue(obj.Origin()); t != nil {
			return t
		}
	}
	return fn
}

// Calls returns the direct call, defer and go statements of fn among the
// scanned functions.
func (s *Sites) Calls(fn *ssa.Function) []ssa.CallInstruction { return s.calls[fn] }

// Taken reports whether fn is used other than by being called directly:
// code the scan cannot see may call it.
func (s *Sites) Taken(fn *ssa.Function) bool { return s.taken[fn] }

// AllCalls returns the calls of fn when they are all among the scanned
// functions: fn is not used as a value, no interface call can reach it
// (a method whose name no scanned code invokes through an interface, and
// that no conversion to an interface hands to other packages under an
// exported name: a test's fake whose LateUpdates the package under test
// calls through its Highlighter, a sort.Interface's Less, any exported
// method of a value converted to an empty interface), and no other
// package can name it
// (unexported, in package main, or declared in a _test.go file that no
// external test package can import: ssax.HiddenTestDecl).
// Otherwise ok is false.
func (s *Sites) AllCalls(fn *ssa.Function) (calls []ssa.CallInstruction, ok bool) {
	obj, isFunc := fn.Object().(*types.Func)
	if !isFunc || fn.Pkg == nil || s.taken[fn] || fn.Parent() != nil {
		return nil, false
	}
	if obj.Exported() && fn.Pkg.Pkg.Name() != "main" && !ssax.HiddenTestDecl(fn.Prog.Fset, obj) {
		return nil, false
	}
	if fn.Signature.Recv() != nil && (s.invoked[obj.Name()] || s.boxed[obj.Origin()]) {
		return nil, false
	}
	return s.calls[fn], true
}

// OnceOnly reports whether fn, never called directly, is used as a value
// only as the function of Do on a package-level sync.Once
// (initOnce.Do(func() { go loop() })): it runs at most once per process.
// A variable whose Once the package assigns anew runs it again.
func (s *Sites) OnceOnly(fn *ssa.Function) bool {
	g := s.once[fn]
	return g != nil && !s.reset[g] && len(s.calls[fn]) == 0
}

// ParamIndex returns the index among fn's parameters (its receiver
// first, as in ssa.Function.Params) of the one that receives
// call.Args[i], fn being a callee of call. A method reached through an
// interface or a method value takes its receiver from the value, not
// from Args, so its parameters are one ahead. It reads the signature, so
// it holds for a function of another package too (no Params).
func ParamIndex(call *ssa.CallCommon, fn *ssa.Function, i int) int {
	if fn.Signature.Recv() != nil && len(call.Args) == fn.Signature.Params().Len() {
		return i + 1
	}
	return i
}

// Param returns the parameter of fn, a callee of call, that receives
// call.Args[i]; nil when there is none (fn has no body).
func Param(call *ssa.CallCommon, fn *ssa.Function, i int) *ssa.Parameter {
	if fn == nil || i < 0 || i >= len(call.Args) {
		return nil
	}
	if j := ParamIndex(call, fn, i); j < len(fn.Params) {
		return fn.Params[j]
	}
	return nil
}
