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
