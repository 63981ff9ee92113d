package ctxflow

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
)

const dropInSrc = `package p

func Fill(buf []byte) int { return copy(buf, "x") }
func Name(s string) int   { return len(s) }
func Args(a ...int) int   { return len(a) }

func readAfter() byte { buf := make([]byte, 4); Fill(buf); return buf[0] }
func notAfter() int   { buf := make([]byte, 4); return Fill(buf) }
func scalar() int     { return Name("x") }
func variadic() int   { return Args(1, 2) }
`

func TestNotDropIn(t *testing.T) {
	pkg := ssatest.Build(t, dropInSrc)
	for fn, want := range map[string]bool{"readAfter": true, "notAfter": false, "scalar": false, "variadic": false} {
		var call ssa.CallInstruction
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && c.Call.StaticCallee() != nil && c.Call.StaticCallee().Pkg == pkg {
					call = c
				}
			}
		}
		if call == nil {
			t.Fatalf("%s: no call", fn)
		}
		if _, got := NotDropIn(call); got != want {
			t.Errorf("%s: NotDropIn = %v, want %v", fn, got, want)
		}
	}
}
