package errgroupwait

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"
)

// A worker built by a function that returns it: the resolver follows the
// call into the function literal it returns (troubleshoot's progress
// printer).

// printProgress returns a worker that returns nil on every path.
func printProgress(ctx context.Context, progress <-chan string) func() error {
	return func() error {
		for {
			select {
			case msg := <-progress:
				_ = msg
			case <-ctx.Done():
				return nil
			}
		}
	}
}

// checkProgress returns a worker that can fail.
func checkProgress(ctx context.Context, progress <-chan string) func() error {
	return func() error {
		for {
			select {
			case msg := <-progress:
				if msg == "" {
					return errors.New("empty progress message")
				}
			case <-ctx.Done():
				return nil
			}
		}
	}
}

// Good: the near miss: the early return skips Wait, but the group's only
// worker cannot fail and the deferred cancel stops it: nothing is lost.
func runWithProgress(ctx context.Context, progress <-chan string, steps []func() error) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	g, ctx := errgroup.WithContext(ctx)
	g.Go(printProgress(ctx, progress))
	for _, step := range steps {
		if step == nil {
			return nil // ok: the worker returns nil on every path
		}
	}
	stop()
	g.Wait() // ok: the worker returns nil on every path
	return nil
}

// Bad: the worker can fail, and the early return drops its error.
func runWithChecks(ctx context.Context, progress <-chan string, steps []func() error) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	g, ctx := errgroup.WithContext(ctx)
	g.Go(checkProgress(ctx, progress))
	for _, step := range steps {
		if step == nil {
			return nil // want `return without g.Wait after g.Go started a goroutine: it is not awaited on this path and its error is lost`
		}
	}
	stop()
	g.Wait() // want `error from g.Wait is dropped`
	return nil
}
