package errgroupwait_test

// Runtime proof for bounded.go: a skipped Done whose WaitGroup is waited
// on only with a bound leaks the waiting helper's goroutine, but the
// function that waits returns (the test times out and fails); with a
// plain waiter it never returns.

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// waitWithTimeout mirrors bounded.go's fixture.waitWithTimeout.
func waitWithTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		wg.Wait()
	}()
	select {
	case <-ch:
		return false
	case <-time.After(d):
		return true
	}
}

// waitJoined mirrors dep.WaitJoined.
func waitJoined(wg *sync.WaitGroup) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	<-done
}

// skipDone starts a goroutine that returns without Done for empty items.
func skipDone(wg *sync.WaitGroup, items []string) {
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
			return
		}
		wg.Done()
	}()
}

// returns reports whether f returns within the bubble (its helper
// goroutines may stay blocked: that deadlock is recovered by bubble).
func returns(t *testing.T, f func()) bool {
	t.Helper()
	var ok atomic.Bool
	bubble(t, func() {
		go func() {
			f()
			ok.Store(true)
		}()
	})
	return ok.Load()
}

func TestBoundedWaitRuntime(t *testing.T) {
	if !returns(t, func() {
		var wg sync.WaitGroup
		skipDone(&wg, nil)
		if !waitWithTimeout(&wg, 10*time.Second) {
			t.Error("boundedHelper: expected a timeout")
		}
	}) {
		t.Error("boundedHelper: the waiter with a bound must return")
	}
	if returns(t, func() {
		var wg sync.WaitGroup
		skipDone(&wg, nil)
		waitJoined(&wg)
	}) {
		t.Error("unboundedHelperCross: the waiter with no bound must hang")
	}
}
