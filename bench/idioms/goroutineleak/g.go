package idioms

import (
	"context"
	"sync"
	"time"
)

// 61. ctx/cancel stored in fields, cancel in Close
type Syncer struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func NewSyncer(f func()) *Syncer {
	s := &Syncer{}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Add(1)
	go s.loop(f)
	return s
}

func (s *Syncer) loop(f func()) {
	defer s.wg.Done()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			f()
		case <-s.ctx.Done():
			return
		}
	}
}

func (s *Syncer) Close() { s.cancel(); s.wg.Wait() }

// 62. quit closed through sync.OnceFunc stored in a field
type Pinger struct {
	quit chan struct{}
	stop func()
}

func NewPinger(f func()) *Pinger {
	p := &Pinger{quit: make(chan struct{})}
	p.stop = sync.OnceFunc(func() { close(p.quit) })
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				f()
			case <-p.quit:
				return
			}
		}
	}()
	return p
}

func (p *Pinger) Stop() { p.stop() }

// 63. close guarded by select (idempotent close) in an unexported helper
type Loop struct {
	quit chan struct{}
	mu   sync.Mutex
}

func NewLoop(f func()) *Loop {
	l := &Loop{quit: make(chan struct{})}
	go l.run(f)
	return l
}

func (l *Loop) run(f func()) {
	for {
		select {
		case <-time.After(time.Second):
			f()
		case <-l.quit:
			return
		}
	}
}

func (l *Loop) shutdown() {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-l.quit:
	default:
		close(l.quit)
	}
}

func (l *Loop) Close() error { l.shutdown(); return nil }

// 64. pool whose workers get the jobs channel through their own struct
type worker struct {
	id   int
	jobs <-chan func()
	wg   *sync.WaitGroup
}

func (w *worker) run() {
	defer w.wg.Done()
	for j := range w.jobs {
		j()
	}
}

type Dispatcher struct {
	jobs chan func()
	wg   sync.WaitGroup
}

func NewDispatcher(n int) *Dispatcher {
	d := &Dispatcher{jobs: make(chan func(), n)}
	for i := 0; i < n; i++ {
		d.wg.Add(1)
		w := &worker{id: i, jobs: d.jobs, wg: &d.wg}
		go w.run()
	}
	return d
}

func (d *Dispatcher) Do(f func()) { d.jobs <- f }

func (d *Dispatcher) Close() { close(d.jobs); d.wg.Wait() }

// 65. ready channel closed by an init goroutine, waiters block until ready
type Lazy struct {
	ready chan struct{}
	val   int
}

func NewLazy(f func() int) *Lazy {
	l := &Lazy{ready: make(chan struct{})}
	go func() {
		l.val = f()
		close(l.ready)
	}()
	return l
}

func (l *Lazy) Get(ctx context.Context) (int, error) {
	select {
	case <-l.ready:
		return l.val, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// 66. generic pool
type GPool[T any] struct {
	in   chan T
	wg   sync.WaitGroup
	quit chan struct{}
}

func NewGPool[T any](n int, f func(T)) *GPool[T] {
	p := &GPool[T]{in: make(chan T), quit: make(chan struct{})}
	for range n {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for {
				select {
				case v := <-p.in:
					f(v)
				case <-p.quit:
					return
				}
			}
		}()
	}
	return p
}

func (p *GPool[T]) Submit(v T) bool {
	select {
	case p.in <- v:
		return true
	case <-p.quit:
		return false
	}
}

func (p *GPool[T]) Close() { close(p.quit); p.wg.Wait() }

// 67. embedded lifecycle struct
type lifecycle struct {
	stopc chan struct{}
	donec chan struct{}
}

func newLifecycle() lifecycle {
	return lifecycle{stopc: make(chan struct{}), donec: make(chan struct{})}
}

func (l *lifecycle) Stop() { close(l.stopc); <-l.donec }

type Compactor struct {
	lifecycle
	n int
}

func NewCompactor() *Compactor {
	c := &Compactor{lifecycle: newLifecycle()}
	go c.run()
	return c
}

func (c *Compactor) run() {
	defer close(c.donec)
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.n++
		case <-c.stopc:
			return
		}
	}
}

// 68. close held in a cancel closure
func StartWatch(f func()) (cancel func()) {
	quit := make(chan struct{})
	go func() {
		for {
			select {
			case <-time.After(time.Second):
				f()
			case <-quit:
				return
			}
		}
	}()
	cancel = func() { close(quit) }
	return cancel
}

// 69. WithCancelCause
func Supervise(ctx context.Context, tasks []func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := t(ctx); err != nil {
				cancel(err)
			}
		}()
	}
	wg.Wait()
	return context.Cause(ctx)
}

// 70. errc buffered 2 for two goroutines, owner reads the first
func Copy2(a, b func() error) error {
	errc := make(chan error, 2)
	go func() { errc <- a() }()
	go func() { errc <- b() }()
	return <-errc
}

// 71. Stop closes a quit channel, loop sends to an exported output with quit case
type Emitter struct {
	C    chan int
	quit chan struct{}
}

func NewEmitter() *Emitter {
	e := &Emitter{C: make(chan int), quit: make(chan struct{})}
	go func() {
		defer close(e.C)
		for i := 0; ; i++ {
			select {
			case e.C <- i:
			case <-e.quit:
				return
			}
		}
	}()
	return e
}

func (e *Emitter) Stop() { close(e.quit) }
