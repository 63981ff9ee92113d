package goroutineleak

import "context"

// A waiter whose only sender gives up its send when a context is done or
// a stop channel is closed, while the waiter itself watches neither.

// Bad: once ctx is done before the result is ready to be taken, the
// goroutine takes the ctx.Done case and returns; the receive waits
// forever.
func fetchOrGiveUp(ctx context.Context, prepare func()) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-ctx.Done():
		}
	}()
	prepare()
	return <-ch // want `receive from ch blocks forever once ctx is done: only the goroutine goroutineleak.fetchOrGiveUp starts can end this wait, and it gives up its send then, while this wait does not watch it`
}

type stoppableFetcher struct {
	stop chan struct{}
}

func newStoppableFetcher() *stoppableFetcher {
	return &stoppableFetcher{stop: make(chan struct{})}
}

func (f *stoppableFetcher) Close() { close(f.stop) }

// Bad: a fetch after (or during) Close waits forever: the goroutine
// leaves on f.stop without sending.
func (f *stoppableFetcher) fetch(prepare func()) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-f.stop:
		}
	}()
	prepare()
	return <-ch // want `receive from ch blocks forever once f.stop is closed: only the goroutine \(\*stoppableFetcher\).fetch starts can end this wait`
}

// Good: the near miss: the waiter watches ctx too.
func fetchOrGiveUpWatching(ctx context.Context, prepare func()) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-ctx.Done():
		}
	}()
	prepare()
	select { // ok: the wait ends when ctx is done
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Good: nothing can cancel ctx before the receive: its only cancel is
// deferred, and its parent is Background.
func fetchDetached(prepare func()) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-ctx.Done():
		}
	}()
	prepare()
	return <-ch // ok: ctx is cancelled only after the receive
}

// Good: the give-up case still answers.
func fetchAnswering(ctx context.Context, prepare func()) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-ctx.Done():
			ch <- 0
		}
	}()
	prepare()
	return <-ch // ok: every path sends
}

// Good: a deferred close ends the wait on every path.
func fetchClosing(ctx context.Context, prepare func()) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		select {
		case ch <- 1:
		case <-ctx.Done():
		}
	}()
	prepare()
	return <-ch // ok: closed when the goroutine gives up
}

// Good: a non-blocking send skips only when the buffer already holds a
// value for the waiter.
func fetchNonBlocking(prepare func()) int {
	ch := make(chan int, 1)
	go func() {
		select {
		case ch <- 1:
		default:
		}
	}()
	prepare()
	return <-ch // ok: no give-up case
}
