package callees_test

import (
	"testing"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssatest"
)

// TestAllCallsBoxed: in package main, a method with an exported name is
// called only where the package shows, unless a conversion to an
// interface hands it out: the interface's own methods, or every exported
// method for an empty interface.
func TestAllCallsBoxed(t *testing.T) {
	const src = `package main

import "fmt"

type Highlighter interface{ LateUpdates() <-chan struct{} }

func use(h Highlighter) {}

type fake struct{ ch chan struct{} }

func (f *fake) LateUpdates() <-chan struct{} { return f.ch }
func (f *fake) SetOnEvent(func())            {}

type printed struct{}

func (*printed) String() string { return "p" }
func (*printed) Reset()         {}

type kept struct{}

func (*kept) Reset() {}

func main() {
	f := &fake{}
	f.SetOnEvent(nil)
	use(f)
	fmt.Println(&printed{})
	(&kept{}).Reset()
}
`
	pkg := ssatest.Build(t, src)
	sites := callees.NewSites()
	for _, fn := range ssatest.Funcs(pkg) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				sites.Scan(instr)
			}
		}
	}
	for _, tc := range []struct {
		fn    string
		known bool
	}{
		{"(*fake).LateUpdates", false}, // handed out as a Highlighter
		{"(*fake).SetOnEvent", true},   // not Highlighter's: only main calls it
		{"(*printed).String", false},   // an empty interface: anything may be asserted
		{"(*printed).Reset", false},
		{"(*kept).Reset", true}, // never converted
	} {
		_, known := sites.AllCalls(ssatest.Func(t, pkg, tc.fn))
		if known != tc.known {
			t.Errorf("AllCalls(%s): known = %t, want %t", tc.fn, known, tc.known)
		}
	}
}
