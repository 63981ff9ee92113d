package lockblock

import "sync"

// The counterpart model (internal/wake) follows a call the core resolves
// (internal/callees) on the way to the other end of a wait.

// HookedFeed: Feed whose loop takes the lock through a callback held in
// a field (the only store is the method value f.count).
type HookedFeed struct {
	mu     sync.Mutex
	events chan string
	seen   []string
	before func() int
}

func NewHookedFeed() *HookedFeed {
	f := &HookedFeed{events: make(chan string)}
	f.before = f.count
	go f.loop()
	return f
}

func (f *HookedFeed) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.seen)
}

// Bad: the only receiver calls f.before, which locks f.mu, before every
// receive.
func (f *HookedFeed) Publish(ev string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events <- ev // want `deadlock: send on channel f.events while f.mu is held, but the only receive that could end it, in [^ ]+, must first lock f.mu`
}

func (f *HookedFeed) loop() {
	var log []string
	for {
		n := f.before()
		ev := <-f.events
		log = append(log[:min(n, len(log))], ev)
	}
}

// StatFeed is the near miss: the callback locks another mutex.
type StatFeed struct {
	mu      sync.Mutex
	statsMu sync.Mutex
	events  chan string
	sent    int
	before  func() int
}

func NewStatFeed() *StatFeed {
	f := &StatFeed{events: make(chan string)}
	f.before = f.stats
	go f.loop()
	return f
}

func (f *StatFeed) stats() int {
	f.statsMu.Lock()
	defer f.statsMu.Unlock()
	return f.sent
}

// Good: the receiver's callback takes f.statsMu, not f.mu.
func (f *StatFeed) Publish(ev string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events <- ev // ok: the receiver does not need f.mu to reach its receive
}

func (f *StatFeed) loop() {
	var log []string
	for {
		n := f.before()
		ev := <-f.events
		log = append(log[:min(n, len(log))], ev)
	}
}
