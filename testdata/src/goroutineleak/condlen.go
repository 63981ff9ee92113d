package goroutineleak

import "sync"

// A goroutine that waits on a local Cond until a slice fills or a flag is
// set.

// Bad: collect returns on a source error without closing the batch or
// waking the goroutine that waits for items.
func collect(next func() (string, error), n int, process func([]string)) error {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var items []string
	closed := false
	go func() {
		mu.Lock()
		for len(items) == 0 && !closed {
			cond.Wait() // want `goroutine can block forever in cond.Wait: goroutineleak.collect can return without Signal or Broadcast and without changing what it waits for \(goroutine leak\)`
		}
		batch := items
		items = nil
		mu.Unlock()
		process(batch)
	}()
	for i := 0; i < n; i++ {
		it, err := next()
		if err != nil {
			return err
		}
		mu.Lock()
		items = append(items, it)
		mu.Unlock()
		cond.Signal()
	}
	mu.Lock()
	closed = true
	mu.Unlock()
	cond.Broadcast()
	return nil
}

// Good: the near miss: the error path closes the batch and wakes the
// goroutine.
func collectClosing(next func() (string, error), n int, process func([]string)) error {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var items []string
	closed := false
	go func() {
		mu.Lock()
		for len(items) == 0 && !closed {
			cond.Wait() // ok: every return closes and broadcasts
		}
		batch := items
		items = nil
		mu.Unlock()
		process(batch)
	}()
	for i := 0; i < n; i++ {
		it, err := next()
		if err != nil {
			mu.Lock()
			closed = true
			mu.Unlock()
			cond.Broadcast()
			return err
		}
		mu.Lock()
		items = append(items, it)
		mu.Unlock()
		cond.Signal()
	}
	mu.Lock()
	closed = true
	mu.Unlock()
	cond.Broadcast()
	return nil
}
