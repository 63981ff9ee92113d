package idioms

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

type ctxKey struct{}

func loggerFrom(ctx context.Context) *log.Logger {
	if l, ok := ctx.Value(ctxKey{}).(*log.Logger); ok {
		return l
	}
	return log.Default()
}

// 48. values of the group's context read after Wait (Value works on a
// cancelled context).
func CtxValueAfterWait(ctx context.Context, items []int) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(ctx, it)
			return err
		})
	}
	err := g.Wait()
	loggerFrom(ctx).Printf("done: %v", err)
	return err
}

// 49. context.WithoutCancel after Wait (the documented fix).
func WithoutCancelAfterWait(ctx context.Context, items []int) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(ctx, it)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	_, err := fetch(context.WithoutCancel(ctx), 0)
	return err
}

// 50. context.Cause after Wait: which goroutine failed.
func CauseAfterWait(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	_ = g.Wait()
	return context.Cause(gctx)
}

// 51. conditional Add paired with a conditional Done.
func ConditionalTracking(items []int, track bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		if track {
			wg.Add(1)
		}
		go func() {
			_ = work(it)
			if track {
				wg.Done()
			}
		}()
	}
	wg.Wait()
}

// 52. Add in a helper before go.
type tracker struct{ wg sync.WaitGroup }

func (t *tracker) begin() { t.wg.Add(1) }
func (t *tracker) end()   { t.wg.Done() }

func HelperAdd(items []int) {
	var wg sync.WaitGroup
	add := func() { wg.Add(1) }
	for _, it := range items {
		add()
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
	wg.Wait()
}

// 53. readiness WaitGroup: Done first thing, then the goroutine runs on.
func ReadyThenRun(quit <-chan struct{}) {
	var ready sync.WaitGroup
	ready.Add(1)
	go func() {
		ready.Done()
		<-quit
	}()
	ready.Wait()
}

// 54. Done from sync.Once.
func OnceDone(items []int) {
	var wg sync.WaitGroup
	var once sync.Once
	wg.Add(1)
	for _, it := range items {
		go func() {
			if work(it) == nil {
				once.Do(wg.Done)
			}
		}()
	}
	wg.Wait()
}

// 55. two-phase: a start WaitGroup and a done WaitGroup.
func TwoPhase(n int) {
	var started, finished sync.WaitGroup
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer finished.Done()
			started.Done()
			_ = work(i)
		}()
	}
	started.Wait()
	finished.Wait()
}

// 56. a goroutine that returns early on ctx.Done but Done is deferred in a
// named worker function.
func namedWorker(ctx context.Context, wg *sync.WaitGroup, in <-chan int) {
	defer wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case v, ok := <-in:
			if !ok {
				return
			}
			_ = work(v)
		}
	}
}

func StartNamedWorkers(ctx context.Context, n int, in <-chan int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go namedWorker(ctx, &wg, in)
	}
	wg.Wait()
}

// 57. errgroup early return with the caller's ctx error inside the
// starting loop, parent cancel deferred.
func EGCancelDeferred(ctx context.Context, items []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		if it < 0 {
			return errors.New("negative item")
		}
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	return g.Wait()
}

// 58. errgroup: goroutines only return gctx.Err() on shutdown; Close drops
// the expected cancellation.
func BackgroundLoops(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-gctx.Done():
				return gctx.Err()
			case <-t.C:
			}
		}
	})
	return func() {
		cancel()
		_ = g.Wait()
	}
}

// 59. wg.Go with a struct's Close.
type Watcher struct {
	wg   sync.WaitGroup
	stop chan struct{}
}

func NewWatcher() *Watcher {
	w := &Watcher{stop: make(chan struct{})}
	w.wg.Go(func() { <-w.stop })
	return w
}

func (w *Watcher) Close() {
	close(w.stop)
	w.wg.Wait()
}

// 60. errgroup results through a channel closed after Wait in a goroutine.
func EGResultsChan(ctx context.Context, items []int) ([]int, error) {
	g, gctx := errgroup.WithContext(ctx)
	out := make(chan int)
	for _, it := range items {
		g.Go(func() error {
			v, err := fetch(gctx, it)
			if err != nil {
				return err
			}
			select {
			case out <- v:
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	}
	go func() {
		_ = g.Wait()
		close(out)
	}()
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res, g.Wait()
}

// 61. WaitGroup per batch in a loop, waiter per batch.
func Batches(batches [][]int) {
	for _, b := range batches {
		var wg sync.WaitGroup
		for _, it := range b {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_ = work(it)
			}()
		}
		wg.Wait()
	}
}

// 62. Done called on a channel-closing path inside a select loop.
func DoneInSelect(ctx context.Context, in <-chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				wg.Done()
				return
			case v, ok := <-in:
				if !ok {
					wg.Done()
					return
				}
				_ = work(v)
			}
		}
	}()
	wg.Wait()
}

// 63. errgroup where Wait's error is sent to a caller-provided channel.
func EGReportTo(errc chan<- error, items []int) {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	errc <- g.Wait()
}

// 64. errgroup with return in a switch on the Wait error.
func EGSwitch(ctx context.Context, items []int) (bool, error) {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	switch err := g.Wait(); {
	case errors.Is(err, context.DeadlineExceeded):
		return false, nil
	case err != nil:
		return false, err
	}
	return true, nil
}

// 65. errgroup started then early return after a synchronous failure,
// plain group, with the Wait in a defer.
func EGDeferredJoin(items []int, check func() error) error {
	var g errgroup.Group
	defer g.Wait() //nolint:errcheck // cleanup join
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	if err := check(); err != nil {
		return err
	}
	return g.Wait()
}

// 66. goroutine closing over a WaitGroup param of the function.
func FanOut(wg *sync.WaitGroup, items []int) {
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
}

func UseFanOut(items []int) {
	var wg sync.WaitGroup
	FanOut(&wg, items)
	FanOut(&wg, items)
	wg.Wait()
}

// 67. Goroutine with recover that rethrows nothing, Done not deferred but
// called after the recover-protected call.
func safeCall(f func()) {
	defer func() { _ = recover() }()
	f()
}

func RecoverThenDone(fs []func()) {
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			safeCall(f)
			wg.Done()
		}()
	}
	wg.Wait()
}

// 68. semaphore channel with a WaitGroup.
func Semaphore(items []int) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, it := range items {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			_ = work(it)
		}()
	}
	wg.Wait()
}

// 69. errgroup with a goroutine that returns a typed nil-able error var.
var errSkip = errors.New("skip")

func EGSentinelFilter(items []int) error {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error {
			if err := work(it); err != nil && !errors.Is(err, errSkip) {
				return err
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil && !errors.Is(err, errSkip) {
		return err
	}
	return nil
}

// 70. Go in a range-over-func iterator body.
func seq(items []int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for _, it := range items {
			if !yield(it) {
				return
			}
		}
	}
}

func EGRangeFunc(items []int) error {
	var g errgroup.Group
	for it := range seq(items) {
		g.Go(func() error { return work(it) })
	}
	return g.Wait()
}

// 71. WaitGroup wait with a context: select on done vs ctx.
func WaitCtx(ctx context.Context, items []int) error {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = fetch(ctx, it)
		}()
	}
	done := make(chan struct{})
	go func() { defer close(done); wg.Wait() }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// 72. errgroup break out of the starting loop on a sync error, then Wait.
func EGBreak(items []int, validate func(int) error) error {
	var g errgroup.Group
	var verr error
	for _, it := range items {
		if verr = validate(it); verr != nil {
			break
		}
		g.Go(func() error { return work(it) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return verr
}
