// Package semaphore is a stub of golang.org/x/sync/semaphore with the
// same API, for GOPATH-mode fixtures that cannot import modules.
package semaphore

import (
	"context"
	"sync"
)

// Weighted provides a way to bound concurrent access to a resource.
type Weighted struct {
	size int64
	cur  int64
	mu   sync.Mutex
	free chan struct{}
}

// NewWeighted creates a new weighted semaphore with the given maximum
// combined weight for concurrent access.
func NewWeighted(n int64) *Weighted {
	return &Weighted{size: n, free: make(chan struct{}, 1)}
}

// Acquire acquires the semaphore with a weight of n, blocking until
// resources are available or ctx is done. On success, returns nil. On
// failure, returns ctx.Err() and leaves the semaphore unchanged.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	for {
		s.mu.Lock()
		if s.size-s.cur >= n {
			s.cur += n
			s.mu.Unlock()
			return nil
		}
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.free:
		}
	}
}

// Release releases the semaphore with a weight of n.
func (s *Weighted) Release(n int64) {
	s.mu.Lock()
	s.cur -= n
	s.mu.Unlock()
	select {
	case s.free <- struct{}{}:
	default:
	}
}
