package lockblock

import (
	"fmt"
	"sync"

	"lockblock/dep"
)

// Calls the core resolves through internal/callees: a function value in a
// field, a sync.Once callback, a String method fmt calls for %v. Each
// waits on a send to events, whose only receiver, pump, locks the mutex
// the caller holds before every receive: a deadlock found only through
// the resolved call.

var events = make(chan int)

func slowNotify()  { events <- 1 }
func quickNotify() {}

type pump struct {
	n *notifier
	l *lazyConn
}

func (p *pump) run() {
	for {
		p.n.mu.Lock()
		p.n.mu.Unlock()
		p.l.mu.Lock()
		p.l.mu.Unlock()
		<-events
	}
}

type notifier struct {
	mu      sync.Mutex
	onEvent func()
	n       int
}

func newNotifier() *notifier { return &notifier{onEvent: slowNotify} }

func (n *notifier) fire() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.n++
	n.onEvent() // want `deadlock: call to lockblock.slowNotify, which blocks on send on channel events while n.mu is held, but the only receive that could end it, in \(\*pump\).run, must first lock n.mu`
}

func (n *notifier) count() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.n
}

// Good: the field holds one of two callbacks and they disagree (one
// waits, one does not): the call is not reported.
type choosy struct {
	mu      sync.Mutex
	onEvent func()
	n       int
}

func (c *choosy) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func newChoosy(slow bool) *choosy {
	if slow {
		return &choosy{onEvent: slowNotify}
	}
	return &choosy{onEvent: quickNotify}
}

func (c *choosy) fire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onEvent() // ok: the candidates disagree
}

// Good: an exported field may be set by any importer to anything.
type Hooked struct {
	mu      sync.Mutex
	OnEvent func()
	n       int
}

func (h *Hooked) Count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n
}

func NewHooked() *Hooked { return &Hooked{OnEvent: slowNotify} }

func (h *Hooked) Fire() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.OnEvent() // ok: stored from outside the package too
}

type lazyConn struct {
	mu   sync.Mutex
	once sync.Once
}

func (l *lazyConn) get() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.once.Do(slowNotify) // want `deadlock: call to \(\*sync.Once\).Do, which calls lockblock.slowNotify, which blocks on send on channel events while l.mu is held, but the only receive that could end it, in \(\*pump\).run, must first lock l.mu`
}

// Bad: another package's helper that calls its function parameter runs
// slowNotify in the call, under l.mu (a fact of that package says so).
func (l *lazyConn) retry() {
	l.mu.Lock()
	defer l.mu.Unlock()
	dep.Retry(slowNotify) // want `deadlock: call to .*dep.Retry, which calls lockblock.slowNotify, which blocks on send on channel events while l.mu is held`
}

// Good: the near miss: the other package's helper only keeps the function.
func (l *lazyConn) keep() {
	l.mu.Lock()
	defer l.mu.Unlock()
	dep.Later(slowNotify) // ok: Later does not call it
}

func (l *lazyConn) getQuick() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.once.Do(quickNotify) // ok: the callback does not wait
}

type slowName struct{}

func (slowName) String() string {
	events <- 2 // stands in for a lookup by the pump
	return "slow"
}

func (l *lazyConn) describe() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprintf("%v", slowName{}) // want `deadlock: call to fmt.Sprintf, which calls \(slowName\).String, which blocks on send on channel events while l.mu is held`
}

func (l *lazyConn) describeType() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprintf("%T", slowName{}) // ok: %T does not call String
}

// Re-locking through a function value: the hook's only value locks the
// mutex its caller holds (found through internal/callees).
var (
	flushMu   sync.Mutex
	flushHook = flushAll
	pending   int
)

func flushAll() {
	flushMu.Lock()
	pending = 0
	flushMu.Unlock()
}

func FlushNow() {
	flushMu.Lock()
	defer flushMu.Unlock()
	flushHook() // want `call to lockblock.flushAll locks flushMu while it is already locked on this path`
}

// Near miss: an exported hook may hold anything.
var FlushHook = flushAll

func FlushExported() {
	flushMu.Lock()
	defer flushMu.Unlock()
	FlushHook() // ok: importers may store another function
}

// A join under a lock whose worker is started through a function-valued
// field (wg.Go(p.job)): the resolver finds the one function the field
// holds, and that function needs the lock.
type jobPool struct {
	mu  sync.Mutex
	job func()
	n   int
}

func newJobPool() *jobPool {
	p := &jobPool{}
	p.job = p.step
	return p
}

func (p *jobPool) step() {
	p.mu.Lock()
	p.n++
	p.mu.Unlock()
}

// Bad: step waits for p.mu, which the join holds.
func (p *jobPool) runLocked() {
	var wg sync.WaitGroup
	p.mu.Lock()
	wg.Go(p.job)
	wg.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while p.mu is held`
	p.mu.Unlock()
}

// countPool's field holds a function that never takes the lock.
type countPool struct {
	mu  sync.Mutex
	job func()
	n   int
}

func newCountPool() *countPool {
	p := &countPool{}
	p.job = p.count
	return p
}

func (p *countPool) count() { p.n++ }

// Good: the near miss: the worker does not need p.mu.
func (p *countPool) runLocked() {
	var wg sync.WaitGroup
	p.mu.Lock()
	wg.Go(p.job)
	wg.Wait() // ok: count never locks p.mu
	p.mu.Unlock()
}
