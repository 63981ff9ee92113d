package errgroupwait

import (
	"context"
	"sync"

	"errgroupwait/dep"

	"golang.org/x/sync/errgroup"
)

// Good: dep.WaitAll waits on every path (fact from another package).
func crossWait(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // ok: dep.WaitAll waits
	return dep.WaitAll(&g)
}

// Bad: dep.WaitAll is skipped on one path.
func crossWaitEarly(ctx context.Context, b bool) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	if b {
		return ctx.Err() // want `return without g.Wait after g.Go`
	}
	return dep.WaitAll(&g)
}

// Bad: dep.Spawn only starts work on g (StartsFact from another
// package), so nothing ever waits for either goroutine.
func crossSpawn(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // want `g.Go starts a goroutine but g.Wait is never called`
	dep.Spawn(&g, func() error { return nil })
}

// Good: dep.Keep stores g where code we cannot see may wait on it.
func crossKeep(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // ok: g escapes to dep.Keep
	dep.Keep(&g)
}

// Bad: dep.StartListener returns a group with a goroutine started in it
// (ReturnsStartedFact from another package); this call drops it.
func crossDropStarted(ctx context.Context) context.Context {
	_, gctx := dep.StartListener(ctx) // want `the group dep.StartListener returns has a goroutine started in it, and it is dropped here`
	return gctx
}

// Good: the caller keeps the group StartListener returns and waits on it.
func crossWaitStarted(ctx context.Context) error {
	g, gctx := dep.StartListener(ctx) // ok: waited below
	g.Go(func() error { return fetch(gctx, "a") })
	return g.Wait()
}

// Good: dep.Finish calls Done (fact), so every path calls Done.
func crossDone(wg *sync.WaitGroup, items []string) {
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			dep.Finish(wg) // ok: Finish calls wg.Done
			return
		}
		dep.Log(items[0])
		wg.Done()
	}()
}

// Bad: dep.Log does not call Done; the early return skips it.
func crossNoDone(wg *sync.WaitGroup, items []string) {
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			dep.Log("empty")
			return // want `goroutine returns here without calling wg.Done`
		}
		wg.Done()
	}()
}
