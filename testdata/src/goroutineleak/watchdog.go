package goroutineleak

import (
	"context"
	"errors"
	"time"
)

// A watchdog goroutine waits for its timer or for the call to end; it
// sends only when the timer wins. The lambda emulator's Invoke: the owner
// returns early without receiving, and its deferred cancel releases the
// watchdog.

var errNoWork = errors.New("no work")

func invokeWatched(work func() <-chan error, timeout time.Duration) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	expired := make(chan error)
	go func() {
		select {
		case <-time.After(timeout):
			expired <- errTimeout // ok: when invokeWatched returns, cancel ends the watchdog's wait
		case <-ctx.Done():
		}
	}()
	if work == nil {
		return errNoWork
	}
	select {
	case err := <-work():
		return err
	case err := <-expired:
		return err
	}
}

// The near miss: the context is cancelled only on the path that waits, so
// the early return leaves the watchdog to send when its timer fires.
func invokeWatchedLeaky(work func() <-chan error, timeout time.Duration) error {
	ctx, cancel := context.WithCancel(context.Background())
	expired := make(chan error)
	go func() {
		select {
		case <-time.After(timeout):
			expired <- errTimeout // want `goroutine can block forever in send on expired`
		case <-ctx.Done():
		}
	}()
	if work == nil {
		return errNoWork
	}
	defer cancel()
	select {
	case err := <-work():
		return err
	case err := <-expired:
		return err
	}
}

func init() {
	_ = invokeWatched
	_ = invokeWatchedLeaky
}
