package chans_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
)

// ClosedByMaker: a close by the maker, in place, through a local copy or
// in a closure, counts; a channel its maker never closes, one closed only
// by a function it is handed to, and a channel that is not one make do
// not.
func TestClosedByMaker(t *testing.T) {
	pkg := ssatest.Build(t, `package p
func use(ch chan int) {}
func closer(ch chan int) { close(ch) }
func inPlace() chan int { ch := make(chan int); close(ch); return ch }
func copied() chan int { ch := make(chan int); c2 := ch; close(c2); return ch }
func inClosure() chan int { ch := make(chan int); done := func() { close(ch) }; done(); return ch }
func never() chan int { ch := make(chan int); use(ch); return ch }
func byCallee() chan int { ch := make(chan int); closer(ch); return ch }
func either(b bool) chan int {
	a, c := make(chan int), make(chan int)
	close(a)
	ch := c
	if b {
		ch = a
	}
	return ch
}
`)
	for name, want := range map[string]bool{
		"inPlace": true, "copied": true, "inClosure": true,
		"never": false, "byCallee": false, "either": false,
	} {
		fn := ssatest.Func(t, pkg, name)
		rets := 0
		var got bool
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if r, ok := instr.(*ssa.Return); ok && len(r.Results) == 1 {
					rets++
					got = chans.ClosedByMaker(r.Results[0])
				}
			}
		}
		if rets != 1 {
			t.Fatalf("%s: %d returns, want 1", name, rets)
		}
		if got != want {
			t.Errorf("%s: ClosedByMaker = %v, want %v", name, got, want)
		}
	}
}
