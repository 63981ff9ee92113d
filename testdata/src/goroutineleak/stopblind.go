package goroutineleak

import (
	"sync"
	"time"
)

// A poller whose loop leaves on stop, in its select only.

type sampler struct {
	fetch func() float64
	out   chan float64
	stop  chan struct{}
	once  sync.Once
}

func newSampler(fetch func() float64, every time.Duration) *sampler {
	p := &sampler{fetch: fetch, out: make(chan float64), stop: make(chan struct{})}
	go p.loop(every)
	return p
}

// Bad: the send on out does not select on stop: once Close ran and the
// reader left, the loop blocks there forever.
func (p *sampler) loop(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.out <- p.fetch() // want `send on p.out can block forever: the goroutine goroutineleak.newSampler starts leaves its loop when p.stop is closed, but only in its select, and this send waits for a reader out of the package that may be gone by then \(select on p.stop here too\)`
		}
	}
}

// Samples hands the channel to the caller.
func (p *sampler) Samples() <-chan float64 { return p.out }

func (p *sampler) Close() { p.once.Do(func() { close(p.stop) }) }

type carefulSampler struct {
	fetch func() float64
	out   chan float64
	stop  chan struct{}
	once  sync.Once
}

func newCarefulSampler(fetch func() float64, every time.Duration) *carefulSampler {
	p := &carefulSampler{fetch: fetch, out: make(chan float64), stop: make(chan struct{})}
	go p.loop(every)
	return p
}

// Good: the near miss: the send selects on stop too.
func (p *carefulSampler) loop(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			select {
			case p.out <- p.fetch(): // ok: stop ends the wait
			case <-p.stop:
				return
			}
		}
	}
}

func (p *carefulSampler) Samples() <-chan float64 { return p.out }

func (p *carefulSampler) Close() { p.once.Do(func() { close(p.stop) }) }

type queuedSampler struct {
	fetch func() float64
	out   chan float64
	stop  chan struct{}
	once  sync.Once
}

func newQueuedSampler(fetch func() float64, every time.Duration) *queuedSampler {
	p := &queuedSampler{fetch: fetch, out: make(chan float64, 64), stop: make(chan struct{})}
	go p.loop(every)
	return p
}

// Good: the near miss: out is a buffered queue; a full queue is the
// reader's backlog, not this check's question.
func (p *queuedSampler) loop(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.out <- p.fetch() // ok: buffered
		}
	}
}

func (p *queuedSampler) Samples() <-chan float64 { return p.out }

func (p *queuedSampler) Close() { p.once.Do(func() { close(p.stop) }) }

// A watcher whose loop polls stop, then waits for events outside the poll.

type folderEvent struct{ path string }

type folderWatcher struct {
	events chan folderEvent
	done   chan struct{}
	once   sync.Once
	seen   []string
}

func newFolderWatcher() *folderWatcher {
	w := &folderWatcher{events: make(chan folderEvent), done: make(chan struct{})}
	go w.loop()
	return w
}

// Notify delivers one event, or gives up once the watcher is stopped.
func (w *folderWatcher) Notify(ev folderEvent) {
	select {
	case w.events <- ev:
	case <-w.done:
	}
}

// Bad: after Stop the senders give up, and the loop waits in the receive,
// never back at its poll of done.
func (w *folderWatcher) loop() {
	for {
		select {
		case <-w.done:
			return
		default:
		}
		ev := <-w.events // want `receive from w.events can block forever: the goroutine goroutineleak.newFolderWatcher starts leaves its loop when w.done is closed, but waits here outside that check`
		w.seen = append(w.seen, ev.path)
	}
}

func (w *folderWatcher) Stop() { w.once.Do(func() { close(w.done) }) }

type selectingWatcher struct {
	events chan folderEvent
	done   chan struct{}
	once   sync.Once
	seen   []string
}

func newSelectingWatcher() *selectingWatcher {
	w := &selectingWatcher{events: make(chan folderEvent), done: make(chan struct{})}
	go w.loop()
	return w
}

func (w *selectingWatcher) Notify(ev folderEvent) {
	select {
	case w.events <- ev:
	case <-w.done:
	}
}

// Good: the receive is in the select on done.
func (w *selectingWatcher) loop() {
	for {
		select {
		case <-w.done:
			return
		case ev := <-w.events:
			w.seen = append(w.seen, ev.path)
		}
	}
}

func (w *selectingWatcher) Stop() { w.once.Do(func() { close(w.done) }) }
