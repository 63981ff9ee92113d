package errgroupwait

import (
	"context"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

// Test scaffolding: this package has code that is not a test, so a group
// that its tests make is scaffolding around that code. A Done a test's
// goroutine skips leaves the test's Wait to go test's timeout, which fails
// the run with every goroutine's stack; it reaches nothing a user ships.
// The same test in a package made only of tests (a bug kernel) is
// reported: kernels/skipped_test.go.

// Good: the skipped Done of a test's worker.
func TestLoadAll(t *testing.T) {
	var wg sync.WaitGroup
	for _, k := range []string{"a", ""} {
		wg.Add(1)
		go func() {
			if _, err := load(k); err != nil {
				t.Error(err)
				return // ok: test scaffolding
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Good: a helper's group that the test never waits for.
func startFetchers(ctx context.Context, urls []string) {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // ok: test scaffolding
	}
}

func TestStartFetchers(t *testing.T) { startFetchers(context.Background(), []string{"a"}) }
