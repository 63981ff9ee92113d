package ssax_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/ssax"
)

func TestIntRange(t *testing.T) {
	pkg := ssatest.Build(t, `package p

import (
	"math/rand/v2"
	oldrand "math/rand"
	"time"
)

func use(time.Duration) {}

func constant()            { use(time.Second) }
func jitter()              { use(time.Duration(rand.IntN(100)) * time.Millisecond) }
func oldJitter(r *oldrand.Rand) { use(time.Duration(r.Int63n(50)) * time.Millisecond) }
func capped(d time.Duration) { use(min(d*2, 500*time.Millisecond)) }
func maxed(d time.Duration) { use(max(d, time.Millisecond)) }
func phi(b bool)           { d := time.Millisecond; if b { d = 2 * time.Millisecond }; use(d) }
func param(d time.Duration) { use(d) }
func rem(n int)            { use(time.Duration(n%10) * time.Millisecond) }
func scaled(n int)         { use(time.Duration(n) * time.Millisecond) }
func wrap(n int64)         { use(time.Duration(int8(n & 1023))) }
func overflow()            { use(time.Duration(rand.Int64N(1<<62)) * 4) }
func sum()                 { use(time.Duration(rand.IntN(10))*time.Millisecond + 5*time.Millisecond) }
func floatJitter()         { use(time.Duration(rand.Float64() * float64(100*time.Millisecond))) }
func floatScaled(d time.Duration) { use(time.Duration(rand.Float64() * float64(d))) }
func floatHuge()           { use(time.Duration(rand.Float64() * 1e30)) }
func fail() bool           { return rand.IntN(2) == 0 }
func retries(more bool) {
	for retry := 0; retry < 12 && more; retry++ {
		if fail() {
			use(time.Duration(retry*10) * time.Millisecond)
		}
	}
}
func retriesUnbounded() {
	for retry := 0; ; retry++ {
		if fail() {
			use(time.Duration(retry*10) * time.Millisecond)
		}
	}
}
func retriesTestedLate() {
	for retry := 0; ; {
		retry++
		if retry >= 5 {
			return
		}
		use(time.Duration(retry) * time.Millisecond)
	}
}
`)
	for fn, want := range map[string]string{
		"constant":    "[1000000000, 1000000000]",
		"jitter":      "[0, 99000000]",
		"oldJitter":   "[0, 49000000]",
		"capped":      "[-9223372036854775808, 500000000]",
		"maxed":       "none", // d is unbounded
		"phi":         "[1000000, 2000000]",
		"param":       "none",
		"rem":         "[-9000000, 9000000]",
		"scaled":      "none",
		"wrap":        "none", // int8(n & 1023) can wrap
		"overflow":    "none",
		"sum":         "[5000000, 14000000]",
		"floatJitter": "[0, 100000000]",
		"floatScaled": "none",
		"floatHuge":   "none",
		// a retry counter tested against 12 before each increment
		"retries":           "[0, 120000000]",
		"retriesUnbounded":  "none",
		"retriesTestedLate": "none", // incremented before its test
	} {
		var arg ssa.Value
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && len(c.Call.Args) == 1 {
					if f := c.Call.StaticCallee(); f != nil && f.Name() == "use" {
						arg = c.Call.Args[0]
					}
				}
			}
		}
		got := "none"
		if lo, hi, ok := ssax.IntRange(arg); ok {
			got = fmt.Sprintf("[%d, %d]", lo, hi)
		}
		if got != want {
			t.Errorf("%s: IntRange = %s; want %s", fn, got, want)
		}
	}
}
