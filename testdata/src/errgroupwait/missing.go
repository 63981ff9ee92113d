package errgroupwait

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// fetch stands for a request: it fails at once on a cancelled context.
func fetch(ctx context.Context, u string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.New(u)
}

var errTooMany = errors.New("too many")

// Bad: Wait is never called.
func neverWaits(ctx context.Context, urls []string) {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `g.Go starts a goroutine but g.Wait is never called`
	}
}

// Bad: an early return skips Wait.
func earlyReturn(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	if len(urls) > 100 {
		return errTooMany // want `return without g.Wait after g.Go started a goroutine`
	}
	return g.Wait()
}

// Good: the condition is checked before any work starts; Wait on every path.
func checkFirst(ctx context.Context, urls []string) error {
	if len(urls) > 100 {
		return errTooMany // ok: nothing started yet
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	return g.Wait()
}

// Bad: TryGo is a start too.
func tryGoNoWait(ctx context.Context) bool {
	g := new(errgroup.Group)
	g.SetLimit(2)
	return g.TryGo(func() error { return fetch(ctx, "x") }) // want `g.TryGo starts a goroutine but g.Wait is never called`
}

// Good: gather with results by index, Wait on every path.
func gather(ctx context.Context, urls []string) ([]int, error) {
	res := make([]int, len(urls))
	g, gctx := errgroup.WithContext(ctx)
	for i, u := range urls {
		g.Go(func() error { // ok: awaited below
			res[i] = len(u)
			return fetch(gctx, u)
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return res, nil
}

// Good for missing-wait: a deferred Wait runs on every return. Its error
// is dropped, though: a deferred call's results are discarded.
func deferredWait(ctx context.Context) error {
	var g errgroup.Group
	defer g.Wait()                                // want `error from the deferred g.Wait is dropped`
	g.Go(func() error { return fetch(ctx, "a") }) // ok: deferred Wait
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

// Good: a goroutine waits and hands the error over a channel.
func waitInGoroutine(ctx context.Context) <-chan error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // ok: waited by the goroutine below
	errc := make(chan error, 1)
	go func() { errc <- g.Wait() }()
	return errc
}

// Good: the group is returned; the caller waits.
func returned(ctx context.Context) *errgroup.Group {
	g := &errgroup.Group{}
	g.Go(func() error { return fetch(ctx, "a") }) // ok: escapes to the caller
	return g
}

type server struct{ g *errgroup.Group }

// Good: the group is stored in a field; Close waits on it.
func (s *server) start(ctx context.Context) {
	g := new(errgroup.Group)
	g.Go(func() error { return fetch(ctx, "a") }) // ok: escapes into s.g
	s.g = g
}

// waitFor waits on its parameter on every path (summarized).
func waitFor(g *errgroup.Group) error {
	if err := g.Wait(); err != nil {
		return err
	}
	return nil
}

// maybeWait waits only sometimes: not a waiter.
func maybeWait(g *errgroup.Group, b bool) error {
	if b {
		return g.Wait()
	}
	return nil
}

// Good: a helper that waits on every path counts as Wait.
func viaHelper(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // ok: waitFor waits
	return waitFor(&g)
}

// Bad: the helper that waits is called only on one path.
func viaHelperEarly(ctx context.Context, b bool) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	if b {
		return nil // want `return without g.Wait after g.Go`
	}
	return waitFor(&g)
}

// Good: passed to a function that may wait: it escapes, we stay silent.
func viaMaybe(ctx context.Context, b bool) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // ok: maybeWait is not known not to wait
	return maybeWait(&g, b)
}

// Bad: a panic path is not a return, but the normal early return is.
func panicPath(ctx context.Context, n int) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	if n < 0 {
		panic("negative")
	}
	if n == 0 {
		return nil // want `return without g.Wait`
	}
	return g.Wait()
}

// Good: only the panicking path skips Wait.
func panicOnly(ctx context.Context, n int) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // ok: the path without Wait panics
	if n < 0 {
		panic("negative")
	}
	return g.Wait()
}

// Good: the group only bounds concurrency (SetLimit); a WaitGroup joins
// the goroutines, and none can fail.
func limitedJoinedByWaitGroup(work func(), n int) {
	var wg sync.WaitGroup
	var g errgroup.Group
	g.SetLimit(4)
	wg.Add(n)
	for i := 0; i < n; i++ {
		g.Go(func() error { // ok: wg.Wait awaits it and it returns nil
			work()
			wg.Done()
			return nil
		})
	}
	wg.Wait()
}

// Bad: the near miss: joined by the WaitGroup, but its error is lost.
func limitedJoinedLosingErrors(ctx context.Context, urls []string) {
	var wg sync.WaitGroup
	var g errgroup.Group
	g.SetLimit(4)
	wg.Add(len(urls))
	for _, u := range urls {
		g.Go(func() error { // want `g.Go starts a goroutine but g.Wait is never called`
			defer wg.Done()
			return fetch(ctx, u)
		})
	}
	wg.Wait()
}

// Good: the group only starts a reader that never returns: every way out
// of its loop panics (eventkit's listener, whose group is named noWait).
// There is no error to lose, and a Wait would never return.
func readForever(next func() (int, error), out chan<- int) {
	var noWait errgroup.Group
	noWait.Go(func() error { // ok: it never returns
		for {
			v, err := next()
			if err != nil {
				panic(err)
			}
			out <- v
		}
	})
}

// Bad: the near miss: the reader returns its error, which nothing reads.
func readUntilError(next func() (int, error), out chan<- int) {
	var g errgroup.Group
	g.Go(func() error { // want `g.Go starts a goroutine but g.Wait is never called`
		for {
			v, err := next()
			if err != nil {
				return err
			}
			out <- v
		}
	})
}

// The near miss of earlyReturn: the same early return, in a function its
// authors retire.
//
// Deprecated: use gather, which waits on every path.
func earlyReturnRetired(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for i, u := range urls {
		if i > 10 {
			return errTooMany // ok: deprecated
		}
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}
