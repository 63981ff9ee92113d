package goroutineleak

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// A stop that waits for two groups in turn, each through a goroutine
// that sends on one done channel with room for one value.

type twoStageStopper struct {
	fetchers, workers sync.WaitGroup
}

// Good: the near miss: the second waiter starts only on the path where
// the first one's value was taken (firstErr is nil only there), so each
// send finds the buffer empty.
func (c *twoStageStopper) StopTimeout(timeout time.Duration) error {
	timer := time.NewTimer(timeout)
	defer timer.Stop()

	done := make(chan struct{}, 1)
	go func() {
		c.fetchers.Wait()
		done <- struct{}{} // ok: the buffer is empty when the return leaves it
	}()

	var firstErr error
	select {
	case <-done:
	case <-timer.C:
		firstErr = fmt.Errorf("fetchers are not stopped after %s", timeout)
	}
	if firstErr != nil {
		return firstErr
	}

	go func() {
		c.workers.Wait()
		done <- struct{}{} // ok: the first value was taken
	}()

	select {
	case <-done:
	case <-timer.C:
		return errors.New("workers are not stopped")
	}
	return nil
}

// Bad: the same two stages, but the second starts even after the first
// timed out: both values may be left, one more than the buffer holds.
func (c *twoStageStopper) StopEither(timeout time.Duration) error {
	timer := time.NewTimer(timeout)
	defer timer.Stop()

	done := make(chan struct{}, 1)
	go func() {
		c.fetchers.Wait()
		done <- struct{}{} // want `goroutine can block forever in send on done: \(\*twoStageStopper\).StopEither can return without receiving from it and done has capacity 1`
	}()

	var firstErr error
	select {
	case <-done:
	case <-timer.C:
		firstErr = fmt.Errorf("fetchers are not stopped after %s", timeout)
	}

	go func() {
		c.workers.Wait()
		done <- struct{}{} // want `goroutine can block forever in send on done: \(\*twoStageStopper\).StopEither can return without receiving from it`
	}()

	select {
	case <-done:
	case <-time.After(timeout):
		return errors.New("workers are not stopped")
	}
	return firstErr
}
