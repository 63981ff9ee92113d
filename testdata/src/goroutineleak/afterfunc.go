package goroutineleak

import "time"

// time.AfterFunc runs its function in a goroutine of its own once the
// duration has passed: a send there on an unbuffered channel that the
// caller stops receiving from blocks that goroutine forever.

// Bad: the poll can succeed first; the deadline's send then finds no
// receiver.
func pollUntil(d time.Duration, ready func() bool) bool {
	expired := make(chan struct{})
	time.AfterFunc(d, func() {
		expired <- struct{}{} // want `goroutine can block forever in send on expired`
	})
	for i := 0; i < 10; i++ {
		if ready() {
			return true
		}
	}
	<-expired
	return false
}

// Good: the buffer holds the one value the deadline sends.
func pollUntilBuffered(d time.Duration, ready func() bool) bool {
	expired := make(chan struct{}, 1)
	time.AfterFunc(d, func() {
		expired <- struct{}{} // ok: the buffer takes it
	})
	for i := 0; i < 10; i++ {
		if ready() {
			return true
		}
	}
	<-expired
	return false
}

// Near miss, silent by design: the timer is kept and stopped as the
// function returns, so its function runs only if it fired before (a
// narrow window the model does not judge).
func pollUntilStopped(d time.Duration, ready func() bool) bool {
	expired := make(chan struct{})
	t := time.AfterFunc(d, func() {
		expired <- struct{}{}
	})
	defer t.Stop()
	for i := 0; i < 10; i++ {
		if ready() {
			return true
		}
	}
	<-expired
	return false
}
