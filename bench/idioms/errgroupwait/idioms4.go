package idioms

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"
)

// 75. recursive crawler: each goroutine adds for its children before its
// own deferred Done.
func Crawl(root string, links func(string) []string) {
	var wg sync.WaitGroup
	var crawl func(u string)
	crawl = func(u string) {
		defer wg.Done()
		for _, l := range links(u) {
			wg.Add(1)
			go crawl(l)
		}
	}
	wg.Add(1)
	go crawl(root)
	wg.Wait()
}

// 76. a spawn closure that adds and starts.
func SpawnClosure(items []int) {
	var wg sync.WaitGroup
	spawn := func(f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	for _, it := range items {
		spawn(func() { _ = work(it) })
	}
	wg.Wait()
}

// 77. a helper that adds and starts on a WaitGroup parameter.
func startWorker(wg *sync.WaitGroup, f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
}

func UseStartWorker(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		startWorker(&wg, func() { _ = work(it) })
	}
	wg.Wait()
}

// 78. errgroup: Wait returned through a closure.
func StartAll(items []int) (wait func() error) {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	return func() error { return g.Wait() }
}

// 79. errgroup: TryGo, stop starting when full.
func TryGoUntilFull(items []int) error {
	var g errgroup.Group
	g.SetLimit(3)
	for _, it := range items {
		if !g.TryGo(func() error { return work(it) }) {
			break
		}
	}
	return g.Wait()
}

// 80. errgroup early return taken only once the caller's ctx is done.
func EGWaitOrCancel(ctx context.Context, items []int, ready <-chan struct{}) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	select {
	case <-ready:
	case <-ctx.Done():
		return ctx.Err()
	}
	return g.Wait()
}

// 81. errgroup in a test with a helper assertion.
func checkNoErr(err error) {
	if err != nil {
		panic(err)
	}
}

func EGCheckHelper(items []int) {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	checkNoErr(g.Wait())
}

// 82. Wait error appended to a list of errors.
func EGAppend(items [][]int) error {
	var errs []error
	for _, batch := range items {
		var g errgroup.Group
		for _, it := range batch {
			g.Go(func() error { return work(it) })
		}
		errs = append(errs, g.Wait())
	}
	return errors.Join(errs...)
}

// 83. WaitGroup in a struct, goroutine started in a method, Wait in Shutdown
// with a context.
type Dispatcher struct {
	wg sync.WaitGroup
	ch chan int
}

func (d *Dispatcher) Dispatch(v int) {
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.ch <- v
	}()
}

func (d *Dispatcher) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		d.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("shutdown: %w", ctx.Err())
	}
}

// 84. goroutine Done via a deferred method on a wrapped WaitGroup type.
type counter struct{ wg sync.WaitGroup }

func (c *counter) start() { c.wg.Add(1) }
func (c *counter) stop()  { c.wg.Done() }

func WrappedCounter(items []int) {
	var c counter
	for _, it := range items {
		c.start()
		go func() {
			defer c.stop()
			_ = work(it)
		}()
	}
	c.wg.Wait()
}

// 85. mutex-protected first error plus WaitGroup.
func FirstErrMutex(items []int) error {
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(it); err != nil {
				once.Do(func() { first = err })
			}
		}()
	}
	wg.Wait()
	return first
}

// 86. errgroup: Wait error ignored only when the caller cancelled.
func EGIgnoreCancelled(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	if err := g.Wait(); err != nil && ctx.Err() == nil {
		return err
	}
	return nil
}

// 87. WaitGroup with a goroutine that loops over a closed-by-producer
// channel and calls Done at the end (no early return).
func ConsumerDoneAtEnd(in <-chan int) int {
	var wg sync.WaitGroup
	sum := 0
	wg.Add(1)
	go func() {
		for v := range in {
			sum += v
		}
		wg.Done()
	}()
	wg.Wait()
	return sum
}

// 88. goroutine with an early return that is a panic re-raise after Done.
func DoneThenPanic(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			err := work(it)
			wg.Done()
			if err != nil {
				panic(err)
			}
		}()
	}
	wg.Wait()
}
