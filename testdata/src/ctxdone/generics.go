package ctxdone

import "context"

type Queue[T any] struct {
	items chan T
	spill chan T
}

// Bad: a generic queue's Pop ignores ctx.
func (q *Queue[T]) Pop(ctx context.Context) T {
	select { // want `select has no case for ctx.Done\(\)`
	case v := <-q.items:
		return v
	case v := <-q.spill:
		return v
	}
}

// Good: PopCtx returns on cancellation.
func (q *Queue[T]) PopCtx(ctx context.Context) (T, error) {
	var zero T
	select { // ok: ctx.Done()
	case v := <-q.items:
		return v, nil
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// Bad: a generic fan-in with no way to stop it.
func Collect[T any](ctx context.Context, in <-chan T, sink func(T)) {
	for { // want `loop never exits and never checks ctx`
		sink(<-in)
	}
}

// Good: the generic fan-in returns on ctx.Done() or when in is closed.
func CollectCtx[T any](ctx context.Context, in <-chan T, sink func(T)) {
	for {
		select { // ok
		case v, ok := <-in:
			if !ok {
				return
			}
			sink(v)
		case <-ctx.Done():
			return
		}
	}
}
