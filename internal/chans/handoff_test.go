package chans_test

import (
	"testing"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
)

// SendsBeforeHandOff: a send before the channel is returned is unshared;
// one after a go statement, a call or a closure that holds it, or in a
// loop round after the round that handed it on, is not. A channel kept in
// a variable that a closure captures (a cell) is followed through the
// cell: a send before the closure is made is unshared, one after it or
// after the cell's address was handed on is not, and a cell also assigned
// another channel is not judged.
func TestSendsBeforeHandOff(t *testing.T) {
	pkg := ssatest.Build(t, `package p
func serve(ch chan int) { <-ch }
func returned(err bool) chan int { ch := make(chan int); if err { ch <- 1 }; return ch }
func started() chan int { ch := make(chan int); go serve(ch); ch <- 1; return ch }
func called() { ch := make(chan int); serve(ch); ch <- 1 }
func captured() { ch := make(chan int); f := func() { <-ch }; go f(); ch <- 1 }
func rounds(n int) {
	ch := make(chan int)
	for i := range n {
		if i > 0 {
			ch <- i
		}
		if i == 0 {
			go serve(ch)
		}
	}
}
func lenOnly() int { ch := make(chan int); n := len(ch); ch <- n; return n }
func cellBefore(fail bool) { ch := make(chan int); if fail { ch <- 1; return }; go func() { <-ch }(); ch <- 2 }
func cellAfter() { ch := make(chan int); go func() { <-ch }(); ch <- 1 }
func cellAddr(f func(*chan int)) { ch := make(chan int); f(&ch); ch <- 1; go func() { <-ch }() }
func cellReassigned(other chan int) { ch := make(chan int); go func() { <-ch }(); ch = other; ch <- 1 }
`)
	for name, want := range map[string]int{
		"returned": 1, "started": 0, "called": 0, "captured": 0, "rounds": 0, "lenOnly": 1,
		"cellBefore": 1, "cellAfter": 0, "cellAddr": 0,
	} {
		fn := ssatest.Func(t, pkg, name)
		mk := ssatest.MakeChan(t, fn)
		unshared, _, ok := chans.SendsBeforeHandOff(mk)
		if !ok {
			t.Errorf("%s: not judged", name)
			continue
		}
		if len(unshared) != want {
			t.Errorf("%s: %d unshared sends, want %d", name, len(unshared), want)
		}
	}
	fn := ssatest.Func(t, pkg, "cellReassigned")
	if _, _, ok := chans.SendsBeforeHandOff(ssatest.MakeChan(t, fn)); ok {
		t.Errorf("cellReassigned: judged, want not (the cell also holds another channel)")
	}
}
