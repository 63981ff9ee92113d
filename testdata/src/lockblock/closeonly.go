package lockblock

import "sync"

// A send under a lock on a channel that nothing receives from: only a
// close ends it (the send then panics), and the close needs the lock.

type muxWatcher struct {
	result chan struct{}
	m      *watchMux
	id     int64
}

func (w *muxWatcher) Stop() { w.m.stopWatching(w.id) }

type watchMux struct {
	lock     sync.Mutex
	watchers map[int64]*muxWatcher
}

func newWatchMux() *watchMux {
	m := &watchMux{watchers: map[int64]*muxWatcher{}}
	go m.loop()
	return m
}

func (m *watchMux) Watch() *muxWatcher {
	m.lock.Lock()
	defer m.lock.Unlock()
	w := &muxWatcher{result: make(chan struct{}), m: m, id: int64(len(m.watchers))}
	m.watchers[w.id] = w
	return w
}

func (m *watchMux) loop() {
	for {
		m.distribute()
	}
}

// Bad: nothing receives from result; Stop's close waits for m.lock.
func (m *watchMux) distribute() {
	m.lock.Lock()
	defer m.lock.Unlock()
	for _, w := range m.watchers {
		w.result <- struct{}{} // want `deadlock: send on channel w\.result while m\.lock is held, but the only close that could end it, in \(\*watchMux\)\.stopWatching, must first lock m\.lock`
	}
}

func (m *watchMux) stopWatching(id int64) {
	m.lock.Lock()
	defer m.lock.Unlock()
	if w, ok := m.watchers[id]; ok {
		delete(m.watchers, id)
		close(w.result)
	}
}

// The near miss: the watcher's owner receives its results, without the
// lock; the send waits for that receive, not for the close.

type readWatcher struct {
	result chan struct{}
	m      *readMux
	id     int64
}

func (w *readWatcher) Next() { <-w.result }

func (w *readWatcher) Stop() { w.m.stopWatching(w.id) }

type readMux struct {
	lock     sync.Mutex
	watchers map[int64]*readWatcher
}

func newReadMux() *readMux {
	m := &readMux{watchers: map[int64]*readWatcher{}}
	go m.loop()
	return m
}

func (m *readMux) Watch() *readWatcher {
	m.lock.Lock()
	defer m.lock.Unlock()
	w := &readWatcher{result: make(chan struct{}), m: m, id: int64(len(m.watchers))}
	m.watchers[w.id] = w
	return w
}

func (m *readMux) loop() {
	for {
		m.distribute()
	}
}

func (m *readMux) distribute() {
	m.lock.Lock()
	defer m.lock.Unlock()
	for _, w := range m.watchers {
		w.result <- struct{}{} // ok: Next receives without the lock
	}
}

func (m *readMux) stopWatching(id int64) {
	m.lock.Lock()
	defer m.lock.Unlock()
	if w, ok := m.watchers[id]; ok {
		delete(m.watchers, id)
		close(w.result)
	}
}
