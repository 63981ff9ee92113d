package goroutineleak

import "errors"

// An early return behind an error that can never be set.

type noopFlusher struct{ pending int }

// flushNoop fits an error-returning signature but cannot fail: it
// returns nil on every path.
func (f *noopFlusher) flushNoop() error {
	if f.pending == 0 {
		return nil
	}
	f.pending = 0
	return nil
}

// flushChecked can fail.
func (f *noopFlusher) flushChecked() error {
	if f.pending < 0 {
		return errors.New("negative pending count")
	}
	f.pending = 0
	return nil
}

// Good: the near miss: the only return that skips the receive is behind
// flushNoop's error, which is nil on every path: it is never taken.
func (f *noopFlusher) computeAfterNoop(work func() int) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- work() // ok: the return before the receive needs an error flushNoop never returns
	}()
	if err := f.flushNoop(); err != nil {
		return 0, err
	}
	return <-ch, nil
}

// Bad: flushChecked can fail, and its return leaves the sender blocked.
func (f *noopFlusher) computeAfterChecked(work func() int) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- work() // want `goroutine can block forever in send on ch: \(\*noopFlusher\).computeAfterChecked can return without receiving from it`
	}()
	if err := f.flushChecked(); err != nil {
		return 0, err
	}
	return <-ch, nil
}
