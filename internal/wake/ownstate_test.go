package wake_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const ownStateSrc = `package p

import (
	"sync"
	"sync/atomic"
)

type S struct {
	mu      sync.Mutex
	closed  bool
	state   int32
	started atomic.Bool
	subs    map[int]bool
	fetch   func() error
	done    chan struct{}
}

func (s *S) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *S) dial() error { return s.fetch() }

func work() error { return nil }

func (s *S) field()      { if s.closed { return }; close(s.done) }
func (s *S) swap()       { if !s.started.CompareAndSwap(false, true) { return }; close(s.done) }
func (s *S) atomicFn()   { if !atomic.CompareAndSwapInt32(&s.state, 0, 1) { return }; close(s.done) }
func (s *S) getter()     { if s.isClosed() { return }; close(s.done) }
func (s *S) member(k int) { if _, ok := s.subs[k]; !ok { return }; close(s.done) }
func (s *S) nilRecv()    { if s == nil { return }; close(s.done) }
func (s *S) transition(target int) { if target < 2 { return }; close(s.done) }
func (s *S) captured()   { go func() { if s.closed { return }; close(s.done) }() }

func (s *S) ioMethod()   { if err := s.dial(); err != nil { return }; close(s.done) }
func (s *S) funcField()  { if err := s.fetch(); err != nil { return }; close(s.done) }
func (s *S) external()   { if err := work(); err != nil { return }; close(s.done) }
`

func TestDecidedByOwnState(t *testing.T) {
	pkg := ssatest.Build(t, ownStateSrc)
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"(*S).field", true},      // a field of the receiver
		{"(*S).swap", true},       // an atomic swap on a field
		{"(*S).atomicFn", true},   // a sync/atomic function of a field's address
		{"(*S).getter", true},     // a method that only reads the state under its lock
		{"(*S).member", true},     // membership in a map of the receiver
		{"(*S).nilRecv", true},    // the receiver's nil check
		{"(*S).transition", true}, // a parameter compared with a constant: the caller's pick
		{"(*S).captured$1", true}, // the object a closure captured
		{"(*S).ioMethod", false},  // a method that calls out (a function field)
		{"(*S).funcField", false}, // a function field's error
		{"(*S).external", false},  // another function's error
	} {
		fn := ssatest.Func(t, pkg, tc.fn)
		var cond ssa.Value
		for _, b := range fn.Blocks {
			if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && cond == nil {
				cond = iff.Cond
			}
		}
		if cond == nil {
			t.Fatalf("%s: no branch", tc.fn)
		}
		if got := wake.DecidedByOwnState(cond, fn); got != tc.want {
			t.Errorf("DecidedByOwnState(%s's branch) = %v, want %v", tc.fn, got, tc.want)
		}
	}
}
