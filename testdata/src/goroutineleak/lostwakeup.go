package goroutineleak

import (
	"context"
	"errors"
	"sync"
)

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

// A barrier: the participants wait in arrive, and the last to arrive
// wakes them.
type barrier struct {
	mu      sync.Mutex
	cond    *sync.Cond
	want    int
	arrived int
	aborted bool
}

func newBarrier(n int) *barrier {
	b := &barrier{want: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// Bad: an aborting participant returns without the Broadcast the last
// arrival makes: the participants already waiting sleep forever.
func (b *barrier) arrive(failed bool) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if failed {
		b.aborted = true // want `\(\*barrier\).arrive sets aborted to true, which ends the wait of \(\*barrier\).arrive on cond, and can return without Signal or Broadcast on it: the other goroutines waiting there are not woken \(lost wakeup\)`
		return false
	}
	b.arrived++
	if b.arrived == b.want {
		b.cond.Broadcast()
		return true
	}
	for b.arrived < b.want && !b.aborted {
		b.cond.Wait()
	}
	return !b.aborted
}

type wakingBarrier struct {
	mu      sync.Mutex
	cond    *sync.Cond
	want    int
	arrived int
	aborted bool
}

func newWakingBarrier(n int) *wakingBarrier {
	b := &wakingBarrier{want: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// Good: the near miss: the aborting participant wakes the others.
func (b *wakingBarrier) arrive(failed bool) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if failed {
		b.aborted = true // ok: broadcast below
		b.cond.Broadcast()
		return false
	}
	b.arrived++
	if b.arrived == b.want {
		b.cond.Broadcast()
		return true
	}
	for b.arrived < b.want && !b.aborted {
		b.cond.Wait()
	}
	return !b.aborted
}

// A queue whose close wakes the getters only on some paths.
type drainQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []string
	closed bool
}

func newDrainQueue() *drainQueue {
	q := &drainQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *drainQueue) put(s string) {
	q.mu.Lock()
	q.items = append(q.items, s)
	q.cond.Signal()
	q.mu.Unlock()
}

func (q *drainQueue) get() (string, bool) {
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

// Silent by design: close broadcasts only when items are left, but the
// getters that wait are those that found none. A path that skips the
// wake in a function that wakes on others often has no waiter (a nil
// Cond, a kind of object nobody waits on: nats' Conn.close), which the
// model cannot tell from this one.
func (q *drainQueue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true // ok: silent by design (it does leak: runtime_test.go)
	if len(q.items) > 0 {
		q.cond.Broadcast()
	}
}

// Good: the near miss: the Broadcast is deferred, so it runs on every
// return.
func (q *drainQueue) shutdown(force bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	defer q.cond.Broadcast()
	q.closed = true // ok: the deferred Broadcast wakes the getters
	if force {
		q.items = nil
		return
	}
}

// A single worker that ends its own wait: nobody else waits in run.
type selfStopper struct {
	mu      sync.Mutex
	cond    *sync.Cond
	pending int
	stopped bool
}

func newSelfStopper() *selfStopper {
	s := &selfStopper{}
	s.cond = sync.NewCond(&s.mu)
	return s
}

func (s *selfStopper) add() {
	s.mu.Lock()
	s.pending++
	s.cond.Signal()
	s.mu.Unlock()
}

// Good: the near miss: the waiting function sets the flag itself and
// wakes nobody: it may be the Cond's only waiter.
func (s *selfStopper) run(limit int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for done := 0; ; done++ {
		for s.pending == 0 && !s.stopped {
			s.cond.Wait()
		}
		if s.stopped {
			return
		}
		s.pending--
		if done == limit {
			s.stopped = true // ok: run is the only waiter
			return
		}
	}
}

// UseBarriers keeps the barriers' and queues' methods in use.
func UseBarriers() {
	b := newBarrier(2)
	b.arrive(false)
	w := newWakingBarrier(2)
	w.arrive(true)
	q := newDrainQueue()
	q.put("a")
	q.get()
	q.close()
	q.shutdown(true)
	s := newSelfStopper()
	s.add()
	s.run(3)
}

// A cache that loads a value once and makes the other callers wait for
// the load.
type loadOnce struct {
	mu      sync.Mutex
	cond    *sync.Cond
	loading bool
	val     []byte
	load    func() ([]byte, error)
}

func newLoadOnce(load func() ([]byte, error)) *loadOnce {
	c := &loadOnce{load: load}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// Bad: a failed load returns with loading still true: every later get
// waits forever.
func (c *loadOnce) get() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.loading {
		c.cond.Wait()
	}
	if c.val != nil {
		return c.val, nil
	}
	c.loading = true // want `\(\*loadOnce\).get sets loading to true and can return without setting it back, which only it does: every later wait of \(\*loadOnce\).get on cond until loading is false blocks forever`
	c.mu.Unlock()
	v, err := c.load()
	c.mu.Lock()
	if err != nil {
		return nil, err
	}
	c.val = v
	c.loading = false
	c.cond.Broadcast()
	return v, nil
}

type retryingLoadOnce struct {
	mu      sync.Mutex
	cond    *sync.Cond
	loading bool
	val     []byte
	load    func() ([]byte, error)
}

func newRetryingLoadOnce(load func() ([]byte, error)) *retryingLoadOnce {
	c := &retryingLoadOnce{load: load}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// Good: the near miss: a failed load sets loading back and wakes the
// waiters, which try again.
func (c *retryingLoadOnce) get() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.loading {
		c.cond.Wait()
	}
	if c.val != nil {
		return c.val, nil
	}
	c.loading = true // ok: every return after it sets it back
	c.mu.Unlock()
	v, err := c.load()
	c.mu.Lock()
	c.loading = false
	c.cond.Broadcast()
	if err != nil {
		return nil, err
	}
	c.val = v
	return v, nil
}

type handedLoad struct {
	mu      sync.Mutex
	cond    *sync.Cond
	loading bool
	val     []byte
}

func newHandedLoad() *handedLoad {
	c := &handedLoad{}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// Good: the near miss: start leaves loading set for finish, which a
// loader calls when it is done: another function sets it back.
func (c *handedLoad) start(load func(done func([]byte))) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.loading {
		c.cond.Wait()
	}
	if c.val != nil {
		return
	}
	c.loading = true // ok: finish sets it back
	go load(c.finish)
}

func (c *handedLoad) finish(v []byte) {
	c.mu.Lock()
	c.val = v
	c.loading = false
	c.cond.Broadcast()
	c.mu.Unlock()
}

// UseLoaders keeps the loaders in use.
func UseLoaders() {
	a := newLoadOnce(func() ([]byte, error) { return nil, nil })
	_, _ = a.get()
	b := newRetryingLoadOnce(func() ([]byte, error) { return nil, nil })
	_, _ = b.get()
	h := newHandedLoad()
	h.start(func(done func([]byte)) { done(nil) })
}

// A flag set by a helper whose callers wake the Cond after calling it.

type streamReader struct {
	mu   sync.Mutex
	cond *sync.Cond
	buf  []byte
	eof  bool
	done bool
}

func newStreamReader() *streamReader {
	r := &streamReader{}
	r.cond = sync.NewCond(&r.mu)
	return r
}

// recvLocked sets eof; every caller broadcasts after it, under the lock.
func (r *streamReader) recvLocked(data []byte, eof bool) {
	r.buf = append(r.buf, data...)
	if eof {
		r.eof = true
	}
}

// finishLocked sets done; its caller may return without a wakeup.
func (r *streamReader) finishLocked() {
	r.done = true // want `\(\*streamReader\).finishLocked sets done to true, which ends the wait of \(\*streamReader\).Read on cond, but never calls Signal or Broadcast on it: a goroutine waiting there is not woken \(lost wakeup\)`
}

func (r *streamReader) Recv(data []byte, eof bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recvLocked(data, eof)
	r.drainPendingLocked()
	r.cond.Broadcast()
}

// drainPendingLocked hands packets that came early to recvLocked; its
// caller broadcasts after it.
func (r *streamReader) drainPendingLocked() {
	for len(r.buf) > 1<<20 {
		r.recvLocked(nil, true)
	}
}

func (r *streamReader) Finish(quiet bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.finishLocked()
	if quiet {
		return
	}
	r.cond.Broadcast()
}

func (r *streamReader) Read() ([]byte, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.buf) == 0 && !r.eof && !r.done {
		r.cond.Wait()
	}
	b := r.buf
	r.buf = nil
	return b, r.eof || r.done
}

// Good: the waiter starts a goroutine of its own that broadcasts when its
// context is done (bento's SQLite buffer): the wait ends with that
// context, even though close wakes nobody.
type ctxWokenQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []string
	closed bool
}

func newCtxWokenQueue() *ctxWokenQueue {
	q := &ctxWokenQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *ctxWokenQueue) put(s string) {
	q.mu.Lock()
	q.items = append(q.items, s)
	q.cond.Broadcast()
	q.mu.Unlock()
}

func (q *ctxWokenQueue) get(ctx context.Context) (string, error) {
	ctx, done := context.WithCancel(ctx)
	defer done()
	go func() {
		<-ctx.Done()
		q.cond.Broadcast()
	}()
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		if q.closed {
			return "", errors.New("closed")
		}
		if err := ctx.Err(); err != nil {
			return "", err
		}
		q.cond.Wait()
	}
	s := q.items[0]
	q.items = q.items[1:]
	return s, nil
}

func (q *ctxWokenQueue) close() {
	q.mu.Lock()
	q.closed = true // ok: the waiters' own goroutines wake them when their context is done
	q.mu.Unlock()
}

// A Cond wait loop whose only way out is a flag that one function sets,
// and that function can return without setting it (moby#30408).
type activatedPlugin struct {
	mu        sync.Mutex
	cond      *sync.Cond
	activated bool
	err       error
	handshake func() error
}

func newActivatedPlugin(handshake func() error) *activatedPlugin {
	p := &activatedPlugin{handshake: handshake}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// Bad: the failed handshake is recorded for the waiters (waitActive
// returns p.err), but activated stays false and their loop goes on.
func (p *activatedPlugin) activate() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.handshake(); err != nil {
		p.err = err
		p.cond.Broadcast()
		return err
	}
	p.activated = true
	p.cond.Broadcast()
	return nil
}

func (p *activatedPlugin) waitActive() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.activated {
		p.cond.Wait() // want `cond.Wait can block forever: the loop waits until activated is true, which only \(\*activatedPlugin\).activate sets, and it can return without setting it`
	}
	return p.err
}

// fixedPlugin is the fix: the loop ends on the error too.
type fixedPlugin struct {
	mu        sync.Mutex
	cond      *sync.Cond
	activated bool
	err       error
	handshake func() error
}

func newFixedPlugin(handshake func() error) *fixedPlugin {
	p := &fixedPlugin{handshake: handshake}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// Good: the near miss: the waiters' loop also ends once p.err is set.
func (p *fixedPlugin) activate() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.handshake(); err != nil {
		p.err = err
		p.cond.Broadcast()
		return err
	}
	p.activated = true
	p.cond.Broadcast()
	return nil
}

func (p *fixedPlugin) waitActive() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.activated && p.err == nil {
		p.cond.Wait() // ok: the failure ends the loop too
	}
	return p.err
}

// startedGate is set by start, which does nothing the second time.
type startedGate struct {
	mu      sync.Mutex
	cond    *sync.Cond
	started bool
	runs    int
}

func newStartedGate() *startedGate {
	g := &startedGate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// Good: the near miss: start skips the flag only when it is set already,
// a branch on the object's own state.
func (g *startedGate) start() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.runs > 0 {
		return
	}
	g.runs++
	g.started = true
	g.cond.Broadcast()
}

func (g *startedGate) wait() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.started {
		g.cond.Wait() // ok: start sets started unless an earlier start did
	}
}
