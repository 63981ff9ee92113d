package goroutineleak

import (
	"sync"
	"time"
)

// Objects kept in a package-level registry for the life of the process
// (hertz's balancer factories): the goroutine of each lives as long as the
// object, which the registry never drops, so it is started once per key,
// not once per call.

type keyedFactory struct{ interval time.Duration }

func (f *keyedFactory) refresh() {
	for range time.Tick(f.interval) { // ok: the factory is kept for the process
	}
}

var factories sync.Map

// Good: one factory per key, never removed.
func factoryFor(key string, interval time.Duration) *keyedFactory {
	if v, ok := factories.Load(key); ok {
		return v.(*keyedFactory)
	}
	f := &keyedFactory{interval: interval}
	go f.refresh()
	factories.Store(key, f)
	return f
}

type droppedFactory struct{ interval time.Duration }

func (f *droppedFactory) refresh() {
	for range time.Tick(f.interval) { // want `goroutine started by goroutineleak.droppedFactoryFor never ends`
	}
}

var droppable = map[string]*droppedFactory{}
var droppableMu sync.Mutex

// Bad: the registry forgets its factories (forgetFactory), but not their
// goroutines.
func droppedFactoryFor(key string, interval time.Duration) *droppedFactory {
	droppableMu.Lock()
	defer droppableMu.Unlock()
	if f, ok := droppable[key]; ok {
		return f
	}
	f := &droppedFactory{interval: interval}
	go f.refresh()
	droppable[key] = f
	return f
}

func forgetFactory(key string) {
	droppableMu.Lock()
	delete(droppable, key)
	droppableMu.Unlock()
}

// A constructor whose every caller keeps what it makes in a registry
// (VictoriaMetrics' logger.WithThrottler): one throttler per name for the
// life of the process, each with its goroutine.
type throttler struct{ ch chan struct{} }

var (
	throttlers   = map[string]*throttler{}
	throttlersMu sync.Mutex
)

func ThrottlerFor(name string) *throttler {
	throttlersMu.Lock()
	defer throttlersMu.Unlock()
	if t, ok := throttlers[name]; ok {
		return t
	}
	t := newThrottler()
	throttlers[name] = t
	return t
}

func newThrottler() *throttler {
	t := &throttler{ch: make(chan struct{}, 1)}
	go func() {
		for {
			<-t.ch // ok: every caller keeps the throttler for the process
			time.Sleep(time.Second)
		}
	}()
	return t
}

// The near miss: the same constructor also hands a fresh pacer to any
// caller, whose goroutine then outlives it.
type pacer struct{ ch chan struct{} }

var pacers = map[string]*pacer{}

func PacerFor(name string) *pacer {
	if p, ok := pacers[name]; ok {
		return p
	}
	p := newPacer()
	pacers[name] = p
	return p
}

func NewPacer() *pacer { return newPacer() }

func newPacer() *pacer {
	p := &pacer{ch: make(chan struct{}, 1)}
	go func() {
		for {
			<-p.ch // want `goroutine started by goroutineleak.newPacer never ends`
			time.Sleep(time.Second)
		}
	}()
	return p
}

// Allow reports whether a message may go out now.
func (t *throttler) Allow() bool {
	select {
	case t.ch <- struct{}{}:
		return true
	default:
		return false
	}
}

func (p *pacer) Allow() bool {
	select {
	case p.ch <- struct{}{}:
		return true
	default:
		return false
	}
}
