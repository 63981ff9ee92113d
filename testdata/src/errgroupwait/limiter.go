package errgroupwait

import (
	"context"
	"errors"

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

// unpacker reaches its limiter through a method that fails only as
// Acquire does, or not at all when there is no limiter (containerd's
// Unpacker.fetch and its u.acquire).
type unpacker struct {
	limiter *xsemaphore.Weighted
	maxURLs int
}

func (u *unpacker) acquire(ctx context.Context) error {
	if u.limiter == nil {
		return nil
	}
	return u.limiter.Acquire(ctx, 1)
}

func (u *unpacker) release() {
	if u.limiter != nil {
		u.limiter.Release(1)
	}
}

// fetchAll returns early only when u.acquire fails: only once ctx is done.
func (u *unpacker) fetchAll(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		if err := u.acquire(ctx); err != nil {
			return err // ok: ctx is done, and so is gctx
		}
		g.Go(func() error {
			defer u.release()
			return fetch(gctx, url)
		})
	}
	return g.Wait()
}

var errTooManyURLs = errors.New("too many urls")

// acquireBounded fails on its own too: a count over the bound is an
// error while ctx is live.
func (u *unpacker) acquireBounded(ctx context.Context, n int) error {
	if n > u.maxURLs {
		return errTooManyURLs
	}
	return u.acquire(ctx)
}

// The near miss: the wrapper has an error of its own, so a return on its
// failure can leave the started fetches running on a live context.
func (u *unpacker) fetchAllBounded(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for i, url := range urls {
		if err := u.acquireBounded(ctx, i); err != nil {
			return err // want `return without g.Wait after g.Go started a goroutine`
		}
		g.Go(func() error {
			defer u.release()
			return fetch(gctx, url)
		})
	}
	return g.Wait()
}
