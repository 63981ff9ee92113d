package dep

import (
	"errors"
	"sync"
)

type Conn struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	pending []int
}

// Drain waits for all pending work.
func (c *Conn) Drain() { c.wg.Wait() }

// Len does not block.
func (c *Conn) Len() int { return len(c.pending) }

// Lock acquires c's mutex for the caller.
func (c *Conn) Lock() { c.mu.Lock() }

// Unlock releases it.
func (c *Conn) Unlock() { c.mu.Unlock() }

// Size locks internally.
func (c *Conn) Size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending)
}

// Retry calls f itself: callers in other packages see f run in the
// call (callees.CallsParamFact).
func Retry(f func()) { f() }

var later []func()

// Later only keeps f for someone else to call.
func Later(f func()) { later = append(later, f) }

// Syncer's BlockSync read-locks syncLock and hands it to the block it
// returns; Unblock releases it through the block's field (a lock handle
// across packages: the LocksFact says that the result keeps r in r).
type Syncer struct{ syncLock sync.RWMutex }

type SyncBlock struct{ r *Syncer }

func (r *Syncer) BlockSync() *SyncBlock {
	r.syncLock.RLock()
	return &SyncBlock{r: r}
}

// Unblock may be called more than once.
func (b *SyncBlock) Unblock() {
	if b != nil && b.r != nil {
		b.r.syncLock.RUnlock()
		b.r = nil
	}
}

// PrivDB's Reader read-locks lock and hands the release to the reader it
// returns as a closure in a field; Close calls it (go-mysql-server's
// MySQLDb.Reader). Editor write-locks the same lock.
type PrivDB struct {
	lock  sync.RWMutex
	users map[string]bool
}

type PrivReader struct {
	users map[string]bool
	close func()
}

func (db *PrivDB) Reader() *PrivReader {
	db.lock.RLock()
	return &PrivReader{
		users: db.users,
		close: func() {
			db.lock.RUnlock()
		},
	}
}

// Close may be called more than once.
func (r *PrivReader) Close() {
	if r.close != nil {
		r.close()
		r.close = nil
	}
}

type PrivEditor struct{ db *PrivDB }

func (db *PrivDB) Editor() *PrivEditor {
	db.lock.Lock()
	return &PrivEditor{db: db}
}

func (e *PrivEditor) Close() { e.db.lock.Unlock() }

// ChainLock is a mutex whose Lock and Unlock return it, so that a caller
// writes defer l.Lock().Unlock().
type ChainLock struct{ mu sync.Mutex }

func (l *ChainLock) Lock() *ChainLock   { l.mu.Lock(); return l }
func (l *ChainLock) Unlock() *ChainLock { l.mu.Unlock(); return l }

// HoldWhile runs f with the lock held.
func (l *ChainLock) HoldWhile(f func()) {
	defer l.Lock().Unlock()
	f()
}

// Store is a database whose queries hold its types read-locked from
// QueryStore until they finish.
type Store struct {
	typesMutex sync.RWMutex
	names      []string
}

// Register changes the types: it waits for every query to finish.
func (s *Store) Register(name string) {
	s.typesMutex.Lock()
	s.names = append(s.names, name)
	s.typesMutex.Unlock()
}

// Query is a query of T; its operations release the store's lock
// through finish, deferred.
type Query[T any] struct {
	xs  *Store
	n   int
	err error
}

// QueryStore starts a query: the store's types stay read-locked until an
// operation finishes it.
func QueryStore[T any](s *Store) *Query[T] {
	s.typesMutex.RLock()
	return &Query[T]{xs: s}
}

// Limit narrows the query and returns it, for chaining.
func (q *Query[T]) Limit(n int) *Query[T] {
	q.n = n
	return q
}

func (q *Query[T]) fail(err error) {
	if q.xs != nil {
		q.xs.typesMutex.RUnlock()
		q.xs = nil
	}
	q.err = err
}

func (q *Query[T]) finish(rerr *error) { q.fail(errFinished) }

var errFinished = errors.New("query finished")

// Exists finishes the query.
func (q *Query[T]) Exists() (ok bool, rerr error) {
	defer q.finish(&rerr)
	if q.err != nil {
		return false, q.err
	}
	return q.n > 0, nil
}

// Peek looks without finishing: the lock stays held.
func (q *Query[T]) Peek() (bool, error) {
	return q.n > 0, q.err
}

// Mutex wraps sync.Mutex two embeddings deep (cilium's lock.Mutex is
// struct{ internalMutex }, and internalMutex is struct{ sync.Mutex }).
type Mutex struct{ internalMutex }

type internalMutex struct{ sync.Mutex }

// RWMutex wraps sync.RWMutex the same way.
type RWMutex struct{ internalRWMutex }

type internalRWMutex struct{ sync.RWMutex }
