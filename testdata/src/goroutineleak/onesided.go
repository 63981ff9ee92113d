package goroutineleak

import "sync"

// One-sided channels: a wait on a channel whose every sender, receiver and
// closer would be in this package (it does not escape), and there is none.

// gate's goroutine waits on ready, which nothing sends on or closes.
type gate struct{ ready chan struct{} }

func newGate(f func()) *gate {
	g := &gate{ready: make(chan struct{})}
	go func() {
		<-g.ready // want `receive from g.ready blocks forever: nothing in the package sends on it or closes it \(goroutine leak\)`
		f()
	}()
	return g
}

// gateOpened is the near miss: Open closes ready.
type gateOpened struct{ ready chan struct{} }

func newGateOpened(f func()) *gateOpened {
	g := &gateOpened{ready: make(chan struct{})}
	go func() {
		<-g.ready // ok: Open closes it
		f()
	}()
	return g
}

func (g *gateOpened) Open() { close(g.ready) }

// reporter sends errors on errs, which nothing receives from.
type reporter struct{ errs chan error }

func newReporter() *reporter { return &reporter{errs: make(chan error)} }

func (r *reporter) run(f func() error) {
	go func() {
		if err := f(); err != nil {
			r.errs <- err // want `send on r.errs blocks forever: nothing in the package receives from it \(goroutine leak\)`
		}
	}()
}

// runTwice sends on errs at two places: one finding, the second send
// related.
func (r *reporter) runTwice(f, g func() error) {
	go func() {
		if err := f(); err != nil {
			r.errs <- err // want `send on r.errs blocks forever: nothing in the package receives from it \(goroutine leak\)`
			return
		}
		if err := g(); err != nil {
			r.errs <- err
		}
	}()
}

// reporterRead is the near miss: Err receives.
type reporterRead struct{ errs chan error }

func newReporterRead() *reporterRead { return &reporterRead{errs: make(chan error)} }

func (r *reporterRead) run(f func() error) {
	go func() {
		if err := f(); err != nil {
			r.errs <- err // ok: Err receives it
		}
	}()
}

func (r *reporterRead) Err() error { return <-r.errs }

// handedOver passes the channel to a helper that closes it: the index
// merges the helper's parameter with the channel.
func handedOver(f func()) {
	done := make(chan struct{})
	go func() {
		<-done // ok: finish closes it
		f()
	}()
	finish(done)
}

func finish(done chan struct{}) { close(done) }

// handedNowhere passes the channel to a helper that only reads it.
func handedNowhere(f func()) {
	done := make(chan struct{})
	go wait(done, f)
	peek(done)
}

func wait(done chan struct{}, f func()) {
	<-done // want `receive from done blocks forever: nothing in the package sends on it or closes it`
	f()
}

func peek(done chan struct{}) { _ = len(done) }

// Parameters of exported functions come from callers that keep the other
// end, whatever the parameter's declared direction.
func Drain(in <-chan int) {
	for range in { // ok: the caller sends
	}
}

// sendAfterClose sends on a channel it closed: the send panics, it does
// not block.
func sendAfterClose() (panicked bool) {
	ch := make(chan struct{})
	close(ch)
	defer func() { panicked = recover() != nil }()
	ch <- struct{}{} // ok: a send on a closed channel panics
	return false
}

// queue's consumer waits on a Cond that nothing signals.
type queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func newQueue(f func(int)) *queue {
	q := &queue{}
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

func (q *queue) put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
}

// queueSignalled is the near miss: put signals.
type queueSignalled struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func newQueueSignalled(f func(int)) *queueSignalled {
	q := &queueSignalled{}
	q.cond = sync.NewCond(&q.mu)
	go func() {
		q.mu.Lock()
		for len(q.items) == 0 {
			q.cond.Wait() // ok: put signals
		}
		f(q.items[0])
		q.mu.Unlock()
	}()
	return q
}

func (q *queueSignalled) put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Signal()
}

// A wait nothing can wake is reported where something shows it runs: a
// go statement starts its function, a function that runs calls it (here
// through an interface call that the call resolver follows), or it is
// exported API.

type updater interface{ Update(e string) error }

// updateStub sends each update on a channel that nothing receives from.
type updateStub struct{ onUpdate func(e string) error }

func (s *updateStub) Update(e string) error {
	if s.onUpdate != nil {
		return s.onUpdate(e)
	}
	return nil
}

func newUpdateStub() *updateStub {
	updates := make(chan string)
	return &updateStub{onUpdate: func(e string) error {
		updates <- e // want `send on updates blocks forever: nothing in the package receives from it \(goroutine leak\)`
		return nil
	}}
}

// RecordUpdates runs: it is exported. It calls Update.
func RecordUpdates(events []string) {
	var sink updater = newUpdateStub()
	for _, e := range events {
		_ = sink.Update(e)
	}
}

// The near miss: the same stub for an interface whose Patch nothing in the
// package calls. Only code the package does not show could call it, and
// nothing shows that it does (a test stub whose hook the tests never
// trigger).
type patcher interface{ Patch(e string) error }

type patchStub struct{ onPatch func(e string) error }

func (s *patchStub) Patch(e string) error {
	if s.onPatch != nil {
		return s.onPatch(e)
	}
	return nil
}

func newPatchStub() *patchStub {
	patches := make(chan string)
	return &patchStub{onPatch: func(e string) error {
		patches <- e // ok: nothing shows that Patch is ever called
		return nil
	}}
}

// KeepPatcher runs, but only stores the stub.
func KeepPatcher() patcher { return newPatchStub() }

// A wait in an unexported function reached from exported API through a
// direct call is reported like one in a goroutine.
func WaitReady() { waitReady(make(chan struct{})) }

func waitReady(ready chan struct{}) {
	<-ready // want `receive from ready blocks forever: nothing in the package sends on it or closes it`
}

// An error callback handed to a call through an option value (a named
// func type converted to an interface, in a variadic argument): the
// callee may run it, and its send blocks forever.
type errHandler func(err error)

type consumeOption interface{ apply() }

func (h errHandler) apply() { h(errHandled) }

var errHandled = errorString("bad")

type errorString string

func (e errorString) Error() string { return string(e) }

func consumeWith(opts ...consumeOption) {
	for _, o := range opts {
		o.apply()
	}
}

func ConsumeWithHandler() {
	errs := make(chan error)
	consumeWith(errHandler(func(err error) {
		errs <- err // want `send on errs blocks forever: nothing in the package receives from it`
	}))
}

// Good: <-make(chan T) is written to wait forever (a mock process parking
// until it is killed), as select {} is: no one can hold the other end.
func ParkForever(announce func()) {
	announce()
	<-make(chan int) // ok: the block-forever idiom
}

// Bad: the near miss: a channel made for the wait but kept in a variable
// that the goroutine was meant to be signalled through, and never is.
func ParkUntilSignalled(announce func()) {
	stop := make(chan int)
	go announce()
	<-stop // want `receive from stop blocks forever: nothing in the package sends on it or closes it \(goroutine leak\)`
}

// ringSlot's Cond is signalled under another name: the writer keeps the
// slot's Cond in current and signals that (rueidis's ring).
type ringSlot struct {
	mu    sync.Mutex
	ready *sync.Cond
	items []int
}

type ringWriter struct {
	slot    ringSlot
	current *sync.Cond
}

func newRingWriter(f func(int)) *ringWriter {
	w := &ringWriter{}
	w.slot.ready = sync.NewCond(&w.slot.mu)
	go func() {
		w.slot.mu.Lock()
		for len(w.slot.items) == 0 {
			w.slot.ready.Wait() // ok: signalled as w.current
		}
		f(w.slot.items[0])
		w.slot.mu.Unlock()
	}()
	return w
}

func (w *ringWriter) put(v int) {
	w.current = w.slot.ready
	w.slot.mu.Lock()
	w.slot.items = append(w.slot.items, v)
	w.slot.mu.Unlock()
	w.current.Signal()
}

// A package-level channel that exists to be waited on: only its
// initializer stores it and only Pause reads it, so no one can hold the
// other end: "block here forever", as select {} is.
var chPause = make(chan struct{})

// Pause blocks the calling goroutine forever.
func Pause() {
	<-chPause // ok: the block-forever idiom through a package-level variable
}

// The near miss: a package-level channel that a started goroutine waits
// on and that some other code was meant to close, but nothing does.
var shutdownStarted = make(chan struct{})

func StartShutdownWatcher(flush func()) {
	go func() {
		<-shutdownStarted // want `receive from goroutineleak.shutdownStarted blocks forever: nothing in the package sends on it or closes it`
		flush()
	}()
}

func shutdownPending() bool {
	select {
	case <-shutdownStarted:
		return false
	default:
		return true
	}
}

// A receive that runs only while the buffer holds a value does not wait,
// even when nothing in the package sends on the channel (the loop then
// never runs): the count or the test is len of the same channel.
var pendingAliases = make(chan string, 100)

func FlushPending(f func(string)) {
	n := len(pendingAliases)
	for i := 0; i < n; i++ {
		f(<-pendingAliases) // ok: at most len(pendingAliases) receives
	}
	if len(pendingAliases) > 0 {
		f(<-pendingAliases) // ok: only while the buffer holds a value
	}
	count := len(pendingAliases)
	for range count {
		f(<-pendingAliases) // ok: a range over the count
	}
}

// The near miss: a count that is not the channel's length.
var pendingNames = make(chan string, 100)

func FlushNames(f func(string), n int) {
	for i := 0; i < n; i++ {
		f(<-pendingNames) // want `receive from goroutineleak.pendingNames blocks forever: nothing in the package sends on it or closes it`
	}
	if len(pendingNames) == 0 {
		f(<-pendingNames) // want `receive from goroutineleak.pendingNames blocks forever`
	}
}

// Bad: the goroutine waits for a channel that only it closes, after the
// wait.
func runAfterOwnSignal(work func()) {
	done := make(chan struct{})
	go func() {
		<-done // want `receive from done blocks forever: only this goroutine sends on it or closes it, and only after this wait`
		work()
		close(done)
	}()
}

// Good: the near miss: the starter closes done when the work may begin.
func runAfterSignal(work func()) {
	done := make(chan struct{})
	go func() {
		<-done // ok: the starter closes done
		work()
	}()
	close(done)
}

// A channel read through an exported getter of its field: the getter
// returns the field on every return, so the receive is on that field,
// which nothing in the package sends on or closes, and callers of a
// receive-only getter cannot either.

type recvBuffer struct {
	c chan bool
}

func (b *recvBuffer) Get() <-chan bool { return b.c }

type BufferReader struct {
	recv *recvBuffer
}

func NewBufferReader() *BufferReader {
	return &BufferReader{recv: &recvBuffer{c: make(chan bool)}}
}

// Bad: nothing ever delivers to the buffer.
func (r *BufferReader) Read(p []byte) (int, error) {
	<-r.recv.Get() // want `receive from Get\(\) blocks forever: nothing in the package sends on it or closes it`
	return 0, nil
}

type closingBuffer struct {
	c chan bool
}

func (b *closingBuffer) Get() <-chan bool { return b.c }

func (b *closingBuffer) Close() { close(b.c) }

type ClosingReader struct {
	recv *closingBuffer
}

func NewClosingReader() *ClosingReader {
	return &ClosingReader{recv: &closingBuffer{c: make(chan bool)}}
}

func (r *ClosingReader) Close() { r.recv.Close() }

// Good: Close closes the field the getter returns.
func (r *ClosingReader) Read(p []byte) (int, error) {
	<-r.recv.Get() // ok: Close ends it
	return 0, nil
}
