package ssax

import "golang.org/x/tools/go/ssa"

// The calls that do not return to their caller although their bodies (or
// their lack of one: an interface method) do not say so to a pass that
// reads only the package at hand. These lists are the base of
// internal/noreturn, which the passes ask: it adds every function, of any
// package, that always ends in one of them (NeverReturnsFact) and the
// testing.TB convention of other interfaces (testify's require.TestingT).

// Exits classifies a call of the lists: it ends the goroutine
// (runtime.Goexit and testing's FailNow family, which calls it), exits
// the process (os.Exit, log.Fatal: no deferred call runs), or panics
// (log.Panic: a deferred recover may stop it). It names the callee only
// when its package is one of the lists', so asking it of every call of
// every package costs no allocation.
func Exits(c *ssa.CallCommon) (goroutine, process, panicks bool) {
	f := Callee(c)
	if f == nil || f.Pkg() == nil {
		return false, false, false
	}
	switch f.Pkg().Path() {
	case "runtime", "testing", "os", "log":
	default:
		return false, false, false
	}
	name := FullName(f)
	return endsGoroutine[name], endsProcess[name], panics[name]
}

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
