package lockblock

import (
	"slices"
	"sync"
)

// Hub broadcasts events to subscribers.
type Hub struct {
	mu   sync.Mutex
	subs []chan string
}

// Bad: one slow subscriber stalls every user of h.mu.
func (h *Hub) BroadcastUnderLock(ev string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, sub := range h.subs {
		sub <- ev // want `send on channel sub while h.mu is held: every goroutine that needs h.mu waits until it completes, which may be never`
	}
}

// Good: copy the subscriber list under the lock, send outside it.
func (h *Hub) BroadcastCopy(ev string) {
	h.mu.Lock()
	subs := slices.Clone(h.subs)
	h.mu.Unlock()
	for _, sub := range subs {
		sub <- ev // ok: lock released
	}
}

// Good: per-subscriber queues, non-blocking send with a default case.
func (h *Hub) BroadcastNonBlocking(ev string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, sub := range h.subs {
		select {
		case sub <- ev:
		default: // ok: drop for a slow subscriber
		}
	}
}

// Good: a buffered channel made here has room.
func (h *Hub) Notify() {
	done := make(chan struct{}, 1)
	h.mu.Lock()
	done <- struct{}{} // ok: buffered
	h.mu.Unlock()
	<-done
}
