package lockblock

import (
	"errors"
	"sync"
)

// The lock state real code has: functions entered with the lock held,
// locking that depends on a constant argument, hand-offs, anonymous and
// indexed mutexes.

type waiter struct {
	mu    sync.Mutex
	ready chan struct{}
	err   error
	n     int
}

// Good: entered with w.mu held (it unlocks before it locks); every return
// holds it again, as the caller expects.
func (w *waiter) waitLocked() error {
	for w.n == 0 {
		w.mu.Unlock()
		<-w.ready
		w.mu.Lock()
		if w.err != nil {
			return w.err // ok: held on entry, held on return
		}
	}
	return nil
}

func (w *waiter) Wait() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.waitLocked()
}

// Locking that depends on a constant argument: purge(false) does not lock.
type purger struct {
	mu   sync.Mutex
	keys map[string]int
}

func (p *purger) purge(needLock bool) {
	if needLock {
		p.mu.Lock()
		defer p.mu.Unlock()
	}
	clear(p.keys)
}

func (p *purger) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.purge(false) // ok: the callee locks only when needLock is true
}

func (p *purger) ResetTwice() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.purge(true) // want `call to \(\*purger\).purge locks p.mu while it is already locked on this path`
}

// Hand-off: a helper that locks and starts the goroutine that unlocks.
type baton struct {
	mu   sync.Mutex
	done chan struct{}
}

func (b *baton) pass() {
	b.mu.Lock()
	go func() {
		<-b.done
		b.mu.Unlock()
	}()
}

func (b *baton) Run() {
	b.pass()
	b.mu.Lock() // ok: waits for the goroutine that pass started to unlock
	b.mu.Unlock()
}

// Anonymous struct fields: the mutex is one across methods.
type stats struct {
	mu struct {
		sync.Mutex
		hits int
	}
}

func (s *stats) hit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mu.hits++
}

func (s *stats) HitTwice() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hit() // want `call to \(\*stats\).hit locks s.mu while it is already locked on this path`
}

// Constant indexes: a[0].mu evaluated twice is one mutex.
type cell struct{ mu sync.Mutex }

func lockFirst(cells []cell) {
	cells[0].mu.Lock()
	cells[0].mu.Lock() // want `Locks cells\[0\].mu while it is already locked on this path`
	cells[0].mu.Unlock()
}

func lockBoth(cells []cell) {
	cells[0].mu.Lock()
	cells[1].mu.Lock() // ok: two elements
	cells[1].mu.Unlock()
	cells[0].mu.Unlock()
}

// RLocker: the read side of an RWMutex as a Locker.
type view struct {
	mu   sync.RWMutex
	rows []int
}

func (v *view) snapshot() []int {
	l := v.mu.RLocker()
	l.Lock()
	defer l.Unlock()
	return append([]int(nil), v.rows...)
}

func (v *view) Reset() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.rows = v.snapshot()[:0] // want `call to \(\*view\).snapshot read-locks v.mu while it is already locked on this path`
}

var errEmpty = errors.New("empty")

// Good: entered with w.mu held (its callee unlocks and locks it again),
// it returns holding it on every path.
func (w *waiter) relockVia() {
	w.mu.Unlock()
	w.mu.Lock()
}

func (w *waiter) resetLocked() {
	if w.n == 0 {
		return // ok: held on entry
	}
	w.relockVia()
	w.n = 0
}

// The constant travels through a parameter: apply(false) passes it on to
// process, which locks only when it is true.
type streamState struct {
	isolate sync.Mutex
	n       int
}

func (s *streamState) process(needIsolation bool) {
	if needIsolation {
		s.isolate.Lock()
		defer s.isolate.Unlock()
	}
	s.n++
}

func (s *streamState) apply(needIsolation bool) { s.process(needIsolation) }

func (s *streamState) applyBatch() {
	s.isolate.Lock()
	defer s.isolate.Unlock()
	s.apply(false) // ok: the batch holds the isolation lock already
}

func (s *streamState) applyTwice() {
	s.isolate.Lock()
	defer s.isolate.Unlock()
	s.apply(true) // want `call to \(\*streamState\).apply locks s.isolate while it is already locked on this path`
}

// Indexes that are parameters: cells[i].mu evaluated twice is one mutex,
// so the Unlock below ends the section and the Wait is not under it.
type wire struct {
	mu   sync.Mutex
	wait *sync.WaitGroup
}

func joinWire(wires []wire, i int) {
	wires[i].mu.Lock()
	wg := wires[i].wait
	wires[i].mu.Unlock()
	wg.Wait() // ok: wires[i].mu was released on the line above
}

// finishWire ends joinWire's wait, after taking the same mutex.
func finishWire(wires []wire, i int) {
	wires[i].mu.Lock()
	wg := wires[i].wait
	wires[i].mu.Unlock()
	wg.Done()
}

func lockWireTwice(wires []wire, i int) {
	wires[i].mu.Lock()
	wires[i].mu.Lock() // want `Locks wires\[i\].mu while it is already locked on this path`
	wires[i].mu.Unlock()
}

// A loop index names a different element in each iteration.
func lockEachWire(wires []wire) {
	for i := range wires {
		wires[i].mu.Lock() // ok: one element per iteration
	}
	for i := range wires {
		wires[i].mu.Unlock()
	}
}
