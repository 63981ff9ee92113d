package goroutineleak

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// First error wins, with a send each goroutine makes on its own failure.

// Bad: every fetch may fail, and a buffer of one holds one error: once
// warmAll has returned the first, the second sender blocks forever.
func warmAll(keys []string, fetch func(string) error) error {
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fetch(k); err != nil {
				errc <- fmt.Errorf("warm %q: %w", k, err) // want `goroutine can block forever in send on errc: goroutineleak.warmAll can return without receiving from it and errc has capacity 1 \(one goroutine per loop iteration, more than the buffer holds\)`
			}
		}()
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	for err := range errc {
		return err
	}
	return nil
}

// Good: the near miss: only the last goroutine to finish signals, on a
// counter they share; one slot holds its one send.
func lastToFinish(keys []string, fetch func(string) error) {
	done := make(chan struct{}, 1)
	left := int32(len(keys))
	for _, k := range keys {
		go func() {
			_ = fetch(k)
			if atomic.AddInt32(&left, -1) == 0 {
				done <- struct{}{} // ok: one goroutine of the loop gets here
			}
		}()
	}
	if len(keys) > 0 {
		<-done
	}
}

// Good: the near miss: a guarded send (select with a default) never
// blocks.
func warmAllGuarded(keys []string, fetch func(string) error) error {
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fetch(k); err != nil {
				select {
				case errc <- err: // ok: the first error is kept, the others dropped
				default:
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	return <-errc
}
