package callees

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/passutil"
)

// CallsParamFact marks an exported function that calls one of its
// function-typed parameters itself (func Retry(f func()) { f() }), so
// that callers in other packages see what a call of it runs, as they see
// sync.Once.Do's callback (Implicit).
type CallsParamFact struct {
	Calls []ParamCall
}

// ParamCall is one parameter the function calls: its index among the
// signature's parameters (the receiver excluded), and whether the call
// starts a goroutine.
type ParamCall struct {
	Index int
	Go    bool
}

func (*CallsParamFact) AFact() {}

func (f *CallsParamFact) String() string {
	var parts []string
	for _, c := range f.Calls {
		s := fmt.Sprint(c.Index)
		if c.Go {
			s = "go " + s
		}
		parts = append(parts, s)
	}
	return "callsParam(" + strings.Join(parts, ", ") + ")"
}

// exportParamCalls records CallsParamFact for the package's functions
// that other packages can call by name and that call, defer or start one
// of their function-typed parameters directly.
func exportParamCalls(pass *analysis.Pass, funcs []*ssa.Function) {
	for _, fn := range funcs {
		obj, ok := passutil.FactTarget(pass, fn)
		if !ok {
			continue
		}
		if calls := paramCallsOf(fn); len(calls) > 0 {
			pass.ExportObjectFact(obj, &CallsParamFact{Calls: calls})
		}
	}
}

// paramCallsOf returns the function-typed parameters fn calls itself.
func paramCallsOf(fn *ssa.Function) []ParamCall {
	shift := 0
	if fn.Signature.Recv() != nil {
		shift = 1
	}
	var out []ParamCall
	seen := map[ParamCall]bool{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok || c.Common().IsInvoke() {
				continue
			}
			p, ok := c.Common().Value.(*ssa.Parameter)
			if !ok {
				continue
			}
			if _, isFunc := p.Type().Underlying().(*types.Signature); !isFunc {
				continue
			}
			for i, q := range fn.Params {
				if q != p || i < shift {
					continue
				}
				_, isGo := instr.(*ssa.Go)
				pc := ParamCall{Index: i - shift, Go: isGo}
				if !seen[pc] {
					seen[pc] = true
					out = append(out, pc)
				}
			}
		}
	}
	return out
}
