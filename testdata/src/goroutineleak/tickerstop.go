package goroutineleak

import (
	"sync/atomic"
	"time"
)

// A ticker made and stopped by one call, with a goroutine ranging over its
// channel: Stop ends the ticking but does not close t.C, so the loop waits
// forever, one goroutine per call, whatever else the goroutine takes from
// the call (the counter it updates).

type tickStats struct{ ticks atomic.Int64 }

// Bad: the call stops the ticker and returns; the goroutine stays.
func sampleFor(s *tickStats, d time.Duration) {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	go func() {
		for range t.C { // want `goroutine started by goroutineleak.sampleFor never ends: it waits in range over t.C forever`
			s.ticks.Add(1)
		}
	}()
	time.Sleep(d)
}

// Good: the same with a done channel the call closes as it returns.
func sampleForStopping(s *tickStats, d time.Duration) {
	t := time.NewTicker(time.Millisecond)
	done := make(chan struct{})
	defer func() {
		t.Stop()
		close(done)
	}()
	go func() {
		for {
			select {
			case <-t.C:
				s.ticks.Add(1)
			case <-done:
				return
			}
		}
	}()
	time.Sleep(d)
}

// Good (by design): a ticker nobody stops, serving an object handed in: a
// service kept for the life of the process, as far as the package shows.
func sampleForever(s *tickStats) {
	t := time.NewTicker(time.Millisecond)
	go func() {
		for range t.C {
			s.ticks.Add(1)
		}
	}()
}
