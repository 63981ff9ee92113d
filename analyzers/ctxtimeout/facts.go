package ctxtimeout

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

// NetIOFact marks a function that hands its context parameter number
// Param (counted in the signature, receiver excluded) to outbound network
// I/O with no deadline added on the way: the deadline is its caller's to
// give, so a caller passing context.Background is reported.
type NetIOFact struct {
	Param int
	// What names the network call at the end of the chain.
	What string
	// Stream is set when that call opens a stream (gRPC NewStream).
	Stream bool
	// Database is set when that call is a database/sql method.
	Database bool
}

func (*NetIOFact) AFact() {}

func (f *NetIOFact) String() string { return fmt.Sprintf("netio(param %d: %s)", f.Param, f.What) }

// NoDeadlineFact marks a function whose context result never carries a
// deadline: every path returns a context rooted in context.Background or
// context.TODO with no WithTimeout/WithDeadline on the way.
type NoDeadlineFact struct{}

func (*NoDeadlineFact) AFact() {}

func (*NoDeadlineFact) String() string { return "nodeadline" }

// UnconfiguredFact marks a function that returns an http.Server,
// http.Client, net.Dialer or http.Transport (What names which) built with
// none of the fields that bound its waits set, on every path: its callers'
// values are judged as if they had written the literal.
type UnconfiguredFact struct {
	What string
}

func (*UnconfiguredFact) AFact() {}

func (f *UnconfiguredFact) String() string { return "unconfigured(" + f.What + ")" }

// netSummary is NetIOFact for a function of this package; param indexes
// fn.Params (receiver included).
type netSummary struct {
	param    int
	what     string
	stream   bool
	database bool
}

// netIO reports whether fn passes one of its context parameters, without
// adding a deadline, to outbound network I/O (directly, in a closure it
// makes, or through a callee summarized the same way). Recursion is cut:
// a cycle contributes nothing.
func (c *checker) netIO(fn *ssa.Function) *netSummary {
	if s, done := c.netMemo[fn]; done {
		return s
	}
	if c.netBusy[fn] || fn.Blocks == nil {
		return nil
	}
	c.netBusy[fn] = true
	var found *netSummary
	eachInstr(fn, func(instr ssa.Instruction) bool {
		call, ok := instr.(ssa.CallInstruction)
		if !ok {
			return true
		}
		for _, u := range c.outbound(call) {
			if u.ctx == nil {
				continue // ok: implicit Background, reported where it is
			}
			p, ok := ctxflow.CallerContext(u.ctx)
			if !ok || p.Parent() != fn {
				continue
			}
			if ctxflow.AddsDeadlineTo(u.ctx, p) {
				// ok: fn may put its own deadline on the caller's context
				// before this wait (a configured timeout): a caller's
				// context.Background leaves the bound to that setting
				continue
			}
			for i, q := range fn.Params {
				if q == p {
					found = &netSummary{param: i, what: u.leaf, stream: u.stream, database: u.database}
					return false
				}
			}
		}
		return true
	})
	c.netMemo[fn] = found
	return found
}

// importedNetIO returns the NetIOFact of a function of another package.
func (c *checker) importedNetIO(f *types.Func) (*NetIOFact, bool) {
	if f.Pkg() == nil || f.Pkg() == c.pass.Pkg {
		return nil, false
	}
	var fact NetIOFact
	if !c.pass.ImportObjectFact(f, &fact) {
		return nil, false
	}
	return &fact, true
}

// returnsNoDeadline reports whether fn has a context result that never
// carries a deadline on any path (see NoDeadlineFact).
func (c *checker) returnsNoDeadline(fn *ssa.Function) bool {
	if r, done := c.ndMemo[fn]; done {
		return r
	}
	if c.ndBusy[fn] || fn.Blocks == nil {
		return false
	}
	c.ndBusy[fn] = true
	res := fn.Signature.Results()
	idx := -1
	for i := 0; i < res.Len(); i++ {
		if ctxflow.IsContext(res.At(i).Type()) {
			idx = i
			break
		}
	}
	result := false
	if idx >= 0 {
		q := c.extra.Query(ctxflow.DeadlineQuery{RootLacks: c.rootLacks})
		returns := 0
		result = true
		for _, b := range fn.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && idx < len(ret.Results) {
				returns++
				if !ctxflow.AlwaysLacksDeadline(ret.Results[idx], q) {
					result = false
				}
			}
		}
		result = result && returns > 0
	}
	c.ndMemo[fn] = result
	return result
}

// rootLacks answers ctxflow's question about a context produced by a
// call: does the callee return a context with no deadline?
func (c *checker) rootLacks(o ctxflow.Origin) bool {
	if o.Kind != ctxflow.Call {
		return false
	}
	v := o.Value
	if e, ok := v.(*ssa.Extract); ok {
		v = e.Tuple
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	if fn := c.wrapper(&call.Call); fn != nil {
		return c.returnsNoDeadline(fn)
	}
	f := ssax.Callee(&call.Call)
	if f == nil || f.Pkg() == nil || f.Pkg() == c.pass.Pkg || call.Call.IsInvoke() {
		return false
	}
	return c.pass.ImportObjectFact(f, new(NoDeadlineFact))
}

// exportFacts records the summaries of the package's named functions.
func (c *checker) exportFacts(funcs []*ssa.Function) {
	for _, fn := range funcs {
		obj, ok := passutil.FactTarget(c.pass, fn)
		if !ok {
			continue
		}
		if s := c.netIO(fn); s != nil {
			i := s.param
			if fn.Signature.Recv() != nil {
				i-- // facts count signature parameters, receiver excluded
			}
			if i >= 0 {
				c.pass.ExportObjectFact(obj, &NetIOFact{Param: i, What: s.what, Stream: s.stream, Database: s.database})
			}
		}
		if c.returnsNoDeadline(fn) {
			c.pass.ExportObjectFact(obj, &NoDeadlineFact{})
		}
		for _, k := range []*ctxflow.Configurable{ctxflow.Client, ctxflow.Server, ctxflow.Dialer, ctxflow.Transport} {
			if !obj.Exported() {
				break // only other packages need the fact
			}
			if lacks, _ := c.returnsUnconfigured(fn, k); lacks {
				c.pass.ExportObjectFact(obj, &UnconfiguredFact{What: k.What})
				break
			}
		}
	}
}

// eachInstr calls f for each instruction of fn and of the closures it
// makes, in block order, until f returns false.
func eachInstr(fn *ssa.Function, f func(ssa.Instruction) bool) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if !f(instr) {
				return false
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if !eachInstr(anon, f) {
			return false
		}
	}
	return true
}
