package errgroupwait

import (
	"context"
	"io"

	"golang.org/x/sync/errgroup"
)

// A return before Wait behind an error that can never be set.

type indexWriter struct {
	entries []string
	out     io.Writer
}

// sync fits an error-returning signature but cannot fail: it writes
// best-effort and returns nil on every path.
func (w *indexWriter) sync() error {
	if len(w.entries) == 0 {
		return nil
	}
	_, _ = w.out.Write([]byte("sync"))
	w.entries = w.entries[:0]
	return nil
}

// syncChecked can fail: its write can.
func (w *indexWriter) syncChecked() error {
	if _, err := w.out.Write([]byte("sync")); err != nil {
		return err
	}
	w.entries = w.entries[:0]
	return nil
}

// Good: the near miss: the return that skips Wait is behind sync's error,
// which is nil on every path: it is never taken.
func (w *indexWriter) writeAllSynced(ctx context.Context, parts []func(context.Context) error) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, p := range parts {
		g.Go(func() error { return p(ctx) })
	}
	if err := w.sync(); err != nil {
		return err // ok: sync never fails
	}
	return g.Wait()
}

// Bad: syncChecked can fail, and its return skips Wait.
func (w *indexWriter) writeAllChecked(ctx context.Context, parts []func(context.Context) error) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, p := range parts {
		g.Go(func() error { return p(ctx) })
	}
	if err := w.syncChecked(); err != nil {
		return err // want `return without g.Wait after g.Go started a goroutine`
	}
	return g.Wait()
}
