package lockblock

import "sync"

// Recursive read locking deadlocks only when a writer calls Lock between
// the two RLocks. A mutex that nothing write-locks, and that no other
// package can name, has no such writer.

// frozenTable is filled before it is shared and never written after.
type frozenTable struct {
	mu   sync.RWMutex
	rows map[string]string
}

func newFrozenTable(rows map[string]string) *frozenTable { return &frozenTable{rows: rows} }

func (t *frozenTable) get(k string) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rows[k]
}

// Good: no function write-locks t.mu, and the field is unexported.
func (t *frozenTable) getOr(k, def string) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if v := t.get(k); v != "" { // ok: no writer can queue between the RLocks
		return v
	}
	return def
}

// SharedTable embeds its RWMutex: every client of the type can call Lock.
type SharedTable struct {
	sync.RWMutex
	rows map[string]string
}

func (t *SharedTable) get(k string) string {
	t.RLock()
	defer t.RUnlock()
	return t.rows[k]
}

// Bad: the package never write-locks it, but its users can (t.Lock()).
func (t *SharedTable) GetOr(k, def string) string {
	t.RLock()
	defer t.RUnlock()
	if v := t.get(k); v != "" { // want `call to \(\*SharedTable\).get read-locks t while it is already read-locked on this path`
		return v
	}
	return def
}

// growingTable is written by add.
type growingTable struct {
	mu   sync.RWMutex
	rows map[string]string
}

func (t *growingTable) get(k string) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rows[k]
}

func (t *growingTable) add(k, v string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rows[k] = v
}

// Bad: add write-locks t.mu, so a writer can queue between the RLocks.
func (t *growingTable) getOr(k, def string) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if v := t.get(k); v != "" { // want `call to \(\*growingTable\).get read-locks t.mu while it is already read-locked on this path`
		return v
	}
	return def
}

var (
	namesMu sync.RWMutex
	names   = map[string]bool{"a": true}
)

func known(n string) bool {
	namesMu.RLock()
	defer namesMu.RUnlock()
	return names[n]
}

// Good: a package-level table nothing write-locks.
func knownAll(ns []string) bool {
	namesMu.RLock()
	defer namesMu.RUnlock()
	for _, n := range ns {
		if !known(n) { // ok: no writer of namesMu
			return false
		}
	}
	return true
}
