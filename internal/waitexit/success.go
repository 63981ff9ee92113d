package waitexit

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// ExitsOnlyOnSuccess returns, when every edge that leaves l is taken only
// on the success of a call that observes a context (ObservesContext: it
// is handed the context), one such call; nil otherwise. Success is the
// true branch of the call's boolean result (if h.ping(ctx) { return }), or
// the nil branch of its error result (if err := send(ctx); err == nil {
// return }). Such a loop retries until the call succeeds, and once its
// context is cancelled every attempt fails: handing the context to the
// call ends nothing, and the loop goes round forever (lasso's health
// check, ping-then-sleep until good).
func (l *Loop) ExitsOnlyOnSuccess() ssa.CallInstruction {
	in := make(map[*ssa.BasicBlock]bool, len(l.Blocks))
	for _, b := range l.Blocks {
		in[b] = true
	}
	var found ssa.CallInstruction
	for _, b := range l.Blocks {
		for i, s := range b.Succs {
			if in[s] {
				continue
			}
			iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
			if !ok {
				return nil // ok: a jump out that no test decides (a select's case, a break)
			}
			call := successOf(iff.Cond, i == 0, 0)
			if call == nil {
				return nil // ok: a way out that does not wait for the call to succeed
			}
			if found == nil {
				found = call
			}
		}
	}
	return found
}

// successOf returns the context-observing call whose success cond being
// want (true or false) means: the call's boolean result, or the test of
// its error result against nil.
func successOf(cond ssa.Value, want bool, depth int) ssa.CallInstruction {
	if depth > 4 {
		return nil
	}
	switch x := cond.(type) {
	case *ssa.UnOp:
		if x.Op == token.NOT {
			return successOf(x.X, !want, depth+1)
		}
	case *ssa.Call:
		if want && ObservesContext(x) {
			return x
		}
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok && want && ObservesContext(call) && isBool(x.Type()) {
			return call
		}
	case *ssa.BinOp:
		other, isNil, ok := ssax.NilTest(x)
		if !ok || isNil != want {
			return nil // the branch taken when the error is not nil
		}
		if call := errorOf(other); call != nil && ObservesContext(call) {
			return call
		}
	}
	return nil
}

// errorOf returns the call whose error result v is.
func errorOf(v ssa.Value) *ssa.Call {
	switch x := v.(type) {
	case *ssa.Call:
		return x
	case *ssa.Extract:
		if call, ok := x.Tuple.(*ssa.Call); ok && x.Index == call.Call.Signature().Results().Len()-1 {
			return call
		}
	}
	return nil
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}
