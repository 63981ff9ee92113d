package lockblock

import "sync"

// A re-lock two calls down, as in biogo/hts's block caches: Drop holds
// the write lock and drop asks Len, which read-locks the same mutex. The
// finding names Len, the chain of calls, and Len's RLock as a related
// position.

type blockCache struct {
	mu    sync.RWMutex
	table map[int64][]byte
	order []int64
}

func (c *blockCache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.table)
}

func (c *blockCache) evictOne() {
	if len(c.order) == 0 {
		return
	}
	delete(c.table, c.order[0])
	c.order = c.order[1:]
}

func (c *blockCache) drop(n int) {
	for ; n > 0 && c.Len() > 0; n-- {
		c.evictOne()
	}
}

// Bad: Drop write-locks c.mu and drop's Len read-locks it.
func (c *blockCache) Drop(n int) {
	c.mu.Lock()
	c.drop(n) // want `call to \(\*blockCache\)\.drop read-locks c\.mu while it is already locked on this path: sync mutexes are not reentrant \(self-deadlock\); \(\*blockCache\)\.Len read-locks it, reached through \(\*blockCache\)\.drop -> \(\*blockCache\)\.Len`
	c.mu.Unlock()
}

func (c *blockCache) dropLocked(n int) {
	for ; n > 0 && len(c.table) > 0; n-- {
		c.evictOne()
	}
}

// Good: the near miss counts the table itself, under the lock it holds.
func (c *blockCache) DropLocked(n int) {
	c.mu.Lock()
	c.dropLocked(n) // ok: nothing below locks c.mu again
	c.mu.Unlock()
}
