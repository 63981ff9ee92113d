package goroutineleak

import (
	"context"
	"time"
)

// A source restarted after a pause (mediamtx's static source handler):
// the run goroutine sends its error once; the loop takes it, arms a
// timer, and starts the next run when the timer fires. A timer's channel
// yields one value per arming, so at most one run is outstanding, and the
// return takes its error unless the loop is between runs.

// spentTimer returns a timer whose value is taken: its case never fires
// until the loop arms a new one.
func spentTimer() *time.Timer {
	t := time.NewTimer(0)
	<-t.C
	return t
}

type retrySource struct {
	run   func(context.Context) error
	pause time.Duration
}

// Good: the first run starts at once; the timer is armed only after a
// run ended.
func (s *retrySource) Serve(ctx context.Context) {
	var cancel context.CancelFunc = func() {}
	runErr := make(chan error)
	start := func() {
		var runCtx context.Context
		runCtx, cancel = context.WithCancel(context.Background())
		go func() {
			runErr <- s.run(runCtx) // ok: one run at a time, its error taken before the next starts or Serve returns
		}()
	}
	start()
	restarting := false
	restart := spentTimer()
	for {
		select {
		case <-runErr:
			cancel()
			restarting = true
			restart = time.NewTimer(s.pause)
		case <-restart.C:
			start()
			restarting = false
		case <-ctx.Done():
			if !restarting {
				cancel()
				<-runErr
			}
			return
		}
	}
}

type eagerSource struct {
	run   func(context.Context) error
	pause time.Duration
}

// Bad: the first timer is armed already: it can fire while the first run
// is still going, and start a second one; Serve then takes one error and
// returns.
func (s *eagerSource) Serve(ctx context.Context) {
	var cancel context.CancelFunc = func() {}
	runErr := make(chan error)
	start := func() {
		var runCtx context.Context
		runCtx, cancel = context.WithCancel(context.Background())
		go func() {
			runErr <- s.run(runCtx) // want `goroutine can block forever in send on runErr`
		}()
	}
	start()
	restarting := false
	restart := time.NewTimer(s.pause)
	for {
		select {
		case <-runErr:
			cancel()
			restarting = true
			restart = time.NewTimer(s.pause)
		case <-restart.C:
			start()
			restarting = false
		case <-ctx.Done():
			if !restarting {
				cancel()
				<-runErr
			}
			return
		}
	}
}
