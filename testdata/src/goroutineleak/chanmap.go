package goroutineleak

import "sync"

// Subscribers kept as channels in a map held in a field: every lookup and
// range of the map reaches the channels stored in it, so a close through
// the map ends the subscriber's loop, and a map that forgets a channel
// without closing it leaves its loop running forever.

type ChanBroker struct {
	mu   sync.Mutex
	subs map[int]chan string
	next int
}

func NewChanBroker() *ChanBroker { return &ChanBroker{subs: map[int]chan string{}} }

// Bad: Unsubscribe deletes the subscriber's channel without closing it.
func (b *ChanBroker) Subscribe(handle func(string)) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan string, 8)
	b.next++
	b.subs[b.next] = ch
	go func() {
		for m := range ch { // want `goroutine started by \(\*ChanBroker\).Subscribe never ends: it waits in range over ch forever`
			handle(m)
		}
	}()
	return b.next
}

func (b *ChanBroker) Unsubscribe(id int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs, id)
}

func (b *ChanBroker) Publish(m string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.subs {
		select {
		case ch <- m:
		default:
		}
	}
}

type ClosingChanBroker struct {
	mu   sync.Mutex
	subs map[int]chan string
	next int
}

func NewClosingChanBroker() *ClosingChanBroker {
	return &ClosingChanBroker{subs: map[int]chan string{}}
}

// Good: Unsubscribe closes the channel it looks up before forgetting it.
func (b *ClosingChanBroker) Subscribe(handle func(string)) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	ch := make(chan string, 8)
	b.next++
	b.subs[b.next] = ch
	go func() {
		for m := range ch { // ok: Unsubscribe closes it through the map
			handle(m)
		}
	}()
	return b.next
}

func (b *ClosingChanBroker) Unsubscribe(id int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if ch, ok := b.subs[id]; ok {
		close(ch)
		delete(b.subs, id)
	}
}

// Good: Close closes every subscriber it ranges over.
type DrainingChanBroker struct {
	mu   sync.Mutex
	subs map[int]chan string
}

func (b *DrainingChanBroker) Subscribe(id int, handle func(string)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs == nil {
		b.subs = map[int]chan string{}
	}
	ch := make(chan string, 8)
	b.subs[id] = ch
	go func() {
		for m := range ch { // ok: Close closes every channel of the map
			handle(m)
		}
	}()
}

func (b *DrainingChanBroker) Forget(id int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs, id)
}

func (b *DrainingChanBroker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, ch := range b.subs {
		close(ch)
		delete(b.subs, id)
	}
}
