package errgroupwait

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// A loop that leaves only with an error: the nil branch after it is never
// taken.

// Good: the near miss: the watch loop returns only ctx.Err() after Done
// or a failed regeneration, so the final return nil cannot be reached
// with the group unawaited.
func serveRotating(ctx context.Context, watch func(context.Context) error, rotated <-chan struct{}, regen func() error) error {
	group, gctx := errgroup.WithContext(ctx)
	group.Go(func() error { return watch(gctx) })
	if err := func() error {
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-rotated:
			}
			if err := regen(); err != nil {
				return err
			}
		}
	}(); err != nil {
		if err := group.Wait(); err != nil {
			return err
		}
		return err
	}
	return nil // ok: the loop above never returns nil
}

// Bad: the loop may also end on a closed rotation channel and return nil,
// and then the group is left unawaited.
func serveRotatingUntilClosed(ctx context.Context, watch func(context.Context) error, rotated <-chan struct{}, regen func() error) error {
	group, gctx := errgroup.WithContext(ctx)
	group.Go(func() error { return watch(gctx) })
	if err := func() error {
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case _, ok := <-rotated:
				if !ok {
					return nil
				}
			}
			if err := regen(); err != nil {
				return err
			}
		}
	}(); err != nil {
		if err := group.Wait(); err != nil {
			return err
		}
		return err
	}
	return nil // want `return without group.Wait after group.Go started a goroutine`
}
