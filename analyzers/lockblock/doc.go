// Package lockblock defines an Analyzer that reports waiting while a
// mutex is held, locking a mutex that is already held, inconsistent lock
// order, and returns that leave a mutex locked.
//
// # Analyzer lockblock
//
// lockblock: report blocking operations under a sync.Mutex or RWMutex, re-locking, lock-order inversions and locks left held
//
// A sync.Mutex protects a short, non-blocking critical section. While it is
// held, every goroutine that needs it waits; if the holder itself waits for
// something (a channel, a WaitGroup, the network, a sleep), all of them wait
// for that too, and if what the holder waits for needs the same mutex, the
// program deadlocks. This is the Go form of blocking the event loop, or of
// holding an asyncio.Lock across an await.
//
// The pass reports four things:
//
// Blocking under a lock. A channel send or receive, a select with no
// default case, sync.WaitGroup.Wait, sync.Cond.Wait on another mutex's
// condition, time.Sleep, network, HTTP, database/sql and os/exec waits, and
// calls to functions that do one of these (summarized across packages),
// while a mutex is held on every path to the operation:
//
//	s.mu.Lock()
//	defer s.mu.Unlock()
//	for _, sub := range s.subs {
//		sub <- ev // one slow subscriber stalls every user of s.mu
//	}
//
// Copy what you need under the lock and wait outside it:
//
//	s.mu.Lock()
//	subs := slices.Clone(s.subs)
//	s.mu.Unlock()
//	for _, sub := range subs {
//		sub <- ev
//	}
//
// or give each subscriber a buffered queue and send with a select that has
// a default case.
//
// Precision rule: a send on a channel made with a non-zero constant buffer
// is assumed to find room; a select with a default case, a timer case or a
// ctx.Done() case, and a receive from a timer or a context's Done channel,
// are bounded or cancellable and are not reported.
//
// Re-locking. Locking a mutex that this path already holds, directly or
// through a callee (in this package or another) that locks it, deadlocks at
// once:
//
//	func (s *Store) Put(k, v string) {
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		if s.Has(k) { // Has also locks s.mu: self-deadlock
//
// Split the body into a helper that expects the lock to be held (hasLocked)
// and call that. RLock while the same RWMutex is read-locked is reported
// separately: it deadlocks only when a writer calls Lock between the two
// RLocks, which happens under load.
//
// Lock-order inversion. One path takes A then B, another takes B then A;
// two goroutines running them can each hold one and wait for the other.
// Mutexes are identified by the struct type and field that hold them (or
// the package-level variable), so the two paths may be in different
// functions. Take locks in one global order.
//
// Held on return. A function that locks a mutex and returns early while it
// is still held, though a later return releases it: the next Lock blocks
// forever. Use defer mu.Unlock() right after Lock.
//
// Not reported: sync.Cond.Wait under the cond's own lock, work between
// Unlock and Lock, TryLock, functions that return holding the lock on every
// path (lock helpers) or whose name says they acquire it (lock, rlock,
// acquire...), a mutex inside an object the function made itself (held on
// return), and a mutex held on only some of the paths to an operation (the
// analysis is must-held, to stay quiet on conditional locking).
//
// sync.Cond.Wait releases its own lock c.L while it waits, so it is
// reported only for the other mutexes held, and only when c.L is known
// from sync.NewCond(&s.mu) or c.L = &s.mu stored into the cond's field.
//
// Precision rules beyond the wait itself: a mutex whose every critical
// section in the package waits is taken to exist to serialize that wait
// (a write lock around a pipe or a dial) and is not reported; reads and
// writes on an established connection are bounded by its deadlines, which
// the pass does not track, and are not reported; a mutex that a goroutine
// started in the function unlocks is a hand-off signal, not a critical
// section; a callee that blocks only on a channel parameter does not
// block when the caller passes nil; a token received from a buffered
// channel that the same function gives back is a lock acquisition, not a
// wait; and time.Sleep under a lock in a _test.go file simulates a slow
// holder on purpose.
//
// Known limits: calls through function values are not followed, and calls
// through an interface only when the interface is declared in the package
// with exactly one implementation there (for blocking; re-locking through
// interfaces is not followed); two instances of the same struct type are
// one mutex for lock order, and distinct for re-locking only when reached
// from the same variable; lock order is checked within a package (callees
// in other packages contribute the mutexes of their arguments through
// facts). Known false positives, measured on the corpus in
// docs/evaluation.md: a stop-and-join (close a stop channel, then wait for
// the goroutine's deferred close or Done) under a mutex the goroutine never
// takes is reported although the wait is bounded (proving that needs the
// goroutine's own lock needs and cancellation, not modelled yet); a wait
// that a path condition makes immediate (if w.done { <-w.result }) is
// reported; a buffered channel kept in a map or slice is judged by the
// package's makes of its type only; an inversion whose two paths both run
// under a common outer lock taken by their callers is reported; and tests
// that deadlock on purpose (a mutex-profile test) are reported correctly
// but are not worth fixing: silence them with a directive.
// Silence a finding with a //conclint:ignore lockblock <reason> comment on
// its line or the line above.
package lockblock
