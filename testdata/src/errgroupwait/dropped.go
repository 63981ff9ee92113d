package errgroupwait

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Bad: Wait as an expression statement.
func dropStmt(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	g.Wait() // want `error from g.Wait is dropped`
	return nil
}

// Good: assigned to the blank identifier: an explicit discard, which
// errcheck does not report either (a best-effort fan-out whose outcome
// goes elsewhere).
func dropBlank(ctx context.Context) {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	_ = g.Wait() // ok: dropped on purpose
}

// Good: a golangci-lint directive says the error is dropped on purpose.
func dropNolint(ctx context.Context) {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	g.Wait() //nolint:errcheck // best-effort: each check records its own failure
}

// Bad: a directive for another linter says nothing about the error.
func dropOtherNolint(ctx context.Context) {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	g.Wait() //nolint:gosec // want `error from g.Wait is dropped`
}

// Bad: overwritten before it is read.
func dropOverwritten(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	err := g.Wait() // want `error from g.Wait is dropped`
	err = fetch(ctx, "b")
	return err
}

// Good: the error is returned.
func keepErr(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	if err := g.Wait(); err != nil { // ok: checked
		return err
	}
	return nil
}

// Good: every goroutine returns nil; the group is a WaitGroup with a nicer API.
func allNil(items []int) {
	var g errgroup.Group
	for i := range items {
		g.Go(func() error {
			items[i]++
			return nil
		})
	}
	g.Wait() // ok: Wait's error is always nil
}

// Good: the goroutine's Wait only closes the channel; the error is read
// from the second Wait (the md5all example of errgroup).
func md5all(ctx context.Context, paths []string) (int, error) {
	g, gctx := errgroup.WithContext(ctx)
	c := make(chan int)
	for _, p := range paths {
		g.Go(func() error {
			select {
			case c <- len(p):
			case <-gctx.Done():
				return gctx.Err()
			}
			return nil
		})
	}
	go func() {
		g.Wait() // ok: the error is read below
		close(c)
	}()
	n := 0
	for v := range c {
		n += v
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return n, nil
}

// Good: goroutines with defers that still always return nil.
func allNilDeferred(items []int, mu interface {
	Lock()
	Unlock()
}) {
	var g errgroup.Group
	for i := range items {
		g.Go(func() error {
			mu.Lock()
			defer mu.Unlock()
			if items[i] < 0 {
				return nil
			}
			items[i]++
			return nil
		})
	}
	g.Wait() // ok: Wait's error is always nil
}

// Good: every goroutine sends its error on errs before returning it: the
// caller reads them all there, and Wait's first error adds nothing.
func dropReportedElsewhere(ctx context.Context, urls []string) []error {
	var g errgroup.Group
	errs := make(chan error, len(urls))
	for _, u := range urls {
		g.Go(func() error {
			err := fetch(ctx, u)
			errs <- err
			return err
		})
	}
	_ = g.Wait() // ok: each error went to errs too
	close(errs)
	var out []error
	for err := range errs {
		out = append(out, err)
	}
	return out
}

// Bad: the near miss: the error is sent only on one path.
func dropReportedSometimes(ctx context.Context, urls []string, verbose bool) {
	var g errgroup.Group
	errs := make(chan error, len(urls))
	for _, u := range urls {
		g.Go(func() error {
			err := fetch(ctx, u)
			if verbose {
				errs <- err
			}
			return err
		})
	}
	g.Wait() // want `error from g.Wait is dropped`
}

// A function value handed to Go: the resolver finds the one method it
// holds. Good: that method never fails, so Wait's error is always nil.
type pinger struct{ ok func() error }

func (p *pinger) quiet() error { return nil }

func pingQuiet() {
	var g errgroup.Group
	p := &pinger{}
	p.ok = p.quiet
	g.Go(p.ok)
	g.Wait() // ok: the only function started returns nil
}

// Bad: the near miss: the method its field holds can fail.
type shouter struct{ ok func() error }

func (s *shouter) loud() error { return errTooMany }

func pingLoud() {
	var g errgroup.Group
	s := &shouter{}
	s.ok = s.loud
	g.Go(s.ok)
	g.Wait() // want `error from g.Wait is dropped`
}

// Bad: the deferred Wait's error is discarded by the language.
func deferredWaitDropped(ctx context.Context, urls []string) {
	var g errgroup.Group
	defer g.Wait() // want `error from the deferred g.Wait is dropped: a deferred call's results are discarded`
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
}

// Good: deferred for the early returns, and read where it matters.
func deferredWaitRead(ctx context.Context, urls []string) error {
	var g errgroup.Group
	defer g.Wait() // ok: the Wait below reads the error
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// Good: the goroutines cannot fail, there is no error to drop.
func deferredWaitNoError(ctx context.Context, urls []string) {
	var g errgroup.Group
	defer g.Wait() // ok: every goroutine returns nil
	for _, u := range urls {
		g.Go(func() error { _ = fetch(ctx, u); return nil })
	}
}

type peerSource struct{ peers chan string }

func (p *peerSource) Close() {}

// consumePeers returns nil once the peers are consumed, or the cause of
// ctx once it ends: its only error is its context's.
func consumePeers(ctx context.Context, ps *peerSource, seen func(string)) (err error) {
	defer ps.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for p := range ps.peers {
			seen(p)
		}
	}()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-done:
		return nil
	}
}

// Good: the group's only error would be the cancellation the caller asks
// for with stop; the Wait in the closer goroutine loses nothing.
func announceAll(sources []*peerSource, seen func(string)) (done <-chan struct{}, stop func()) {
	ctx, stop := context.WithCancel(context.Background())
	eg, ctx := errgroup.WithContext(ctx)
	for _, ps := range sources {
		eg.Go(func() error { return consumePeers(ctx, ps, seen) })
	}
	closed := make(chan struct{})
	go func() {
		defer stop()
		defer close(closed)
		eg.Wait()
	}()
	return closed, stop
}

// consumeOrFail has an error of its own besides its context's.
func consumeOrFail(ctx context.Context, ps *peerSource) (err error) {
	defer ps.Close()
	if ps.peers == nil {
		return errTooMany
	}
	<-ctx.Done()
	return context.Cause(ctx)
}

// Bad: that error is lost.
func announceOrFail(sources []*peerSource) (done <-chan struct{}, stop func()) {
	ctx, stop := context.WithCancel(context.Background())
	eg, ctx := errgroup.WithContext(ctx)
	for _, ps := range sources {
		eg.Go(func() error { return consumeOrFail(ctx, ps) })
	}
	closed := make(chan struct{})
	go func() {
		defer stop()
		defer close(closed)
		eg.Wait() // want `error from eg.Wait is dropped`
	}()
	return closed, stop
}
