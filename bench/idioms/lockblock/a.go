// Package idioms holds correct, idiomatic mutex code of the kinds
// libraries contain; the *_bad.go files hold buggy variants.
package idioms

import (
	"context"
	"errors"
	"io"
	"net"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// 1. short critical section
type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[k]++
}

func (c *Counter) Get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[k]
}

// 2. copy under lock, then send outside
type Broker struct {
	mu     sync.Mutex
	subs   []chan string
	events chan string
	quit   chan struct{}
}

func NewBroker() *Broker {
	b := &Broker{events: make(chan string), quit: make(chan struct{})}
	go b.run()
	return b
}

func (b *Broker) Subscribe() <-chan string {
	ch := make(chan string, 16)
	b.mu.Lock()
	b.subs = append(b.subs, ch)
	b.mu.Unlock()
	return ch
}

func (b *Broker) Publish(ev string) {
	select {
	case b.events <- ev:
	case <-b.quit:
	}
}

func (b *Broker) run() {
	for {
		select {
		case ev := <-b.events:
			b.mu.Lock()
			subs := append([]chan string(nil), b.subs...)
			b.mu.Unlock()
			for _, s := range subs {
				select {
				case s <- ev:
				default:
				}
			}
		case <-b.quit:
			return
		}
	}
}

// 3. copy under lock, call callbacks outside
type Notifier struct {
	mu        sync.Mutex
	listeners []func(string)
}

func (n *Notifier) On(f func(string)) {
	n.mu.Lock()
	n.listeners = append(n.listeners, f)
	n.mu.Unlock()
}

func (n *Notifier) Fire(s string) {
	n.mu.Lock()
	ls := make([]func(string), len(n.listeners))
	copy(ls, n.listeners)
	n.mu.Unlock()
	for _, f := range ls {
		f(s)
	}
}

// 4. fooLocked helpers called with the lock held
type Store struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *Store) hasLocked(k string) bool {
	_, ok := s.m[k]
	return ok
}

func (s *Store) putLocked(k, v string) {
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[k] = v
}

func (s *Store) PutIfAbsent(k, v string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hasLocked(k) {
		return false
	}
	s.putLocked(k, v)
	return true
}

func (s *Store) Has(k string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hasLocked(k)
}

// 5. unlock before callback
type Conn struct {
	mu      sync.Mutex
	state   int
	onState func(int)
}

func (c *Conn) SetState(st int) {
	c.mu.Lock()
	if c.state == st {
		c.mu.Unlock()
		return
	}
	c.state = st
	cb := c.onState
	c.mu.Unlock()
	if cb != nil {
		cb(st)
	}
}

func (c *Conn) State() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state
}

// 6. RWMutex readers that call an unexported reader helper that does not lock
type Registry struct {
	mu    sync.RWMutex
	items map[string]int
}

func (r *Registry) lookupLocked(k string) (int, bool) {
	v, ok := r.items[k]
	return v, ok
}

func (r *Registry) Lookup(k string) (int, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.lookupLocked(k)
}

func (r *Registry) LookupAll(ks []string) []int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]int, 0, len(ks))
	for _, k := range ks {
		if v, ok := r.lookupLocked(k); ok {
			out = append(out, v)
		}
	}
	return out
}

func (r *Registry) Set(k string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.items == nil {
		r.items = map[string]int{}
	}
	r.items[k] = v
}

// 7. consistent parent -> child lock order across methods
type Tree struct {
	mu       sync.Mutex
	children map[string]*Node
}

type Node struct {
	mu   sync.Mutex
	val  int
	name string
}

func (t *Tree) Update(name string, v int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := t.children[name]
	if n == nil {
		return
	}
	n.mu.Lock()
	n.val = v
	n.mu.Unlock()
}

func (t *Tree) Sum() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := 0
	for _, n := range t.children {
		n.mu.Lock()
		s += n.val
		n.mu.Unlock()
	}
	return s
}

func (n *Node) Get() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.val
}

// 8. per-object locks on two instances ordered by id
type Account struct {
	id  int
	mu  sync.Mutex
	bal int
}

func Transfer(a, b *Account, amt int) {
	first, second := a, b
	if b.id < a.id {
		first, second = b, a
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	a.bal -= amt
	b.bal += amt
}

// 9. sync.Cond wait loop
type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *Queue) Get() (int, bool) {
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

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// 10. send under lock to a buffered channel with cap >= senders
type Results struct {
	mu  sync.Mutex
	out chan int
	n   int
}

func CollectAll(fs []func() int) []int {
	r := &Results{out: make(chan int, len(fs))}
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := f()
			r.mu.Lock()
			r.n++
			r.out <- v
			r.mu.Unlock()
		}()
	}
	wg.Wait()
	close(r.out)
	var res []int
	for v := range r.out {
		res = append(res, v)
	}
	return res
}

// 11. send under lock with select default
type Dispatcher struct {
	mu      sync.Mutex
	pending chan string
	dropped int
}

func NewDispatcher() *Dispatcher {
	d := &Dispatcher{pending: make(chan string)}
	go d.loop()
	return d
}

func (d *Dispatcher) Offer(s string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	select {
	case d.pending <- s:
	default:
		d.dropped++
	}
}

func (d *Dispatcher) loop() {
	for s := range d.pending {
		d.mu.Lock()
		_ = s
		d.mu.Unlock()
	}
}

// 12. Close sets closed under lock, closes a channel, waits for workers
// that never take the lock
type Pool struct {
	mu     sync.Mutex
	closed bool
	jobs   chan func()
	wg     sync.WaitGroup
}

func NewPool(n int) *Pool {
	p := &Pool{jobs: make(chan func())}
	for range n {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for j := range p.jobs {
				j()
			}
		}()
	}
	return p
}

func (p *Pool) Submit(f func()) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("closed")
	}
	p.jobs <- f
	return nil
}

func (p *Pool) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	close(p.jobs)
	p.mu.Unlock()
	p.wg.Wait()
}

// 13. lock handoff via defer in a helper that returns the unlock
type Guarded struct {
	mu sync.Mutex
	v  int
}

func (g *Guarded) lock() func() {
	g.mu.Lock()
	return g.mu.Unlock
}

func (g *Guarded) Add(d int) {
	defer g.lock()()
	g.v += d
}

func (g *Guarded) Value() int {
	unlock := g.lock()
	defer unlock()
	return g.v
}

// 14. atomic fast path + mutex slow path
type Lazy struct {
	done atomic.Bool
	mu   sync.Mutex
	val  int
}

func (l *Lazy) Get(init func() int) int {
	if l.done.Load() {
		return l.val
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done.Load() {
		l.val = init()
		l.done.Store(true)
	}
	return l.val
}

// 15. sync.Once inside a locked section
type Config struct {
	mu   sync.Mutex
	once sync.Once
	data map[string]string
}

func (c *Config) load() {
	c.data = map[string]string{"a": "b"}
}

func (c *Config) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.once.Do(c.load)
	return c.data[k]
}

// 16. singleflight-like cache that releases the lock before waiting
type call struct {
	done chan struct{}
	val  int
	err  error
}

type Cache struct {
	mu    sync.Mutex
	calls map[string]*call
	vals  map[string]int
}

func (c *Cache) Get(k string, fetch func(string) (int, error)) (int, error) {
	c.mu.Lock()
	if v, ok := c.vals[k]; ok {
		c.mu.Unlock()
		return v, nil
	}
	if cl, ok := c.calls[k]; ok {
		c.mu.Unlock()
		<-cl.done
		return cl.val, cl.err
	}
	cl := &call{done: make(chan struct{})}
	if c.calls == nil {
		c.calls = map[string]*call{}
		c.vals = map[string]int{}
	}
	c.calls[k] = cl
	c.mu.Unlock()

	cl.val, cl.err = fetch(k)

	c.mu.Lock()
	delete(c.calls, k)
	if cl.err == nil {
		c.vals[k] = cl.val
	}
	c.mu.Unlock()
	close(cl.done)
	return cl.val, cl.err
}

// 17. singleflight with a WaitGroup per call
type wgCall struct {
	wg  sync.WaitGroup
	val string
}

type Group struct {
	mu sync.Mutex
	m  map[string]*wgCall
}

func (g *Group) Do(key string, fn func() string) string {
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]*wgCall)
	}
	if c, ok := g.m[key]; ok {
		g.mu.Unlock()
		c.wg.Wait()
		return c.val
	}
	c := new(wgCall)
	c.wg.Add(1)
	g.m[key] = c
	g.mu.Unlock()

	c.val = fn()
	c.wg.Done()

	g.mu.Lock()
	delete(g.m, key)
	g.mu.Unlock()
	return c.val
}

// 18. a map of per-key locks
type KeyLocks struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func (k *KeyLocks) get(key string) *sync.Mutex {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.locks == nil {
		k.locks = map[string]*sync.Mutex{}
	}
	l, ok := k.locks[key]
	if !ok {
		l = new(sync.Mutex)
		k.locks[key] = l
	}
	return l
}

func (k *KeyLocks) With(key string, f func()) {
	l := k.get(key)
	l.Lock()
	defer l.Unlock()
	f()
}

// 19. context-cancellable wait done after unlocking
type Waiter struct {
	mu    sync.Mutex
	ready chan struct{}
	ok    bool
}

func NewWaiter() *Waiter { return &Waiter{ready: make(chan struct{})} }

func (w *Waiter) Wait(ctx context.Context) error {
	w.mu.Lock()
	ch := w.ready
	w.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (w *Waiter) Ready() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.ok {
		w.ok = true
		close(w.ready)
	}
}

// 20. writes serialized on a connection owned by the lock
type FrameWriter struct {
	mu   sync.Mutex
	conn net.Conn
}

func (f *FrameWriter) WriteFrame(b []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.conn.SetWriteDeadline(time.Now().Add(5 * time.Second)); err != nil {
		return err
	}
	_, err := f.conn.Write(b)
	return err
}

// 20b. an io.Writer serialized by a mutex
type SyncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *SyncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// 21. sorted snapshot under RLock
func (r *Registry) Keys() []string {
	r.mu.RLock()
	ks := make([]string, 0, len(r.items))
	for k := range r.items {
		ks = append(ks, k)
	}
	r.mu.RUnlock()
	sort.Strings(ks)
	return ks
}
