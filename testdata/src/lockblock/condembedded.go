package lockblock

import (
	"sync"

	"lockblock/dep"
)

// A cond whose locker is a struct that embeds the mutex: Lock on the
// struct locks its embedded Mutex, and Wait releases that same mutex, so
// a Signal under it is not blocked by the waiter.
type condEmbedded struct {
	mu struct {
		sync.Mutex
		cond  *sync.Cond
		ready bool
	}
}

func newCondEmbedded() *condEmbedded {
	w := &condEmbedded{}
	w.mu.cond = sync.NewCond(&w.mu)
	return w
}

// Near miss: the standard cond loop.
func (w *condEmbedded) waitReady() {
	w.mu.Lock()
	for !w.mu.ready {
		w.mu.cond.Wait() // ok: Wait releases w.mu, which signalReady takes
	}
	w.mu.Unlock()
}

func (w *condEmbedded) signalReady() {
	w.mu.Lock()
	w.mu.ready = true
	w.mu.cond.Signal()
	w.mu.Unlock()
}

// A mutex wrapper of another package, two embeddings deep (dep.Mutex,
// like cilium's lock.Mutex): Lock is promoted to the inner sync.Mutex,
// which the cond's Wait releases.
type condWrapped struct {
	mu    dep.Mutex
	cond  *sync.Cond
	ready bool
}

func newCondWrapped() *condWrapped {
	w := &condWrapped{}
	w.cond = sync.NewCond(&w.mu)
	return w
}

// Near miss: the standard cond loop, with the wrapper.
func (w *condWrapped) waitReady() {
	w.mu.Lock()
	for !w.ready {
		w.cond.Wait() // ok: Wait releases w.mu's inner mutex, which signalReady takes
	}
	w.mu.Unlock()
}

func (w *condWrapped) signalReady() {
	w.mu.Lock()
	w.ready = true
	w.mu.Unlock()
	w.cond.Signal()
}
