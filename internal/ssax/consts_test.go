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

func TestConstStringsAt(t *testing.T) {
	pkg := ssatest.Build(t, `package p

type C struct{ proto, addr string }
type config struct{ proto string }
type E struct{ config; n int }

func use(string) {}
func (c *C) reset() { c.proto = "tcp" }

func caseField(c *C)  { switch c.proto { case "unix": use(c.proto) } }
func defaultCase(c *C) { switch c.proto { case "unix": default: use(c.proto) } }
func notEqual(s string) { if s != "unix" { return }; use(s) }
func unguarded(s string) { if s == "unix" { s = s + "" }; use(s) }
func callBetween(c *C) { if c.proto == "unix" { c.reset(); use(c.proto) } }
func otherField(c *C)  { if c.addr == "unix" { use(c.proto) } }
func otherObject(c, d *C) { if c.proto == "unix" { use(d.proto) } }
func embedded(e *E) func() { return func() { switch e.proto { case "unix": use(e.proto) } } }
func captured(c *C) func() { return func() { switch c.proto { case "unix": use(c.proto) } } }
func capturedCall(c *C) func() { return func() { switch c.proto { case "unix": c.reset(); use(c.proto) } } }
`)
	for fn, want := range map[string]string{
		"caseField":      "unix",
		"defaultCase":    "", // the false edges say only what it is not
		"notEqual":       "unix",
		"unguarded":      "",
		"callBetween":    "", // reset may write the field
		"otherField":     "",
		"otherObject":    "",
		"captured$1":     "unix", // c is loaded from the closure's variable for each use
		"capturedCall$1": "",
		"embedded$1":     "unix", // e.config.proto
	} {
		var call *ssa.Call
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && len(c.Call.Args) == 1 && c.Call.StaticCallee() != nil && c.Call.StaticCallee().Name() == "use" {
					call = c
				}
			}
		}
		if call == nil {
			t.Fatalf("%s: no call of use", fn)
		}
		got, ok := ssax.ConstStringsAt(call.Call.Args[0], call)
		if strings.Join(got, ",") != want || ok != (want != "") {
			t.Errorf("%s: ConstStringsAt = %v, %v; want %q", fn, got, ok, want)
		}
	}
}
