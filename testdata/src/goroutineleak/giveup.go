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

// A stream whose deliverer gives up when the stream's context is done.
type giveUpStream struct {
	ctx  context.Context
	recv chan int
}

func newGiveUpStream(ctx context.Context) *giveUpStream {
	s := &giveUpStream{ctx: ctx, recv: make(chan int)}
	go s.deliver()
	return s
}

func (s *giveUpStream) deliver() {
	for i := 0; ; i++ {
		select {
		case <-s.ctx.Done():
			return
		case s.recv <- i:
		}
	}
}

// Bad: a Read once the stream's context is done waits forever: the
// deliverer has returned without sending, and nothing closes recv.
func (s *giveUpStream) Read() int {
	return <-s.recv // want `receive from s.recv blocks forever once s.ctx is done: every send on s.recv is in a goroutine that gives up its send then and returns \(\(\*giveUpStream\).deliver\), and \(\*giveUpStream\).Read does not watch it`
}

// Good: the near miss: Read watches the stream's context too.
func (s *giveUpStream) ReadOrDone() (int, bool) {
	select { // ok: the wait ends when s.ctx is done
	case v := <-s.recv:
		return v, true
	case <-s.ctx.Done():
		return 0, false
	}
}

// A stream whose deliverer closes recv when it gives up.
type closingStream struct {
	ctx  context.Context
	recv chan int
}

func newClosingStream(ctx context.Context) *closingStream {
	s := &closingStream{ctx: ctx, recv: make(chan int)}
	go s.deliver()
	return s
}

func (s *closingStream) deliver() {
	defer close(s.recv)
	for i := 0; ; i++ {
		select {
		case <-s.ctx.Done():
			return
		case s.recv <- i:
		}
	}
}

// Good: the close ends the receive once the deliverer gives up.
func (s *closingStream) Read() int {
	return <-s.recv // ok: recv is closed when the deliverer returns
}

// A stream whose callers push values themselves.
type pushStream struct {
	ctx  context.Context
	recv chan int
}

func newPushStream(ctx context.Context) *pushStream {
	return &pushStream{ctx: ctx, recv: make(chan int)}
}

// Push is the package's API: a caller may push again at any time.
func (s *pushStream) Push(v int) bool {
	select {
	case <-s.ctx.Done():
		return false
	case s.recv <- v:
		return true
	}
}

// Good: a caller's Push may still come (a caller's protocol, not a
// goroutine that has stopped for good).
func (s *pushStream) Read() int {
	return <-s.recv // ok: Push is exported
}
