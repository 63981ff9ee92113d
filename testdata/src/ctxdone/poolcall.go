package ctxdone

import (
	"context"
	"sync"
)

// The worker's loop is in a method the goroutine calls with the channel
// (kopia's index inspect: wg.Go(func() { c.dumpEntries(output) }), then
// close(output) and Wait).

type dumper struct{ n int }

// dump ranges over the entries it is handed.
func (d *dumper) dump(entries chan int) {
	for e := range entries {
		d.n += e
	}
}

func feed(ctx context.Context, out chan int, items []int) error {
	for _, it := range items {
		select {
		case out <- it:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Good: output is closed once feeding ends (on cancellation too), which
// ends the dump the goroutine calls.
func (d *dumper) dumpAll(ctx context.Context, items []int) error {
	output := make(chan int)
	var wg sync.WaitGroup
	wg.Go(func() {
		d.dump(output)
	})
	err := feed(ctx, output, items)
	close(output)
	wg.Wait() // ok: closing output ends the dump
	return err
}

// Bad: the near miss: nothing closes output, so the dump never ends.
func (d *dumper) dumpAllUnclosed(ctx context.Context, items []int) error {
	output := make(chan int)
	var wg sync.WaitGroup
	wg.Go(func() {
		d.dump(output)
	})
	err := feed(ctx, output, items)
	wg.Wait() // want `Wait ignores ctx: it waits for goroutines that may never finish`
	return err
}

// The worker's loop is a closure kept in a variable that each goroutine
// calls, capturing the jobs channel (go-header's deleteParallel).

// Good: jobs is closed once feeding ends, which ends every worker's loop.
func deleteParallel(ctx context.Context, heights []int, del func(int) error) error {
	jobs := make(chan int, 4)
	failed := make(chan struct{})
	var once sync.Once
	worker := func() {
		for h := range jobs {
			if del(h) != nil {
				once.Do(func() { close(failed) })
				return
			}
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker()
		}()
	}
	for _, h := range heights {
		select {
		case jobs <- h:
		case <-failed:
		}
	}
	close(jobs)
	wg.Wait() // ok: closing jobs ends every worker
	return ctx.Err()
}

// Bad: the near miss: nothing closes jobs, so the workers never end.
func deleteParallelUnclosed(ctx context.Context, heights []int, del func(int) error) error {
	jobs := make(chan int, 4)
	worker := func() {
		for h := range jobs {
			_ = del(h)
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker()
		}()
	}
	for _, h := range heights {
		jobs <- h
	}
	wg.Wait() // want `Wait ignores ctx: it waits for goroutines that may never finish`
	return ctx.Err()
}
