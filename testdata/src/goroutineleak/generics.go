package goroutineleak

import "context"

// Bad: the same leak in a generic function.
func firstOf[T any](ctx context.Context, work func() T) (T, error) {
	ch := make(chan T)
	go func() {
		ch <- work() // want `goroutine can block forever in send on ch: goroutineleak.firstOf can return without receiving`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// Good: buffered.
func firstOfBuffered[T any](ctx context.Context, work func() T) (T, error) {
	ch := make(chan T, 1)
	go func() {
		ch <- work() // ok: buffered
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
