package goroutineleak

import (
	"context"

	"goroutineleak/dep"
)

// Bad: the body is in another package; its fact says it sends once.
func crossLeaky(ctx context.Context) (int, error) {
	ch := make(chan int)
	go dep.Produce(ch, 1) // want `goroutine can block forever in dep.Produce \(which sends on out\): goroutineleak.crossLeaky can return without receiving`
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Good: the other package's body selects on ctx.Done.
func crossCtx(ctx context.Context) (int, error) {
	ch := make(chan int)
	go dep.ProduceCtx(ctx, ch, 1) // ok: the fact says the send is guarded
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Bad: the consumer in another package ranges until close.
func crossConsumeLeaky(items []int, f func(int), check func(int) error) error {
	jobs := make(chan int)
	go dep.Consume(jobs, f) // want `goroutine can block forever in dep.Consume \(which receives from in\): goroutineleak.crossConsumeLeaky can return without closing it`
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	close(jobs)
	return nil
}
