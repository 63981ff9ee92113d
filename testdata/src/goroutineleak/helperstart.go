package goroutineleak

import (
	"errors"
	"time"

	"goroutineleak/dep"
)

// A goroutine started by a helper: the owner hands the channel to a
// function that starts a goroutine sending on it and returns. To the
// owner that call is a start, as a go statement would be.

var errHandoffTimeout = errors.New("handoff timed out")

// watchNext reports the next value that next returns on out.
func watchNext(next func() string, out chan<- string) {
	go func() {
		out <- next() // want `goroutine can block forever in send on ch: goroutineleak.awaitHandoff can return without receiving from it and ch has capacity 0`
	}()
}

// Bad: awaitHandoff returns on its timer and leaves the watcher blocked.
func awaitHandoff(next func() string, d time.Duration) (string, error) {
	ch := make(chan string)
	watchNext(next, ch)
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return "", errHandoffTimeout
	}
}

// Good: the near miss: a buffer of one takes the watcher's only send.
func awaitHandoffBuffered(next func() string, d time.Duration) (string, error) {
	ch := make(chan string, 1)
	watchNext(next, ch) // ok: the send fits in the buffer
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return "", errHandoffTimeout
	}
}

// forwardNow sends next's value on out before it returns: not a start.
func forwardNow(next func() string, out chan<- string) { out <- next() }

// Good: the near miss: a helper that sends in the caller's goroutine is a
// wait of the owner's own, not a goroutine it starts.
func handoffInline(next func() string) string {
	ch := make(chan string, 1)
	forwardNow(next, ch)
	return <-ch
}

// Bad: the helper is another package's; its fact says it starts the
// sender and returns.
func awaitWatched(next func() int, d time.Duration) (int, error) {
	ch := make(chan int)
	dep.Watch(next, ch) // want `goroutine can block forever in the goroutine dep.Watch starts \(which sends on out\): goroutineleak.awaitWatched can return without receiving from it and ch has capacity 0`
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return 0, errHandoffTimeout
	}
}

// dialOne starts a goroutine that sends its dial's outcome on out.
func dialOne(dial func(string) error, addr string, out chan<- error) {
	go func() {
		out <- dial(addr) // want `goroutine can block forever in send on out: goroutineleak.dialFirstVia can return without receiving from it and out has capacity 0 \(one goroutine per loop iteration`
	}()
}

// Bad: one goroutine per address through the helper; the first success
// returns and leaves the other dialers blocked.
func dialFirstVia(dial func(string) error, addrs []string) error {
	out := make(chan error)
	for _, a := range addrs {
		dialOne(dial, a, out)
	}
	var last error
	for range addrs {
		if err := <-out; err == nil {
			return nil
		} else {
			last = err
		}
	}
	return last
}

// Good: the near miss: a buffer for every address.
func dialFirstViaBuffered(dial func(string) error, addrs []string) error {
	out := make(chan error, len(addrs))
	for _, a := range addrs {
		dialOne(dial, a, out)
	}
	var last error
	for range addrs {
		if err := <-out; err == nil {
			return nil
		} else {
			last = err
		}
	}
	return last
}
