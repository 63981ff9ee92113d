package kernels

import (
	"sync"
	"testing"
	"time"

	"example.com/testify/require"
)

// Good: the near miss of prometheus tsdb/agent TestNoDeadlock: the test
// returns only once finished is closed, after the waiter's Wait; its
// other way out is testify's require.FailNow, which never returns (its
// NeverReturnsFact crosses from another package): a failed test, not a
// hang.
func TestJoinOrFailNow(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(4)
	for range 4 {
		go func() {
			defer wg.Done()
		}()
	}
	finished := make(chan struct{})
	go func() {
		wg.Wait() // ok: the other way out is require.FailNow, which ends the test
		close(finished)
	}()
	select {
	case <-finished:
		return
	case <-time.After(15 * time.Second):
		require.FailNow(t, "deadlock detected")
	}
}

// Good: the same through require.Fail, whose "if assert.Fail(...) {
// return }" never takes the return (assert.Fail returns false).
func TestJoinOrFail(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(4)
	for range 4 {
		go func() {
			defer wg.Done()
		}()
	}
	finished := make(chan struct{})
	go func() {
		wg.Wait() // ok: the other way out is require.Fail, which ends the test
		close(finished)
	}()
	select {
	case <-finished:
		return
	case <-time.After(time.Second):
		require.Fail(t, "deadlock detected")
	}
}

// Bad: the timeout branch calls require.True, which returns when the
// value holds: the test then returns with the waiter blocked.
func joinOrCheck(t *testing.T, slow bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	finished := make(chan struct{})
	go func() {
		wg.Wait() // want `goroutine can block forever in wg.Wait: kernels.joinOrCheck can return after wg.Add\(1\) without calling Done`
		close(finished)
	}()
	if slow {
		require.True(t, slow, "slow path")
		return
	}
	go func() {
		defer wg.Done()
	}()
	select {
	case <-finished:
	case <-time.After(time.Second):
		require.FailNow(t, "deadlock detected")
	}
}
