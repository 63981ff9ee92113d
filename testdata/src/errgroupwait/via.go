package errgroupwait

import (
	"context"
	"os"
	"os/signal"

	"golang.org/x/sync/errgroup"
)

// listenForQuit starts, when block is set, a goroutine in g that waits
// for a signal and cancels (cosmos-sdk's ListenForQuitSignals): it only
// starts work on g (StartsFact), so its callers own that goroutine.
func listenForQuit(g *errgroup.Group, block bool, cancel context.CancelFunc) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	f := func() {
		<-sigs
		cancel()
	}
	if block {
		g.Go(func() error {
			f()
			return nil
		})
	} else {
		go f()
	}
}

// quitGroup makes a group, starts the signal listener in it and returns
// it (cosmos-sdk's getCtx): whoever calls it owns a running goroutine.
func quitGroup(block bool) (*errgroup.Group, context.Context) {
	ctx, cancel := context.WithCancel(context.Background())
	g, ctx := errgroup.WithContext(ctx)
	listenForQuit(g, block, cancel)
	return g, ctx
}

// Bad: the group quitGroup returns is dropped with its listener running
// (cosmos-sdk's testnetify): nothing waits for it.
func testnetify(query func(context.Context) error) error {
	_, ctx := quitGroup(true) // want `the group quitGroup returns has a goroutine started in it, and it is dropped here: nothing calls its Wait, so nothing waits for it to finish \(`
	return query(ctx)
}

// Good: the caller keeps the group and waits on it after starting its
// own servers (cosmos-sdk's startInProcess).
func startInProcess(serve func(context.Context) error) error {
	g, ctx := quitGroup(true) // ok: g.Wait below
	g.Go(func() error { return serve(ctx) })
	return g.Wait()
}

// Bad: the listener is started through the helper, and the owner never
// waits on its group.
func listenOnly(serve func(context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	g, ctx := errgroup.WithContext(ctx)
	listenForQuit(g, true, cancel) // want `listenForQuit starts a goroutine in g but g.Wait is never called`
	return serve(ctx)
}

// Good: the owner starts through the helper and waits.
func listenAndWait(serve func(context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	g, ctx := errgroup.WithContext(ctx)
	listenForQuit(g, true, cancel) // ok: g.Wait below
	g.Go(func() error { return serve(ctx) })
	return g.Wait()
}

// spawnFetch starts one fetch in g that can fail.
func spawnFetch(ctx context.Context, g *errgroup.Group, url string) {
	g.Go(func() error { return fetch(ctx, url) })
}

// Bad: a return skips Wait after the helper started a fetch that can
// fail: its error is lost on that path.
func fetchAllVia(ctx context.Context, urls []string, quick bool) error {
	var g errgroup.Group
	for _, u := range urls {
		spawnFetch(ctx, &g, u)
	}
	if quick {
		return nil // want `return without g.Wait after spawnFetch started a goroutine in g: it is not awaited on this path and its error is lost`
	}
	return g.Wait()
}

// keepGroup stores the group where code we cannot see may wait on it.
func keepGroup(g *errgroup.Group) { keptGroups = append(keptGroups, g) }

var keptGroups []*errgroup.Group

// startKept starts a fetch in g and hands g on: it is not only started.
func startKept(ctx context.Context, g *errgroup.Group) {
	g.Go(func() error { return fetch(ctx, "a") })
	keepGroup(g)
}

// Good: the helper also hands the group on (it escapes there), so whoever
// keeps it may wait.
func fetchKept(ctx context.Context) {
	var g errgroup.Group
	startKept(ctx, &g) // ok: g escapes in startKept
}

// spawnForever starts a goroutine in g that never returns (every way
// out of its loop panics): it has no error to lose, and a Wait would
// never return.
func spawnForever(g *errgroup.Group, work func() error) {
	g.Go(func() error {
		for {
			if err := work(); err != nil {
				panic(err)
			}
		}
	})
}

// Good: the only goroutine never returns (neverfine.go's rule, through a
// helper).
func serveForever(work func() error) {
	var g errgroup.Group
	spawnForever(&g, work) // ok: the goroutine never returns
}
