package lockblock

import (
	"slices"
	"sync"
)

// Hub broadcasts events to subscribers.
type Hub struct {
	mu   sync.Mutex
	subs []chan string
	log  []string
}

// Subscribe returns a channel that receives events, consumed by a
// goroutine that records each event under h.mu.
func (h *Hub) subscribe() {
	ch := make(chan string)
	h.mu.Lock()
	h.subs = append(h.subs, ch)
	h.mu.Unlock()
	go func() {
		for ev := range ch {
			h.mu.Lock()
			h.log = append(h.log, ev)
			h.mu.Unlock()
		}
	}()
}

// A real deadlock the model does not see yet: the subscribers' consumers
// need h.mu to receive the next event, but a channel kept in a slice loses
// its identity (its receivers are unknown), so the pass stays silent.
func (h *Hub) BroadcastUnderLock(ev string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, sub := range h.subs {
		sub <- ev // ok: known limit, channels in slices and maps are not followed
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

// Good: non-blocking send with a default case.
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
