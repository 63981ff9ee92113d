// Package lockblock shows the pitfall lockblock reports (bad.go) beside the
// correct pattern (good.go). Run: go run ./cmd/conclint ./testdata/examples/...
package lockblock

import "sync"

// Broker hands events to its run loop, which fans them out to subscribers.
type Broker struct {
	mu     sync.Mutex
	events chan string
	subs   []chan string
}

// Publish hands ev to the run loop while holding b.mu, but the run loop
// locks b.mu before every receive: each waits for the other, forever.
func (b *Broker) Publish(ev string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events <- ev
}

func (b *Broker) run() {
	for {
		b.mu.Lock()
		subs := b.subs
		b.mu.Unlock()
		ev, ok := <-b.events
		if !ok {
			return
		}
		for _, s := range subs {
			s <- ev
		}
	}
}

// Close stops the run loop.
func (b *Broker) Close() { close(b.events) }

// Subscribe locks b.mu, then calls Count, which locks it again.
func (b *Broker) Subscribe(ch chan string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs = append(b.subs, ch)
	return b.Count()
}

// Count reports the number of subscribers.
func (b *Broker) Count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// NewBroker starts the run loop.
func NewBroker() *Broker {
	b := &Broker{events: make(chan string)}
	go b.run()
	return b
}
