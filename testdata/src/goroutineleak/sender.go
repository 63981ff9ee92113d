package goroutineleak

import (
	"context"
	"time"
)

// Bad: the classic. The caller gives up on ctx.Done and the worker's send
// on the unbuffered channel never finds a receiver.
func fetchLeaky(ctx context.Context, work func() int) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- work() // want `goroutine can block forever in send on ch: goroutineleak.fetchLeaky can return without receiving from it and ch has capacity 0 \(goroutine leak\)`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Good: a buffer of one lets the worker finish after the caller left.
func fetchBuffered(ctx context.Context, work func() int) (int, error) {
	ch := make(chan int, 1)
	go func() {
		ch <- work() // ok: the one send always fits in the buffer
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Good: the worker gives up too.
func fetchSelect(ctx context.Context, work func() int) (int, error) {
	ch := make(chan int)
	go func() {
		select {
		case ch <- work(): // ok: the send has a ctx.Done case
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Bad: a timer case is a way out for the caller only.
func fetchTimeout(work func() int) (int, bool) {
	ch := make(chan int)
	go func() {
		ch <- work() // want `goroutine can block forever in send on ch: goroutineleak.fetchTimeout can return without receiving`
	}()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(time.Second):
		return 0, false
	}
}

// Bad: an early return between the spawn and the receive.
func loadEarlyReturn(check func() error, work func() int) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- work() // want `goroutine can block forever in send on ch: goroutineleak.loadEarlyReturn can return without receiving`
	}()
	if err := check(); err != nil {
		return 0, err
	}
	return <-ch, nil
}

// Good: every path receives before it returns.
func loadAllPaths(check func() error, work func() int) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- work() // ok: both returns come after the receive
	}()
	v := <-ch
	if err := check(); err != nil {
		return 0, err
	}
	return v, nil
}

// Bad: two sends, one receive.
func twoSends(work func() int) int {
	ch := make(chan int)
	go func() {
		ch <- work() // want `goroutine can block forever in send on ch: goroutineleak.twoSends can return after 1 receive from it, ch has capacity 0, and its goroutines can send 2 values`
		ch <- work()
	}()
	return <-ch
}

// Good: two sends, two receives.
func twoReceives(work func() int) int {
	ch := make(chan int)
	go func() {
		ch <- work() // ok: the caller receives twice
		ch <- work()
	}()
	return <-ch + <-ch
}

// Good: the flag records the receive: the return skips <-stop only when
// the loop already received the one send (toxiproxy's RemoveToxic).
func interruptFlagged(interrupt func() bool, in <-chan *int, out func(int)) {
	stop := make(chan bool)
	go func() {
		stop <- interrupt() // ok: received in the loop, or before the return
	}()
	interrupted, stopped := false, false
	for !interrupted {
		select {
		case interrupted = <-stop:
			stopped = true
		case v := <-in:
			if v == nil {
				if !stopped {
					<-stop
				}
				return
			}
			out(*v)
		}
	}
}

// Bad: the near miss: the flag is also set on a way that did not receive,
// so the return can skip the receive with the send still pending.
func interruptMisflagged(interrupt func() bool, in <-chan *int, out func(int)) {
	stop := make(chan bool)
	go func() {
		stop <- interrupt() // want `goroutine can block forever in send on stop: goroutineleak.interruptMisflagged can return without receiving`
	}()
	interrupted, stopped := false, false
	for !interrupted {
		select {
		case interrupted = <-stop:
			stopped = true
		case v := <-in:
			if v == nil {
				if !stopped {
					<-stop
				}
				return
			}
			if *v < 0 {
				stopped = true // no receive was made here
			}
			out(*v)
		}
	}
}

// Good: one try per iteration of the retry loop, and every way round the
// loop (and out of it) receives that try's result first.
func retryEachTry(try func() error, backoff func() bool, stop chan struct{}) error {
	res := make(chan error)
	for {
		go func() {
			res <- try() // ok: each iteration receives its own try's result
		}()
		select {
		case err := <-res:
			if err == nil {
				return nil
			}
			if backoff() {
				return err
			}
		case <-stop:
			<-res
			return nil
		}
	}
}

// Good: a poll that starts one check per tick and disables the tick case
// (tick = nil) until the check's result is received: at most one check is
// outstanding, and the buffer of one holds its result when the timer
// ends the poll first.
func eventually(condition func() bool, waitFor, every time.Duration) bool {
	ch := make(chan bool, 1)
	timer := time.NewTimer(waitFor)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for tick := ticker.C; ; {
		select {
		case <-timer.C:
			return false
		case <-tick:
			tick = nil
			go func() {
				ch <- condition() // ok: one outstanding at a time, and it fits in the buffer
			}()
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}
