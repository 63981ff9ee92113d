package ssax_test

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/ssax"
)

func TestConstStrings(t *testing.T) {
	pkg := ssatest.Build(t, `package p

func use(string) {}

func constant()          { use("unix") }
func phi(b bool)         { s := "a"; if b { s = "b" }; use(s) }
func loop()              { for _, n := range []string{"unixgram", "unix"} { use(n) } }
func appended(x string)  { l := []string{"a"}; l = append(l, x); for _, n := range l { use(n) } }
func param(x string)     { use(x) }
func written(i int)      { a := [2]string{"a", "b"}; a[i] = "c"; use(a[0]) }
`)
	for fn, want := range map[string]string{
		"constant": "unix",
		"phi":      "a,b",
		"loop":     "unix,unixgram",
		"appended": "", // the slice grows with an unknown value
		"param":    "",
		"written":  "", // an array value (not a literal slice): not followed
	} {
		var arg ssa.Value
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && len(c.Call.Args) == 1 {
					arg = c.Call.Args[0]
				}
			}
		}
		got, ok := ssax.ConstStrings(arg)
		slices.Sort(got)
		if strings.Join(got, ",") != want || ok != (want != "") {
			t.Errorf("%s: ConstStrings = %v, %v; want %q", fn, got, ok, want)
		}
	}
}
