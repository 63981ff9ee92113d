package lockblock

import "sync"

// A channel handed to the very call that sends on it: the caller is still
// inside the call, and the receiver is a goroutine it arranged for the
// call. Only a receiver the package makes, and that needs the lock, is
// evidence of a deadlock; an exported function that locks the mutex is
// not (the registry's Gather, the only reader, never calls Set).

type Gauges struct {
	mtx    sync.RWMutex
	values map[string]float64
}

// Near miss: Collect sends on its own parameter under a read lock, and Set
// write-locks the mutex; the receiver is unknown.
func (g *Gauges) Collect(ch chan<- float64) {
	g.mtx.RLock()
	defer g.mtx.RUnlock()
	for _, v := range g.values {
		ch <- v // ok: the receiver is the caller's, arranged for this call
	}
}

func (g *Gauges) Set(k string, v float64) {
	g.mtx.Lock()
	defer g.mtx.Unlock()
	g.values[k] = v
}

// Near miss: the same, with the send in a helper the channel is passed
// on to.
type Vec struct {
	mu sync.Mutex
	m  map[string]*Gauges
}

func (v *Vec) Collect(ch chan<- float64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, g := range v.m {
		emit(ch, g.values["total"]) // ok: the channel is the one handed to Collect
	}
}

func emit(ch chan<- float64, x float64) {
	ch <- x
}

func (v *Vec) Delete(k string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.m, k)
}

// The package's own reader needs the lock: Collect holds r.mu while it
// sends, and Gather's loop locks r.mu before every receive.
type PullRegistry struct {
	mu    sync.Mutex
	total float64
	vals  []float64
}

func (r *PullRegistry) Collect(ch chan<- float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.vals {
		ch <- v // want `deadlock risk: send on channel ch while r.mu is held; the channel comes from the caller \(handed to \(\*PullRegistry\).Collect\), and its receiver in \(\*PullRegistry\).Gather first locks r.mu: neither goroutine can proceed`
	}
}

func (r *PullRegistry) Gather() float64 {
	ch := make(chan float64)
	go func() {
		r.Collect(ch)
		close(ch)
	}()
	for {
		r.mu.Lock()
		t := r.total
		r.mu.Unlock()
		v, ok := <-ch
		if !ok {
			return t
		}
		r.mu.Lock()
		r.total += v
		r.mu.Unlock()
	}
}

// Near miss: the package's own reader takes no lock before it receives.
type PullRegistry2 struct {
	mu    sync.Mutex
	total float64
	vals  []float64
}

func (r *PullRegistry2) Collect(ch chan<- float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.vals {
		ch <- v // ok: Gather receives without the lock
	}
}

func (r *PullRegistry2) Gather() float64 {
	ch := make(chan float64)
	go func() {
		r.Collect(ch)
		close(ch)
	}()
	var t float64
	for v := range ch {
		t += v
	}
	r.mu.Lock()
	r.total = t
	r.mu.Unlock()
	return t
}

// Near miss: the only receive that locks the mutex is the sender's own,
// which cannot take the value it is sending.
type Exchanger struct {
	mu sync.Mutex
	n  int
}

func (e *Exchanger) Swap(ch chan int) int {
	e.mu.Lock()
	ch <- e.n // ok: the receive below is this goroutine's
	e.mu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.n = <-ch
	return e.n
}

// Near miss: one receiver locks the mutex before its receive, but another
// goroutine drains the same channel with no lock and can take the value
// the locked sender waits to hand over.
type PullRegistry3 struct {
	mu   sync.Mutex
	vals []float64
}

func (r *PullRegistry3) Collect(ch chan<- float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.vals {
		ch <- v // ok: drain receives without the lock
	}
}

func (r *PullRegistry3) Poll(ch chan float64) (float64, bool) {
	r.mu.Lock()
	n := len(r.vals)
	r.mu.Unlock()
	if n == 0 {
		return 0, false
	}
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

func (r *PullRegistry3) Run() {
	ch := make(chan float64)
	done := make(chan struct{})
	go func() {
		for range ch {
		}
		close(done)
	}()
	go func() {
		r.Collect(ch)
		close(ch)
	}()
	r.Poll(ch)
	<-done
}
