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
