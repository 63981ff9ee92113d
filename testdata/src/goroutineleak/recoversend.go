package goroutineleak

import (
	"context"
	"fmt"
)

type recoverResult struct {
	v   string
	err error
}

// Bad: the goroutine's recover handler sends on done too, but the send
// that blocks after the timeout is the body's, and that is the one named.
func runWithRecover(ctx context.Context, f func() (string, error)) (string, error) {
	done := make(chan recoverResult)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- recoverResult{err: fmt.Errorf("panic: %v", r)}
			}
		}()
		v, err := f()
		done <- recoverResult{v, err} // want `goroutine can block forever in send on done: goroutineleak.runWithRecover can return without receiving from it and done has capacity 0`
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Good: the near miss: a buffer of one holds the body's send or the
// handler's, whichever runs (a panic skips the body's).
func runWithRecoverBuffered(ctx context.Context, f func() (string, error)) (string, error) {
	done := make(chan recoverResult, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- recoverResult{err: fmt.Errorf("panic: %v", r)}
			}
		}()
		v, err := f()
		done <- recoverResult{v, err} // ok: buffered
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
