package errgroupwait

import (
	"context"
	"iter"

	"golang.org/x/sync/errgroup"
)

// Good: Go in the body of a range-over-func loop of a limited group is
// not nested in a goroutine of the group.
func rangeFunc(ctx context.Context, dirs iter.Seq[string]) error {
	var g errgroup.Group
	g.SetLimit(4)
	for d := range dirs {
		g.Go(func() error { return fetch(ctx, d) }) // ok: runs on the caller's goroutine
	}
	return g.Wait()
}

// Bad: an early return out of a range-over-func loop skips Wait.
func rangeFuncEarly(ctx context.Context, dirs iter.Seq[string]) error {
	var g errgroup.Group
	for d := range dirs {
		if d == "" {
			return errTooMany // want `return without g.Wait after g.Go`
		}
		g.Go(func() error { return fetch(ctx, d) })
	}
	return g.Wait()
}
