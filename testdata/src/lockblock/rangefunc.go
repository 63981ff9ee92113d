package lockblock

import (
	"iter"
	"sync"
)

// Range-over-func loops: the body is a compiler-made yield closure; the
// lock state of the enclosing function flows into it and back out.
type rangeStore struct {
	mu  sync.Mutex
	out chan int
	n   int
}

// Good: the unlock inside the body, before the return, is seen by the
// enclosing function: no return leaves s.mu held.
func (s *rangeStore) find(seq iter.Seq[int], want int) bool {
	s.mu.Lock()
	for v := range seq {
		if v == want {
			s.mu.Unlock()
			return true // ok
		}
	}
	s.mu.Unlock()
	return false
}

// Bad: the body sends while the enclosing function holds s.mu, and the
// only receiver locks s.mu first.
func (s *rangeStore) sendAll(seq iter.Seq[int]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for v := range seq {
		s.out <- v // want `deadlock: send on channel s.out while s.mu is held`
	}
}

func (s *rangeStore) consume() {
	for {
		s.mu.Lock()
		s.n++
		s.mu.Unlock()
		<-s.out
	}
}

// Good: inside the body, the element's own mutex is not the enclosing
// function's (both are the first parameter's field in their function).
type fileSet struct {
	mu    sync.Mutex
	files []*file
}

type file struct {
	mu    sync.Mutex
	lines []int
}

func (s *fileSet) all() iter.Seq[*file] {
	return func(yield func(*file) bool) {
		for _, f := range s.files {
			if !yield(f) {
				return
			}
		}
	}
}

func (s *fileSet) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for f := range s.all() {
		f.mu.Lock() // ok: f.mu, not s.mu
		n += len(f.lines)
		f.mu.Unlock()
	}
	return n
}
