package lockblock

import (
	"fmt"
	"sync"
)

// Locks taken by code a library calls back on this goroutine: fmt calls
// the String method of what it prints, and Once.Do calls its f.

type rangeCache struct {
	mu      sync.RWMutex
	entries map[string]int
}

func (c *rangeCache) String() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return fmt.Sprint(len(c.entries))
}

// Bad: String read-locks c.mu again while this path holds it.
func (c *rangeCache) Lookup(key string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	fmt.Println("lookup", c) // want `call to \(\*rangeCache\)\.String read-locks c\.mu while it is already read-locked on this path`
	return c.entries[key]
}

func (c *rangeCache) Insert(key string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[key] = v
}

// Good: the near miss prints the key, not the cache.
func (c *rangeCache) LookupQuiet(key string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	fmt.Println("lookup", key) // ok: a string has no String method that locks
	return c.entries[key]
}

type lazyTable struct {
	mu   sync.Mutex
	once sync.Once
	rows []int
}

func (t *lazyTable) load() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rows = []int{1}
}

// Bad: the once's f locks t.mu, which this path holds.
func (t *lazyTable) Rows() []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.once.Do(t.load) // want `call to \(\*lazyTable\)\.load locks t\.mu while it is already locked on this path`
	return t.rows
}

type lazyTable2 struct {
	mu     sync.Mutex
	loadMu sync.Mutex
	once   sync.Once
	rows   []int
}

func (t *lazyTable2) load() {
	t.loadMu.Lock()
	defer t.loadMu.Unlock()
	t.rows = []int{1}
}

// Good: the once's f locks another mutex.
func (t *lazyTable2) Rows() []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.once.Do(t.load) // ok: loadMu is not held here
	return t.rows
}
