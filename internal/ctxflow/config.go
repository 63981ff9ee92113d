package ctxflow

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// This file is the extension point for user-configured functions
// (.conclint.yml's network-functions and deadline-context-functions, see
// internal/config). They reach a pass as flags of its analyzer, declared
// by AddFlags and read back per run by ExtraOf, so they work under every
// go/analysis driver and live nowhere but in the analyzer's Flags:
//
//	-<pass>.network-functions=(*example.com/rpc.Client).Call
//	-<pass>.deadline-context-functions=example.com/rpcctx.WithDefaultTimeout

// Flag names declared by AddFlags. internal/config sets every analyzer
// flag of these names, so a pass opts in by declaring them.
const (
	NetworkFunctionsFlag         = "network-functions"
	DeadlineContextFunctionsFlag = "deadline-context-functions"
)

// AddFlags declares the configuration flags on a (a pass that follows
// contexts into outbound I/O, such as ctxtimeout) unless it has them.
func AddFlags(a *analysis.Analyzer) {
	if a.Flags.Lookup(NetworkFunctionsFlag) == nil {
		a.Flags.Var(new(ssax.FuncSet), NetworkFunctionsFlag, "comma-separated qualified `names` of extra functions that do network I/O with the context they are given")
	}
	if a.Flags.Lookup(DeadlineContextFunctionsFlag) == nil {
		a.Flags.Var(new(ssax.FuncSet), DeadlineContextFunctionsFlag, "comma-separated qualified `names` of extra functions that return a context carrying a deadline")
	}
}

// Extra is the configured functions of one run.
type Extra struct {
	// Network are functions that wait on the network for as long as the
	// context argument allows.
	Network *ssax.FuncSet
	// Deadline are functions whose context result carries a deadline.
	Deadline *ssax.FuncSet
}

// ExtraOf reads the lists from a's flags (pass.Analyzer). Flags a does not
// declare read as empty.
func ExtraOf(a *analysis.Analyzer) Extra {
	get := func(name string) *ssax.FuncSet {
		if a == nil {
			return nil
		}
		if f := a.Flags.Lookup(name); f != nil {
			if s, ok := f.Value.(*ssax.FuncSet); ok {
				return s
			}
		}
		return nil
	}
	return Extra{Network: get(NetworkFunctionsFlag), Deadline: get(DeadlineContextFunctionsFlag)}
}

// OutboundCall is the package-level OutboundCall extended with the
// configured network functions: a call of one of them that passes a
// context argument (the first one) is outbound I/O bounded by that
// context.
func (e Extra) OutboundCall(c *ssa.CallCommon) (Outbound, bool) {
	if o, ok := OutboundCall(c); ok {
		return o, true
	}
	fn := ssax.Callee(c)
	if !e.Network.Has(fn) {
		return Outbound{}, false
	}
	args := c.Args
	var recv ssa.Value
	if c.IsInvoke() {
		recv = c.Value
	} else if fn.Signature().Recv() != nil && len(args) > 0 {
		recv, args = args[0], args[1:]
	}
	for _, a := range args {
		if IsContext(a.Type()) {
			return Outbound{Callee: fn, Ctx: a, Recv: recv}, true
		}
	}
	return Outbound{}, false // ok: no context to judge; blocking's NetIO covers the wait itself
}

// Query returns q with the configured deadline-context functions taken
// into account: a context returned by one of them carries a deadline,
// whatever RootLacks (facts, summaries) would say.
func (e Extra) Query(q DeadlineQuery) DeadlineQuery {
	if e.Deadline.Len() == 0 {
		return q
	}
	inner := q.RootLacks
	q.RootLacks = func(o Origin) bool {
		if f, ok := calleeObject(o.Value).(*types.Func); ok && e.Deadline.Has(f) {
			return false // ok: configured to return a deadline-carrying context
		}
		return inner != nil && inner(o)
	}
	return q
}
