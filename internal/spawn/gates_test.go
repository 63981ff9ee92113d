package spawn

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
)

const gatesSrc = `package p

import "sync/atomic"

func ownErr(keys []string, fetch func(string) error, errc chan error) {
	for _, k := range keys {
		go func() {
			if err := fetch(k); err != nil {
				errc <- err
			}
		}()
	}
}

func lastArrives(keys []string, done chan struct{}) {
	left := int32(len(keys))
	for range keys {
		go func() {
			if atomic.AddInt32(&left, -1) == 0 {
				done <- struct{}{}
			}
		}()
	}
}

func sharedFlag(keys []string, found chan string) {
	var hit bool
	for _, k := range keys {
		go func() {
			if !hit {
				found <- k
			}
		}()
	}
	hit = true
}

func perIteration(keys []string, out chan int) {
	for _, k := range keys {
		n := len(k)
		go func() {
			if n > 3 {
				out <- n
			}
		}()
	}
}

func plain(out chan int) {
	go func() { out <- 1 }()
}

func helper(out chan<- int) {
	go func() { out <- 1 }()
}

func inline(out chan<- int) { out <- 1 }

func both(out chan int) {
	go func() { out <- 1 }()
	<-out
}
`

// closureOf returns the first closure of the function named name.
func closureOf(t *testing.T, pkg *ssa.Package, name string) *ssa.Function {
	t.Helper()
	fn := ssatest.Func(t, pkg, name)
	if len(fn.AnonFuncs) == 0 {
		t.Fatalf("%s has no closure", name)
	}
	return fn.AnonFuncs[0]
}

// TestOwnGates: a send guarded by the goroutine's own values (a call's
// error, a per-iteration variable) may be made by every goroutine; one
// guarded by shared state (an atomic counter, a variable declared
// outside the loop) may be made by one only.
func TestOwnGates(t *testing.T) {
	pkg := ssatest.Build(t, gatesSrc)
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"ownErr", true},
		{"lastArrives", false},
		{"sharedFlag", false},
		{"perIteration", true},
		{"plain", true},
	} {
		if got := OwnGates(closureOf(t, pkg, tc.fn)); got != tc.want {
			t.Errorf("OwnGates(%s's goroutine) = %t, want %t", tc.fn, got, tc.want)
		}
	}
}

// TestAsync: a function whose only use of its channel is in goroutines it
// starts is a start to its caller; one that sends itself, or also
// receives, is not.
func TestAsync(t *testing.T) {
	pkg := ssatest.Build(t, gatesSrc)
	info := NewInfo()
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"helper", true},
		{"plain", true},
		{"inline", false},
		{"both", false},
	} {
		s := info.Summarize(ssatest.Func(t, pkg, tc.fn))
		if got := s.Params[0].Async; got != tc.want {
			t.Errorf("%s: Async = %t, want %t", tc.fn, got, tc.want)
		}
	}
}
