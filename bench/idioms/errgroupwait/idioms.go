// Package idioms holds correct, idiomatic uses of sync.WaitGroup and
// errgroup: errgroupwait must report none of them (see README.md).
package idioms

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func work(i int) error {
	if i < 0 {
		return errors.New("negative")
	}
	return nil
}

func fetch(ctx context.Context, i int) (int, error) {
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	default:
	}
	return i * 2, work(i)
}

// 1. Add before go, defer Done.
func AddBeforeGo(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
	wg.Wait()
}

// 2. Add(n) then a loop.
func AddNThenLoop(items []int) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	for _, it := range items {
		go func(it int) {
			defer wg.Done()
			_ = work(it)
		}(it)
	}
	wg.Wait()
}

// 3. wg.Go (Go 1.25).
func WGGo(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { _ = work(it) })
	}
	wg.Wait()
}

type worker struct {
	wg  *sync.WaitGroup
	out []int
	mu  sync.Mutex
}

func (w *worker) done() { w.wg.Done() }

func (w *worker) run(i int) {
	defer w.done()
	w.mu.Lock()
	w.out = append(w.out, i)
	w.mu.Unlock()
}

// 4. Done in a helper method.
func DoneInHelperMethod(items []int) []int {
	var wg sync.WaitGroup
	w := &worker{wg: &wg}
	for _, it := range items {
		wg.Add(1)
		go w.run(it)
	}
	wg.Wait()
	return w.out
}

// 5. WaitGroup in a struct with Close() that waits; 6. constructor starts, Stop joins.
type Server struct {
	wg     sync.WaitGroup
	quit   chan struct{}
	reqs   chan int
	cancel context.CancelFunc
}

func NewServer(n int) *Server {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{quit: make(chan struct{}), reqs: make(chan int), cancel: cancel}
	for i := 0; i < n; i++ {
		s.wg.Add(1)
		go s.loop(ctx)
	}
	return s
}

func (s *Server) loop(ctx context.Context) {
	defer s.wg.Done()
	for {
		select {
		case <-s.quit:
			return
		case <-ctx.Done():
			return
		case r := <-s.reqs:
			_ = work(r)
		}
	}
}

func (s *Server) Close() error {
	close(s.quit)
	s.wg.Wait()
	return nil
}

func (s *Server) Stop() {
	s.cancel()
	s.wg.Wait()
}

// 7. error collected via a mutex-protected slice.
func CollectErrors(items []int) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(it); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// 8. errgroup: Wait's error returned.
func EGReturn(ctx context.Context, items []int) ([]int, error) {
	g, ctx := errgroup.WithContext(ctx)
	res := make([]int, len(items))
	for i, it := range items {
		g.Go(func() error {
			v, err := fetch(ctx, it)
			res[i] = v
			return err
		})
	}
	return res, g.Wait()
}

// 9. errgroup: Wait's error wrapped.
func EGWrapped(items []int) error {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("processing items: %w", err)
	}
	return nil
}

// 10. errgroup: Wait's error logged.
func EGLogged(items []int) {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	if err := g.Wait(); err != nil {
		log.Printf("processing: %v", err)
	}
}

// 11. errgroup: Wait's error compared to context.Canceled.
func EGCanceled(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	err := g.Wait()
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// 12. early returns after Wait.
func EarlyReturnAfterWait(ctx context.Context, items []int) (int, error) {
	g, gctx := errgroup.WithContext(ctx)
	res := make([]int, len(items))
	for i, it := range items {
		g.Go(func() error {
			v, err := fetch(gctx, it)
			res[i] = v
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	if len(res) == 0 {
		return 0, errors.New("empty")
	}
	sum := 0
	for _, v := range res {
		if v < 0 {
			return 0, fmt.Errorf("bad value %d", v)
		}
		sum += v
	}
	return sum, nil
}

// 13. early return before any Go (nothing started).
func EarlyReturnBeforeGo(ctx context.Context, items []int) error {
	if len(items) == 0 {
		return nil
	}
	g, gctx := errgroup.WithContext(ctx)
	if err := gctx.Err(); err != nil {
		return err
	}
	if len(items) > 1000 {
		return errors.New("too many")
	}
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	return g.Wait()
}

// 14. a wait in a deferred func.
func DeferredWait(items []int) (err error) {
	var g errgroup.Group
	defer func() {
		if werr := g.Wait(); werr != nil && err == nil {
			err = werr
		}
	}()
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	return nil
}

// 15. deferred wg.Wait.
func DeferredWGWait(items []int) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
}

// 16. worker pool, results channel closed after Wait in a goroutine.
func WorkerPool(jobs []int, n int) []int {
	in := make(chan int)
	out := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				out <- j * 2
			}
		}()
	}
	go func() {
		for _, j := range jobs {
			in <- j
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	var res []int
	for r := range out {
		res = append(res, r)
	}
	return res
}

// 17. Add inside the parent loop with continue/break paths.
func AddWithContinueBreak(items []int) {
	var wg sync.WaitGroup
	for i, it := range items {
		if it == 0 {
			continue
		}
		if i > 100 {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
	wg.Wait()
}

// 18. panics recovered in the goroutine with Done deferred.
func RecoverInGoroutine(items []int) []error {
	var wg sync.WaitGroup
	errs := make([]error, len(items))
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					errs[i] = fmt.Errorf("panic: %v", r)
				}
			}()
			errs[i] = work(it)
		}()
	}
	wg.Wait()
	return errs
}

// 19. SetLimit.
func EGSetLimit(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	return g.Wait()
}

// 20. TryGo with fallback to running inline.
func EGTryGo(items []int) error {
	var g errgroup.Group
	g.SetLimit(2)
	for _, it := range items {
		if !g.TryGo(func() error { return work(it) }) {
			if err := work(it); err != nil {
				_ = g.Wait()
				return err
			}
		}
	}
	return g.Wait()
}

// 21. Done called explicitly at the end with no early return.
func ExplicitDone(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			_ = work(it)
			wg.Done()
		}()
	}
	wg.Wait()
}

// 22. Done in each branch of the goroutine.
func DoneEachBranch(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if err := work(it); err != nil {
				log.Print(err)
				wg.Done()
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// 23. WaitGroup passed by pointer to a named function.
func process(wg *sync.WaitGroup, i int, out *int) {
	defer wg.Done()
	*out = i
}

func PassPointer(items []int) []int {
	var wg sync.WaitGroup
	out := make([]int, len(items))
	for i, it := range items {
		wg.Add(1)
		go process(&wg, it, &out[i])
	}
	wg.Wait()
	return out
}

// 24. errgroup with a producer feeding a channel and consumers.
func EGPipeline(ctx context.Context, items []int) (int, error) {
	g, gctx := errgroup.WithContext(ctx)
	ch := make(chan int)
	g.Go(func() error {
		defer close(ch)
		for _, it := range items {
			select {
			case ch <- it:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	var sum int
	g.Go(func() error {
		for v := range ch {
			if v < 0 {
				return errors.New("negative")
			}
			sum += v
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return sum, nil
}

// 25. errgroup: Wait error sent to a channel from a goroutine.
func EGAsyncWait(items []int) <-chan error {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	errc := make(chan error, 1)
	go func() { errc <- g.Wait() }()
	return errc
}

// 26. errgroup whose goroutines cannot fail: Wait's result ignored.
func EGNoFail(items []int) []int {
	var g errgroup.Group
	out := make([]int, len(items))
	for i, it := range items {
		g.Go(func() error {
			out[i] = it * 2
			return nil
		})
	}
	_ = g.Wait()
	return out
}

// 27. ctx of WithContext used only before Wait; caller's ctx after Wait.
func CallerCtxAfterWait(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	_, err := fetch(ctx, 0)
	return err
}

// 28. a done channel closed after Wait (fan-in with select timeout).
func WaitWithTimeout(items []int, d time.Duration) bool {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// 29. nested groups: an inner group per outer goroutine.
func NestedGroups(ctx context.Context, batches [][]int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, b := range batches {
		g.Go(func() error {
			inner, ictx := errgroup.WithContext(gctx)
			for _, it := range b {
				inner.Go(func() error {
					_, err := fetch(ictx, it)
					return err
				})
			}
			return inner.Wait()
		})
	}
	return g.Wait()
}

// 30. Add(1) once for a single background goroutine, Wait at the end.
func SingleBackground() int {
	var wg sync.WaitGroup
	var v int
	wg.Add(1)
	go func() {
		defer wg.Done()
		v = 42
	}()
	wg.Wait()
	return v
}

// 31. Add(2) for two distinct goroutines.
func TwoGoroutines() (int, int) {
	var wg sync.WaitGroup
	var a, b int
	wg.Add(2)
	go func() { defer wg.Done(); a = 1 }()
	go func() { defer wg.Done(); b = 2 }()
	wg.Wait()
	return a, b
}

// 32. Done via a captured helper closure.
func CapturedDoneHelper(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			finish := func() { wg.Done() }
			if err := work(it); err != nil {
				finish()
				return
			}
			finish()
		}()
	}
	wg.Wait()
}

// 33. errgroup Wait error joined with another error.
func EGJoined(items []int, closeFn func() error) error {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	err := g.Wait()
	return errors.Join(err, closeFn())
}

// 34. errgroup where the loop stops starting work once the context is done.
func EGStopOnDone(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	return g.Wait()
}

// 35. errgroup: early return when starting fails, after waiting.
func EGWaitBeforeErrorReturn(items []int, open func(int) (func() error, error)) error {
	var g errgroup.Group
	for _, it := range items {
		f, err := open(it)
		if err != nil {
			_ = g.Wait()
			return err
		}
		g.Go(f)
	}
	return g.Wait()
}

// 36. WaitGroup embedded in a struct, Wait in a method.
type Batch struct {
	sync.WaitGroup
	mu  sync.Mutex
	sum int
}

func (b *Batch) Add1(v int) {
	b.WaitGroup.Add(1)
	go func() {
		defer b.Done()
		b.mu.Lock()
		b.sum += v
		b.mu.Unlock()
	}()
}

func (b *Batch) Sum() int {
	b.Wait()
	return b.sum
}

// 37. errgroup stored in a struct, Wait in a method.
type Fetcher struct {
	g   errgroup.Group
	ctx context.Context
}

func (f *Fetcher) Start(i int) {
	f.g.Go(func() error {
		_, err := fetch(f.ctx, i)
		return err
	})
}

func (f *Fetcher) Wait() error { return f.g.Wait() }

// 38. result struct per goroutine: wg + slice index.
type result struct {
	v   int
	err error
}

func PerIndexResults(items []int) ([]int, error) {
	var wg sync.WaitGroup
	rs := make([]result, len(items))
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := fetch(context.Background(), it)
			rs[i] = result{v, err}
		}()
	}
	wg.Wait()
	out := make([]int, 0, len(rs))
	for _, r := range rs {
		if r.err != nil {
			return nil, r.err
		}
		out = append(out, r.v)
	}
	return out, nil
}

// 39. error channel with buffer, Wait then close then drain.
func ErrChanDrain(items []int) error {
	var wg sync.WaitGroup
	errc := make(chan error, len(items))
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(it); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		return err
	}
	return nil
}

// 40. errgroup with early return of ctx.Err() after waiting.
func EGWaitThenCtxErr(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	werr := g.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return werr
}

// 41. goroutine returns a value via channel; Wait in a closer goroutine; early
// exit from the reader loop drains in the background.
func FirstError(items []int) error {
	var wg sync.WaitGroup
	errc := make(chan error)
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- work(it)
		}()
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	var first error
	for err := range errc {
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}

// 42. Wait in a select-driven shutdown with context.
func RunUntilCancel(ctx context.Context, n int) error {
	g, gctx := errgroup.WithContext(ctx)
	for i := 0; i < n; i++ {
		g.Go(func() error {
			<-gctx.Done()
			return nil
		})
	}
	g.Go(func() error {
		<-gctx.Done()
		return gctx.Err()
	})
	err := g.Wait()
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	return err
}

// 43. errgroup Go returns error from a helper method value.
type job struct{ id int }

func (j job) Run() error { return work(j.id) }

func EGMethodValue(jobs []job) error {
	var g errgroup.Group
	for _, j := range jobs {
		g.Go(j.Run)
	}
	return g.Wait()
}

// 44. waitgroup with Add in a helper that also starts the goroutine.
type Pool struct{ wg sync.WaitGroup }

func (p *Pool) Spawn(f func()) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		f()
	}()
}

func (p *Pool) Join() { p.wg.Wait() }

func UsePool(items []int) {
	var p Pool
	for _, it := range items {
		p.Spawn(func() { _ = work(it) })
	}
	p.Join()
}
