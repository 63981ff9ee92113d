// Package othersends holds the fixtures of the related positions that
// name a goroutine's other sends on one channel (related_test.go).
package othersends

import (
	"context"
	"errors"
	"time"
)

// Bad: the goroutine fails on two branches; either send blocks once
// waitFirst has timed out.
func waitFirst(try func() (int, error), check func(int) bool) (int, error) {
	out := make(chan int)
	errc := make(chan error)
	go func() {
		v, err := try()
		if err != nil {
			errc <- err // want `goroutine can block forever in send on errc`
			return
		}
		if !check(v) {
			errc <- errors.New("check failed") // the other send
			return
		}
		out <- v // want `goroutine can block forever in send on out`
	}()
	select {
	case v := <-out:
		return v, nil
	case err := <-errc:
		return 0, err
	case <-time.After(time.Second):
		return 0, errors.New("timed out")
	}
}

// report sends on a channel nothing receives from, at two places: one
// finding, the second send related.
type report struct{ errs chan error }

func newReport() *report { return &report{errs: make(chan error)} }

func (r *report) run(f, g func() error) {
	go func() {
		if err := f(); err != nil {
			r.errs <- err // want `send on r.errs blocks forever: nothing in the package receives from it`
			return
		}
		if err := g(); err != nil {
			r.errs <- err // the function's other send
		}
	}()
}

// Bad: the owner gives up when its context is done; the related return
// says so.
func waitCtx(ctx context.Context, try func() int) int {
	out := make(chan int)
	go func() {
		out <- try() // want `goroutine can block forever in send on out`
	}()
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0 // the context's return
	}
}

// Bad: once ctx is done, waitGraced waits for the value a while longer
// and leaves it when that grace runs out (xcaddy's runCommand): the
// finding says the return follows the timeout and lists both skipped
// receives.
func waitGraced(ctx context.Context, try func() int) int {
	out := make(chan int)
	go func() {
		out <- try() // want `goroutine can block forever in send on out`
	}()
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		select {
		case <-time.After(time.Second): // the grace runs out
		case <-out:
		}
		return 0 // the graced return
	}
}

// Bad: Join skips the close on two silent returns; the finding names the
// first and lists the other (olric's Join had three).
type joiner struct {
	discover func() error
	attempt  func() error
	logf     func(error)
	joined   chan struct{}
}

func newJoiner(discover, attempt func() error) *joiner {
	return &joiner{discover: discover, attempt: attempt, logf: func(error) {}, joined: make(chan struct{})}
}

func (j *joiner) Join() {
	if err := j.discover(); err != nil {
		j.logf(err)
		return // the first skipping return
	}
	if err := j.attempt(); err != nil {
		j.logf(err)
		return // the second skipping return
	}
	close(j.joined)
}

func (j *joiner) Wait() {
	<-j.joined // want `receive from j.joined can block forever: its only close, in \(\*joiner\).Join, is skipped`
}

// Bad: only the timeout case reads the timer goroutine's value; the
// related return is the success return, the one most calls take, not
// the context's return that comes first.
func watchTimed(ctx context.Context, try func() (int, bool), d time.Duration) (int, error) {
	expired := make(chan struct{})
	go func() {
		time.Sleep(d)
		expired <- struct{}{} // want `goroutine can block forever in send on expired`
	}()
	for {
		select {
		case <-expired:
			return 0, errors.New("timed out")
		case <-ctx.Done():
			return 0, ctx.Err() // the context's first return
		default:
		}
		if v, ok := try(); ok {
			return v, nil // the success return
		}
		time.Sleep(time.Millisecond)
	}
}
