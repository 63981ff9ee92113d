package lockblock

import (
	"context"
	"runtime"
	"sync"
)

// A mutex reached through a type assertion evaluated at each use
// (mutexes.(*mapKeymutex).mu.Lock() ... mutexes.(*mapKeymutex).mu.Unlock(),
// dolt's keymutex test): x.(*T) on one value is one pointer, so the
// mutexes are one.

type keyMutexes interface {
	LockKey(ctx context.Context, key string) error
	UnlockKey(key string)
}

type keyState struct{ waiting int }

type mapKeyMutexes struct {
	mu     sync.Mutex
	states map[string]*keyState
}

func newKeyMutexes() keyMutexes { return &mapKeyMutexes{states: map[string]*keyState{}} }

func (m *mapKeyMutexes) LockKey(ctx context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states[key] = &keyState{waiting: 1}
	return nil
}

func (m *mapKeyMutexes) UnlockKey(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.states, key)
}

// Near miss: the polling loop unlocks on both ways out before the Wait.
func WaitForWaiter() {
	mutexes := newKeyMutexes()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = mutexes.LockKey(context.Background(), "taken")
	}()
	for {
		mutexes.(*mapKeyMutexes).mu.Lock()
		if s := mutexes.(*mapKeyMutexes).states["taken"]; s != nil && s.waiting == 1 {
			mutexes.(*mapKeyMutexes).mu.Unlock()
			break
		}
		mutexes.(*mapKeyMutexes).mu.Unlock()
		runtime.Gosched()
	}
	wg.Wait() // ok: the mutex was unlocked through another evaluation of the same assertion
}

// Bad: the way out of the loop keeps the mutex, and the goroutine's Done
// comes only after its Lock takes it.
func WaitForWaiterLocked() {
	mutexes := newKeyMutexes()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = mutexes.LockKey(context.Background(), "taken")
	}()
	for {
		mutexes.(*mapKeyMutexes).mu.Lock()
		if s := mutexes.(*mapKeyMutexes).states["taken"]; s != nil && s.waiting == 1 {
			break
		}
		mutexes.(*mapKeyMutexes).mu.Unlock()
		runtime.Gosched()
	}
	wg.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while mutexes.\(\*mapKeyMutexes\).mu is held`
	mutexes.(*mapKeyMutexes).mu.Unlock()
}
