package errgroupwait

import (
	"context"

	"golang.org/x/sync/errgroup"
	xsemaphore "golang.org/x/sync/semaphore"
)

// dispatchLimited returns early only when the limiter's Acquire fails,
// which it does only once ctx is done (containerd's images.Dispatch): the
// group's context, derived from ctx, is cancelled too, and its goroutines
// see it.
func dispatchLimited(ctx context.Context, limiter *xsemaphore.Weighted, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		if err := limiter.Acquire(ctx, 1); err != nil {
			return err // ok: ctx is done, and so is gctx
		}
		g.Go(func() error {
			defer limiter.Release(1)
			return fetch(gctx, u)
		})
	}
	return g.Wait()
}

// The near miss: the limiter waits on another context, whose end says
// nothing about the group's.
func dispatchLimitedElsewhere(ctx, limitCtx context.Context, limiter *xsemaphore.Weighted, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		if err := limiter.Acquire(limitCtx, 1); err != nil {
			return err // want `return without g.Wait after g.Go started a goroutine`
		}
		g.Go(func() error {
			defer limiter.Release(1)
			return fetch(gctx, u)
		})
	}
	return g.Wait()
}
