package goroutineleak

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// A Wait for workers that end only on a stop signal sent after the Wait:
// Stop waits for the workers, the workers wait for Stop (deadlock).

type stopper struct {
	stopping chan struct{}
	tasks    sync.WaitGroup
}

func newStopper() *stopper { return &stopper{stopping: make(chan struct{})} }

func (s *stopper) runWorker(f func()) {
	s.tasks.Add(1)
	go func() {
		defer s.tasks.Done()
		f()
	}()
}

func (s *stopper) shouldStop() <-chan struct{} { return s.stopping }

func (s *stopper) quiesce() {
	s.tasks.Wait() // want `s.tasks.Wait blocks forever: it waits for a goroutine that can return only after receiving from s.stopping, and \(\*stopper\).stop closes s.stopping only after calling \(\*stopper\).quiesce, which waits here \(deadlock; wake the goroutines first, then Wait\)`
}

// Bad: the workers end on shouldStop, which stop closes after quiesce.
func (s *stopper) stop() {
	s.quiesce()
	close(s.stopping)
}

// startGossip hands the stopper a worker that runs until it is stopped.
func startGossip(s *stopper, beat func()) {
	s.runWorker(func() {
		<-s.shouldStop()
		beat()
	})
}

type workerPool struct {
	quit chan struct{}
	jobs chan int
	wg   sync.WaitGroup
}

func newWorkerPool(n int, handle func(int)) *workerPool {
	p := &workerPool{quit: make(chan struct{}), jobs: make(chan int)}
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.work(handle)
	}
	return p
}

func (p *workerPool) work(handle func(int)) {
	defer p.wg.Done()
	for {
		select {
		case <-p.quit:
			return
		case j := <-p.jobs:
			handle(j)
		}
	}
}

// Bad: each worker returns only on p.quit, closed after the Wait.
func (p *workerPool) Close() {
	p.wg.Wait() // want `p.wg.Wait blocks forever: it waits for a goroutine that can return only after receiving from p.quit, and \(\*workerPool\).Close closes p.quit only after this Wait`
	close(p.quit)
}

type drainPool struct {
	quit  chan struct{}
	tasks chan func()
	wg    sync.WaitGroup
}

func newDrainPool() *drainPool {
	p := &drainPool{quit: make(chan struct{}), tasks: make(chan func())}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-p.quit:
				return
			case f := <-p.tasks:
				f()
			}
		}
	}()
	return p
}

// Bad: the deferred close runs as Shutdown returns, after the Wait.
func (p *drainPool) Shutdown() {
	defer close(p.quit)
	p.wg.Wait() // want `p.wg.Wait blocks forever: it waits for a goroutine that can return only after receiving from p.quit, and \(\*drainPool\).Shutdown closes p.quit only after this Wait`
}

// Bad: an errgroup whose functions wait for the stop channel.
func serveUntilStopped(serve func()) error {
	stop := make(chan struct{})
	var g errgroup.Group
	g.Go(func() error {
		serve()
		<-stop
		return nil
	})
	err := g.Wait() // want `g.Wait blocks forever: it waits for a goroutine that can return only after receiving from stop, and goroutineleak.serveUntilStopped closes stop only after this Wait`
	close(stop)
	return err
}

type orderedPool struct {
	quit chan struct{}
	jobs chan int
	wg   sync.WaitGroup
}

func newOrderedPool(n int, handle func(int)) *orderedPool {
	p := &orderedPool{quit: make(chan struct{}), jobs: make(chan int)}
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for {
				select {
				case <-p.quit:
					return
				case j := <-p.jobs:
					handle(j)
				}
			}
		}()
	}
	return p
}

// Good: the near miss: the stop signal first, then the Wait.
func (p *orderedPool) Close() {
	close(p.quit)
	p.wg.Wait() // ok: the workers are told to stop before the Wait
}

type ctxPool struct {
	quit  chan struct{}
	tasks chan func()
	wg    sync.WaitGroup
}

func newCtxPool(ctx context.Context) *ctxPool {
	p := &ctxPool{quit: make(chan struct{}), tasks: make(chan func())}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-p.quit:
				return
			case <-ctx.Done():
				return
			case f := <-p.tasks:
				f()
			}
		}
	}()
	return p
}

// Good: the near miss: the worker also ends with its context, which the
// caller cancels.
func (p *ctxPool) Close() {
	p.wg.Wait() // ok: the worker can end on ctx.Done
	close(p.quit)
}

type cancelPool struct {
	quit  chan struct{}
	tasks chan func()
	once  sync.Once
	wg    sync.WaitGroup
}

func newCancelPool() *cancelPool {
	p := &cancelPool{quit: make(chan struct{}), tasks: make(chan func())}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-p.quit:
				return
			case f := <-p.tasks:
				f()
			}
		}
	}()
	return p
}

// Cancel tells the worker to stop.
func (p *cancelPool) Cancel() { p.once.Do(func() { close(p.quit) }) }

// Good: the near miss: Cancel closes p.quit too, and callers cancel
// before they wait.
func (p *cancelPool) Wait() {
	p.wg.Wait() // ok: Cancel may close p.quit before
	p.Cancel()
}

// Good: the near miss: the worker's stop channel is closed before the
// Wait on the path that waits.
func runFor(tick func(), cancelFirst bool) {
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-quit
		tick()
	}()
	if cancelFirst {
		close(quit)
		wg.Wait() // ok: closed just before
		return
	}
	close(quit)
	wg.Wait()
}

// A context whose only cancel comes after the Wait, on a parent nothing
// cancels: the workers that wait for its Done wait forever.

type ctxWorkers struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newCtxWorkers(tick func()) *ctxWorkers {
	w := &ctxWorkers{}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		<-w.ctx.Done()
		tick()
	}()
	return w
}

// Bad: Close waits for the worker before it cancels the context the
// worker waits on.
func (w *ctxWorkers) Close() {
	w.wg.Wait() // want `w.wg.Wait blocks forever: it waits for a goroutine that can return only once its context is done \(w.ctx.Done\(\)\), and \(\*ctxWorkers\).Close cancels that context only after this Wait`
	w.cancel()
}

// Bad: the deferred cancel runs after the Wait.
func watchUntilDone(watch func(context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		watch(ctx)
		<-ctx.Done()
	}()
	wg.Wait() // want `wg.Wait blocks forever: it waits for a goroutine that can return only once its context is done \(ctx.Done\(\)\)`
}

// Good: the near miss: the parent is the caller's, whose cancellation
// ends the workers (a Run that lasts as long as its context).
func runUntilCancelled(ctx context.Context, watch func(context.Context)) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		watch(ctx)
		<-ctx.Done()
	}()
	wg.Wait() // ok: the caller's context ends it
}

type orderedCtxWorkers struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newOrderedCtxWorkers(tick func()) *orderedCtxWorkers {
	w := &orderedCtxWorkers{}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		<-w.ctx.Done()
		tick()
	}()
	return w
}

// Good: the near miss: cancel first, then Wait.
func (w *orderedCtxWorkers) Close() {
	w.cancel()
	w.wg.Wait() // ok: cancelled before the Wait
}

// Good: the near miss: the WaitGroup counts requests, not goroutines: a
// Done per value received, all sent before the Wait; the deferred close
// lets the workers end afterwards (database/sql's doConcurrentTest).
func serveRequests(n int, handle func()) {
	var wg sync.WaitGroup
	wg.Add(n)
	reqs := make(chan bool)
	defer close(reqs)
	for i := 0; i < 2; i++ {
		go func() {
			for range reqs {
				handle()
				wg.Done()
			}
		}()
	}
	for i := 0; i < n; i++ {
		reqs <- true
	}
	wg.Wait() // ok: every request was sent and is done before the Wait returns
}

// A worker whose only way out is the Done of a context nothing can
// cancel: a Wait for it waits forever (cockroach#24808's compactor, run
// by the stopper with context.Background()).

type bgStopper struct{ wg sync.WaitGroup }

func (s *bgStopper) runWorker(ctx context.Context, f func(context.Context)) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f(ctx)
	}()
}

type compactor struct{ ch chan struct{} }

func (c *compactor) suggest() {
	select {
	case c.ch <- struct{}{}:
	default:
	}
}

func (c *compactor) start(ctx context.Context, s *bgStopper, compact func()) {
	s.runWorker(ctx, func(ctx context.Context) {
		for {
			select {
			case <-ctx.Done():
				return
			case <-c.ch:
				compact()
			}
		}
	})
}

// Bad: the stopper waits for a compactor started with
// context.Background(): its loop never leaves.
func runCompactor(compact func()) {
	s := &bgStopper{}
	c := &compactor{ch: make(chan struct{}, 1)}
	c.start(context.Background(), s, compact)
	c.suggest()
	s.wg.Wait() // want `s.wg.Wait blocks forever: it waits for a goroutine that can return only once its context is done, and that context can never be cancelled \(it comes from context.Background\(\)\)`
}

// Good: the near miss: a compactor whose context the caller cancels
// before the Wait.
type cancelledCompactor struct{ ch chan struct{} }

type cancelStopper struct{ wg sync.WaitGroup }

func (s *cancelStopper) runWorker(ctx context.Context, f func(context.Context)) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f(ctx)
	}()
}

func (c *cancelledCompactor) start(ctx context.Context, s *cancelStopper, compact func()) {
	s.runWorker(ctx, func(ctx context.Context) {
		for {
			select {
			case <-ctx.Done():
				return
			case <-c.ch:
				compact()
			}
		}
	})
}

func runCancelledCompactor(compact func()) {
	s := &cancelStopper{}
	c := &cancelledCompactor{ch: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	c.start(ctx, s, compact)
	cancel()
	s.wg.Wait() // ok: cancelled first
}

// Bad: the compactor's context comes from context.Background(), so the
// loop never leaves, and the Wait never returns.
func compactOnce(compact func()) {
	ctx := context.Background()
	done := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-done:
				compact()
			}
		}
	}()
	done <- 1
	wg.Wait() // want `wg.Wait blocks forever: it waits for a goroutine that can return only once its context is done, and that context can never be cancelled \(it comes from context.Background\(\)\)`
}

// Good: the near miss: the context is cancelled before the Wait.
func compactOnceCancelled(compact func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-done:
				compact()
			}
		}
	}()
	done <- 1
	cancel()
	wg.Wait() // ok: cancelled first
}
