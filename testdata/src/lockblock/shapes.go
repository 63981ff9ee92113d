package lockblock

import (
	"sync"
	"time"
)

// Generic types: the mutex of a generic struct is identified like any other.
type Memo[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]V
	updates chan K
}

func (m *Memo[K, V]) Set(k K, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[k] = v
	m.updates <- k // want `deadlock: send on channel m.updates while m.mu is held, but the only receive that could end it, in \(\*Memo\[K, V\]\).evict, must first lock m.mu`
}

func (m *Memo[K, V]) evict() {
	for {
		m.mu.Lock()
		k := <-m.updates // want `deadlock: receive from channel m.updates while m.mu is held`
		delete(m.entries, k)
		m.mu.Unlock()
	}
}

func (m *Memo[K, V]) Get(k K) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[k]
	return v, ok
}

func (m *Memo[K, V]) Refresh(k K, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.Get(k); ok { // want `call to \(\*Memo\[K, V\]\).Get locks m.mu while it is already locked on this path`
		m.entries[k] = v
	}
}

// An interface with one implementation in the package: calls through it
// are resolved to that method.
type flusher interface{ flush() }

type diskLog struct {
	mu  sync.Mutex
	buf []byte
}

func (d *diskLog) flush() {
	time.Sleep(10 * time.Millisecond) // stands in for a slow fsync
}

type Writer struct {
	mu  sync.Mutex
	out flusher
	n   int
}

func (w *Writer) Write() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	w.out.flush() // ok: a sleep ends by itself; it is no deadlock
}

func (w *Writer) Len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// Embedded structs: the promoted mutex of an embedded type.
type guarded struct{ sync.Mutex }

type Counter struct {
	guarded
	hits chan int
	n    int
}

func (c *Counter) Hit() {
	c.Lock()
	defer c.Unlock()
	c.n++
	c.hits <- c.n // want `deadlock: send on channel c.hits while c is held, but the only receive that could end it, in [^ ]+, must first lock c`
}

func (c *Counter) tally() {
	for range c.hits {
		c.Lock()
		c.n--
		c.Unlock()
	}
}

func (c *Counter) N() int {
	c.Lock()
	defer c.Unlock()
	return c.n
}
