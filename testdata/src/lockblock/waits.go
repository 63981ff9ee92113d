package lockblock

import (
	"context"
	"sync"
	"time"
)

// The deadlock category: a wait made while holding a mutex, where every
// operation that could end the wait must first lock that mutex.

// Feed: a channel-and-lock cycle across methods. Publish sends while
// holding f.mu; the only receiver, the loop started by Start, locks f.mu
// before every receive.
type Feed struct {
	mu     sync.Mutex
	events chan string
	seen   []string
}

func NewFeed() *Feed {
	f := &Feed{events: make(chan string)}
	go f.loop()
	return f
}

func (f *Feed) Publish(ev string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events <- ev // want `deadlock: send on channel f.events while f.mu is held, but the only receive that could end it, in [^ ]+, must first lock f.mu`
}

func (f *Feed) loop() {
	for {
		f.mu.Lock()
		n := len(f.seen)
		f.mu.Unlock()
		ev := <-f.events
		f.record(ev, n)
	}
}

func (f *Feed) record(ev string, n int) {
	f.mu.Lock()
	f.seen = append(f.seen, ev)
	f.mu.Unlock()
}

// Pool: a join under a lock that the workers need before Done.
type Pool struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	done int
}

func (p *Pool) Start(n int) {
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.work()
	}
}

func (p *Pool) work() {
	defer p.wg.Done()
	p.finish()
}

func (p *Pool) finish() {
	p.mu.Lock()
	p.done++
	p.mu.Unlock()
}

func (p *Pool) CloseUnderLock() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wg.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while p.mu is held, but the only call to \(\*sync.WaitGroup\).Done that could end it, in [^ ]+, must first lock p.mu`
}

// Good: release first.
func (p *Pool) Close() {
	p.mu.Lock()
	p.done = 0
	p.mu.Unlock()
	p.wg.Wait() // ok
}

// Worker pool told to stop: the workers never take s.mu, so joining them
// under s.mu is bounded (near miss of the join above).
type Server struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	quit  chan struct{}
	conns int
}

func (s *Server) Run(n int) {
	for i := 0; i < n; i++ {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			<-s.quit
		}()
	}
}

func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.quit)
	s.wg.Wait() // ok: the workers end on quit and never need s.mu
	s.conns = 0
}

// Cond with another lock: Pop waits on q's condition (whose L is q.mu,
// released by Wait) while holding reg.mu, and the only Signal runs after
// reg.mu.Lock().
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

type registry struct {
	mu    sync.Mutex
	queue *Queue
}

func (r *registry) Pop() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	q := r.queue
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // want `deadlock: call to \(\*sync.Cond\).Wait while r.mu is held, but the only call to \(\*sync.Cond\).Signal that could end it, in [^ ]+, must first lock r.mu`
	}
	return q.items[0]
}

func (r *registry) Push(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.queue.mu.Lock()
	r.queue.items = append(r.queue.items, v)
	r.queue.mu.Unlock()
	r.queue.cond.Signal()
}

// Good: a Cond waits under its own lock only; Wait releases it.
type Mailbox struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func NewMailbox() *Mailbox {
	m := &Mailbox{}
	m.cond = sync.NewCond(&m.mu)
	return m
}

func (m *Mailbox) Take() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(m.items) == 0 {
		m.cond.Wait() // ok: releases m.mu while waiting
	}
	return m.items[0]
}

func (m *Mailbox) Put(v int) {
	m.mu.Lock()
	m.items = append(m.items, v)
	m.mu.Unlock()
	m.cond.Signal()
}

// Cache: the wait is in a callee (the wait is on every path through it);
// the receiver's lock comes from its caller.
type ValueCache struct {
	mu      sync.Mutex
	updates chan int
	n       int
}

func (c *ValueCache) notify(v int) { c.updates <- v }

func (c *ValueCache) Set(v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n = v
	c.notify(v) // want `deadlock: call to \(\*ValueCache\).notify, which blocks on send on channel c.updates while c.mu is held, but the only receive that could end it, in [^ ]+, must first lock c.mu`
}

func (c *ValueCache) drain() int { return <-c.updates }

func (c *ValueCache) Watch() {
	for {
		c.mu.Lock()
		v := c.drain() // want `deadlock: call to \(\*ValueCache\).drain, which blocks on receive from channel c.updates while c.mu is held`
		c.n += v
		c.mu.Unlock()
	}
}

// Near miss: a setup lock taken once before the receive loop does not
// guard the loop's receives.
type Ticker struct {
	mu    sync.Mutex
	ticks chan int
	last  int
	ready bool
}

func (t *Ticker) Run() {
	t.mu.Lock()
	t.ready = true
	t.mu.Unlock()
	for v := range t.ticks {
		t.last = v
	}
}

func (t *Ticker) Tick(v int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ticks <- v // ok: Run's loop receives without t.mu after its setup
}

// Near miss: one of two receivers does not need the lock.
type Relay struct {
	mu  sync.Mutex
	out chan int
	n   int
}

func (r *Relay) Send(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.out <- v // ok: drainFree receives without r.mu
}

func (r *Relay) drainLocked() {
	r.mu.Lock()
	<-r.out // want `deadlock: receive from channel r.out while r.mu is held, but the only send that could end it, in [^ ]+, must first lock r.mu`
	r.mu.Unlock()
}

func (r *Relay) drainFree() { <-r.out }

func (r *Relay) Run() {
	go r.drainLocked()
	go r.drainFree()
}

// Near miss: the receiver locks r.mu only on an error path.
type Sink struct {
	mu   sync.Mutex
	in   chan int
	errs int
}

func (s *Sink) Put(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.in <- v // ok: the receiver needs s.mu only when v < 0
}

func (s *Sink) Loop() {
	for v := range s.in {
		if v < 0 {
			s.mu.Lock()
			s.errs++
			s.mu.Unlock()
		}
	}
}

// Near miss: an exported channel may be received by other packages.
type Bus struct {
	mu sync.Mutex
	C  chan int
}

func (b *Bus) Emit(v int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.C <- v // ok: receivers outside the package are unknown
}

func (b *Bus) Drain() {
	b.mu.Lock()
	<-b.C
	b.mu.Unlock()
}

// Near miss: a select bounded by a timer and a context.
type Results struct {
	mu  sync.Mutex
	res chan int
}

func (r *Results) Next(ctx context.Context) (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	select { // ok: timer and ctx.Done cases
	case v := <-r.res:
		return v, true
	case <-time.After(time.Second):
		return 0, false
	case <-ctx.Done():
		return 0, false
	}
}

func (r *Results) Produce(v int) {
	r.res <- v // ok: no lock held
}

// Select whose every case needs the lock to be woken.
type Duplex struct {
	mu   sync.Mutex
	a, b chan int
}

func (d *Duplex) Either() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	select { // want `deadlock: select with no default case while d.mu is held, but all 2 operations that could end it \(e.g. send in \(\*Duplex\).PutA\) must first lock d.mu`
	case v := <-d.a:
		return v
	case v := <-d.b:
		return v
	}
}

func (d *Duplex) PutA(v int) {
	d.mu.Lock()
	d.a <- v // want `deadlock: send on channel d.a while d.mu is held`
	d.mu.Unlock()
}

func (d *Duplex) PutB(v int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.b <- v // want `deadlock: send on channel d.b while d.mu is held`
}

// RWMutex: a read lock held while waiting for a writer is a deadlock; a
// read lock held while waiting for a reader is not.
type Table struct {
	mu   sync.RWMutex
	rows chan int
	acks chan int
	n    int
}

func (t *Table) Scan() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return <-t.rows // want `deadlock: receive from channel t.rows while t.mu is held, but the only send that could end it, in [^ ]+, must first lock t.mu`
}

func (t *Table) Insert(v int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
	t.rows <- v // want `deadlock: send on channel t.rows while t.mu is held, but the only receive that could end it, in [^ ]+, must first read-lock t.mu`
}

func (t *Table) Ack() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return <-t.acks // ok: the sender only read-locks t.mu
}

func (t *Table) SendAck(v int) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	t.acks <- v
}

// Near miss: a buffered result channel may already hold the value (the
// flag says a result was delivered), so the receive may need no wake.
type wantConn struct {
	mu     sync.Mutex
	done   bool
	result chan int
}

func newWantConn() *wantConn { return &wantConn{result: make(chan int, 1)} }

func (w *wantConn) deliver(v int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done = true
	w.result <- v
}

func (w *wantConn) cancel() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return <-w.result // ok: buffered, and done says it was filled
	}
	return 0
}

// Near miss: a channel made in each iteration is a different channel in
// the next one; the lock taken after the receive does not guard it.
func handshakes(n int) {
	var m sync.Mutex
	for i := 0; i < n; i++ {
		ch := make(chan struct{})
		go func() {
			m.Lock()
			ch <- struct{}{} // ok: this iteration's receive needs no lock
			m.Unlock()
		}()
		<-ch
		m.Lock()
		m.Unlock()
	}
}

// A channel the caller hands in: its receiver is the caller's goroutine,
// which may call back into the package before its next receive.
type Observer struct {
	ch       chan int
	blocking bool
}

func NewObserver(ch chan int, blocking bool) *Observer {
	return &Observer{ch: ch, blocking: blocking}
}

type Node struct {
	obsMu     sync.RWMutex
	observers map[int]*Observer
}

func (n *Node) notify(v int) {
	n.obsMu.RLock()
	defer n.obsMu.RUnlock()
	for _, o := range n.observers {
		if o.blocking {
			o.ch <- v // want `deadlock risk: send on channel o.ch while n.obsMu is held; the channel comes from the caller \(handed to lockblock.NewObserver\), whose receiving goroutine waits forever if it calls \(\*Node\).Deregister, which locks n.obsMu, before its next receive`
			continue
		}
		select {
		case o.ch <- v: // ok: never blocks
		default:
		}
	}
}

func (n *Node) Deregister(id int) {
	n.obsMu.Lock()
	defer n.obsMu.Unlock()
	delete(n.observers, id)
}

// Near miss: the caller's API only read-locks the mutex the sender
// read-locks.
type Feed2 struct {
	mu   sync.RWMutex
	subs map[int]*Observer
}

func (f *Feed2) publish(v int) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	for _, o := range f.subs {
		o.ch <- v // ok: Len only read-locks f.mu
	}
}

func (f *Feed2) Len() int {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return len(f.subs)
}

// Near miss: the only exported function that locks the mutex's class locks
// a Feed3 of its own making; a subscriber that calls it cannot hold up
// the sender's.
type Feed3 struct {
	mu   sync.Mutex
	subs []*Observer
}

func (f *Feed3) publish(v int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, o := range f.subs {
		o.ch <- v // ok: ServeFeed locks only the Feed3 it makes
	}
}

func (f *Feed3) add(o *Observer) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subs = append(f.subs, o)
}

func ServeFeed(o *Observer, values []int) {
	f := &Feed3{}
	f.add(o)
	for _, v := range values {
		f.publish(v)
	}
}

// Near miss: the only exported function that locks the progress is the
// operation that produces the updates: a subscriber that called Push
// before its next receive would block on its own channel, with or without
// the lock.
type Progress struct {
	mu      sync.Mutex
	updates chan<- int
	done    int
}

type Pusher struct{ progress *Progress }

func NewPusher(updates chan<- int) *Pusher {
	return &Pusher{progress: &Progress{updates: updates}}
}

func (p *Progress) complete(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.updates <- p.done // ok: Push, which locks p.mu, is what sends
}

func (ps *Pusher) Push(parts []int) {
	for _, n := range parts {
		ps.progress.complete(n)
	}
}

// Near miss: the goroutine that drains the channel is started while the
// spawner holds s.mu, but a goroutine does not inherit its spawner's
// locks: it receives with none, and ends the send under s.mu. (Silent on
// main too: a regression guard for the counterpart model's goroutine
// bodies, which inherit nothing from the code that starts them.)
type Spawner struct {
	mu sync.Mutex
	n  int
}

func (s *Spawner) Run() {
	ch := make(chan int)
	s.mu.Lock()
	go func() {
		for v := range ch {
			_ = v
		}
	}()
	s.n++
	s.mu.Unlock()
	s.send(ch)
	close(ch)
}

func (s *Spawner) send(ch chan int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch <- s.n // ok: the draining goroutine takes no lock
}

// In-flight requests counted under a mutex that Shutdown holds while it
// waits: a request takes wgMu only around its Add, so one stopped at the
// Lock has made no Add the Wait counts, and the ones counted reach their
// Done with no lock (gubernator's PeerClient). Near miss of CloseUnderLock.
type PeerClient struct {
	wgMu sync.Mutex
	wg   sync.WaitGroup
	sent int
}

func (c *PeerClient) Send() {
	c.wgMu.Lock()
	c.wg.Add(1)
	c.wgMu.Unlock()
	defer c.wg.Done()
	c.sent++
}

func (c *PeerClient) Shutdown() {
	c.wgMu.Lock()
	defer c.wgMu.Unlock()
	c.wg.Wait() // ok: every counted request is past its Lock
}

// Bad: here the request locks wgMu again before its Done.
type PeerClient2 struct {
	wgMu sync.Mutex
	wg   sync.WaitGroup
	sent int
}

func (c *PeerClient2) Send() {
	c.wgMu.Lock()
	c.wg.Add(1)
	c.wgMu.Unlock()
	c.wgMu.Lock()
	c.sent++
	c.wgMu.Unlock()
	c.wg.Done()
}

func (c *PeerClient2) Shutdown() {
	c.wgMu.Lock()
	defer c.wgMu.Unlock()
	c.wg.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while c.wgMu is held`
}

// Bad: stop holds p.mu while it waits for the workers that WaitGroup.Go
// started, and each worker locks p.mu before it returns: only a worker's
// return could end the Wait.
type goPool struct {
	mu sync.Mutex
	wg sync.WaitGroup
	n  int
}

func (p *goPool) start() { p.wg.Go(p.work) }

func (p *goPool) work() {
	p.mu.Lock()
	p.n++
	p.mu.Unlock()
}

func (p *goPool) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wg.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while p.mu is held, but only the return of \(\*goPool\).work could end it, and it must first lock p.mu`
}

// Bad: a buffered wake-up channel is no excuse when the buffer can be
// empty at the receive (grpc#1460's keepalive, the first time round with
// no stream): the receive waits under the lock, and the only send is
// made by a function that must first take that lock.
type keepaliveClient struct {
	mu      sync.Mutex
	streams map[int]bool
	awaken  chan struct{}
}

func newKeepaliveClient() *keepaliveClient {
	return &keepaliveClient{streams: map[int]bool{}, awaken: make(chan struct{}, 1)}
}

func (t *keepaliveClient) newStream(id int) {
	t.mu.Lock()
	t.streams[id] = true
	if len(t.streams) == 1 {
		select {
		case t.awaken <- struct{}{}:
		default:
		}
	}
	t.mu.Unlock()
}

func (t *keepaliveClient) keepalive() {
	t.mu.Lock()
	if len(t.streams) < 1 {
		<-t.awaken // want `deadlock: receive from channel t.awaken while t.mu is held, but the only send that could end it, in \(\*keepaliveClient\).newStream, must first lock t.mu`
	}
	t.mu.Unlock()
}

// Good: the near miss sends before it receives, on every path: its own
// value is in the buffer.
type selfBanked struct {
	mu   sync.Mutex
	slot chan int
}

func (s *selfBanked) swap(v int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.slot <- v
	return <-s.slot
}

func newSelfBanked() *selfBanked { return &selfBanked{slot: make(chan int, 1)} }
