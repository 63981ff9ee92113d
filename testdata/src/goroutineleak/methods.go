package goroutineleak

import "context"

type worker struct {
	work func() int
}

// run is a goroutine body that sends once on its parameter: the summary
// "sends once on out" is what lets the callers below be judged.
func (w *worker) run(out chan<- int) {
	out <- w.work() // want `goroutine can block forever in send on ch: \(\*worker\).startLeaky can return without receiving`
}

func (w *worker) runCtx(ctx context.Context, out chan<- int) {
	select {
	case out <- w.work(): // ok: ctx.Done case
	case <-ctx.Done():
	}
}

// Bad: go w.run(ch), then the caller may leave on ctx.Done.
func (w *worker) startLeaky(ctx context.Context) (int, error) {
	ch := make(chan int)
	go w.run(ch)
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Good: same body, buffered channel.
func (w *worker) startBuffered(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go w.run(ch) // ok: the one send fits
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Good: the body selects on ctx.Done.
func (w *worker) startCtx(ctx context.Context) (int, error) {
	ch := make(chan int)
	go w.runCtx(ctx, ch) // ok: the worker gives up with the caller
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// consume ranges over its parameter until it is closed.
func consume(in <-chan int, f func(int)) {
	for v := range in { // want `goroutine can block forever in range over jobs: goroutineleak.feedLeaky can return without closing it`
		f(v)
	}
}

// Bad: the named consumer is never released on the error path.
func feedLeaky(items []int, f func(int), check func(int) error) error {
	jobs := make(chan int)
	go consume(jobs, f)
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

// Good: every path closes.
func feedClosed(items []int, f func(int), check func(int) error) error {
	jobs := make(chan int)
	go consume(jobs, f) // ok: deferred close
	defer close(jobs)
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	return nil
}
