package goroutineleak

import (
	"context"

	"goroutineleak/dep"
)

// Servers whose errors race to one unbuffered channel: the first error
// returns, and the other server's send waits for a receive that never
// comes.

// Good: ServeMain installs the process's signal handlers (through
// dep.SignalContext): it is the program's main in all but name, and its
// caller exits as it returns (knative's queue-proxy Main): the sender is
// parked for the moment before the process ends.
func ServeMain(a, b func() error) error {
	ctx := dep.SignalContext()
	errc := make(chan error)
	go func() { errc <- a() }()
	go func() { errc <- b() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return nil
	}
}

// Bad: the near miss: the same servers under a context the caller hands
// in: ServeBoth may run many times in a process, and each first error
// leaves the other server's goroutine blocked.
func ServeBoth(ctx context.Context, a, b func() error) error {
	errc := make(chan error)
	go func() { errc <- a() }() // want `goroutine can block forever in send on errc: goroutineleak.ServeBoth can return after 1 receive from it, errc has capacity 0, and its goroutines can send 2 values`
	go func() { errc <- b() }() // want `goroutine can block forever in send on errc: goroutineleak.ServeBoth can return after 1 receive from it, errc has capacity 0, and its goroutines can send 2 values`
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return nil
	}
}
