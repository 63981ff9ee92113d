package idioms

import (
	"sync"
)

// BAD 1: AB-BA across two methods
type Pair struct {
	a, b *Side
}

type Side struct {
	mu sync.Mutex
	v  int
}

type Ledger struct {
	mu   sync.Mutex
	log  []int
	hist *History
}

type History struct {
	mu  sync.Mutex
	l   *Ledger
	ops int
}

func (l *Ledger) Append(v int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.log = append(l.log, v)
	l.hist.mu.Lock()
	l.hist.ops++
	l.hist.mu.Unlock()
}

func (h *History) Compact() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.l.mu.Lock()
	h.l.log = nil
	h.l.mu.Unlock()
}

// BAD 2: re-lock through a helper
type Reg struct {
	mu sync.Mutex
	m  map[string]int
}

func (r *Reg) Has(k string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.m[k]
	return ok
}

func (r *Reg) Put(k string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.Has(k) {
		return
	}
	r.m[k] = v
}

// BAD 3: send to an unbuffered channel whose receiver needs the lock
type Bus struct {
	mu     sync.Mutex
	subs   []string
	events chan string
}

func NewBus() *Bus {
	b := &Bus{events: make(chan string)}
	go b.run()
	return b
}

func (b *Bus) Publish(ev string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events <- ev
}

func (b *Bus) run() {
	for {
		b.mu.Lock()
		n := len(b.subs)
		b.mu.Unlock()
		ev := <-b.events
		_, _ = n, ev
	}
}

// BAD 4: wg.Wait under a lock the workers take
type Crawler struct {
	mu   sync.Mutex
	seen map[string]bool
	wg   sync.WaitGroup
}

func (c *Crawler) Crawl(urls []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, u := range urls {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			c.mu.Lock()
			c.seen[u] = true
			c.mu.Unlock()
		}()
	}
	c.wg.Wait()
}

// BAD 5: Cond.Wait with another lock held
type TwoLock struct {
	outer sync.Mutex
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func NewTwoLock() *TwoLock {
	t := &TwoLock{}
	t.cond = sync.NewCond(&t.mu)
	return t
}

func (t *TwoLock) Await() {
	t.outer.Lock()
	defer t.outer.Unlock()
	t.mu.Lock()
	for !t.ready {
		t.cond.Wait()
	}
	t.mu.Unlock()
}

func (t *TwoLock) Set() {
	t.outer.Lock()
	defer t.outer.Unlock()
	t.mu.Lock()
	t.ready = true
	t.mu.Unlock()
	t.cond.Broadcast()
}

// BAD 6: returns early with the lock held
type Acc struct {
	mu sync.Mutex
	v  int
}

func (a *Acc) Add(d int) error {
	a.mu.Lock()
	if d < 0 {
		return nil
	}
	a.v += d
	a.mu.Unlock()
	return nil
}

// BAD 7: recursive RLock with a writer elsewhere
type Cfg struct {
	mu sync.RWMutex
	m  map[string]string
}

func (c *Cfg) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}

func (c *Cfg) GetOr(k, def string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if v := c.Get(k); v != "" {
		return v
	}
	return def
}

func (c *Cfg) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

// BAD 8: lock re-taken in a loop through continue
type Loop struct {
	mu sync.Mutex
	xs []int
}

func (l *Loop) Walk() {
	for i := 0; i < 10; i++ {
		l.mu.Lock()
		if i%2 == 0 {
			continue
		}
		l.xs = append(l.xs, i)
		l.mu.Unlock()
	}
}

// BAD 9: callback under lock that calls back into the locked method
type Emitter struct {
	mu sync.Mutex
	n  int
}

func (e *Emitter) Count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.n
}

func (e *Emitter) Emit() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.n++
	e.report()
}

func (e *Emitter) report() {
	_ = e.Count()
}

// BAD 10: join a done channel under the lock the closer needs
type Job struct {
	mu   sync.Mutex
	done chan struct{}
	res  int
}

func StartJob() *Job {
	j := &Job{done: make(chan struct{})}
	go func() {
		j.mu.Lock()
		j.res = 42
		j.mu.Unlock()
		close(j.done)
	}()
	return j
}

func (j *Job) Result() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	<-j.done
	return j.res
}
