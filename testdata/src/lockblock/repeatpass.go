package lockblock

import "sync"

// A wake in a function that a worker's loop calls again and again, which
// locks the mutex after the wake: between two passes at the wake, the
// worker goes through that Lock (the shape of Kubernetes' status manager,
// kubernetes#10182).

type statusSync struct {
	mu       sync.Mutex
	statuses map[string]string
	updates  chan string
}

func newStatusSync() *statusSync {
	s := &statusSync{statuses: map[string]string{}, updates: make(chan string)}
	go func() {
		for {
			s.syncBatch()
		}
	}()
	return s
}

func (s *statusSync) syncBatch() {
	uid := <-s.updates
	s.forget(uid)
}

func (s *statusSync) forget(uid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.statuses, uid)
}

// Bad: the worker may be in forget, waiting for s.mu, when a second Set
// holds it and sends.
func (s *statusSync) Set(uid, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.statuses[uid] = status
	s.updates <- uid // want `deadlock: send on channel s.updates while s.mu is held, but the only receive that could end it, in \(\*statusSync\).syncBatch, must first lock s.mu`
}

// Good: the near miss: the function that receives runs once in its
// goroutine, so it is waiting at the receive before it ever locks.

type onceSync struct {
	mu       sync.Mutex
	statuses map[string]string
	updates  chan string
}

func newOnceSync() *onceSync {
	s := &onceSync{statuses: map[string]string{}, updates: make(chan string)}
	go func() {
		s.syncOne()
	}()
	return s
}

func (s *onceSync) syncOne() {
	uid := <-s.updates
	s.mu.Lock()
	delete(s.statuses, uid)
	s.mu.Unlock()
}

func (s *onceSync) Set(uid, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.statuses[uid] = status
	s.updates <- uid // ok: the one receive comes before the worker's only Lock
}

// Good: the near miss: the worker's way back to the receive can skip the
// lock (an update it has nothing to forget for), so it may be waiting at
// the receive while Set holds s.mu.

type skipSync struct {
	mu       sync.Mutex
	statuses map[string]string
	updates  chan string
}

func newSkipSync() *skipSync {
	s := &skipSync{statuses: map[string]string{}, updates: make(chan string)}
	go func() {
		for {
			s.syncBatch()
		}
	}()
	return s
}

func (s *skipSync) syncBatch() {
	uid := <-s.updates
	if uid == "" {
		return
	}
	s.mu.Lock()
	delete(s.statuses, uid)
	s.mu.Unlock()
}

func (s *skipSync) Set(uid, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.statuses[uid] = status
	s.updates <- uid // ok: a pass that skips the Lock is back at the receive
}

// A select whose other case always locks on its way back: the loop may
// be waiting for k.mu in its tick case when Assign holds it and sends
// (etcd's simple-token keeper, etcd#7492).

type tokenKeeper struct {
	mu     sync.Mutex
	tokens map[string]int
	add    chan string
	tick   chan struct{}
	stop   chan struct{}
}

func newTokenKeeper(tick chan struct{}) *tokenKeeper {
	k := &tokenKeeper{tokens: map[string]int{}, add: make(chan string), tick: tick, stop: make(chan struct{})}
	go k.run()
	return k
}

func (k *tokenKeeper) run() {
	for {
		select {
		case tok := <-k.add:
			_ = tok
		case <-k.tick:
			k.mu.Lock()
			clear(k.tokens)
			k.mu.Unlock()
		case <-k.stop:
			return
		}
	}
}

// Bad: a tick taken just before Assign locks leaves run at k.mu.Lock.
func (k *tokenKeeper) Assign(tok string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.tokens[tok] = 1
	k.add <- tok // want `deadlock: send on channel k.add while k.mu is held, but the only receive that could end it, in \(\*tokenKeeper\).run, is in a loop that locks k.mu on some way back to it`
}

// Good: the near miss: the tick case locks only when a value says so
// (there are tokens to expire): the data decides, and that is left to
// the every-path rule.

type lazyKeeper struct {
	mu     sync.Mutex
	tokens map[string]int
	n      int
	add    chan string
	tick   chan struct{}
}

func newLazyKeeper(tick chan struct{}) *lazyKeeper {
	k := &lazyKeeper{tokens: map[string]int{}, add: make(chan string), tick: tick}
	go k.run()
	return k
}

func (k *lazyKeeper) run() {
	for {
		select {
		case <-k.add:
			k.n++
		case <-k.tick:
			if k.n > 100 {
				k.mu.Lock()
				clear(k.tokens)
				k.mu.Unlock()
				k.n = 0
			}
		}
	}
}

func (k *lazyKeeper) Assign(tok string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.tokens[tok] = 1
	k.add <- tok // ok: the tick case locks only on a branch the data decides
}

// Good: the near miss: the tick case locks another mutex.

type splitKeeper struct {
	mu, expiry sync.Mutex
	tokens     map[string]int
	add        chan string
	tick       chan struct{}
}

func newSplitKeeper(tick chan struct{}) *splitKeeper {
	k := &splitKeeper{tokens: map[string]int{}, add: make(chan string), tick: tick}
	go k.run()
	return k
}

func (k *splitKeeper) run() {
	for {
		select {
		case <-k.add:
		case <-k.tick:
			k.expiry.Lock()
			k.expiry.Unlock()
		}
	}
}

func (k *splitKeeper) Assign(tok string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.tokens[tok] = 1
	k.add <- tok // ok: run never takes k.mu
}
