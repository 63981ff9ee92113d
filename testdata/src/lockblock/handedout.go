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

// A poller that hands its events and errors out in exported fields, as
// radovskyb/watcher does: the caller receives from w.Errors in its own
// loop, and its handlers call the watcher's methods.

type FileWatcher struct {
	mu     sync.Mutex
	names  []string
	Events chan string
	Errors chan error
}

func NewFileWatcher() *FileWatcher {
	return &FileWatcher{Events: make(chan string), Errors: make(chan error)}
}

// Names needs w.mu: a handler that calls it before its next receive
// waits for scan, which holds w.mu until the receive.
func (w *FileWatcher) Names() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.names...)
}

// Bad: the error is sent while w.mu is held.
func (w *FileWatcher) scan(stat func(string) error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, n := range w.names {
		if err := stat(n); err != nil {
			w.Errors <- err // want `deadlock risk: send on channel w.Errors while w.mu is held; the channel is handed out to the caller in the exported field FileWatcher.Errors, whose receiving goroutine waits forever if it calls \(\*FileWatcher\).Names, which locks w.mu, before its next receive`
		}
	}
}

// Good: the near miss sends the events after unlocking.
func (w *FileWatcher) Poll() {
	w.mu.Lock()
	names := append([]string(nil), w.names...)
	w.mu.Unlock()
	for _, n := range names {
		w.Events <- n // ok: no lock held
	}
}

// Start runs the poller (the producer: excluded as the API a subscriber
// would call before its next receive).
func (w *FileWatcher) Start(stat func(string) error) {
	for {
		w.scan(stat)
		w.Poll()
	}
}

// A watcher whose exported channel the package drains itself: the
// receiver that ends the send is the package's own goroutine, which takes
// no lock on its way to the receive.

type DrainedWatcher struct {
	mu     sync.Mutex
	names  []string
	Errors chan error
	last   error
}

func NewDrainedWatcher() *DrainedWatcher {
	w := &DrainedWatcher{Errors: make(chan error)}
	go func() {
		for err := range w.Errors {
			w.last = err
		}
	}()
	return w
}

func (w *DrainedWatcher) Watched() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.names...)
}

func (w *DrainedWatcher) Scan(stat func(string) error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, n := range w.names {
		if err := stat(n); err != nil {
			w.Errors <- err // ok: the package's own drainer receives without the lock
		}
	}
}
