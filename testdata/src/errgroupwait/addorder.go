package errgroupwait

import (
	"context"
	"sync"
	"time"
)

// Good: the Add follows the go statement but comes before Wait on every
// path: Wait waits for the goroutine, whose Done comes only once ctx is
// done.
func addAfterStart(ctx context.Context, publish func()) {
	var wg sync.WaitGroup
	go func() {
		for range time.NewTicker(time.Millisecond).C {
			select {
			case <-ctx.Done():
				wg.Done()
				return
			default:
			}
			publish()
		}
	}()
	wg.Add(1)
	wg.Wait() // ok: Add before Wait on every path
}

// Bad: the near miss: the Add after the go statement is skipped on one
// path, where Wait returns at once.
func addAfterStartSometimes(b bool, f func()) {
	var wg sync.WaitGroup
	go func() {
		defer wg.Done()
		f()
	}()
	if b {
		wg.Add(1)
	}
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done was started on this path`
}

// Good: Add, then a callback that calls Done registered with a
// subscription: the registration is the start, after the Add.
func addThenSubscribe(subscribe func(func())) {
	var wg sync.WaitGroup
	wg.Add(1)
	subscribe(func() { wg.Done() })
	wg.Wait() // ok: the Add counts the callback
}

// Bad: the near miss: the callback is registered with no Add.
func subscribeNoAdd(subscribe func(func())) {
	var wg sync.WaitGroup
	subscribe(func() { wg.Done() })
	wg.Wait() // want `wg.Wait with no wg.Add before the callback calling wg.Done was handed over on this path`
}
