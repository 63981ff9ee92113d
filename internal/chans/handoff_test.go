package chans_test

import (
	"testing"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
)

// SendsBeforeHandOff: a send before the channel is returned is unshared;
// one after a go statement, a call or a closure that holds it, or in a
// loop round after the round that handed it on, is not.
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
`)
	for name, want := range map[string]int{
		"returned": 1, "started": 0, "called": 0, "captured": 0, "rounds": 0, "lenOnly": 1,
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
}
