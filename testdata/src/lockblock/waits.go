package lockblock

import (
	"context"
	"net/http"
	"sync"
	"time"
)

type Pool struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	results chan int
	client  *http.Client
}

// Bad: waiting for workers while holding the lock they may need.
func (p *Pool) CloseUnderLock() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wg.Wait() // want `call to \(\*sync.WaitGroup\).Wait while p.mu is held`
}

// Good: release first.
func (p *Pool) Close() {
	p.mu.Lock()
	p.results = nil
	p.mu.Unlock()
	p.wg.Wait() // ok
}

// Bad: sleeping with the lock held.
func (p *Pool) Backoff() {
	p.mu.Lock()
	time.Sleep(time.Second) // want `call to time.Sleep while p.mu is held`
	p.mu.Unlock()
}

// Bad: network I/O under the lock.
func (p *Pool) Fetch(url string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	resp, err := p.client.Get(url) // want `call to \(\*net/http.Client\).Get while p.mu is held`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Bad: receive with no way out under the lock.
func (p *Pool) Next() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return <-p.results // want `receive from channel p.results while p.mu is held`
}

// Good: the wait is bounded by a timer or a context.
func (p *Pool) NextOrTimeout(ctx context.Context) (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	select { // ok: timer and ctx.Done cases
	case v := <-p.results:
		return v, true
	case <-time.After(time.Second):
		return 0, false
	case <-ctx.Done():
		return 0, false
	}
}

// Bad: select with no way out.
func (p *Pool) NextOf(other chan int) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	select { // want `select with no default case while p.mu is held`
	case v := <-p.results:
		return v
	case v := <-other:
		return v
	}
}

// Good: a Cond waits under its own lock; Wait releases it.
type Queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // ok: releases q.mu while waiting
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

// Bad: waiting on q's condition while also holding the registry's mutex,
// which Wait does not release.
type registry struct {
	mu     sync.Mutex
	queues map[string]*Queue
}

func (r *registry) PopFrom(name string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	q := r.queues[name]
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // want `call to \(\*sync.Cond\).Wait while r.mu is held`
	}
	return q.items[0]
}

func (r *registry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.queues)
}
