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

// A package's one instance, kept in a package-level variable that only
// its setter sets (dgraph's posting.Init storing what initMemoryLayer
// makes): the layer's goroutine lives as long as the package serves from
// the layer, once per process.
type memoryLayer struct {
	size    int
	hits    chan int
	entries map[string]int
}

// Close empties the layer; its goroutine runs on.
func (l *memoryLayer) Close() { l.entries = nil }

var memLayerInstance *memoryLayer

func InitMemoryLayer(size int) {
	memLayerInstance = newMemoryLayer(size)
}

func RecordHit() {
	select {
	case memLayerInstance.hits <- 1:
	default:
	}
}

func newMemoryLayer(size int) *memoryLayer {
	ml := &memoryLayer{size: size, hits: make(chan int, 1)}
	go func() {
		for range ml.hits { // ok: the package's one layer, kept for the process
		}
	}()
	return ml
}

// The near misses: a layer that another function drops (its goroutine
// runs on), and one whose setter looks at the layer it replaces first (a
// reload, called again while the old layer's goroutine runs on).
var spareLayer *memoryLayer

func InitSpareLayer(size int) { spareLayer = newSpareLayer(size) }

func DropSpareLayer() { spareLayer = nil }

func newSpareLayer(size int) *memoryLayer {
	ml := &memoryLayer{size: size, hits: make(chan int, 1)}
	go func() {
		for range ml.hits { // want `goroutine started by goroutineleak.newSpareLayer never ends`
		}
	}()
	return ml
}

var reloadedLayer *memoryLayer

func ReloadLayer(size int) {
	if reloadedLayer != nil && reloadedLayer.size == size {
		return
	}
	reloadedLayer = newReloadedLayer(size)
}

func newReloadedLayer(size int) *memoryLayer {
	ml := &memoryLayer{size: size, hits: make(chan int, 1)}
	go func() {
		for range ml.hits { // want `goroutine started by goroutineleak.newReloadedLayer never ends`
		}
	}()
	return ml
}
