package errgroupwait

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Containers past the expected count are removed in the background; the
// ones before it are checked first. The index only grows, so once a
// removal has started (i >= expected) no later round can reach the check
// and its early return: no path returns with a goroutine started.
func scaleDown(ctx context.Context, names []string, expected int, check func(string) error) error {
	eg, _ := errgroup.WithContext(ctx)
	for i, name := range names {
		if i >= expected {
			eg.Go(func() error { return fetch(ctx, name) })
			continue
		}
		if err := check(name); err != nil {
			return err
		}
	}
	return eg.Wait()
}

// The same loop with the test the other way round: the removals start on
// the first rounds, and a later check's failure returns while they run.
func scaleDownFirst(ctx context.Context, names []string, expected int, check func(string) error) error {
	eg, _ := errgroup.WithContext(ctx)
	for i, name := range names {
		if i < expected {
			eg.Go(func() error { return fetch(ctx, name) })
			continue
		}
		if err := check(name); err != nil {
			return err // want `return without eg.Wait after eg.Go started a goroutine: it is not awaited on this path and it may still be running after the return, with nothing to wait for it or stop it \(the group's context is discarded\)`
		}
	}
	return eg.Wait()
}

// A three-clause loop whose counter is compared on the right.
func scaleDownCounted(ctx context.Context, names []string, expected int, check func(string) error) error {
	eg, _ := errgroup.WithContext(ctx)
	for i := 0; i < len(names); i++ {
		name := names[i]
		if expected <= i {
			eg.Go(func() error { return fetch(ctx, name) })
			continue
		}
		if err := check(name); err != nil {
			return err
		}
	}
	return eg.Wait()
}
