package errgroupwait

import (
	"context"
	"sync"
	"time"

	"errgroupwait/dep"
)

// The waiter of a skipped Done: whether Wait can hang whoever waits.

type fixture struct{}

// waitWithTimeout runs Wait in a goroutine and gives up after d
// (KurrentDB's test fixture): it waits on wg only with a bound.
func (f *fixture) waitWithTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		wg.Wait()
	}()
	select {
	case <-ch:
		return false
	case <-time.After(d):
		return true
	}
}

// waitSignalFirst signals before it waits: its select says nothing of Wait.
func waitSignalFirst(wg *sync.WaitGroup, d time.Duration) bool {
	ch := make(chan struct{})
	go func() {
		close(ch)
		wg.Wait()
	}()
	select {
	case <-ch:
		return false
	case <-time.After(d):
		return true
	}
}

// waitEither ends on either of two channels, neither a timer: as long as Wait.
func waitEither(wg *sync.WaitGroup, other chan int) {
	ch := make(chan struct{})
	go func() {
		wg.Wait()
		ch <- struct{}{}
	}()
	select {
	case <-ch:
	case <-other:
	}
}

// Good: the only waiter is a helper that gives up after a timeout; the
// skipped Done leaks its goroutine, the test times out and fails.
func (f *fixture) boundedHelper(items []string) bool {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for _, it := range items {
			if it == "" {
				return // ok: f.waitWithTimeout gives up after 10s
			}
		}
		wg.Done()
	}()
	return f.waitWithTimeout(&wg, 10*time.Second)
}

// Good: the same through a helper of another package (BoundedWaitsFact).
func boundedHelperCross(items []string) bool {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // ok: dep.WaitTimeout gives up after a second
		}
		wg.Done()
	}()
	return dep.WaitTimeout(&wg, time.Second)
}

// Good: the bound is in the function itself, on the context.
func boundedInline(ctx context.Context, items []string) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // ok: the select below ends on ctx.Done()
		}
		wg.Done()
	}()
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Bad: the helper waits for its goroutine with no bound.
func unboundedHelperCross(items []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // want `goroutine returns here without calling wg.Done`
		}
		wg.Done()
	}()
	dep.WaitJoined(&wg)
}

// Bad: the inline waiter's end is received with no bound.
func unboundedInline(items []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // want `goroutine returns here without calling wg.Done`
		}
		wg.Done()
	}()
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	<-done
}

// Bad: a bounded wait first, then a plain Wait that hangs.
func (f *fixture) boundedThenWait(items []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // want `goroutine returns here without calling wg.Done`
		}
		wg.Done()
	}()
	if f.waitWithTimeout(&wg, time.Second) {
		wg.Wait()
	}
}

// Bad: the helper's select is signalled before Wait.
func signalledFirst(items []string) bool {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // want `goroutine returns here without calling wg.Done`
		}
		wg.Done()
	}()
	return waitSignalFirst(&wg, time.Second)
}

// Bad: the helper's select has no timer or context case.
func eitherChannel(items []string, other chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // want `goroutine returns here without calling wg.Done`
		}
		wg.Done()
	}()
	waitEither(&wg, other)
}

// waitLogging logs on every tick and waits again: its timer is no bound.
func waitLogging(wg *sync.WaitGroup) {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		wg.Wait()
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ch:
			return
		case <-tick.C:
			println("still waiting")
		}
	}
}

// Bad: the helper's select is in a loop that a tick does not leave.
func tickingWaiter(items []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // want `goroutine returns here without calling wg.Done`
		}
		wg.Done()
	}()
	waitLogging(&wg)
}

// waitBackground selects on the Done of a context that is never cancelled.
func waitBackground(wg *sync.WaitGroup) {
	ctx := context.Background()
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		wg.Wait()
	}()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// Bad: the helper's context case never fires.
func backgroundWaiter(items []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // want `goroutine returns here without calling wg.Done`
		}
		wg.Done()
	}()
	waitBackground(&wg)
}
