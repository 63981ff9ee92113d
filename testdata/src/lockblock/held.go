package lockblock

import (
	"errors"
	"sync"
	"time"
)

type Registry struct {
	mu    sync.Mutex
	items map[string]int
}

// Bad: the early error return leaves r.mu locked.
func (r *Registry) Register(name string, v int) error {
	r.mu.Lock()
	if name == "" {
		return errors.New("empty name") // want `return with r.mu still locked, though later returns unlock it`
	}
	r.items[name] = v
	r.mu.Unlock()
	return nil
}

// Good: defer on every path.
func (r *Registry) RegisterDefer(name string, v int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if name == "" {
		return errors.New("empty name")
	}
	r.items[name] = v
	return nil
}

// Good: unlock before every return.
func (r *Registry) RegisterExplicit(name string, v int) error {
	r.mu.Lock()
	if name == "" {
		r.mu.Unlock()
		return errors.New("empty name")
	}
	r.items[name] = v
	r.mu.Unlock()
	return nil
}

// Good: a helper that returns holding the lock on success, for its caller.
func (r *Registry) lockedItems(ok bool) (map[string]int, error) {
	r.mu.Lock()
	if !ok {
		r.mu.Unlock()
		return nil, errors.New("closed")
	}
	return r.items, nil
}

// Good: conditional locking is not must-held.
func (r *Registry) Maybe(lock bool) {
	if lock {
		r.mu.Lock()
	}
	r.items = nil
	if lock {
		r.mu.Unlock()
	}
}

type scratch struct {
	mu  sync.Mutex
	buf []byte
}

func (s *scratch) writeMode() { s.mu.Lock() }
func (s *scratch) readMode()  { s.mu.Unlock() }

// Good: the object was made here and dies with it.
func UseScratch(fail bool) error {
	s := &scratch{}
	s.writeMode()
	if fail {
		return errors.New("failed") // ok: s does not outlive this call
	}
	s.readMode()
	return nil
}

type txn struct{ s *Registry }

// Begin returns with r.mu held; the transaction's End releases it.
func (r *Registry) Begin() *txn { r.mu.Lock(); return &txn{s: r} }

func (t *txn) End() { t.s.mu.Unlock() }

type ender interface{ End() }

// Good: a goroutine with a deferred call has a second return, reached only
// by a panic; the lock taken through Begin is released through an
// interface the analysis does not follow, and nothing here is reported.
func (r *Registry) Concurrent(wg *sync.WaitGroup) {
	go func() {
		defer wg.Done()
		var e ender = r.Begin()
		e.End() // ok: released through the interface
	}()
}

// A mutex used as a signal between goroutines: one goroutine locks it and
// never unlocks it, another unlocks it. Every exit after the Lock holds it
// (the early return comes before the Lock): a hand-off, not a leak.
func signalBetween(open func() error, errs chan<- error) {
	var gate sync.Mutex
	gate.Lock()
	var blocker sync.Mutex
	go func() {
		if err := open(); err != nil {
			errs <- err
			return // ok: before the Lock
		}
		blocker.Lock()
		for i := 0; i < 10; i++ {
			if err := open(); err != nil {
				errs <- err
				return // ok: every exit after the Lock holds blocker: the other goroutine unlocks it
			}
		}
		gate.Unlock()
	}()
	go func() {
		gate.Lock() // waits for the first goroutine
		blocker.Unlock()
	}()
}

// Bad: the same early exit after the Lock, while the loop's end unlocks.
func (r *Registry) drain(open func() error) error {
	if err := open(); err != nil {
		return err
	}
	r.mu.Lock()
	for i := 0; i < 10; i++ {
		if err := open(); err != nil {
			return err // want `return with r.mu still locked, though later returns unlock it`
		}
	}
	r.mu.Unlock()
	return nil
}

// Bad: a function with no result, whose last return is the closing brace
// (an implicit return that unlocks): the early return keeps r.mu (a timer
// callback's grpc#3017 shape).
func (r *Registry) Expire(name string, abort *bool) {
	time.AfterFunc(time.Second, func() {
		r.mu.Lock()
		if *abort {
			return // want `return with r.mu still locked, though later returns unlock it`
		}
		delete(r.items, name)
		r.mu.Unlock()
	})
}

// Bad: the same in a method.
func (r *Registry) Drop(name string) {
	r.mu.Lock()
	if _, ok := r.items[name]; !ok {
		return // want `return with r.mu still locked, though later returns unlock it`
	}
	delete(r.items, name)
	r.mu.Unlock()
}

// Good (near miss): the early return unlocks, the closing brace returns
// holding it for the caller (a lock helper that may fail).
func (r *Registry) lockIfPresent(name string) {
	r.mu.Lock()
	if _, ok := r.items[name]; !ok {
		r.mu.Unlock()
		return
	}
}

// Bad: what the name says does not count. An error return that keeps
// the read lock is the bug whatever the function is called (vouch's
// auctionBlock, whose name ends in "lock").
func (r *Registry) auctionBlock(name string) (int, error) {
	r.mu.Lock()
	v, ok := r.items[name]
	if !ok {
		return 0, errors.New("no such item") // want `return with r.mu still locked, though later returns unlock it`
	}
	r.mu.Unlock()
	return v, nil
}

// Good (near miss): a try-lock keeps the mutex on success (true) and
// releases it on failure (false): it takes the lock for its caller.
func (r *Registry) TryHold(name string) bool {
	r.mu.Lock()
	if _, ok := r.items[name]; ok {
		return true
	}
	r.mu.Unlock()
	return false
}

// Good (near miss): the same with an error result: nil keeps the lock.
func (r *Registry) HoldIfPresent(name string) error {
	r.mu.Lock()
	if _, ok := r.items[name]; ok {
		return nil
	}
	r.mu.Unlock()
	return errors.New("absent")
}

// Good (near miss): a helper whose returns say nothing; its only caller
// releases the mutex after the call, so it hands the lock over.
func (r *Registry) holdUnlessEmpty() {
	r.mu.Lock()
	if len(r.items) > 0 {
		return
	}
	r.mu.Unlock()
}

func (r *Registry) Touch() {
	r.holdUnlessEmpty()
	r.mu.Unlock()
}

// Bad: the success return keeps the mutex, the failure return releases
// it, but the package's only caller releases nothing after the call: the
// callers show the kept lock is the bug (moby#17176's
// cleanupDeletedDevices).
func (r *Registry) cleanupDeleted() error {
	r.mu.Lock()
	if len(r.items) == 0 {
		return nil // want `return with r.mu still locked, though later returns unlock it`
	}
	r.mu.Unlock()
	return errors.New("items left")
}

func (r *Registry) Reset() {
	_ = r.cleanupDeleted()
	r.mu.Lock()
	r.items = map[string]int{}
	r.mu.Unlock()
}
