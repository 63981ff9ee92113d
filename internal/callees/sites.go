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
	// once marks, among the taken functions, those whose every use as a
	// value is as the function of Do on a package-level sync.Once: the
	// process runs them at most once. False once another use is seen.
	once  map[*ssa.Function]bool
	rands []*ssa.Value // Scan's operand buffer
}

// NewSites returns an empty index; Scan fills it.
func NewSites() *Sites {
	return &Sites{calls: map[*ssa.Function][]ssa.CallInstruction{}, taken: map[*ssa.Function]bool{}, once: map[*ssa.Function]bool{}}
}

// Scan records what instr does with the functions among its operands.
func (s *Sites) Scan(instr ssa.Instruction) {
	var direct ssa.Value
	if c, ok := instr.(ssa.CallInstruction); ok && !c.Common().IsInvoke() {
		direct = c.Common().Value
		if fn, ok := direct.(*ssa.Function); ok {
			s.calls[fn] = append(s.calls[fn], c)
		}
	}
	if mc, ok := instr.(*ssa.MakeClosure); ok {
		s.closure(mc)
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
			s.take(m, false)
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

// take records a use of fn as a value; once says the use is as the
// function of a package-level Once's Do.
func (s *Sites) take(fn *ssa.Function, once bool) {
	s.taken[fn] = true
	if prev, seen := s.once[fn]; !seen || prev {
		s.once[fn] = once
	}
}

// closureOnlyOnce reports whether every use of the closure mc other than
// a direct call is as the function of a package-level Once's Do.
func closureOnlyOnce(mc *ssa.MakeClosure) bool {
	for _, r := range *mc.Referrers() {
		if c, ok := r.(ssa.CallInstruction); ok && !c.Common().IsInvoke() && c.Common().Value == ssa.Value(mc) {
			continue
		}
		if _, ok := r.(*ssa.DebugRef); ok {
			continue
		}
		if !globalOnceDo(r, mc) {
			return false
		}
	}
	return true
}

// globalOnceDo reports whether instr is once.Do(f) with f the value v and
// once a package-level sync.Once (a variable, or a field of one): the
// process runs f at most once, whoever calls Do.
func globalOnceDo(instr ssa.Instruction, v ssa.Value) bool {
	c, ok := instr.(*ssa.Call)
	if !ok || c.Common().IsInvoke() {
		return false
	}
	callee, ok := c.Common().Value.(*ssa.Function)
	if !ok || callee.Name() != "Do" || len(c.Common().Args) != 2 || c.Common().Args[1] != v {
		return false
	}
	recv := callee.Signature.Recv()
	if recv == nil || types.TypeString(recv.Type(), nil) != "*sync.Once" {
		return false
	}
	for x := c.Common().Args[0]; ; {
		switch y := x.(type) {
		case *ssa.Global:
			return true
		case *ssa.FieldAddr:
			x = y.X
		default:
			return false // a Once of an object: once per object, not per process
		}
	}
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

// OnceOnly reports whether fn, never called directly, is used as a value
// only as the function of Do on a package-level sync.Once
// (initOnce.Do(func() { go loop() })): it runs at most once per process.
func (s *Sites) OnceOnly(fn *ssa.Function) bool { return s.once[fn] && len(s.calls[fn]) == 0 }

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
