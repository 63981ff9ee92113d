package goroutineleak

import "sync"

// A flag that ends a Cond wait, set without a wakeup.

type blockingQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []string
	closed bool
}

func newBlockingQueue() *blockingQueue {
	q := &blockingQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *blockingQueue) put(s string) {
	q.mu.Lock()
	q.items = append(q.items, s)
	q.cond.Signal()
	q.mu.Unlock()
}

func (q *blockingQueue) get() (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return "", false
	}
	s := q.items[0]
	q.items = q.items[1:]
	return s, true
}

// Bad: Close ends the wait's condition without waking the waiters.
func (q *blockingQueue) close() {
	q.mu.Lock()
	q.closed = true // want `\(\*blockingQueue\).close sets closed to true, which ends the wait of \(\*blockingQueue\).get on cond, but never calls Signal or Broadcast on it: a goroutine waiting there is not woken \(lost wakeup\)`
	q.mu.Unlock()
}

// Good: the near miss: reopen sets the flag to the value that keeps
// waiters waiting.
func (q *blockingQueue) reopen() {
	q.mu.Lock()
	q.closed = false // ok: no waiter needs to wake for this
	q.mu.Unlock()
}

type wakingQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []string
	closed bool
}

func newWakingQueue() *wakingQueue {
	q := &wakingQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *wakingQueue) get() (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return "", false
	}
	s := q.items[0]
	q.items = q.items[1:]
	return s, true
}

// Good: the near miss: Close broadcasts, through a helper.
func (q *wakingQueue) close() {
	q.mu.Lock()
	q.closed = true // ok: wakeAll broadcasts
	q.mu.Unlock()
	q.wakeAll()
}

func (q *wakingQueue) wakeAll() { q.cond.Broadcast() }

// ConsumeQueues keeps the queues' methods in use.
func ConsumeQueues() {
	q := newBlockingQueue()
	q.put("a")
	q.get()
	q.close()
	q.reopen()
	w := newWakingQueue()
	w.get()
	w.close()
}
