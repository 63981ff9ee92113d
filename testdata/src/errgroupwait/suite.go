package errgroupwait

import (
	"context"
	"testing"

	"golang.org/x/sync/errgroup"
)

// SuiteFetch is a test suite kept in a non-test file so that the tests of
// other packages can run it (stargz-snapshotter's reader.TestSuiteReader):
// it takes a *testing.T, so only a test binary runs it. Its early return
// on an expected failure leaves the group's goroutines to finish in the
// background of that test: scaffolding, not reported.
func SuiteFetch(t *testing.T, urls []string, wantFail bool) {
	g, ctx := errgroup.WithContext(context.Background())
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	if wantFail {
		return // ok: a test suite's expected failure
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
}

// The near miss: the same code given a logger instead of a test's handle
// runs in production too.
func FetchLogged(logf func(string, ...any), urls []string, quick bool) {
	g, ctx := errgroup.WithContext(context.Background())
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	if quick {
		return // want `return without g.Wait after g.Go started a goroutine`
	}
	if err := g.Wait(); err != nil {
		logf("fetch: %v", err)
	}
}

// Runner is a shared suite's subtest runner around its stand-in for
// *testing.T (TestingT, earlyfail.go; stargz-snapshotter's
// reader.TestRunner).
type Runner struct {
	TestingT
	Parallel bool
}

// suiteFetchRunner is SuiteFetch run through the suite's own runner: only
// tests hand it one.
func suiteFetchRunner(t *Runner, urls []string, wantFail bool) {
	g, ctx := errgroup.WithContext(context.Background())
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	if wantFail {
		return // ok: a test suite's expected failure
	}
	if err := g.Wait(); err != nil {
		t.Errorf("%v", err)
	}
}

func init() { _ = suiteFetchRunner }
