package lockblock

import (
	"context"
	"sync"
)

// A listener that hands an expected session to the Expect call waiting for
// it. Expect makes its channel and registers it under eMu, then unlocks
// and waits: a deliverer holding eMu can only have found the channel after
// Expect passed its lock, so eMu cannot keep Expect from its receive.
type expectation struct {
	c      chan string
	cancel context.CancelFunc
}

type sessionListener struct {
	eMu      sync.Mutex
	expected map[string]expectation
}

func (l *sessionListener) Expect(ctx context.Context, key string) (string, error) {
	l.eMu.Lock()
	e := l.expected[key]
	e.c = make(chan string)
	ctx, e.cancel = context.WithCancel(ctx)
	l.expected[key] = e
	l.eMu.Unlock()

	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case s := <-e.c:
		return s, nil
	}
}

func (l *sessionListener) deliver(key, session string) {
	l.eMu.Lock()
	defer l.eMu.Unlock()
	if e, ok := l.expected[key]; ok {
		delete(l.expected, key)
		e.c <- session // ok: Expect took eMu before the channel was in the map
	}
}

// The near miss: the waiter takes the lock again after registering, on
// its way to the receive, so a deliverer holding the lock blocks it.
type relockExpectation struct{ c chan string }

type relockingListener struct {
	eMu      sync.Mutex
	expected map[string]relockExpectation
	seen     int
}

func (l *relockingListener) Expect(key string) string {
	l.eMu.Lock()
	e := l.expected[key]
	e.c = make(chan string)
	l.expected[key] = e
	l.eMu.Unlock()
	l.eMu.Lock()
	l.seen++
	l.eMu.Unlock()
	return <-e.c
}

func (l *relockingListener) deliver(key, session string) {
	l.eMu.Lock()
	defer l.eMu.Unlock()
	if e, ok := l.expected[key]; ok {
		delete(l.expected, key)
		e.c <- session // want `deadlock: send on channel e.c while l.eMu is held`
	}
}

// A track whose writer workers take over from each other: a new worker
// takes the start-up lock, waits for the previous worker to finish, then
// publishes its own done channel and releases the lock; it closes the
// channel, deferred, when it ends. The previous worker published its
// channel after taking that lock, so its close never needs it again.
type relayTrack struct {
	startup sync.Mutex
	mu      sync.Mutex
	closed  chan struct{}
}

func (t *relayTrack) writeWorker(write func()) {
	t.startup.Lock()
	t.mu.Lock()
	previous := t.closed
	t.mu.Unlock()
	if previous != nil {
		<-previous // ok: the previous worker's close needs no start-up lock
	}
	t.mu.Lock()
	closed := make(chan struct{})
	t.closed = closed
	t.mu.Unlock()
	t.startup.Unlock()
	defer close(closed)
	write()
}

func (t *relayTrack) Start(write func()) { go t.writeWorker(write) }

// The near miss: the worker publishes its done channel before it takes the
// start-up lock, so a new worker holding that lock can be waiting for a
// worker still blocked on its way to the lock.
type eagerTrack struct {
	startup sync.Mutex
	mu      sync.Mutex
	closed  chan struct{}
}

func (t *eagerTrack) writeWorker(write func()) {
	closed := make(chan struct{})
	t.mu.Lock()
	previous := t.closed
	t.closed = closed
	t.mu.Unlock()
	t.startup.Lock()
	if previous != nil {
		<-previous // want `deadlock: receive from channel previous while t.startup is held`
	}
	t.startup.Unlock()
	defer close(closed)
	write()
}

func (t *eagerTrack) Start(write func()) { go t.writeWorker(write) }
