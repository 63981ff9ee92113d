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

// Bad: a same-package callee blocks on a channel whose only receiver
// (the indexer) applies each event under s.mu.
func (s *Store) Put(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = v
	s.emit(k) // want `deadlock: call to \(\*Store\).emit, which blocks on send on channel s.events while s.mu is held, but the only receive that could end it, in [^ ]+, must first lock s.mu`
}

func (s *Store) index() {
	for {
		s.mu.Lock()
		ev := <-s.events // want `deadlock: receive from channel s.events while s.mu is held`
		delete(s.data, ev)
		s.mu.Unlock()
	}
}

// Good: a callee in another package waits on a WaitGroup whose Done calls
// are that package's business; its wakes are unknown here.
func (s *Store) Flush(c *dep.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.Drain() // ok: what ends the wait is outside the package
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
