package wake_test

import (
	"testing"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const drainSrc = `package p

func gen() chan int { ch := make(chan int); go func() { ch <- 1; close(ch) }(); return ch }

func sum() (s int) {
	for v := range gen() {
		s += v
	}
	return s
}

func pair() (chan int, chan error) { return make(chan int), make(chan error) }

func loop() {
	a, b := pair()
	go func() {
		for {
			if a == nil && b == nil {
				return
			}
			select {
			case _, ok := <-a:
				if !ok {
					a = nil
				}
			case _, ok := <-b:
				if !ok {
					b = nil
				}
			}
		}
	}()
}

func early() chan int { return make(chan int) }

func first() int {
	for v := range early() {
		if v > 1 {
			break
		}
	}
	return 0
}

func handed() chan int { return make(chan int) }

func drainAll(ch chan int) {
	for range ch {
	}
}

func hand() { go drainAll(handed()) }

func once() chan int { return make(chan int) }

func takeOne() int { return <-once() }

func Exported() chan int { return make(chan int) }

func useExported() {
	for range Exported() {
	}
}

func again() chan int { return make(chan int) }

func reCall() {
	for i := 0; i < 3; i++ {
		ch := again()
		<-ch
	}
}

func dropped() chan int { return make(chan int) }

type ev struct{ kind int }

func tagged() chan ev { return make(chan ev) }

func untilTag() {
	for e := range tagged() {
		if e.kind == 2 {
			return
		}
	}
}

func tagThenMore() chan ev { return make(chan ev) }

func skipTagThenStop(limit int) {
	n := 0
	for e := range tagThenMore() {
		if e.kind == 2 {
			continue
		}
		n++
		if n > limit {
			return
		}
	}
}

func lost() chan int { return make(chan int) }

func handOut(f func(chan int)) { f(lost()) }

func drop(stop chan struct{}) {
	ch := dropped()
	for ch != nil {
		select {
		case <-ch:
		case <-stop:
			ch = nil
		}
	}
}
`

func TestDrainedToClose(t *testing.T) {
	pkg := ssatest.Build(t, drainSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for _, tc := range []struct {
		fn      string
		results []int
		want    bool
	}{
		{"gen", []int{0}, true},       // ranged to the end
		{"pair", []int{0, 1}, true},   // a select loop that disables each at its close
		{"handed", []int{0}, true},    // handed to a goroutine that ranges
		{"early", []int{0}, false},    // break out of the range
		{"once", []int{0}, false},     // one receive, then the caller returns
		{"Exported", []int{0}, false}, // callers outside the package
		{"again", []int{0}, false},    // the loop calls it again before the close
		{"dropped", []int{0}, false},  // ch = nil on the stop case
	} {
		if got := m.DrainedToClose(ssatest.Func(t, pkg, tc.fn), tc.results, nil); got != tc.want {
			t.Errorf("DrainedToClose(%s) = %v, want %v", tc.fn, got, tc.want)
		}
	}
}

func TestKnownConsumerStops(t *testing.T) {
	pkg := ssatest.Build(t, drainSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for _, tc := range []struct {
		fn            string
		withTag, want bool
	}{
		{"gen", true, false},         // ranged to the end
		{"early", false, true},       // break on v > 1: not a constant tag
		{"once", false, true},        // one receive, then return
		{"tagged", true, true},       // returns at e.kind == 2, counted when asked
		{"tagged", false, false},     // ... and not otherwise
		{"tagThenMore", false, true}, // the tag case goes on receiving; the stop is at a limit
		{"lost", true, false},        // handed to an unknown function: no evidence
		{"dropped", false, true},     // ch = nil on the stop case
	} {
		if got := m.KnownConsumerStops(ssatest.Func(t, pkg, tc.fn), []int{0}, nil, tc.withTag, nil); got != tc.want {
			t.Errorf("KnownConsumerStops(%s, tagStops=%v) = %v, want %v", tc.fn, tc.withTag, got, tc.want)
		}
	}
}
