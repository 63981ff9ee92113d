package idioms

import (
	"iter"
	"sync"
)

// BAD 14: iterator that stops on !yield, leaving the senders blocked
func BadParallelMap[T, U any](xs []T, f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		ch := make(chan U)
		var wg sync.WaitGroup
		for _, x := range xs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ch <- f(x)
			}()
		}
		go func() { wg.Wait(); close(ch) }()
		for u := range ch {
			if !yield(u) {
				return
			}
		}
	}
}

// BAD 15: Cond waiter with an early return before Broadcast
func BadCond(ready func() bool, check func() error) error {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	done := false
	go func() {
		mu.Lock()
		for !done {
			c.Wait()
		}
		mu.Unlock()
	}()
	if err := check(); err != nil {
		return err
	}
	mu.Lock()
	done = true
	mu.Unlock()
	c.Broadcast()
	return nil
}
