package lockblock

import (
	"sync"

	"lockblock/dep"
)

type Cache struct {
	mu sync.RWMutex
	m  map[string]int
}

func (c *Cache) Has(k string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_, ok := c.m[k]
	return ok
}

// Bad: Has read-locks c.mu, which is write-locked here.
func (c *Cache) Add(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.Has(k) { // want `call to \(\*Cache\).Has read-locks c.mu while it is already locked on this path`
		return
	}
	c.m[k] = v
}

func (c *Cache) hasLocked(k string) bool {
	_, ok := c.m[k]
	return ok
}

// Good: the lock-free helper is split from the locking method.
func (c *Cache) AddOnce(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hasLocked(k) { // ok
		return
	}
	c.m[k] = v
}

// Bad: locking twice directly.
func (c *Cache) Reset() {
	c.mu.Lock()
	c.m = nil
	c.mu.Lock() // want `Locks c.mu while it is already locked on this path`
	c.mu.Unlock()
}

// Bad: recursive read lock.
func (c *Cache) Get2(a, b string) (int, int) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if !c.Has(a) { // want `call to \(\*Cache\).Has read-locks c.mu while it is already read-locked on this path`
		return 0, 0
	}
	return c.m[a], c.m[b]
}

// Good: read paths that never upgrade.
func (c *Cache) Get(k string) int {
	c.mu.RLock()
	v := c.m[k]
	c.mu.RUnlock()
	if c.Has(k) { // ok: released before
		return v
	}
	return 0
}

// Bad: a callee in another package locks the same mutex (fact).
func SizeTwice(c *dep.Conn) int {
	c.Lock()
	defer c.Unlock()
	return c.Size() // want `call to \(\*Conn\).Size locks c while it is already locked on this path`
}

// Good: the caller released through the other package's helper.
func SizeAfter(c *dep.Conn) int {
	c.Lock()
	c.Unlock()
	return c.Size() // ok
}

// Good: TryLock is never reported.
func (c *Cache) Try() {
	if c.mu.TryLock() {
		c.mu.Unlock()
	}
}

// Bad: continue skips the unlock; the next iteration locks a held mutex.
type batcher struct {
	mu    sync.Mutex
	items []int
	sum   int
}

func (b *batcher) drain(in []int) {
	for _, v := range in {
		b.mu.Lock() // want `b.mu is locked again on a later iteration: a path around the loop`
		if v < 0 {
			continue
		}
		b.sum += v
		b.mu.Unlock()
	}
}

// Good: every path around the loop unlocks.
func (b *batcher) drainOK(in []int) {
	for _, v := range in {
		b.mu.Lock()
		if v < 0 {
			b.mu.Unlock()
			continue
		}
		b.sum += v
		b.mu.Unlock()
	}
}

// Good: conditional locking and unlocking on the same condition.
func (b *batcher) maybe(in []int, lock bool) {
	for _, v := range in {
		if lock {
			b.mu.Lock()
		}
		b.sum += v
		if lock {
			b.mu.Unlock()
		}
	}
}

// Good: the condition is computed anew in each iteration, but the lock
// and the unlock are decided by the same value within it.
func (b *batcher) recovering(in []int, state func() bool) {
	for _, v := range in {
		rec := state()
		if rec {
			b.mu.Lock()
		}
		if rec {
			if v < 0 {
				b.mu.Unlock()
				continue
			}
			b.sum += v
			b.mu.Unlock()
		}
	}
}

type owner struct {
	mu sync.Mutex
	n  int
}

type subscription struct{ client *owner }

// Good: the same condition, written twice around the Lock and the Unlock.
func (b *batcher) forEach(subs []*subscription, self *owner) {
	for _, s := range subs {
		if s.client != nil && s.client != self {
			s.client.mu.Lock()
		}
		b.sum += len(subs)
		if s.client != nil && s.client != self {
			s.client.mu.Unlock()
		}
	}
}

// Good: each iteration locks the mutex of another element.
func (b *batcher) forEachElem(subs []*subscription) {
	for _, s := range subs {
		if s.client != nil {
			s.client.mu.Lock() // ok: a different mutex in each iteration
		}
		b.sum += len(subs)
	}
}

// Bad: the conditions differ, so a path locks and never unlocks.
func (b *batcher) skew(in []int) {
	for _, v := range in {
		if v > 0 {
			b.mu.Lock() // want `b.mu is locked again on a later iteration`
		}
		b.sum += v
		if v > 1 {
			b.mu.Unlock()
		}
	}
}

// Good: the mutex is handed to the goroutine, which unlocks it when it is
// done: the second Lock is a join, it waits for that goroutine (a test's
// lock-step wait, virtual-kubelet's monitor test).
func JoinByMutex(work func()) {
	var lock sync.Mutex
	lock.Lock()
	go func() {
		defer lock.Unlock()
		work()
	}()
	lock.Lock() // ok: the goroutine started while it is held unlocks it
	lock.Unlock()
}

// Bad: the near miss: the goroutine locks the mutex itself, so it cannot
// release the hold of the function, which waits for itself.
func JoinByMutexWrong(work func()) {
	var lock sync.Mutex
	lock.Lock()
	go func() {
		lock.Lock()
		defer lock.Unlock()
		work()
	}()
	lock.Lock() // want `Locks lock while it is already locked on this path`
	lock.Unlock()
}

// A request whose reply callback runs on the connection's reader goroutine.
type replyOp struct {
	replyFunc func(data []byte)
}

type replyConn struct{ pending chan *replyOp }

func (c *replyConn) send(op *replyOp) { c.pending <- op }

// Good: the mutex is a one-shot signal: the reply callback, handed to the
// connection, unlocks it, and the second Lock waits for the reply (mgo's
// socket.Query and Login).
func AwaitReply(c *replyConn) []byte {
	var wait sync.Mutex
	var reply []byte
	wait.Lock()
	op := &replyOp{replyFunc: func(data []byte) {
		reply = data
		wait.Unlock()
	}}
	c.send(op)
	wait.Lock() // ok: the callback handed to the connection unlocks it
	return reply
}

// Bad: the near miss: the callback is only called here, before the
// relock, and locks the mutex itself.
func AwaitReplyWrong(data []byte) []byte {
	var wait sync.Mutex
	var reply []byte
	wait.Lock()
	done := func(d []byte) {
		wait.Lock()
		reply = d
		wait.Unlock()
	}
	keep = append(keep, done)
	wait.Lock() // want `Locks wait while it is already locked on this path`
	return reply
}

var keep []func([]byte)
