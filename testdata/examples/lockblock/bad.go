// Package lockblock shows the pitfall lockblock reports (bad.go) beside the
// correct pattern (good.go). Run: go run ./cmd/conclint ./testdata/examples/...
package lockblock

import "sync"

// Broker fans events out to subscribers.
type Broker struct {
	mu   sync.Mutex
	subs []chan string
}

// Publish sends to every subscriber while holding b.mu: one subscriber that
// stops reading stalls every goroutine that needs b.mu.
func (b *Broker) Publish(ev string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, s := range b.subs {
		s <- ev
	}
}

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
