package lockblock

import "sync"

// Orders and the authorizations they hold, locked both ways: an order
// then its authorizations (status), an authorization then its order (the
// authorization's handler). A new order's authorizations are also locked
// under it as they are made: that edge is the same order, but on objects
// the function has just made; the finding cites the edge on shared ones.

type acmeOrder struct {
	mu     sync.RWMutex
	status string
	authzs []*acmeAuthz
}

type acmeAuthz struct {
	mu     sync.RWMutex
	status string
	order  *acmeOrder
	chals  []string
}

var authzIndex = map[string]*acmeAuthz{}

// fillChallenges locks a new authorization (registered first, so it is
// published: the edge stays).
func fillChallenges(a *acmeAuthz, id string) {
	authzIndex[id] = a
	a.mu.Lock()
	a.chals = append(a.chals, "http-01")
	a.mu.Unlock()
}

// makeAuthzs: the edge on an object made here.
func makeAuthzs(o *acmeOrder, ids []string) {
	o.mu.RLock()
	for _, id := range ids {
		a := &acmeAuthz{order: o}
		fillChallenges(a, id)
	}
	o.mu.RUnlock()
}

// Bad: the order, then each of its authorizations.
func (o *acmeOrder) currentStatus() string {
	o.mu.RLock()
	defer o.mu.RUnlock()
	for _, a := range o.authzs {
		a.mu.RLock() // want `lock order inversion: a.mu is locked while o.mu is held here, but elsewhere a.order.mu is locked while a.mu is held`
		st := a.status
		a.mu.RUnlock()
		if st != "valid" {
			return "pending"
		}
	}
	return "ready"
}

// The authorization, then its order.
func (a *acmeAuthz) expire() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.status = "expired"
	a.order.mu.Lock()
	a.order.status = "invalid"
	a.order.mu.Unlock()
}
