package ssax

import "golang.org/x/tools/go/ssa"

// The calls that do not return to their caller although their bodies (or
// their lack of one: an interface method) do not say so to a pass that
// reads only the package at hand. These lists are the base of
// internal/noreturn, which the passes ask: it adds every function, of any
// package, that always ends in one of them (NeverReturnsFact) and the
// testing.TB convention of other interfaces (testify's require.TestingT).

// EndsGoroutine reports whether the call ends the calling goroutine
// without a return: runtime.Goexit and testing's FailNow family, which
// calls it.
func EndsGoroutine(c *ssa.CallCommon) bool {
	return endsGoroutine[FullName(Callee(c))]
}

// NoReturn reports whether the call never returns to its caller: it ends
// the goroutine (EndsGoroutine) or the process (os.Exit, log.Fatal), or
// panics (log.Panic).
func NoReturn(c *ssa.CallCommon) bool {
	name := FullName(Callee(c))
	return endsGoroutine[name] || endsProcess[name] || panics[name]
}

// EndsProcess reports whether the call exits the process (os.Exit,
// log.Fatal): no deferred call runs and nothing can recover.
func EndsProcess(c *ssa.CallCommon) bool { return endsProcess[FullName(Callee(c))] }

// Panics reports whether the call always panics (log.Panic): a deferred
// recover in the caller may still return.
func Panics(c *ssa.CallCommon) bool { return panics[FullName(Callee(c))] }

var endsGoroutine = map[string]bool{
	"runtime.Goexit":            true,
	"(*testing.common).FailNow": true,
	"(*testing.common).Fatal":   true,
	"(*testing.common).Fatalf":  true,
	"(*testing.common).SkipNow": true,
	"(*testing.common).Skip":    true,
	"(*testing.common).Skipf":   true,
	"(testing.TB).FailNow":      true,
	"(testing.TB).Fatal":        true,
	"(testing.TB).Fatalf":       true,
	"(testing.TB).SkipNow":      true,
	"(testing.TB).Skip":         true,
	"(testing.TB).Skipf":        true,
}

var endsProcess = map[string]bool{
	"os.Exit":   true,
	"log.Fatal": true, "log.Fatalf": true, "log.Fatalln": true,
	"(*log.Logger).Fatal": true, "(*log.Logger).Fatalf": true, "(*log.Logger).Fatalln": true,
}

var panics = map[string]bool{
	"log.Panic": true, "log.Panicf": true, "log.Panicln": true,
}

// Returns lists fn's return instructions, in block order.
func Returns(fn *ssa.Function) []*ssa.Return {
	var out []*ssa.Return
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			out = append(out, r)
		}
	}
	return out
}
