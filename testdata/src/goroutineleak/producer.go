package goroutineleak

import "context"

// Bad: a generator with no way to stop it. A consumer that breaks out of
// its range loop leaves the producer blocked on its next send.
func countLeaky(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // want `producer goroutine can block forever in send on out: goroutineleak.countLeaky returns the channel and a consumer that stops receiving early leaves it blocked`
		}
	}()
	return out
}

// Good: the generator takes a context and selects on it.
func countCtx(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case out <- i: // ok: ctx.Done case
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Good: a future: one send into a buffer of one.
func future(work func() int) <-chan int {
	out := make(chan int, 1)
	go func() {
		out <- work() // ok: the single send fits in the buffer
	}()
	return out
}
