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

// Good: dep.Spawn may do anything with g (it escapes): silent.
func crossSpawn(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") }) // ok: g escapes to dep.Spawn
	dep.Spawn(&g, func() error { return nil })
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
