package ctxdone

import (
	"context"
	"sync"
)

func compute(int) {}

// Good: the workers range over jobs, which the function closes once the
// feeding loop ends (on cancellation too): the close ends every worker,
// so the join waits for no more than the jobs in hand.
func PoolClosed(ctx context.Context, items []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				compute(j)
			}
		}()
	}
loop:
	for _, it := range items {
		select {
		case jobs <- it:
		case <-ctx.Done():
			break loop
		}
	}
	close(jobs)
	wg.Wait() // ok: the workers end when jobs is closed
}

// Bad: the near miss: nothing closes jobs, so the workers never end and
// the join waits forever, cancelled or not.
func PoolUnclosed(ctx context.Context, items []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				compute(j)
			}
		}()
	}
loop:
	for _, it := range items {
		select {
		case jobs <- it:
		case <-ctx.Done():
			break loop
		}
	}
	wg.Wait() // want `Wait ignores ctx: it waits for goroutines that may never finish`
}
