package goroutineleak

import "time"

// Channel fields that nothing in the package sets are nil: a send or a
// receive on one blocks forever.

type NilWatcher struct {
	events  chan string
	stopped chan struct{}
	acks    chan int
}

func NewNilWatcher() *NilWatcher {
	return &NilWatcher{events: make(chan string, 1)} // stopped and acks are never made
}

// Bad: stopped is never made, so the receive waits on a nil channel.
func (w *NilWatcher) WaitStopped() {
	<-w.stopped // want `receive from w.stopped blocks forever: nothing in the package sets the field stopped, so the channel is nil \(goroutine leak\)`
}

// Bad: the same for a send.
func (w *NilWatcher) Ack(n int) {
	w.acks <- n // want `send on w.acks blocks forever: nothing in the package sets the field acks, so the channel is nil \(goroutine leak\)`
}

// Good: events is made by the constructor and received here.
func (w *NilWatcher) Next() string {
	return <-w.events
}

func (w *NilWatcher) push(e string) { w.events <- e }

type ArmedWatcher struct {
	stopped chan struct{}
	done    chan struct{}
	Ready   chan struct{}
}

func NewArmedWatcher() *ArmedWatcher {
	w := &ArmedWatcher{}
	arm(&w.done)
	return w
}

func arm(ch *chan struct{}) { *ch = make(chan struct{}) }

// Start sets stopped after construction: a near miss of NilWatcher.
func (w *ArmedWatcher) Start() {
	w.stopped = make(chan struct{})
	go func() { close(w.stopped) }()
}

// Good: stopped is set by Start.
func (w *ArmedWatcher) WaitStopped() { <-w.stopped }

// Good: done is set through its address (arm).
func (w *ArmedWatcher) WaitDone() { <-w.done }

// Good: Ready is exported: another package may set it.
func (w *ArmedWatcher) WaitReady() { <-w.Ready }

func (w *ArmedWatcher) Finish() { close(w.done) }

// HookedWatcher's step is a test hook: only tests set it, and production
// code checks it before waiting.
type HookedWatcher struct{ step chan struct{} }

// Good: the package compares step with nil, so it expects it set at times.
func (w *HookedWatcher) Step() {
	if w.step != nil {
		<-w.step
	}
}

// A discovery that forgot to make its stop channel.
type NilStopDiscovery struct {
	every  time.Duration
	stopCh chan struct{}
	lookup func()
}

// NewNilStopDiscovery starts the refresher, but never makes stopCh.
func NewNilStopDiscovery(every time.Duration, lookup func()) *NilStopDiscovery {
	d := &NilStopDiscovery{every: every, lookup: lookup}
	go d.watch()
	return d
}

// Bad: the stop case waits on a nil channel: the loop never ends, and
// Close panics.
func (d *NilStopDiscovery) watch() {
	t := time.NewTicker(d.every)
	defer t.Stop()
	for {
		select { // want `goroutine started by goroutineleak.NewNilStopDiscovery never ends: it waits in select forever, as no case of the select can lead out of the loop: its way out waits on d.stopCh, which nothing in the package sets`
		case <-d.stopCh:
			return
		case <-t.C:
			d.lookup()
		}
	}
}

func (d *NilStopDiscovery) Close() { close(d.stopCh) }
