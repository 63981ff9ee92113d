package errgroupwait

import (
	"sync"
	"time"
)

// Good: a range over a ticker's channel never ends (nothing closes it), so
// no path falls off the end of the loop without Done.
func tickerUntil(t *time.Ticker, ready func() bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for range t.C {
			if ready() {
				wg.Done()
				return
			}
		}
	}() // ok: the ticker loop never ends
	wg.Wait()
}

// Bad: the near miss: ticks is closed, which ends the loop without Done.
func closedUntil(ready func() bool, n int) {
	ticks := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for range ticks {
			if ready() {
				wg.Done()
				return
			}
		}
	}() // want `goroutine returns here without calling wg.Done`
	for range n {
		ticks <- struct{}{}
	}
	close(ticks)
	wg.Wait()
}
