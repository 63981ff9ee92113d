package kernels

import (
	"sync"
	"testing"
)

// A bug kernel's queue: close ends the wait's condition without a wakeup.
type kernelQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func newKernelQueue() *kernelQueue {
	q := &kernelQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *kernelQueue) get() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return 0, false
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, true
}

func (q *kernelQueue) put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.cond.Signal()
	q.mu.Unlock()
}

func (q *kernelQueue) close() {
	q.mu.Lock()
	q.closed = true // want `\(\*kernelQueue\).close sets closed to true, which ends the wait of \(\*kernelQueue\).get on cond, but never calls Signal or Broadcast on it`
	q.mu.Unlock()
}

func TestKernelQueue(t *testing.T) {
	q := newKernelQueue()
	go func() { _, _ = q.get() }()
	q.put(1)
	q.close()
}
