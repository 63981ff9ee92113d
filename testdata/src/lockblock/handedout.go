package lockblock

import "sync"

// Watchers whose result channel the package makes and hands out.

type Notice struct{ Kind string }

type NoticeWatcher struct {
	result chan Notice
	b      *NoticeBroadcaster
	id     int
}

// ResultChan hands the channel to the caller, who receives from it.
func (w *NoticeWatcher) ResultChan() <-chan Notice { return w.result }

// Stop deregisters the watcher; it needs the broadcaster's mutex.
func (w *NoticeWatcher) Stop() {
	w.b.mu.Lock()
	delete(w.b.watchers, w.id)
	w.b.mu.Unlock()
}

type NoticeBroadcaster struct {
	mu       sync.Mutex
	watchers map[int]*NoticeWatcher
	next     int
}

func (b *NoticeBroadcaster) Watch() *NoticeWatcher {
	b.mu.Lock()
	defer b.mu.Unlock()
	w := &NoticeWatcher{result: make(chan Notice), b: b, id: b.next}
	b.watchers[w.id] = w
	b.next++
	return w
}

// Bad: a watcher that calls Stop instead of receiving waits for b.mu,
// which Action holds until it receives.
func (b *NoticeBroadcaster) Action(n Notice) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, w := range b.watchers {
		w.result <- n // want `deadlock risk: send on channel w.result while b.mu is held; the channel is handed out to the caller \(by \(\*NoticeWatcher\).ResultChan\), whose receiving goroutine waits forever if it calls`
	}
}

type QuietWatcher struct {
	result chan Notice
	b      *QuietBroadcaster
	id     int
}

func (w *QuietWatcher) ResultChan() <-chan Notice { return w.result }

func (w *QuietWatcher) Stop() {
	w.b.mu.Lock()
	delete(w.b.watchers, w.id)
	w.b.mu.Unlock()
}

type QuietBroadcaster struct {
	mu       sync.Mutex
	watchers map[int]*QuietWatcher
	next     int
}

func (b *QuietBroadcaster) Watch() *QuietWatcher {
	b.mu.Lock()
	defer b.mu.Unlock()
	w := &QuietWatcher{result: make(chan Notice), b: b, id: b.next}
	b.watchers[w.id] = w
	b.next++
	return w
}

// Good: the near miss: Action copies the watchers under the lock and
// sends without it.
func (b *QuietBroadcaster) Action(n Notice) {
	b.mu.Lock()
	ws := make([]*QuietWatcher, 0, len(b.watchers))
	for _, w := range b.watchers {
		ws = append(ws, w)
	}
	b.mu.Unlock()
	for _, w := range ws {
		w.result <- n // ok: no lock held
	}
}
