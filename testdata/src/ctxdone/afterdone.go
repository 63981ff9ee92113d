package ctxdone

import (
	"context"
	"errors"
	"sync"
	"time"

	"ctxdone/dep"
)

// A wait reached only after ctx is done cannot ignore it: observing ctx
// again would return at once. That is the clean-up cancellation asks for:
// stop the worker, then wait for it to return.

type dialConn struct{ stop chan struct{} }

func (c *dialConn) run() error             { <-c.stop; return nil }
func (c *dialConn) destroy()               { close(c.stop) }
func (c *dialConn) ready() <-chan struct{} { return nil }

// Good: in the ctx.Done() case, the worker was just stopped and the
// select waits for its result; ctx is already done.
func DialStopped(ctx context.Context, c *dialConn) error {
	errc := make(chan error, 1)
	retry := make(chan int, 1)
	go func() {
		if err := c.run(); err != nil {
			retry <- 1
			return
		}
		errc <- nil
	}()
	select {
	case <-ctx.Done():
		c.destroy()
		select { // ok: ctx is done here; this waits for the stopped worker
		case <-errc:
		case <-retry:
		}
		return context.Cause(ctx)
	case err := <-errc:
		return err
	case <-c.ready():
		return nil
	}
}

// Bad: the near miss: the same select in the result case, where ctx may
// still be live.
func DialStoppedOther(ctx context.Context, c *dialConn) error {
	errc := make(chan error, 1)
	retry := make(chan int, 1)
	go func() {
		if err := c.run(); err != nil {
			retry <- 1
			return
		}
		errc <- nil
	}()
	select {
	case <-ctx.Done():
		c.destroy()
		return context.Cause(ctx)
	case <-c.ready():
		select { // want `select has no case for ctx.Done\(\)`
		case <-errc:
		case <-retry:
		}
		return nil
	}
}

// Good: a plain receive from ctx.Done(), then the join on workers that
// ignore ctx: they are stopped by closing quit, and ctx is done already.
func ShutdownAfterDone(ctx context.Context, in <-chan int) {
	var wg sync.WaitGroup
	quit := make(chan struct{})
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range in {
			}
		}()
	}
	<-ctx.Done()
	close(quit)
	wg.Wait() // ok: ctx is done here
}

// Bad: the near miss: the join comes before the receive from ctx.Done().
func ShutdownBeforeDone(ctx context.Context, in <-chan int) {
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range in {
			}
		}()
	}
	wg.Wait() // want `Wait ignores ctx: it waits for goroutines that may never finish`
	<-ctx.Done()
}

// Good: the pause runs only when ctx.Err() is not nil.
func BackOffCancelled(ctx context.Context, d time.Duration, drained func() bool) error {
	if err := ctx.Err(); err != nil {
		for !drained() {
			time.Sleep(d) // ok: ctx is already cancelled, nothing is ignored
		}
		return err
	}
	return nil
}

// Bad: the near miss: the pause runs when ctx.Err() is nil, while ctx can
// still be cancelled.
func BackOffLive(ctx context.Context, d time.Duration, drained func() bool) error {
	if ctx.Err() == nil {
		for !drained() {
			time.Sleep(d) // want `time.Sleep ignores ctx`
		}
	}
	return ctx.Err()
}

// Bad: only ctx itself counts: a child's Done fires on its own timeout
// while ctx is still live.
func BackOffChild(ctx context.Context, d time.Duration, drained func() bool) {
	child, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	<-child.Done()
	for !drained() {
		time.Sleep(d) // want `time.Sleep ignores ctx`
	}
}

// Good: after cancellation the context-free call is the right one: the
// variant, handed the done ctx, would fail at once.
func RemoteCleanup(ctx context.Context, c *dep.Client) error {
	select {
	case <-ctx.Done():
		_, err := c.Fetch("release") // ok: ctx is done; FetchContext(ctx) would fail at once
		return errors.Join(ctx.Err(), err)
	case <-time.After(time.Second):
		return nil
	}
}

// Bad: the near miss: the call in the timer case, with ctx live.
func RemoteAfterTimer(ctx context.Context, c *dep.Client) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Second):
		_, err := c.Fetch("k") // want `call to \(\*dep.Client\).Fetch ignores ctx`
		return err
	}
}

// Good: a deferred clean-up runs as the function returns, often because
// ctx was cancelled; handed ctx, the variant would skip the clean-up.
func LockedFetch(ctx context.Context, c *dep.Client) (string, error) {
	if _, err := c.FetchContext(ctx, "lock"); err != nil {
		return "", err
	}
	defer func() {
		_, _ = c.Fetch("unlock") // ok: clean-up must run even after cancellation
	}()
	return c.FetchContext(ctx, "k")
}

// Bad: the near miss: the same closure called in place, not deferred.
func LockedFetchInline(ctx context.Context, c *dep.Client) (string, error) {
	unlock := func() {
		_, _ = c.Fetch("unlock") // want `call to \(\*dep.Client\).Fetch ignores ctx`
	}
	unlock()
	return c.FetchContext(ctx, "k")
}
