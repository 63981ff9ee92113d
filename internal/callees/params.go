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

// paramCallsOf returns the function-typed parameters fn calls itself,
// directly or by handing them, as they are, to a function of its own
// package that calls them (testify's NotPanics(t, f) calls didPanic(f),
// which calls f).
func paramCallsOf(fn *ssa.Function) []ParamCall {
	return paramCallsMemo(fn, map[*ssa.Function][]ParamCall{})
}

// maxParamCallFuncs bounds how many helpers paramCallsMemo follows.
const maxParamCallFuncs = 8

func paramCallsMemo(fn *ssa.Function, memo map[*ssa.Function][]ParamCall) []ParamCall {
	if out, ok := memo[fn]; ok {
		return out
	}
	memo[fn] = nil // recursion: nothing
	if len(memo) > maxParamCallFuncs {
		return nil
	}
	shift := 0
	if fn.Signature.Recv() != nil {
		shift = 1
	}
	var out []ParamCall
	seen := map[ParamCall]bool{}
	add := func(i int, isGo bool) {
		pc := ParamCall{Index: i - shift, Go: isGo}
		if i >= shift && !seen[pc] {
			seen[pc] = true
			out = append(out, pc)
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction)
			if !ok || c.Common().IsInvoke() {
				continue
			}
			_, isGo := instr.(*ssa.Go)
			if p, ok := c.Common().Value.(*ssa.Parameter); ok {
				if _, isFunc := p.Type().Underlying().(*types.Signature); isFunc {
					if i := paramIndex(fn, p); i >= 0 {
						add(i, isGo)
					}
				}
				continue
			}
			// A parameter handed on to a helper of the package that
			// calls it: the helper's call is fn's (in a new goroutine
			// when either starts one).
			helper := Direct(c.Common())
			if helper == nil || helper == fn || helper.Pkg != fn.Pkg || len(helper.Blocks) == 0 {
				continue
			}
			var inner []ParamCall
			for j, a := range c.Common().Args {
				p, ok := a.(*ssa.Parameter)
				if !ok || p.Parent() != fn {
					continue
				}
				if _, isFunc := p.Type().Underlying().(*types.Signature); !isFunc {
					continue
				}
				i := paramIndex(fn, p)
				if i < 0 {
					continue
				}
				if inner == nil {
					inner = paramCallsMemo(helper, memo)
				}
				k := ParamIndex(c.Common(), helper, j)
				if helper.Signature.Recv() != nil {
					k-- // ParamCall indexes exclude the receiver
				}
				for _, hc := range inner {
					if hc.Index == k {
						add(i, isGo || hc.Go)
					}
				}
			}
		}
	}
	memo[fn] = out
	return out
}

// paramIndex is p's index among fn's Params, or -1.
func paramIndex(fn *ssa.Function, p *ssa.Parameter) int {
	for i, q := range fn.Params {
		if q == p {
			return i
		}
	}
	return -1
}
