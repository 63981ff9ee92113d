package lockblock

import "sync"

// A mutex whose Unlock is handed out as a value (a method value stored in
// a callback, the mutex passed on as a sync.Locker) can be released by
// whoever calls it: locking it again waits for that call, it is not a
// self-deadlock that the function's own path proves.

// unlockOnce returns a function that releases l at most once.
func unlockOnce(l sync.Locker) func() {
	var once sync.Once
	return func() { once.Do(l.Unlock) }
}

type NameServer struct {
	lock    sync.RWMutex
	started bool
	OnReady func()
}

func (s *NameServer) serve() error {
	s.lock.RLock()
	defer s.lock.RUnlock()
	return nil
}

// Good: unlock() releases s.lock through the closure unlockOnce returns
// (and again, as a no-op, when deferred) before serve read-locks it.
func (s *NameServer) Start() error {
	unlock := unlockOnce(&s.lock)
	s.lock.Lock()
	defer unlock()
	if s.started {
		return nil
	}
	s.started = true
	unlock()
	return s.serve() // ok
}

// Good: a mutex used as a signal: the server's goroutine calls OnReady,
// which is ready.Unlock, and the second Lock waits for it.
func StartAndWait(s *NameServer) {
	var ready sync.Mutex
	ready.Lock()
	s.OnReady = ready.Unlock
	go func() {
		_ = s.serve()
		s.OnReady()
	}()
	ready.Lock() // ok
}

// Bad: the Unlock handed out is another mutex's; s.lock is still held
// when serve read-locks it.
func (s *NameServer) StartWrong(other *sync.Mutex) error {
	s.OnReady = other.Unlock
	s.lock.Lock()
	defer s.lock.Unlock()
	return s.serve() // want `call to \(\*NameServer\).serve read-locks s.lock while it is already locked on this path`
}

// A mutex handed to sync.NewCond is not handed off: Cond.Wait unlocks it
// and locks it again before it returns (net/http's connReader).
type condConn struct {
	mu       sync.Mutex
	hijacked bool
	r        *condReader
}

type condReader struct {
	mu     sync.Mutex
	cond   *sync.Cond
	conn   *condConn
	inRead bool
}

// lock locks cr.mu for its caller and makes the Cond on first use.
func (cr *condReader) lock() {
	cr.mu.Lock()
	if cr.cond == nil {
		cr.cond = sync.NewCond(&cr.mu)
	}
}

func (cr *condReader) unlock() { cr.mu.Unlock() }

func (c *condConn) isHijacked() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hijacked
}

// Bad: Read takes c.mu under cr.mu; Hijack takes cr.mu under c.mu.
func (cr *condReader) Read() bool {
	cr.lock()
	defer cr.unlock()
	return cr.conn.isHijacked() // want `lock order inversion`
}

func (c *condConn) Hijack() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.r.abortPendingRead()
	c.hijacked = true
}

func (cr *condReader) abortPendingRead() {
	cr.lock()
	defer cr.unlock()
	for cr.inRead {
		cr.cond.Wait()
	}
}
