package goroutineleak

import (
	"context"
	"errors"
	"time"
)

// A watcher that polls an object until a condition holds, racing each
// poll against a timeout goroutine and the watcher's context (the shape
// of pulumi-kubernetes' ObjectWatcher.watch).

type polled struct {
	obj string
	err error
}

type pollWatcher struct {
	ctx  context.Context
	poll func() (string, error)
}

var errPollTimeout = errors.New("timed out")

// Bad, twice: the timeout goroutine sends on an unbuffered channel that
// only the timeout case reads, so every watch that ends another way, a
// success above all, leaves it blocked; and when the watch times out or
// is cancelled, the poll still running blocks sending its result. Each
// way round the loop takes the poll's result before the next poll
// starts: one poll goroutine is left per call, not one per iteration.
func (w *pollWatcher) watch(until func(string, error) (bool, error), timeout time.Duration) (string, error) {
	timeoutCh := make(chan struct{})
	go func() {
		time.Sleep(timeout)
		timeoutCh <- struct{}{} // want `goroutine can block forever in send on timeoutCh: \(\*pollWatcher\)\.watch can return without receiving from it and timeoutCh has capacity 0 \(goroutine leak\)`
	}()
	var last string
	results := make(chan polled)
	poll := func() {
		o, err := w.poll()
		results <- polled{o, err} // want `goroutine can block forever in send on results: \(\*pollWatcher\)\.watch can return without receiving from it and results has capacity 0 \(goroutine leak\)`
	}
	for {
		go poll()
		select {
		case <-timeoutCh:
			return last, errPollTimeout
		case <-w.ctx.Done():
			return last, w.ctx.Err()
		case r := <-results:
			last = r.obj
			if stop, err := until(r.obj, r.err); err != nil {
				return r.obj, err
			} else if stop {
				return r.obj, nil
			}
			time.Sleep(time.Millisecond)
		}
	}
}

// Good: both channels hold the one value their goroutine sends, so
// neither blocks once the watch has returned.
func (w *pollWatcher) watchBuffered(until func(string, error) (bool, error), timeout time.Duration) (string, error) {
	timeoutCh := make(chan struct{}, 1)
	go func() {
		time.Sleep(timeout)
		timeoutCh <- struct{}{}
	}()
	var last string
	results := make(chan polled, 1)
	poll := func() {
		o, err := w.poll()
		results <- polled{o, err}
	}
	for {
		go poll()
		select {
		case <-timeoutCh:
			return last, errPollTimeout
		case <-w.ctx.Done():
			return last, w.ctx.Err()
		case r := <-results:
			last = r.obj
			if stop, err := until(r.obj, r.err); err != nil {
				return r.obj, err
			} else if stop {
				return r.obj, nil
			}
			time.Sleep(time.Millisecond)
		}
	}
}
