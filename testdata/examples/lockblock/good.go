package lockblock

import (
	"slices"
	"sync"
)

// SafeBroker copies the subscriber list under the lock and sends outside it,
// and splits the lock-free helper from the locking method.
type SafeBroker struct {
	mu   sync.Mutex
	subs []chan string
}

func (b *SafeBroker) Publish(ev string) {
	b.mu.Lock()
	subs := slices.Clone(b.subs)
	b.mu.Unlock()
	for _, s := range subs {
		s <- ev
	}
}

func (b *SafeBroker) Subscribe(ch chan string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs = append(b.subs, ch)
	return b.countLocked()
}

func (b *SafeBroker) Count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.countLocked()
}

func (b *SafeBroker) countLocked() int { return len(b.subs) }
