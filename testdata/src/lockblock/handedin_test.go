package lockblock

import (
	"sync"
	"testing"
)

// Near miss: a kept channel sent on under a lock that, besides the
// sender, only a test locks. The subscriber's goroutine is a client of the
// package's API, and tests are not part of it.
type BeatFeed struct {
	mu   sync.Mutex
	subs []*BeatSub
	n    int
}

type BeatSub struct{ ch chan int }

func NewBeatSub(ch chan int) *BeatSub { return &BeatSub{ch: ch} }

func (t *BeatFeed) tick() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
	for _, s := range t.subs {
		s.ch <- t.n // ok: only BenchmarkBeatFeed also locks t.mu
	}
}

func BenchmarkBeatFeed(b *testing.B) {
	t := &BeatFeed{}
	for range b.N {
		t.mu.Lock()
		t.n = 0
		t.mu.Unlock()
	}
}

// The receivers of Replies' channels that the package's tests make: a
// goroutine drains with no lock; the test itself polls after a call that
// locks r.mu (as paho's state tests do).
func TestReplies(t *testing.T) {
	r := &Replies{pending: map[int]pendingReply{}}
	ch := make(chan int)
	r.Add(1, ch)
	done := make(chan struct{})
	go func() {
		<-ch
		close(done)
	}()
	r.Received(1, 7)
	<-done
	r.Add(2, ch)
	r.Ack(2)
	select {
	case <-ch:
		t.Fatal("unexpected reply")
	default:
	}
}
