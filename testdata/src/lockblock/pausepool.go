package lockblock

import (
	"context"
	"sync"
)

// A pool paused by queueing one parking task per worker: the Wait ends
// when every worker has run its task's ready.Done(), and the workers never
// take stopLock. ready is made per call: another Pause's Add is on its own
// WaitGroup. Good: the near miss.
type pausePool struct {
	stopLock   sync.Mutex
	taskQueue  chan func()
	maxWorkers int
	stopSignal chan struct{}
}

func newPausePool(n int) *pausePool {
	p := &pausePool{taskQueue: make(chan func()), maxWorkers: n, stopSignal: make(chan struct{})}
	for range n {
		go p.worker()
	}
	return p
}

func (p *pausePool) worker() {
	for task := range p.taskQueue {
		task()
	}
}

func (p *pausePool) Pause(ctx context.Context) {
	p.stopLock.Lock()
	defer p.stopLock.Unlock()
	ready := new(sync.WaitGroup)
	ready.Add(p.maxWorkers)
	for range p.maxWorkers {
		p.taskQueue <- func() {
			ready.Done()
			select {
			case <-ctx.Done():
			case <-p.stopSignal:
			}
		}
	}
	ready.Wait() // ok: the workers' Done ends it, without stopLock
}

var _ = newPausePool

// Bad: the task a worker runs must take stopLock before its Done, and
// Pause waits for that Done holding stopLock.
func (p *pausePool) PauseLocked() {
	p.stopLock.Lock()
	defer p.stopLock.Unlock()
	ready := new(sync.WaitGroup)
	ready.Add(1)
	p.taskQueue <- func() {
		p.stopLock.Lock()
		ready.Done()
		p.stopLock.Unlock()
	}
	ready.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while p.stopLock is held`
}
