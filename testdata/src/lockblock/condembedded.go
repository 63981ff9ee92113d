package lockblock

import "sync"

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
