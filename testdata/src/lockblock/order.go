package lockblock

import "sync"

type Account struct {
	mu      sync.Mutex
	balance int
}

type Ledger struct {
	mu      sync.Mutex
	entries []int
}

// Bad (with Audit): Account.mu then Ledger.mu here...
func Transfer(a *Account, l *Ledger, n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	l.mu.Lock() // want `lock order inversion: l.mu is locked while a.mu is held here, but elsewhere`
	l.entries = append(l.entries, n)
	l.mu.Unlock()
	a.balance -= n
}

// ...and Ledger.mu then Account.mu here.
func Audit(a *Account, l *Ledger) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance + len(l.entries)
}

type Left struct{ mu sync.Mutex }
type Right struct{ mu sync.Mutex }

// Good: a consistent order, Left before Right, everywhere.
func Both(l *Left, r *Right) {
	l.mu.Lock()
	r.mu.Lock()
	r.mu.Unlock()
	l.mu.Unlock()
}

func BothAgain(l *Left, r *Right) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
}
