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

// The reader in the package, on a caller's demand: Next reads one value
// when its caller asks, so once the caller calls Stop and stops asking,
// nothing reads (kubernetes-style watchers whose Next wraps the channel).

type askedSampler struct {
	out  chan int
	stop chan struct{}
}

func newAskedSampler(every time.Duration) *askedSampler {
	p := &askedSampler{out: make(chan int), stop: make(chan struct{})}
	go p.loop(every)
	return p
}

// Bad: the send does not select on stop, and only Next reads.
func (p *askedSampler) loop(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.out <- i // want `send on p.out can block forever: the goroutine goroutineleak.newAskedSampler starts leaves its loop when p.stop is closed, but only in its select, and this send waits for a caller of \(\*askedSampler\).Next that may be gone by then`
		}
	}
}

// Next waits for the next sample.
func (p *askedSampler) Next() int { return <-p.out }

func (p *askedSampler) Close() { close(p.stop) }

type pollingWatcher struct {
	result chan int
	stopCh chan struct{}
}

func newPollingWatcher() *pollingWatcher {
	w := &pollingWatcher{result: make(chan int), stopCh: make(chan struct{})}
	go w.loop()
	return w
}

// Bad: the loop polls stopCh, then sends with no way out.
func (w *pollingWatcher) loop() {
	for i := 0; ; i++ {
		select {
		case <-w.stopCh:
			return
		default:
		}
		w.result <- i // want `send on w.result can block forever: the goroutine goroutineleak.newPollingWatcher starts sends on it with no way out, the package reads it only when a caller asks, in \(\*pollingWatcher\).Next`
	}
}

// Next waits for the next result.
func (w *pollingWatcher) Next() int { return <-w.result }

func (w *pollingWatcher) Stop() { close(w.stopCh) }

type carefulAskedSampler struct {
	out  chan int
	stop chan struct{}
}

func newCarefulAskedSampler(every time.Duration) *carefulAskedSampler {
	p := &carefulAskedSampler{out: make(chan int), stop: make(chan struct{})}
	go p.loop(every)
	return p
}

// Good: the near miss: the send selects on stop too.
func (p *carefulAskedSampler) loop(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-p.stop:
			return
		case <-t.C:
			select {
			case p.out <- i:
			case <-p.stop:
				return
			}
		}
	}
}

// Next waits for the next sample, or for Close.
func (p *carefulAskedSampler) Next() (int, bool) {
	select {
	case v := <-p.out:
		return v, true
	case <-p.stop:
		return 0, false
	}
}

func (p *carefulAskedSampler) Close() { close(p.stop) }
