package wake

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssax"
)

// maxRootFuncs bounds the functions Roots visits for one question: past
// it the answer is "unknown", never a guess.
const maxRootFuncs = 256

// Roots says on which goroutines a function of the package may run: the
// goroutines that the package starts (go statements, and library calls
// that start one: errgroup's Go, time.AfterFunc) from which it is
// reached, and the package's exported entry points, which run on the
// goroutine of whoever calls them.
type Roots struct {
	// Spawns are the go statements (or goroutine-starting library calls)
	// of the package whose goroutine reaches the function.
	Spawns []ssa.Instruction
	// Entries are the exported functions and methods through which the
	// callers of the package reach it, on their own goroutines.
	Entries []*ssa.Function
	// Unknown is set when some path to the function could not be
	// followed: a function value whose callers the index does not see, a
	// method called through an interface, an unexported function with no
	// caller, or too many functions on the way.
	Unknown bool
}

// OnlyCallers reports whether the function runs only on the goroutines
// of the package's callers, inside a call of one of its exported entry
// points: no goroutine the package starts reaches it, and every way to
// it is known.
func (r Roots) OnlyCallers() bool {
	return !r.Unknown && len(r.Spawns) == 0 && len(r.Entries) > 0
}

// GoroutineRoots walks the callers of fn back to where its goroutine
// started: a go statement of the package, an exported entry point, or a
// way the index cannot follow. A function literal passed to a call that
// runs it in place (sync.Once.Do, a function of another package whose
// CallsParamFact says it calls that parameter, a function of this package
// that calls its parameter) is called from that call's goroutine; passed
// to one that starts a goroutine with it, from a new goroutine.
func (m *Model) GoroutineRoots(fn *ssa.Function) Roots {
	var out Roots
	seen := map[*ssa.Function]bool{fn: true}
	work := []*ssa.Function{fn}
	push := func(f *ssa.Function) {
		if f == nil {
			out.Unknown = true
			return
		}
		if !seen[f] {
			seen[f] = true
			work = append(work, f)
		}
	}
	for len(work) > 0 {
		if len(seen) > maxRootFuncs {
			out.Unknown = true
			break
		}
		f := work[len(work)-1]
		work = work[:len(work)-1]
		for _, g := range m.calls.spawns[f] {
			out.Spawns = append(out.Spawns, g)
		}
		for _, c := range m.calls.callers[f] {
			push(c.Parent())
		}
		if ssax.ExportedAPI(f) || f.Parent() == nil && f.Name() == "main" {
			out.Entries = append(out.Entries, f)
		}
		called := len(m.calls.callers[f]) > 0 || len(m.calls.spawns[f]) > 0
		if recv := f.Signature.Recv(); recv != nil {
			for _, c := range m.calls.invokes[f.Name()] {
				if implements(recv.Type(), c.Common().Value.Type()) {
					push(c.Parent()) // an interface call that may run f
					called = true
				}
			}
			if f.Object() != nil && f.Object().Exported() && !ssax.ExportedAPI(f) && len(m.calls.invokes[f.Name()]) > 0 {
				// another package may call it through an interface too
				out.Entries = append(out.Entries, f)
			}
		}
		if !m.calls.taken[f] {
			if !called && !ssax.ExportedAPI(f) {
				out.Unknown = true // no caller in the package: unseen code's, or dead
			}
			continue
		}
		if f.Parent() == nil {
			out.Unknown = true // a declared function used as a value: its calls are not followed
			continue
		}
		m.valueUses(f, &out, push)
	}
	return out
}

// valueUses follows the function literal fn where it is used as a value:
// an argument of a call that runs it in place (a caller), or that starts
// a goroutine with it (a spawn). Any other use is a way not followed.
func (m *Model) valueUses(fn *ssa.Function, out *Roots, push func(*ssa.Function)) {
	refs := fn.Referrers()
	if refs == nil {
		out.Unknown = true
		return
	}
	var values []ssa.Value
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.MakeClosure:
			values = append(values, x)
		case ssa.CallInstruction:
			values = append(values, fn) // fn itself, with no free variables
		}
	}
	values = slices.Compact(values)
	for i := 0; i < len(values); i++ {
		v := values[i]
		refs := v.Referrers()
		if refs == nil {
			out.Unknown = true
			continue
		}
		for _, r := range *refs {
			c, ok := r.(ssa.CallInstruction)
			if !ok {
				switch x := r.(type) {
				case *ssa.DebugRef:
				case *ssa.ChangeType: // to a named func type: the same function
					values = append(values, x)
				default:
					out.Unknown = true // stored, returned, converted
				}
				continue
			}
			common := c.Common()
			if !common.IsInvoke() && common.Value == v {
				continue // a direct run: callers or spawns already
			}
			m.argUse(fn, c, v, out, push)
		}
	}
}

// argUse follows fn handed, as v, to call c.
func (m *Model) argUse(fn *ssa.Function, c ssa.CallInstruction, v ssa.Value, out *Roots, push func(*ssa.Function)) {
	common := c.Common()
	if _, isGo := c.(*ssa.Go); isGo {
		out.Unknown = true // handed to a goroutine's function: not followed
		return
	}
	for _, res := range m.chans.Resolver().Implicit(common) {
		if !slices.Contains(res.Callees, fn) {
			continue
		}
		if res.Go {
			out.Spawns = append(out.Spawns, c)
		} else {
			push(c.Parent())
		}
		return
	}
	// A function of this package that calls the parameter it receives fn
	// in: its calls of the parameter are fn's callers; a go statement of
	// it, a spawn.
	callee := callees.Direct(common)
	if callee == nil || !m.calls.indexed[callee] || m.calls.taken[callee] {
		out.Unknown = true
		return
	}
	i := slices.Index(common.Args, v)
	p := callees.Param(common, callee, i)
	if p == nil || p.Referrers() == nil {
		out.Unknown = true
		return
	}
	for _, r := range *p.Referrers() {
		pc, ok := r.(ssa.CallInstruction)
		if !ok || pc.Common().IsInvoke() || pc.Common().Value != p {
			if _, dbg := r.(*ssa.DebugRef); !dbg {
				out.Unknown = true // passed on, stored: not followed
			}
			continue
		}
		if _, isGo := pc.(*ssa.Go); isGo {
			out.Spawns = append(out.Spawns, pc)
			continue
		}
		push(callee)
	}
}

// implements reports whether a method of the receiver type recv may run
// for an interface call on a value of type iface: recv (or its pointer)
// implements it.
func implements(recv, iface types.Type) bool {
	it, ok := iface.Underlying().(*types.Interface)
	if !ok {
		return true // a type parameter's method: assume it may
	}
	if types.Implements(recv, it) {
		return true
	}
	if _, isPtr := recv.(*types.Pointer); !isPtr {
		return types.Implements(types.NewPointer(recv), it)
	}
	return false
}
