package errgroupwait

import (
	"sync"
	"time"
)

// A goroutine body that counts itself out of a WaitGroup field, started
// in two places: one adds first, the other forgets to.

type batcher struct {
	mu      sync.Mutex
	workers sync.WaitGroup
	ticker  *time.Ticker
	stop    chan struct{}
	n       int
	max     int
}

func (b *batcher) work() {
	defer b.workers.Done()
	b.mu.Lock()
	b.n++
	b.mu.Unlock()
}

func newBatcher(initial, max int) *batcher {
	b := &batcher{ticker: time.NewTicker(time.Second), stop: make(chan struct{}), max: max}
	for range initial {
		b.workers.Add(1)
		go b.work()
	}
	go b.grow()
	return b
}

func (b *batcher) grow() {
	for {
		select {
		case <-b.ticker.C:
			if b.count() < b.max {
				b.spawn()
			}
		case <-b.stop:
			return
		}
	}
}

func (b *batcher) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}

// Bad: qiniu's spawnWorker; its second go statement is related
// information of the same finding.
func (b *batcher) spawn() {
	if b.n%2 == 0 {
		go b.work() // want `go \(\*batcher\)\.work with no b\.workers\.Add: the goroutine calls b\.workers\.Done, and the other start of \(\*batcher\)\.work adds first, this one does not`
		return
	}
	go b.work() // the same finding's related information
}

func (b *batcher) wait() {
	b.workers.Wait()
	close(b.stop)
}

// Good: the second start's caller adds before calling it.
type pool struct {
	workers sync.WaitGroup
}

func (p *pool) work() {
	defer p.workers.Done()
}

func newPool(n int) *pool {
	p := &pool{}
	for range n {
		p.workers.Add(1)
		go p.work()
	}
	p.workers.Add(1)
	p.spawn()
	return p
}

func (p *pool) spawn() {
	go p.work() // ok: newPool, its only caller, adds first
}

func (p *pool) wait() { p.workers.Wait() }

// Good: the body counts work items in its loop, not itself.
type itemPool struct {
	items   sync.WaitGroup
	queue   chan int
	handled int
}

func (p *itemPool) work() {
	for range p.queue {
		p.items.Done()
	}
}

func newItemPool(n int) *itemPool {
	p := &itemPool{queue: make(chan int, n)}
	p.items.Add(1)
	go p.work()
	return p
}

func (p *itemPool) more() {
	go p.work() // ok: work's Done answers each item's Add
}

func (p *itemPool) submit(v int) {
	p.items.Add(1)
	p.queue <- v
}

func (p *itemPool) wait() { p.items.Wait() }

// Good: an exported WaitGroup field: other packages may add.
type OpenPool struct {
	Workers sync.WaitGroup
}

func (p *OpenPool) work() { defer p.Workers.Done() }

func (p *OpenPool) Start() {
	p.Workers.Add(1)
	go p.work()
}

func (p *OpenPool) StartMore() {
	go p.work() // ok: the caller may have added to the exported WaitGroup
}
