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
