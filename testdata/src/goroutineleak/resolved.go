package goroutineleak

import "sync"

// Channels, Conds and calls that the core follows through a call it
// resolves (internal/callees) into the one function the call runs.

type looker interface{ look(done chan struct{}) }

type lenLooker struct{}

func (lenLooker) look(done chan struct{}) { _ = len(done) }

// Bad: the only implementation of looker only reads the channel's
// length; nothing closes done.
func LookThenWait(l looker) {
	done := make(chan struct{})
	l.look(done)
	awaitDone(done)
}

func awaitDone(done chan struct{}) {
	<-done // want `receive from done blocks forever: nothing in the package sends on it or closes it`
}

type finisher interface{ finish(done chan struct{}) }

type closeFinisher struct{}

func (closeFinisher) finish(done chan struct{}) { close(done) }

// Good: the only implementation of finisher closes the channel.
func FinishThenWait(fin finisher) {
	done := make(chan struct{})
	fin.finish(done)
	awaitFinished(done)
}

func awaitFinished(done chan struct{}) {
	<-done // ok: closeFinisher.finish closes it
}

type toucher interface{ touch(done chan struct{}) }

type lenToucher struct{}

func (lenToucher) touch(done chan struct{}) { _ = len(done) }

type closeToucher struct{}

func (closeToucher) touch(done chan struct{}) { close(done) }

// Good: two implementations, one of which closes the channel: the call
// has no single callee, and the channel escapes through it.
func TouchThenWait(t toucher) {
	done := make(chan struct{})
	t.touch(done)
	awaitTouched(done)
}

func awaitTouched(done chan struct{}) {
	<-done // ok: closeToucher.touch may close it
}

// A Cond handed to the only implementation of an interface method is
// that method's parameter: its Signal, or the lack of one, counts.
type notifier interface{ notify(c *sync.Cond) }

type countNotifier struct{ n int }

func (cn *countNotifier) notify(c *sync.Cond) { cn.n++ }

type condQueue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
	n     notifier
}

// Bad: put hands the Cond to countNotifier.notify, which never signals.
func newCondQueue(n notifier, f func(int)) *condQueue {
	q := &condQueue{n: n}
	q.cond = sync.NewCond(&q.mu)
	go func() {
		q.mu.Lock()
		for len(q.items) == 0 {
			q.cond.Wait() // want `q.cond.Wait blocks forever: nothing in the package calls Signal or Broadcast on it`
		}
		f(q.items[0])
		q.mu.Unlock()
	}()
	return q
}

func (q *condQueue) put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.n.notify(q.cond)
}

type signaller interface{ wake(c *sync.Cond) }

type condSignaller struct{}

func (condSignaller) wake(c *sync.Cond) { c.Signal() }

type condQueueSignalled struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
	s     signaller
}

// Good: the only implementation of signaller signals the Cond.
func newCondQueueSignalled(s signaller, f func(int)) *condQueueSignalled {
	q := &condQueueSignalled{s: s}
	q.cond = sync.NewCond(&q.mu)
	go func() {
		q.mu.Lock()
		for len(q.items) == 0 {
			q.cond.Wait() // ok: condSignaller.wake signals
		}
		f(q.items[0])
		q.mu.Unlock()
	}()
	return q
}

func (q *condQueueSignalled) put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.s.wake(q.cond)
}

// A goroutine whose body calls, through a field, a method that can never
// return never ends either.
type drainPump struct {
	lines chan string
	run   func()
}

// The field holds only p.drain, which ranges over a channel nothing
// closes; drainPump has no Close: silent by design (wake.Discarded).
func newDrainPump() *drainPump {
	p := &drainPump{lines: make(chan string, 16)}
	p.run = p.drain
	go func() { p.run() }()
	return p
}

func (p *drainPump) drain() {
	for l := range p.lines { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
		_ = l
	}
}

func (p *drainPump) Log(l string) { p.lines <- l }

type drainPumpClosed struct {
	lines chan string
	run   func()
}

// Good: Close closes the channel drain ranges over.
func newDrainPumpClosed() *drainPumpClosed {
	p := &drainPumpClosed{lines: make(chan string, 16)}
	p.run = p.drain
	go func() { p.run() }()
	return p
}

func (p *drainPumpClosed) drain() {
	for l := range p.lines { // ok: Close closes it
		_ = l
	}
}

func (p *drainPumpClosed) Log(l string) { p.lines <- l }

func (p *drainPumpClosed) Close() { close(p.lines) }
