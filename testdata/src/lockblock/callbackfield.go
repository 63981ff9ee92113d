package lockblock

import "sync"

// Callbacks kept in a field and called under a lock: what the callback
// locks is known through the closures the package stores there.

// Bad: the setter's every caller hands it a closure that calls back into
// the same lessor, so Renew's call of cp locks the mutex Renew holds.
type lessor struct {
	mu sync.Mutex
	cp func()
	n  int
}

func (le *lessor) Checkpoint() {
	le.mu.Lock()
	defer le.mu.Unlock()
	le.n++
}

func (le *lessor) setCheckpointer(cp func()) {
	le.mu.Lock()
	defer le.mu.Unlock()
	le.cp = cp
}

func (le *lessor) Renew() {
	le.mu.Lock()
	defer le.mu.Unlock()
	if le.cp != nil {
		le.cp() // want `call of le.cp locks le.mu while it is already locked on this path: sync mutexes are not reentrant \(self-deadlock\)`
	}
}

func NewLessor() *lessor {
	le := &lessor{}
	le.setCheckpointer(func() { le.Checkpoint() })
	return le
}

// Bad: the same, with the closure stored straight into the field.
type batchFlusher struct {
	mu      sync.Mutex
	onFlush func()
	pending []int
}

func NewBatchFlusher() *batchFlusher {
	f := &batchFlusher{}
	f.onFlush = func() { f.reset() }
	return f
}

func (f *batchFlusher) reset() {
	f.mu.Lock()
	f.pending = nil
	f.mu.Unlock()
}

func (f *batchFlusher) Add(v int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pending = append(f.pending, v)
	if len(f.pending) > 8 {
		f.onFlush() // want `call of f.onFlush locks f.mu while it is already locked on this path`
	}
}

// Good (near miss): the closure binds another node of the same type (the
// parent), not the one whose field holds it: two mutexes, no self-deadlock.
type watchNode struct {
	mu       sync.Mutex
	parent   *watchNode
	onChange func()
	count    int
}

func (n *watchNode) bump() {
	n.mu.Lock()
	n.count++
	n.mu.Unlock()
}

func NewChild(parent *watchNode) *watchNode {
	c := &watchNode{parent: parent}
	c.onChange = func() { parent.bump() }
	return c
}

func (n *watchNode) Set() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.count = 0
	if n.onChange != nil {
		n.onChange()
	}
}

// Good (near miss): the callback field is exported, so code outside the
// package may store any function there; nothing is claimed.
type openHook struct {
	mu     sync.Mutex
	OnDone func()
}

func (h *openHook) Done() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.OnDone != nil {
		h.OnDone()
	}
}

func NewOpenHook() *openHook {
	h := &openHook{}
	h.OnDone = func() { h.Done() }
	return h
}

// Bad: a lock order inversion through a method value. The cache calls
// its owner's processEvent under its own lock; the owner locks itself,
// then the cache.
type eventCache struct {
	sync.RWMutex
	onEvent func()
	items   []int
}

func (w *eventCache) setOnEvent(f func()) {
	w.Lock()
	defer w.Unlock()
	w.onEvent = f
}

func (w *eventCache) Add(v int) {
	w.Lock()
	defer w.Unlock()
	w.items = append(w.items, v)
	if w.onEvent != nil {
		w.onEvent() // want `lock order inversion: eventOwner.Mutex is locked while w is held here, but elsewhere o.cache is locked while o is held`
	}
}

type eventOwner struct {
	sync.Mutex
	cache *eventCache
	seen  int
}

func (o *eventOwner) processEvent() {
	o.Lock()
	defer o.Unlock()
	o.seen++
}

func (o *eventOwner) Snapshot() []int {
	o.Lock()
	defer o.Unlock()
	o.cache.RLock()
	defer o.cache.RUnlock()
	return append([]int(nil), o.cache.items...)
}

func NewEventOwner() *eventOwner {
	o := &eventOwner{cache: &eventCache{}}
	o.cache.setOnEvent(o.processEvent)
	return o
}
