package lockblock

import "sync"

// A channel handed to the very call that sends on it: the caller is still
// inside the call, and the receiver is a goroutine it arranged for the
// call. Only a receiver the package makes, and that needs the lock, is
// evidence of a deadlock; an exported function that locks the mutex is
// not (the registry's Gather, the only reader, never calls Set).

type Gauges struct {
	mtx    sync.RWMutex
	values map[string]float64
}

// Near miss: Collect sends on its own parameter under a read lock, and Set
// write-locks the mutex; the receiver is unknown.
func (g *Gauges) Collect(ch chan<- float64) {
	g.mtx.RLock()
	defer g.mtx.RUnlock()
	for _, v := range g.values {
		ch <- v // ok: the receiver is the caller's, arranged for this call
	}
}

func (g *Gauges) Set(k string, v float64) {
	g.mtx.Lock()
	defer g.mtx.Unlock()
	g.values[k] = v
}

// Near miss: the same, with the send in a helper the channel is passed
// on to.
type Vec struct {
	mu sync.Mutex
	m  map[string]*Gauges
}

func (v *Vec) Collect(ch chan<- float64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, g := range v.m {
		emit(ch, g.values["total"]) // ok: the channel is the one handed to Collect
	}
}

func emit(ch chan<- float64, x float64) {
	ch <- x
}

func (v *Vec) Delete(k string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.m, k)
}

// The package's own reader needs the lock: Collect holds r.mu while it
// sends, and Gather's loop locks r.mu before every receive.
type PullRegistry struct {
	mu    sync.Mutex
	total float64
	vals  []float64
}

func (r *PullRegistry) Collect(ch chan<- float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.vals {
		ch <- v // want `deadlock risk: send on channel ch while r.mu is held; the channel comes from the caller \(handed to \(\*PullRegistry\).Collect\), and its receiver in \(\*PullRegistry\).Gather first locks r.mu: neither goroutine can proceed`
	}
}

func (r *PullRegistry) Gather() float64 {
	ch := make(chan float64)
	go func() {
		r.Collect(ch)
		close(ch)
	}()
	for {
		r.mu.Lock()
		t := r.total
		r.mu.Unlock()
		v, ok := <-ch
		if !ok {
			return t
		}
		r.mu.Lock()
		r.total += v
		r.mu.Unlock()
	}
}

// Near miss: the package's own reader takes no lock before it receives.
type PullRegistry2 struct {
	mu    sync.Mutex
	total float64
	vals  []float64
}

func (r *PullRegistry2) Collect(ch chan<- float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.vals {
		ch <- v // ok: Gather receives without the lock
	}
}

func (r *PullRegistry2) Gather() float64 {
	ch := make(chan float64)
	go func() {
		r.Collect(ch)
		close(ch)
	}()
	var t float64
	for v := range ch {
		t += v
	}
	r.mu.Lock()
	r.total = t
	r.mu.Unlock()
	return t
}

// Near miss: the only receive that locks the mutex is the sender's own,
// which cannot take the value it is sending.
type Exchanger struct {
	mu sync.Mutex
	n  int
}

func (e *Exchanger) Swap(ch chan int) int {
	e.mu.Lock()
	ch <- e.n // ok: the receive below is this goroutine's
	e.mu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.n = <-ch
	return e.n
}

// Near miss: one receiver locks the mutex before its receive, but another
// goroutine drains the same channel with no lock and can take the value
// the locked sender waits to hand over.
type PullRegistry3 struct {
	mu   sync.Mutex
	vals []float64
}

func (r *PullRegistry3) Collect(ch chan<- float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.vals {
		ch <- v // ok: drain receives without the lock
	}
}

func (r *PullRegistry3) Poll(ch chan float64) (float64, bool) {
	r.mu.Lock()
	n := len(r.vals)
	r.mu.Unlock()
	if n == 0 {
		return 0, false
	}
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

func (r *PullRegistry3) Run() {
	ch := make(chan float64)
	done := make(chan struct{})
	go func() {
		for range ch {
		}
		close(done)
	}()
	go func() {
		r.Collect(ch)
		close(ch)
	}()
	r.Poll(ch)
	<-done
}

// Near miss: the only receive the package makes of the channel is a poll
// (a select with default) after a locking call. A poll is not a receiver
// the sender waits for (the sender is not woken by it but by luck), so it
// is no evidence that the receiver needs the lock; and the channel is
// handed to the very call.
type PollRegistry struct {
	mu   sync.Mutex
	vals []float64
}

func (r *PollRegistry) Collect(ch chan<- float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range r.vals {
		ch <- v // ok: Peek only polls, and the receiver is the caller's
	}
}

func (r *PollRegistry) Peek(ch chan float64) (float64, bool) {
	r.mu.Lock()
	n := len(r.vals)
	r.mu.Unlock()
	if n == 0 {
		return 0, false
	}
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

func (r *PollRegistry) Sample() (float64, bool) {
	ch := make(chan float64)
	go func() {
		r.Collect(ch)
		close(ch)
	}()
	return r.Peek(ch)
}

// A reply channel the caller hands in and the package keeps until the
// reply comes, deleting the entry as it answers. Near miss: the replies
// are sent inside calls of the package's API (Received, Close), on the
// caller's own goroutine; the package starts no goroutine that sends, and
// its test (TestReplies) drains the channel with no lock. The receiver,
// waiting for its one reply, is a goroutine the caller arranged, as for a
// channel handed to the very call.
type Replies struct {
	mu      sync.Mutex
	pending map[int]pendingReply
}

type pendingReply struct {
	resp chan<- int
}

func (r *Replies) Add(id int, resp chan<- int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending[id] = pendingReply{resp: resp}
}

func (r *Replies) Received(id, v int) {
	r.end(id, v)
}

func (r *Replies) end(id, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.pending[id]; ok {
		p.resp <- v // ok: sent on the goroutine of the caller of Received
		delete(r.pending, id)
	}
}

func (r *Replies) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, p := range r.pending {
		p.resp <- 0 // ok: sent on the goroutine of the caller of Close
		delete(r.pending, id)
	}
	return nil
}

func (r *Replies) Ack(id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.pending, id)
}

// The same, but the replies are sent by a goroutine the package starts:
// its subscriber may call Ack, which locks r.mu, before its next receive.
type PumpedReplies struct {
	mu      sync.Mutex
	pending map[int]pumpedReply
}

type pumpedReply struct{ resp chan<- int }

func (r *PumpedReplies) Add(id int, resp chan<- int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending[id] = pumpedReply{resp: resp}
}

func (r *PumpedReplies) Start(in <-chan [2]int) {
	go func() {
		for m := range in {
			r.end(m[0], m[1])
		}
	}()
}

func (r *PumpedReplies) end(id, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.pending[id]; ok {
		p.resp <- v // want `deadlock risk: send on channel p.resp while r.mu is held; the channel comes from the caller \(handed to \(\*PumpedReplies\).Add\), whose receiving goroutine waits forever if it calls \(\*PumpedReplies\).Ack, which locks r.mu, before its next receive`
		delete(r.pending, id)
	}
}

func (r *PumpedReplies) Ack(id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.pending, id)
}

// Near miss: a reply sent under the lock inside a callback that the
// package's API runs in place (through a helper that calls it), still on
// the caller's goroutine.
type CallbackReplies struct {
	mu      sync.Mutex
	pending map[int]callbackReply
}

type callbackReply struct{ resp chan<- int }

func (r *CallbackReplies) Add(id int, resp chan<- int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending[id] = callbackReply{resp: resp}
}

func (r *CallbackReplies) Received(id, v int) {
	runNow(func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		if p, ok := r.pending[id]; ok {
			p.resp <- v // ok: runNow runs the literal on the caller's goroutine
			delete(r.pending, id)
		}
	})
}

func runNow(f func()) { f() }

func (r *CallbackReplies) Ack(id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.pending, id)
}

// The same, but the helper starts the literal in a goroutine of the
// package.
type SpawnedReplies struct {
	mu      sync.Mutex
	pending map[int]spawnedReply
}

type spawnedReply struct{ resp chan<- int }

func (r *SpawnedReplies) Add(id int, resp chan<- int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pending[id] = spawnedReply{resp: resp}
}

func (r *SpawnedReplies) Received(id, v int) {
	runLater(func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		if p, ok := r.pending[id]; ok {
			p.resp <- v // want `deadlock risk: send on channel p.resp while r.mu is held; the channel comes from the caller \(handed to \(\*SpawnedReplies\).Add\), whose receiving goroutine waits forever if it calls \(\*SpawnedReplies\).Ack, which locks r.mu, before its next receive`
			delete(r.pending, id)
		}
	})
}

func runLater(f func()) { go f() }

func (r *SpawnedReplies) Ack(id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.pending, id)
}

// A subscription: Publish, an exported method that runs only on its
// callers' goroutines, sends under b.mu on every subscriber's channel, and
// keeps them for the next event. A subscriber that calls Unsubscribe
// between two receives waits for b.mu while a publisher holds it, blocked
// on the send to that very subscriber.
type EventBus struct {
	mu   sync.Mutex
	subs map[int]eventSub
}

type eventSub struct{ ch chan<- string }

func (b *EventBus) Subscribe(id int, ch chan<- string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[id] = eventSub{ch: ch}
}

func (b *EventBus) Publish(ev string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.subs {
		s.ch <- ev // want `deadlock risk: send on channel s.ch while b.mu is held; the channel comes from the caller \(handed to \(\*EventBus\).Subscribe\), whose receiving goroutine waits forever if it calls \(\*EventBus\).Subscribe, which locks b.mu, before its next receive`
	}
}

func (b *EventBus) Unsubscribe(id int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs, id)
}

// A channel registered with a session whose request loop sends on it
// under the session's lock. The receiver that locks the session only in
// the call that registers the channel is no evidence: the lock is
// released before the loop can have the channel. One that locks it again
// before each receive is.
type BreakSession struct {
	mu      sync.Mutex
	breakCh chan<- bool
	env     []string
}

func (s *BreakSession) Break(c chan<- bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.breakCh = c
}

func (s *BreakSession) Env() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.env
}

func (s *BreakSession) handleBreak() {
	s.mu.Lock()
	if s.breakCh != nil {
		s.breakCh <- true // want `deadlock risk: send on channel s.breakCh while s.mu is held; the channel comes from the caller \(handed to \(\*BreakSession\).Break\), and its receiver in lockblock.watchBreaks first locks s.mu`
	}
	s.mu.Unlock()
}

// watchBreaks reads the environment (locking s.mu) before each receive.
func watchBreaks(s *BreakSession) {
	ch := make(chan bool)
	s.Break(ch)
	for {
		_ = s.Env()
		<-ch
	}
}

type onceSession struct {
	mu      sync.Mutex
	breakCh chan<- bool
}

func (s *onceSession) Break(c chan<- bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.breakCh = c
}

func (s *onceSession) handleBreak() {
	s.mu.Lock()
	if s.breakCh != nil {
		s.breakCh <- true // ok: the receiver locks s.mu only inside Break, before the channel is registered
	}
	s.mu.Unlock()
}

// waitBreak is the only receiver (onceSession's methods are not API a
// client can call).
func waitBreak(s *onceSession) {
	ch := make(chan bool)
	s.Break(ch)
	<-ch
}
