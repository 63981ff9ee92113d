package errgroupwait

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/exec"

	"golang.org/x/sync/errgroup"
)

// A command's action whose failure ends the process: when every caller
// exits on the error the return hands up, nothing outlives the goroutine
// the return leaves behind.

type viewCmd struct{ addr string }

// openBrowser fails at run time (no browser, a display that is gone).
func openBrowser(url string) error { return exec.Command("xdg-open", url).Run() }

// Good: serveView's only caller exits the process when it fails.
func (v *viewCmd) serveView(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, v.addr) })
	if err := openBrowser(v.addr); err != nil {
		return err // ok: the caller exits the process on this failure
	}
	return g.Wait()
}

func (v *viewCmd) runView(ctx context.Context) {
	if err := v.serveView(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// Good: two callers up: runShow hands the failure, wrapped, to a caller
// that log.Fatals.
func (v *viewCmd) serveShow(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, v.addr) })
	if err := openBrowser(v.addr); err != nil {
		return fmt.Errorf("open: %w", err) // ok: the failure reaches log.Fatal
	}
	return g.Wait()
}

func (v *viewCmd) runShow(ctx context.Context) error {
	if err := v.serveShow(ctx); err != nil {
		return fmt.Errorf("show: %w", err)
	}
	return nil
}

func showMain(ctx context.Context, v *viewCmd) {
	if err := v.runShow(ctx); err != nil {
		log.Fatal(err)
	}
}

// Bad: the caller logs the failure and goes on serving: the group's
// context stays tied to the caller's.
func (v *viewCmd) servePreview(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, v.addr) })
	if err := openBrowser(v.addr); err != nil {
		return err // want `return without g.Wait after g.Go started a goroutine: it is not awaited on this path and it may still be running after the return, with nothing to wait for it, and the group's context is never cancelled`
	}
	return g.Wait()
}

func (v *viewCmd) previewLoop(ctx context.Context, n int) {
	for range n {
		if err := v.servePreview(ctx); err != nil {
			log.Print(err)
		}
	}
}

// Bad: one caller exits, but the other retries in the same process.
func (v *viewCmd) serveOpen(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, v.addr) })
	if err := openBrowser(v.addr); err != nil {
		return err // want `return without g.Wait after g.Go started a goroutine: it is not awaited on this path and it may still be running after the return, with nothing to wait for it, and the group's context is never cancelled`
	}
	return g.Wait()
}

func (v *viewCmd) openOnce(ctx context.Context) {
	if err := v.serveOpen(ctx); err != nil {
		log.Fatal(err)
	}
}

func (v *viewCmd) openRetried(ctx context.Context) error {
	for range 3 {
		if err := v.serveOpen(ctx); err == nil {
			return nil
		}
	}
	return fmt.Errorf("open %s: gave up", v.addr)
}

// Bad: exported from a package that is not main: callers elsewhere may
// go on after the failure.
func (v *viewCmd) ServeExported(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, v.addr) })
	if err := openBrowser(v.addr); err != nil {
		return err // want `return without g.Wait after g.Go started a goroutine: it is not awaited on this path and it may still be running after the return, with nothing to wait for it, and the group's context is never cancelled`
	}
	return g.Wait()
}

func (v *viewCmd) exportedMain(ctx context.Context) {
	if err := v.ServeExported(ctx); err != nil {
		log.Fatal(err)
	}
}

// Bad: the caller retries forever: no return follows the failure, but the
// process goes on and every failed try leaves its goroutine behind.
func (v *viewCmd) serveRetried(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, v.addr) })
	if err := openBrowser(v.addr); err != nil {
		return err // want `return without g.Wait after g.Go started a goroutine: it is not awaited on this path and it may still be running after the return, with nothing to wait for it, and the group's context is never cancelled`
	}
	return g.Wait()
}

func (v *viewCmd) retryForever(ctx context.Context) {
	for {
		if err := v.serveRetried(ctx); err != nil {
			log.Print(err)
		}
	}
}
