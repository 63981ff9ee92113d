package goroutineleak

import (
	"errors"
	"time"
)

// A goroutine with one outcome: it either sends its error or closes done,
// then returns. A select on exactly those two channels takes that outcome.

// oneOutcome's select takes either the error or done: nothing is left.
func oneOutcome(steps []func() error) error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		for _, step := range steps {
			if err := step(); err != nil {
				errs <- err // ok: the select below takes this or done
				return
			}
		}
		close(done)
	}()
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	}
}

// oneOutcomeEarly is the near miss: a return before the select leaves the
// error unreceived.
func oneOutcomeEarly(steps []func() error, skip bool) error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		for _, step := range steps {
			if err := step(); err != nil {
				errs <- err // want `goroutine can block forever in send on errs: goroutineleak.oneOutcomeEarly can return without receiving`
				return
			}
		}
		close(done)
	}()
	if skip {
		return nil
	}
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	}
}

// A result pair behind a timeout: the worker reports on exactly one of
// failed and finished, once; the select waits for either or a timeout,
// and after the timeout still takes one of them. Every return has taken
// the worker's outcome (the lambda emulator's Invoke).
func invokeWithTimeout(work func() error, timeout <-chan struct{}) error {
	failed := make(chan error)
	finished := make(chan struct{})
	go func() {
		if err := work(); err != nil {
			failed <- err // ok: one of the pair is always received
			return
		}
		finished <- struct{}{} // ok: one of the pair is always received
	}()
	select {
	case <-timeout:
		select {
		case <-failed:
		case <-finished:
		}
		return errTimeout
	case err := <-failed:
		return err
	case <-finished:
		return nil
	}
}

var errTimeout = errors.New("timeout")

// The near miss: after the timeout the pair is not waited for.
func invokeAbandoning(work func() error, timeout <-chan struct{}) error {
	failed := make(chan error)
	finished := make(chan struct{})
	go func() {
		if err := work(); err != nil {
			failed <- err // want `goroutine can block forever in send on failed`
			return
		}
		finished <- struct{}{} // want `goroutine can block forever in send on finished`
	}()
	select {
	case <-timeout:
		return errTimeout
	case err := <-failed:
		return err
	case <-finished:
		return nil
	}
}

func init() {
	_ = invokeWithTimeout
	_ = invokeAbandoning
}

// A goroutine whose deferred recover reports a panic on one channel and
// whose last statement sends its result on another: a run sends on exactly
// one of them, since the deferred send needs a panic and nothing after the
// result's send can panic (libopenapi-validator's locateSchemaPropertyNode).
// The select on both takes that outcome.
func queryRecovered(query func() int) int {
	panicked := make(chan bool)
	result := make(chan int)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				panicked <- true // ok: only a panic sends this, and then result is never sent
			}
		}()
		result <- query() // ok: the select below takes this or panicked
	}()
	select {
	case n := <-result:
		return n
	case <-panicked:
		return -1
	}
}

// The same with the test turned round: the deferred literal returns when
// recover() reports no panic.
func queryRecoveredOrReturn(query func() int) int {
	panicked := make(chan any)
	result := make(chan int)
	go func() {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			panicked <- r // ok: only a panic sends this
		}()
		result <- query() // ok: the select below takes this or panicked
	}()
	select {
	case n := <-result:
		return n
	case <-panicked:
		return -1
	}
}

// The near miss: the deferred send is not guarded by recover, so a run
// sends on both, and the select takes one.
func queryDeferredAlways(query func() int) int {
	finished := make(chan bool)
	result := make(chan int)
	go func() {
		defer func() { // want `goroutine can block forever in send on finished`
			finished <- true
		}()
		result <- query() // want `goroutine can block forever in send on result`
	}()
	select {
	case n := <-result:
		return n
	case <-finished:
		return -1
	}
}

// The near miss: a call after the result's send can panic, and then the
// recovered goroutine sends on panicked too, with nobody left to receive.
func queryThenCleanup(query func() int, cleanup func()) int {
	panicked := make(chan bool)
	result := make(chan int)
	go func() {
		defer func() { // want `goroutine can block forever in send on panicked`
			if recover() != nil {
				panicked <- true
			}
		}()
		result <- query() // want `goroutine can block forever in send on result`
		cleanup()
	}()
	select {
	case n := <-result:
		return n
	case <-panicked:
		return -1
	}
}

func init() {
	_ = queryRecovered
	_ = queryRecoveredOrReturn
	_ = queryDeferredAlways
	_ = queryThenCleanup
}

// Logger is a production logger: its Errorf fails no test.
type Logger interface {
	Errorf(format string, args ...any)
}

// soonLogged is the near miss of assertlike.Soon in a production package:
// the timeout path logs and returns, and the callback's goroutine stays
// parked in its send.
func soonLogged(log Logger, callback func(), timeout time.Duration) {
	done := make(chan struct{})
	go func() {
		callback()
		done <- struct{}{} // want `goroutine can block forever in send on done`
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		log.Errorf("timed out")
	}
}

func init() { _ = soonLogged }

// A stream handler that closes its channels as it returns, deferred
// before it starts the reader (graphql-go-tools' SSE handler): a reader
// still sending then panics on the closed channel, it does not block
// forever. Not reported as a leak.
func streamClosing(read func() ([]byte, error), out chan<- []byte, stop <-chan struct{}) {
	errs := make(chan error)
	defer close(errs)
	go func() {
		for {
			b, err := read()
			if err != nil {
				errs <- err // ok: a pending send panics once the handler returns
				return
			}
			out <- b
		}
	}()
	select {
	case <-errs:
	case <-stop:
	}
}

// The near miss: nothing closes errs, so the reader's error send blocks
// forever once the handler returns on stop.
func streamLeaving(read func() ([]byte, error), out chan<- []byte, stop <-chan struct{}) {
	errs := make(chan error)
	go func() {
		for {
			b, err := read()
			if err != nil {
				errs <- err // want `goroutine can block forever in send on errs`
				return
			}
			out <- b
		}
	}()
	select {
	case <-errs:
	case <-stop:
	}
}

func init() {
	_ = streamClosing
	_ = streamLeaving
}

// A goroutine that sends on errs and then, with no return in between, on
// lines (stargz-snapshotter's scanWithTimeout). Once the owner has taken a
// value from lines, the goroutine is past its send on errs: the lines case
// leaves nothing pending there. The errs case leaves the goroutine blocked
// in its send on lines.
func firstLine(scan func() bool, text func() string) (string, error) {
	lines := make(chan string)
	errs := make(chan error)
	go func() {
		if !scan() {
			errs <- errors.New("EOF") // ok: a value on lines comes only after this send
		}
		lines <- text() // want `goroutine can block forever in send on lines`
	}()
	select {
	case l := <-lines:
		return l, nil
	case err := <-errs:
		return "", err
	}
}

// The near miss: the errs case takes the trailing line too.
func firstLineDrained(scan func() bool, text func() string) (string, error) {
	lines := make(chan string)
	errs := make(chan error)
	go func() {
		if !scan() {
			errs <- errors.New("EOF") // ok: a value on lines comes only after this send
		}
		lines <- text() // ok: both cases receive it
	}()
	select {
	case l := <-lines:
		return l, nil
	case err := <-errs:
		<-lines
		return "", err
	}
}

func init() {
	_ = firstLine
	_ = firstLineDrained
}

// loadFirst's watcher reports its first load once, then closes the
// channel (dapr's JWKSCache.initJWKSFromFile): a second send would panic
// on the closed channel rather than block, so the send blocks at most
// once, loop or not, and the buffer of one holds it when the owner gives
// up waiting.
func loadFirst(events <-chan struct{}, load func() error, stop <-chan struct{}, timeout <-chan struct{}) error {
	loaded := make(chan error, 1)
	go func() {
		first := true
		for {
			select {
			case <-events:
				err := load()
				if first {
					loaded <- err // ok: once, then closed; the buffer holds it
					close(loaded)
					first = false
				}
			case <-stop:
				return
			}
		}
	}()
	select {
	case err := <-loaded:
		return err
	case <-timeout:
		return errTimeout
	}
}

// The near miss: the close follows the send only when the load
// succeeded; after a failed load the send comes round again with the
// channel open, and the buffer of one holds only the first.
func loadUntilSuccess(events <-chan struct{}, load func() error, stop <-chan struct{}, timeout <-chan struct{}) error {
	loaded := make(chan error, 1)
	go func() {
		for {
			select {
			case <-events:
				err := load()
				loaded <- err // want `goroutine can block forever in send on loaded`
				if err == nil {
					close(loaded)
					return
				}
			case <-stop:
				return
			}
		}
	}()
	select {
	case err := <-loaded:
		return err
	case <-timeout:
		return errTimeout
	}
}

func init() {
	_ = loadFirst
	_ = loadUntilSuccess
}
