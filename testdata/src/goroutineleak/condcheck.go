package goroutineleak

import (
	"sync"
	"time"
)

// A Cond's condition checked before its lock is taken (moby#29733).

type activation struct {
	activated bool
	ready     *sync.Cond
	mu        sync.Mutex
	items     []int
	itemsCond *sync.Cond
	// window runs between a check and the lock (logging, a metric)
	window func()
}

func newActivation() *activation {
	a := &activation{ready: sync.NewCond(&sync.Mutex{}), window: func() { time.Sleep(time.Millisecond) }}
	a.itemsCond = sync.NewCond(&a.mu)
	return a
}

func (a *activation) isActivated() bool { return a.activated }

// Bad: activate can set activated and Broadcast between the check and
// the Lock; the Wait then waits for a wakeup that has come and gone.
func (a *activation) waitActive() {
	if !a.isActivated() {
		a.window()
		a.ready.L.Lock()
		a.ready.Wait() // want `ready.Wait can block forever: \(\*activation\)\.waitActive checks activated before it locks the Cond's lock and does not check it again under it, so \(\*activation\)\.activate can set it and wake the waiters in between`
		a.ready.L.Unlock()
	}
}

// Good: the condition is checked under the lock, in a loop around Wait.
func (a *activation) waitActiveLooping() {
	a.ready.L.Lock()
	for !a.activated {
		a.ready.Wait()
	}
	a.ready.L.Unlock()
}

// Good: a fast path before the lock, and the check repeated under it.
func (a *activation) waitActiveRechecked() {
	if !a.isActivated() {
		a.ready.L.Lock()
		if !a.activated {
			a.ready.Wait()
		}
		a.ready.L.Unlock()
	}
}

func (a *activation) activate() {
	a.ready.L.Lock()
	a.activated = true
	a.ready.Broadcast()
	a.ready.L.Unlock()
}

// Bad: the length is read before the mutex the Cond uses; a push can
// land in between.
func (a *activation) takeFirst() int {
	if len(a.items) == 0 {
		a.window()
		a.mu.Lock()
		a.itemsCond.Wait() // want `itemsCond.Wait can block forever: \(\*activation\)\.takeFirst checks items before it locks`
		a.mu.Unlock()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	v := a.items[0]
	a.items = a.items[1:]
	return v
}

// Good: the check is made with the lock held.
func (a *activation) takeFirstLocked() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.items) == 0 {
		a.itemsCond.Wait()
	}
	v := a.items[0]
	a.items = a.items[1:]
	return v
}

func (a *activation) push(v int) {
	a.mu.Lock()
	a.items = append(a.items, v)
	a.mu.Unlock()
	a.itemsCond.Signal()
}

type signalOnly struct {
	started bool
	c       *sync.Cond
}

// Good: nothing that wakes the Cond stores started (the waker only
// signals): the check is of state this Cond does not guard.
func (s *signalOnly) wait() {
	if !s.started {
		s.c.L.Lock()
		s.c.Wait()
		s.c.L.Unlock()
	}
}

func (s *signalOnly) poke() { s.c.Broadcast() }
