package lockblock

import "sync"

// SafeBroker hands events to its run loop without holding the lock, and
// splits the lock-free helper from the locking method.
type SafeBroker struct {
	mu     sync.Mutex
	events chan string
	subs   []chan string
}

func (b *SafeBroker) Publish(ev string) {
	b.mu.Lock()
	closed := b.subs == nil
	b.mu.Unlock()
	if !closed {
		b.events <- ev // the run loop may need b.mu: send outside it
	}
}

func (b *SafeBroker) run() {
	for ev := range b.events {
		b.mu.Lock()
		subs := b.subs
		b.mu.Unlock()
		for _, s := range subs {
			s <- ev
		}
	}
}

// Close stops the run loop.
func (b *SafeBroker) Close() { close(b.events) }

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

// NewSafeBroker starts the run loop.
func NewSafeBroker() *SafeBroker {
	b := &SafeBroker{events: make(chan string)}
	go b.run()
	return b
}
