package noreturn

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssax"
)

// FailureEndsProcess reports whether a failure that fn returns ends the
// process: fn's last result is an error, all of fn's calls are known
// (callees.Sites.AllCalls), and each tests that error and, when it is not
// nil, exits the process (log.Fatal(err); fmt.Fprintln(os.Stderr, err)
// and os.Exit(1)) or returns a failure from a function whose failure ends
// the process in turn (three callers up). A command's action whose error
// path leaves a goroutine behind outlives nothing: the process is gone a
// moment later.
func (info *Info) FailureEndsProcess(fn *ssa.Function, sites *callees.Sites) bool {
	return info.failureEnds(fn, sites, 0)
}

// EndsProcessAt reports whether the return r hands a failure (a non-nil
// error result, possibly from a function whose every return fails) to
// callers that end the process on it (FailureEndsProcess): what r leaves
// behind (a goroutine blocked on a send, a group not awaited) ends with
// the process a moment later.
func (info *Info) EndsProcessAt(r *ssa.Return, sites *callees.Sites) bool {
	n := len(r.Results)
	if n == 0 || !types.Identical(r.Results[n-1].Type(), errorType) || !ctxflow.NonNilWith(r.Results[n-1], r.Block(), info.Fails) {
		return false
	}
	return info.FailureEndsProcess(r.Parent(), sites)
}

func (info *Info) failureEnds(fn *ssa.Function, sites *callees.Sites, depth int) bool {
	if info == nil || sites == nil || fn == nil || depth > 3 {
		return false
	}
	res := fn.Signature.Results()
	if res.Len() == 0 || !types.Identical(res.At(res.Len()-1).Type(), errorType) {
		return false
	}
	calls, ok := sites.AllCalls(fn)
	if !ok || len(calls) == 0 {
		return false
	}
	for _, c := range calls {
		call, ok := c.(*ssa.Call)
		if !ok {
			return false // a go or defer statement drops the error
		}
		errv := resultOf(call, res.Len())
		if errv == nil || !info.exitsWhenNonNil(call, errv, sites, depth) {
			return false
		}
	}
	return true
}

var errorType = types.Universe.Lookup("error").Type()

// resultOf returns the last of call's n results as a value, or nil when
// it is not extracted (dropped).
func resultOf(call *ssa.Call, n int) ssa.Value {
	if n == 1 {
		return call
	}
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == n-1 {
			return ex
		}
	}
	return nil
}

// exitsWhenNonNil reports whether every path from call to a return of its
// function tests errv against nil, and every path on which it is not nil
// exits the process or returns a failure from a function whose failure
// ends the process.
func (info *Info) exitsWhenNonNil(call *ssa.Call, errv ssa.Value, sites *callees.Sites, depth int) bool {
	tests := map[ssa.Instruction]*ssa.BasicBlock{} // an If on errv, and its non-nil successor
	for _, r := range *errv.Referrers() {
		bin, ok := r.(*ssa.BinOp)
		if !ok || (bin.Op != token.NEQ && bin.Op != token.EQL) || !ssax.IsNilConst(bin.X) && !ssax.IsNilConst(bin.Y) {
			continue
		}
		for _, u := range *bin.Referrers() {
			if iff, ok := u.(*ssa.If); ok {
				succ := iff.Block().Succs[0]
				if bin.Op == token.EQL {
					succ = iff.Block().Succs[1]
				}
				tests[iff] = succ
			}
		}
	}
	if len(tests) == 0 {
		return false
	}
	exits := func(instr ssa.Instruction) bool {
		c, ok := instr.(*ssa.Call)
		return ok && info.Ends(c.Common())&Exit != 0 && info.Ends(c.Common())&Goexit == 0
	}
	tested := func(instr ssa.Instruction) bool { _, ok := tests[instr]; return ok || exits(instr) }
	if len(cfg.ReturnsAvoiding(call, tested)) > 0 {
		return false // a return that does not test errv first
	}
	caller := call.Parent()
	for _, succ := range tests {
		rets, ok := returnsFrom(succ, exits, call.Block())
		if !ok {
			return false // the failure path goes round a loop (a retry): the process goes on
		}
		for _, r := range rets {
			n := len(r.Results)
			if n == 0 || !ctxflow.NonNil(r.Results[n-1], r.Block()) || !info.failureEnds(caller, sites, depth+1) {
				return false
			}
		}
	}
	return true
}

// returnsFrom returns the returns reachable from the start of b without
// executing an instruction for which stop is true; ok is false when such
// a path comes back to again (the block of the call being judged, or any
// cycle: a retry loop that goes on after the failure).
func returnsFrom(b *ssa.BasicBlock, stop func(ssa.Instruction) bool, again *ssa.BasicBlock) (rets []*ssa.Return, ok bool) {
	const (
		unseen = iota
		active
		done
	)
	state := map[*ssa.BasicBlock]int{}
	var visit func(blk *ssa.BasicBlock) bool
	visit = func(blk *ssa.BasicBlock) bool {
		switch state[blk] {
		case active:
			return false // a cycle
		case done:
			return true
		}
		if blk == again {
			return false
		}
		state[blk] = active
		defer func() { state[blk] = done }()
		for _, instr := range blk.Instrs {
			if stop(instr) {
				return true
			}
			if r, ok := instr.(*ssa.Return); ok {
				rets = append(rets, r)
				return true
			}
		}
		for _, succ := range blk.Succs {
			if !visit(succ) {
				return false
			}
		}
		return true
	}
	if !visit(b) {
		return nil, false
	}
	return rets, true
}
