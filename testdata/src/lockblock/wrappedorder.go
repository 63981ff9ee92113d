package lockblock

import "lockblock/dep"

// Mutexes of a wrapper type (dep.Mutex wraps sync.Mutex two embeddings
// deep, as cilium's lock.Mutex does, and dep.RWMutex sync.RWMutex) are told apart by the field that
// holds them, not lumped into one class for the wrapper: four mutexes of
// one type, taken in pairs that never meet the other way round, are no
// inversion (cilium's L4Filter.mutex before MapChanges.mutex, and a test
// helper's updateMutex before SelectorCache.mutex: a read-write wrapper
// before a plain one, and a plain one before a read-write one).

type wrappedChanges struct {
	mutex dep.Mutex
	n     int
}

type wrappedFilter struct {
	mutex   dep.RWMutex
	changes *wrappedChanges
}

type wrappedCache struct{ mutex dep.RWMutex }

type wrappedUpdater struct {
	updateMutex dep.Mutex
	cache       *wrappedCache
}

// Good: filter, then changes.
func (f *wrappedFilter) accumulate() {
	f.mutex.Lock()
	defer f.mutex.Unlock()
	f.changes.mutex.Lock() // ok: changes is never held while a filter is locked
	f.changes.n++
	f.changes.mutex.Unlock()
}

// Good: updater, then cache: two other mutexes of the same type.
func (u *wrappedUpdater) update() {
	u.updateMutex.Lock()
	defer u.updateMutex.Unlock()
	u.cache.mutex.Lock()
	u.cache.mutex.Unlock()
}

// Bad: a real inversion between two wrapped fields of one struct.
type wrappedPair struct {
	first  dep.Mutex
	second dep.Mutex
}

func (p *wrappedPair) forward() {
	p.first.Lock()
	defer p.first.Unlock()
	p.second.Lock() // want `lock order inversion: p.second(.internalMutex.Mutex)? is locked while p.first(.internalMutex.Mutex)? is held here, but elsewhere`
	p.second.Unlock()
}

func (p *wrappedPair) backward() {
	p.second.Lock()
	defer p.second.Unlock()
	p.first.Lock()
	p.first.Unlock()
}
