package idioms

import (
	"context"
	"sync"
	"time"
)

// 69. a connection pool: Get waits on a Cond for a free connection,
// Put returns one and signals
type ConnPool struct {
	mu    sync.Mutex
	cond  *sync.Cond
	free  []int
	inUse int
	max   int
}

func NewConnPool(max int) *ConnPool {
	p := &ConnPool{max: max}
	p.cond = sync.NewCond(&p.mu)
	return p
}

func (p *ConnPool) Get() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.free) == 0 && p.inUse >= p.max {
		p.cond.Wait()
	}
	p.inUse++
	if n := len(p.free); n > 0 {
		c := p.free[n-1]
		p.free = p.free[:n-1]
		return c
	}
	return p.inUse
}

func (p *ConnPool) Put(c int) {
	p.mu.Lock()
	p.inUse--
	p.free = append(p.free, c)
	p.mu.Unlock()
	p.cond.Signal()
}

// 70. a ring buffer with a context-aware pop: waiters get a channel under
// the lock and wait for it after unlocking
type Ring struct {
	mu      sync.Mutex
	buf     []int
	waiters []chan int
}

func (r *Ring) Push(v int) {
	r.mu.Lock()
	if len(r.waiters) > 0 {
		w := r.waiters[0]
		r.waiters = r.waiters[1:]
		r.mu.Unlock()
		w <- v
		return
	}
	r.buf = append(r.buf, v)
	r.mu.Unlock()
}

func (r *Ring) Pop(ctx context.Context) (int, error) {
	r.mu.Lock()
	if len(r.buf) > 0 {
		v := r.buf[0]
		r.buf = r.buf[1:]
		r.mu.Unlock()
		return v, nil
	}
	w := make(chan int, 1)
	r.waiters = append(r.waiters, w)
	r.mu.Unlock()
	select {
	case v := <-w:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// 71. a rate limiter: the lock computes the wait, the sleep is outside
type Bucket struct {
	mu     sync.Mutex
	tokens float64
	last   time.Time
	rate   float64
}

func (b *Bucket) reserve() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	b.tokens += now.Sub(b.last).Seconds() * b.rate
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}

func (b *Bucket) Wait(ctx context.Context) error {
	d := b.reserve()
	if d == 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// 72. an event loop owning its state, with a mutex only for stats read by
// other goroutines
type Loop2 struct {
	reqs  chan func()
	quit  chan struct{}
	mu    sync.Mutex
	stats int
}

func NewLoop2() *Loop2 {
	l := &Loop2{reqs: make(chan func()), quit: make(chan struct{})}
	go l.run()
	return l
}

func (l *Loop2) run() {
	for {
		select {
		case f := <-l.reqs:
			f()
			l.mu.Lock()
			l.stats++
			l.mu.Unlock()
		case <-l.quit:
			return
		}
	}
}

func (l *Loop2) Do(f func()) {
	select {
	case l.reqs <- f:
	case <-l.quit:
	}
}

func (l *Loop2) Stats() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.stats
}

// 73. a mutex-protected close that also stops a timer and drains its
// channel without blocking
type Debouncer struct {
	mu sync.Mutex
	t  *time.Timer
	f  func()
}

func (d *Debouncer) Trigger(after time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.t != nil {
		d.t.Stop()
	}
	d.t = time.AfterFunc(after, func() {
		d.mu.Lock()
		f := d.f
		d.mu.Unlock()
		f()
	})
}

// 74. lock two mutexes of different types in the documented order, in
// two functions
type Session struct {
	mu    sync.Mutex
	user  *User
	token string
}

type User struct {
	mu       sync.Mutex
	sessions int
}

func (s *Session) Login(u *User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u.mu.Lock()
	u.sessions++
	u.mu.Unlock()
	s.user = u
}

func (s *Session) Logout() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.user == nil {
		return
	}
	s.user.mu.Lock()
	s.user.sessions--
	s.user.mu.Unlock()
	s.user = nil
}

func (u *User) Count() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.sessions
}
