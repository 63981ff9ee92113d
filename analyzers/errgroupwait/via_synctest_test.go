package errgroupwait_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// via.go: goroutines started through a helper or returned in a group.
// The signal of the fixture is a quit channel here (a bubble cannot
// receive process signals); nothing else differs.

// listenForQuit mirrors the fixture: when block is set, the listener runs
// in g.
func listenForQuit(g *errgroup.Group, block bool, cancel context.CancelFunc, quit <-chan struct{}) {
	f := func() {
		<-quit
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

func quitGroup(block bool, quit <-chan struct{}) (*errgroup.Group, context.Context) {
	ctx, cancel := context.WithCancel(context.Background())
	g, ctx := errgroup.WithContext(ctx)
	listenForQuit(g, block, cancel, quit)
	return g, ctx
}

func TestRuntimeVia(t *testing.T) {
	// testnetify: the dropped group's listener is left blocked; nothing
	// waits for it or can.
	wantLeak(t, "testnetify", func() {
		quit := make(chan struct{})
		_, ctx := quitGroup(true, quit)
		_ = ctx.Err()
	})
	// startInProcess: the kept group is waited on; the quit ends the
	// listener and, through the context, the server.
	wantClean(t, "startInProcess", func() {
		quit := make(chan struct{})
		go func() {
			time.Sleep(time.Second)
			close(quit)
		}()
		g, ctx := quitGroup(true, quit)
		g.Go(func() error {
			<-ctx.Done()
			return nil
		})
		if err := g.Wait(); err != nil {
			t.Errorf("startInProcess: %v", err)
		}
	})
	// fetchAllVia: the quick return loses the helper's fetch error.
	errFetch := errors.New("fetch failed")
	spawnFetch := func(g *errgroup.Group, fail bool) {
		g.Go(func() error {
			time.Sleep(time.Millisecond)
			if fail {
				return errFetch
			}
			return nil
		})
	}
	fetchAllVia := func(quick bool) error {
		var g errgroup.Group
		spawnFetch(&g, true)
		if quick {
			return nil
		}
		return g.Wait()
	}
	t.Run("fetchAllVia", func(t *testing.T) {
		if err := fetchAllVia(true); err != nil {
			t.Errorf("quick path returned %v; the fixture's point is that the error is lost", err)
		}
		if err := fetchAllVia(false); !errors.Is(err, errFetch) {
			t.Errorf("waiting path returned %v, want the fetch error", err)
		}
	})
}
