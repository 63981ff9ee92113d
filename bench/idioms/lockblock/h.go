package idioms

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// 75. an HTTP server shut down under the lock with a deadline
type App struct {
	mu  sync.Mutex
	srv *http.Server
}

func (a *App) Stop() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := a.srv.Shutdown(ctx)
	a.srv = nil
	return err
}

func (a *App) Running() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.srv != nil
}

// 76. sync.OnceValue under a lock
type Settings struct {
	mu   sync.Mutex
	load func() map[string]string
	over map[string]string
}

func NewSettings() *Settings {
	return &Settings{load: sync.OnceValue(func() map[string]string { return map[string]string{} })}
}

func (s *Settings) Get(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.over[k]; ok {
		return v
	}
	return s.load()[k]
}

// 77. a waiter answered by a goroutine that only touches atomics
type Probe struct {
	mu    sync.Mutex
	seq   atomic.Int64
	reply chan int64
}

func NewProbe() *Probe {
	p := &Probe{reply: make(chan int64)}
	go func() {
		for {
			p.reply <- p.seq.Add(1)
		}
	}()
	return p
}

func (p *Probe) Next() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return <-p.reply
}

// 78. context.AfterFunc that takes the lock; the registering function
// holds it only while registering
type Watch struct {
	mu       sync.Mutex
	canceled bool
	stop     func() bool
}

func (w *Watch) Start(ctx context.Context) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stop = context.AfterFunc(ctx, func() {
		w.mu.Lock()
		w.canceled = true
		w.mu.Unlock()
	})
}

func (w *Watch) Stop() {
	w.mu.Lock()
	stop := w.stop
	w.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// 79. a broadcast by closing a channel under the lock; waiters lock after
// waking
type Epoch struct {
	mu      sync.Mutex
	changed chan struct{}
	n       int
}

func NewEpoch() *Epoch { return &Epoch{changed: make(chan struct{})} }

func (e *Epoch) Advance() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.n++
	close(e.changed)
	e.changed = make(chan struct{})
}

func (e *Epoch) WaitChange(ctx context.Context) int {
	e.mu.Lock()
	ch := e.changed
	e.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.n
}
