package lockblock

import (
	"sync"

	"lockblock/dep"
)

type Store struct {
	mu     sync.Mutex
	events chan string
	data   map[string]string
}

func (s *Store) emit(ev string) {
	s.events <- ev
}

// Bad: a same-package callee blocks.
func (s *Store) Put(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = v
	s.emit(k) // want `call to \(\*Store\).emit, which blocks on send on channel s.events, while s.mu is held`
}

// Bad: a callee in another package blocks (fact).
func (s *Store) Flush(c *dep.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.Drain() // want `call to \(\*Conn\).Drain, which blocks on call to \(\*sync.WaitGroup\).Wait, while s.mu is held`
}

// Good: a callee in another package that does not block.
func (s *Store) Stat(c *dep.Conn) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return c.Len() // ok
}

// Good: the callee releases the caller's mutex before it waits.
func (s *Store) publishAndUnlock(ev string) {
	s.data[ev] = ev
	s.mu.Unlock()
	s.events <- ev
}

func (s *Store) Publish(ev string) {
	s.mu.Lock()
	s.publishAndUnlock(ev) // ok: s.mu is released inside, before the send
}
