package idioms

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"
)

// 22. unlock-wait-relock: release the lock around a blocking wait
type Conveyor struct {
	mu    sync.Mutex
	busy  bool
	done  chan struct{}
	count int
}

func (c *Conveyor) waitIdleLocked() {
	for c.busy {
		ch := c.done
		c.mu.Unlock()
		<-ch
		c.mu.Lock()
	}
}

func (c *Conveyor) Run(f func()) {
	c.mu.Lock()
	c.waitIdleLocked()
	c.busy = true
	c.done = make(chan struct{})
	c.mu.Unlock()

	f()

	c.mu.Lock()
	c.busy = false
	c.count++
	close(c.done)
	c.mu.Unlock()
}

// 23. RWMutex: a read path upgrading by unlocking and taking the write lock
type Memo struct {
	mu sync.RWMutex
	m  map[string]int
}

func (m *Memo) Get(k string, f func(string) int) int {
	m.mu.RLock()
	v, ok := m.m[k]
	m.mu.RUnlock()
	if ok {
		return v
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[k]; ok {
		return v
	}
	if m.m == nil {
		m.m = map[string]int{}
	}
	v = f(k)
	m.m[k] = v
	return v
}

// 24. a ticker loop that locks each iteration
type Janitor struct {
	mu    sync.Mutex
	items map[string]time.Time
	stop  chan struct{}
}

func (j *Janitor) Run(ttl time.Duration) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			j.mu.Lock()
			for k, at := range j.items {
				if now.Sub(at) > ttl {
					delete(j.items, k)
				}
			}
			j.mu.Unlock()
		case <-j.stop:
			return
		}
	}
}

func (j *Janitor) Stop() {
	j.mu.Lock()
	defer j.mu.Unlock()
	select {
	case <-j.stop:
	default:
		close(j.stop)
	}
}

// 25. a Close that cancels a context under the lock, then waits unlocked
type Server struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	wg     sync.WaitGroup
	conns  map[int]bool
}

func (s *Server) Start(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		<-ctx.Done()
		s.mu.Lock()
		s.conns = nil
		s.mu.Unlock()
	}()
}

func (s *Server) Shutdown() {
	s.mu.Lock()
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	s.wg.Wait()
}

// 26. lock order: a global registry lock, then an entry lock, in every path
type Entry struct {
	mu   sync.Mutex
	refs int
}

var (
	regMu   sync.Mutex
	entries = map[string]*Entry{}
)

func Acquire(name string) *Entry {
	regMu.Lock()
	defer regMu.Unlock()
	e := entries[name]
	if e == nil {
		e = &Entry{}
		entries[name] = e
	}
	e.mu.Lock()
	e.refs++
	e.mu.Unlock()
	return e
}

func Release(name string) {
	regMu.Lock()
	defer regMu.Unlock()
	e := entries[name]
	if e == nil {
		return
	}
	e.mu.Lock()
	e.refs--
	n := e.refs
	e.mu.Unlock()
	if n == 0 {
		delete(entries, name)
	}
}

func (e *Entry) Refs() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.refs
}

// 27. a result channel buffered by 1, sent under lock once
type Future struct {
	mu  sync.Mutex
	set bool
	ch  chan int
}

func NewFuture() *Future { return &Future{ch: make(chan int, 1)} }

func (f *Future) Resolve(v int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.set {
		return
	}
	f.set = true
	f.ch <- v
}

func (f *Future) Wait() int {
	v := <-f.ch
	f.ch <- v
	return v
}

// 28. a lock protecting a lazily dialed client; I/O with a context deadline
type Client struct {
	mu  sync.Mutex
	hc  *http.Client
	url string
}

func (c *Client) client() *http.Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hc == nil {
		c.hc = &http.Client{Timeout: 10 * time.Second}
	}
	return c.hc
}

func (c *Client) Ping(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "GET", c.url, nil)
	if err != nil {
		return err
	}
	resp, err := c.client().Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// 29. a state machine with transitions under lock and notifications on a
// buffered channel with non-blocking sends
type Machine struct {
	mu     sync.Mutex
	state  string
	notify chan string
}

func NewMachine() *Machine { return &Machine{notify: make(chan string, 1)} }

func (m *Machine) To(s string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.state = s
	select {
	case m.notify <- s:
	default:
	}
}

func (m *Machine) Changes() <-chan string { return m.notify }

// 30. a WaitGroup tracking in-flight calls, the lock only guarding a flag
type Tracker struct {
	mu      sync.Mutex
	closing bool
	wg      sync.WaitGroup
}

func (t *Tracker) Do(f func()) error {
	t.mu.Lock()
	if t.closing {
		t.mu.Unlock()
		return errors.New("closing")
	}
	t.wg.Add(1)
	t.mu.Unlock()
	defer t.wg.Done()
	f()
	return nil
}

func (t *Tracker) Close() {
	t.mu.Lock()
	t.closing = true
	t.mu.Unlock()
	t.wg.Wait()
}

// 31. defer-based unlock with early returns everywhere
type Limits struct {
	mu    sync.Mutex
	used  int
	limit int
}

func (l *Limits) Take(n int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n <= 0 {
		return errors.New("bad n")
	}
	if l.used+n > l.limit {
		return errors.New("over limit")
	}
	l.used += n
	return nil
}

// 32. TryLock as an optimistic path
type Flusher struct {
	mu  sync.Mutex
	buf []byte
}

func (f *Flusher) TryFlush(w func([]byte)) bool {
	if !f.mu.TryLock() {
		return false
	}
	defer f.mu.Unlock()
	w(f.buf)
	f.buf = f.buf[:0]
	return true
}

// 33. two RWMutex-protected structs, read-lock order consistent
type Index struct {
	mu   sync.RWMutex
	docs *Docs
	keys map[string]int
}

type Docs struct {
	mu   sync.RWMutex
	list []string
}

func (ix *Index) Find(k string) string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	i, ok := ix.keys[k]
	if !ok {
		return ""
	}
	ix.docs.mu.RLock()
	defer ix.docs.mu.RUnlock()
	return ix.docs.list[i]
}

func (ix *Index) Add(k, d string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.docs.mu.Lock()
	ix.keys[k] = len(ix.docs.list)
	ix.docs.list = append(ix.docs.list, d)
	ix.docs.mu.Unlock()
}

func (d *Docs) Len() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.list)
}

// 34. a goroutine-owned done channel closed under lock; waiters wait unlocked
type Once2 struct {
	mu   sync.Mutex
	done chan struct{}
	err  error
}

func (o *Once2) Do(f func() error) error {
	o.mu.Lock()
	if o.done != nil {
		d := o.done
		o.mu.Unlock()
		<-d
		return o.err
	}
	o.done = make(chan struct{})
	o.mu.Unlock()
	o.err = f()
	close(o.done)
	return o.err
}

// 35. a local mutex protecting results from workers joined by wg, the
// Wait outside the lock
func ParallelSum(xs []int) int {
	var (
		mu  sync.Mutex
		sum int
		wg  sync.WaitGroup
	)
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			sum += x
			mu.Unlock()
		}()
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return sum
}

// 36. Cond with the lock a field, wait with a deadline through a timer
// that broadcasts
type Gate struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

func NewGate() *Gate {
	g := &Gate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *Gate) Open() {
	g.mu.Lock()
	g.open = true
	g.cond.Broadcast()
	g.mu.Unlock()
}

func (g *Gate) WaitTimeout(d time.Duration) bool {
	t := time.AfterFunc(d, func() {
		g.mu.Lock()
		g.cond.Broadcast()
		g.mu.Unlock()
	})
	defer t.Stop()
	deadline := time.Now().Add(d)
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.open && time.Now().Before(deadline) {
		g.cond.Wait()
	}
	return g.open
}
