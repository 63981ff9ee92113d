package errgroupwait

import (
	"context"
	"errgroupwait/dep"
	"log/slog"

	"golang.org/x/sync/errgroup"
)

func save(ctx context.Context, v []int) error { return ctx.Err() }

// Bad: the group's context overwrote the caller's ctx and is used after Wait.
func overwrite(ctx context.Context, urls []string) error {
	res := make([]int, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	for i, u := range urls {
		g.Go(func() error {
			res[i] = len(u)
			return fetch(ctx, u)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return save(ctx, res) // want `ctx is used after g.Wait returned, .*context.Canceled \(errgroup.WithContext overwrote the caller's ctx`
}

// Bad: a check of ctx.Err comes first, but the call that is handed the
// cancelled context is what loses work: the finding is there.
func overwriteChecked(ctx context.Context, urls []string) error {
	res := make([]int, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	for i, u := range urls {
		g.Go(func() error {
			res[i] = len(u)
			return fetch(ctx, u)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if ctx.Err() != nil {
		slog.Info("interrupted")
	}
	return save(ctx, res) // want `ctx is used after g.Wait returned, .*context.Canceled \(errgroup.WithContext overwrote the caller's ctx`
}

// Good: Wait is reached only once the group's context is done: its
// cancel changes nothing, and ctx.Err says why the loop ended.
func runUntilCancelled(ctx context.Context, jobs <-chan string) error {
	g, ctx := errgroup.WithContext(ctx)
	for {
		select {
		case <-ctx.Done():
			if err := g.Wait(); err != nil {
				return err
			}
			return ctx.Err() // ok: done before Wait, with the parent's error
		case j := <-jobs:
			g.Go(func() error { return fetch(ctx, j) })
		}
	}
}

// Good: the group's context is gctx; the caller's ctx is used after Wait.
func renamed(ctx context.Context, urls []string) error {
	res := make([]int, len(urls))
	g, gctx := errgroup.WithContext(ctx)
	for i, u := range urls {
		g.Go(func() error {
			res[i] = len(u)
			return fetch(gctx, u)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return save(ctx, res) // ok: the caller's context
}

// Bad: shadowed in an inner block and used after Wait in that block.
func shadow(ctx context.Context, batches [][]string) error {
	for _, urls := range batches {
		g, ctx := errgroup.WithContext(ctx)
		for _, u := range urls {
			g.Go(func() error { return fetch(ctx, u) })
		}
		if err := g.Wait(); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil { // want `ctx is used after g.Wait returned.*this ctx shadows the caller's ctx`
			return err
		}
	}
	return save(ctx, nil) // ok: the outer ctx
}

// Bad: a differently named group context used after Wait.
func gctxAfter(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	if err := g.Wait(); err != nil {
		return err
	}
	return fetch(gctx, "b") // want `gctx is used after g.Wait returned`
}

// Good: the group's context is used before Wait, on the main goroutine too.
func beforeWait(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	if err := fetch(gctx, "b"); err != nil { // ok: Wait has not returned yet
		_ = g.Wait() // ok: a join on the error path; fetch's error is returned
		return err
	}
	return g.Wait()
}

// Good: the check after Wait expects the cancellation Wait makes and looks
// only for another end (the parent's deadline, DeadlineExceeded).
func deadlineAfter(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := gctx.Err(); err != nil && err != context.Canceled { // ok: Canceled is expected
		return err
	}
	return nil
}

// Bad: the near miss: the same check without the exception sees the
// Canceled that Wait leaves on every run.
func canceledAfter(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := gctx.Err(); err != nil { // want `gctx is used after g.Wait returned`
		return err
	}
	return nil
}

// Good: after Wait the group's context only reaches slog, whose handlers
// take it for its values: a cancelled context logs the same.
func logAfterWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	err := g.Wait()
	if err != nil {
		slog.ErrorContext(ctx, "fetch failed", "err", err) // ok: slog reads values only
	}
	return err
}

// Good: every worker reports its errors on errs and returns nil, so Wait
// never fails and the branch that uses ctx after it never runs.
func checkAllReported(ctx context.Context, items []int, errs chan<- error) {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			if it < 0 {
				select {
				case errs <- errNegative:
				case <-ctx.Done():
				}
			}
			return nil
		})
	}
	err := g.Wait()
	if err != nil {
		select {
		case <-ctx.Done(): // ok: Wait cannot fail
			return
		case errs <- err:
		}
	}
}

// Bad: a worker fails, Wait returns its error with ctx cancelled, and the
// select may take ctx.Done() and drop the error.
func checkAllFailing(ctx context.Context, items []int, errs chan<- error) {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			if it < 0 {
				return errNegative
			}
			return nil
		})
	}
	err := g.Wait()
	if err != nil {
		select {
		case <-ctx.Done(): // want `ctx is used after g.Wait returned`
			return
		case errs <- err:
		}
	}
}

// Good: after Wait the group's context reaches only another package's
// tracer, which neither waits nor looks at cancellation.
func traceAfterWait(ctx context.Context, urls []string) (string, error) {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	err := g.Wait()
	return dep.Trace(ctx, "fetched"), err // ok: a value lookup, the same after cancel
}

// Good: after Wait the group's context reaches only a logger of another
// package, boxed into its ...any arguments; the logger reads a value from
// it and behaves the same after cancel.
func logArgsAfterWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	err := g.Wait()
	dep.Debug(ctx, "fetched", len(urls)) // ok: a value lookup, the same after cancel
	return err
}

// waitBoxed waits until the context in args[0] is done.
func waitBoxed(args ...any) error {
	ctx := args[0].(context.Context)
	<-ctx.Done()
	return ctx.Err()
}

// Bad: the near miss: boxed the same way into a call that waits on it.
func waitArgsAfterWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return waitBoxed(ctx, "done") // want `ctx is used after g.Wait returned`
}
