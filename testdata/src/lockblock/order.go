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

type conn struct {
	mu    sync.Mutex
	owner *pool
	state int
}

type pool struct {
	mu    sync.Mutex
	conns []*conn
}

// Good: the callee releases c.mu before it takes c.owner.mu, so no path
// holds conn.mu while taking pool.mu.
func (c *conn) connect() {
	c.mu.Lock()
	if c.state != 0 {
		c.mu.Unlock()
		return
	}
	c.resetAndUnlock() // ok: releases c.mu first
}

func (c *conn) resetAndUnlock() {
	c.state = 1
	c.mu.Unlock()
	c.owner.mu.Lock()
	c.owner.conns = append(c.owner.conns, c)
	c.owner.mu.Unlock()
}

func (p *pool) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.mu.Lock()
		c.state = 2
		c.mu.Unlock()
	}
}
