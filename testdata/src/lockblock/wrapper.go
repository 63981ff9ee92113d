package lockblock

import (
	"errors"
	"sync"
)

// A mutex wrapper (a debugging or ranked mutex, wrapped twice as
// generated lock types are): messages name the field the code locks, not
// the wrapper's inner fields.

type innerMutex struct{ m sync.Mutex }

func (w *innerMutex) Lock()   { w.m.Lock() }
func (w *innerMutex) Unlock() { w.m.Unlock() }

type rankedMutex struct{ m innerMutex }

func (w *rankedMutex) Lock()   { w.m.Lock() }
func (w *rankedMutex) Unlock() { w.m.Unlock() }

type reassembler struct {
	mu      rankedMutex
	holders map[int][]byte
}

// Bad: the early return keeps f.mu, named as written.
func (f *reassembler) process(id int, b []byte) error {
	f.mu.Lock()
	if f.holders == nil {
		return errors.New("released") // want `return with f.mu still locked, though later returns unlock it`
	}
	f.holders[id] = append(f.holders[id], b...)
	f.mu.Unlock()
	return nil
}

// Good: the near miss: the same, unlocking on every return.
func (f *reassembler) processChecked(id int, b []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.holders == nil {
		return errors.New("released")
	}
	f.holders[id] = append(f.holders[id], b...)
	return nil
}
