package lockblock

import "sync"

// Lock order through a helper that locks an instance it picks itself
// (r := s.replicas[i]): the caller cannot name that mutex, but it is a
// mutex of its class, taken while the caller's lock is held.

type heartbeatStore struct {
	coalescedMu struct {
		sync.Mutex
		pending []int
	}
	replicas []*heartbeatReplica
}

type heartbeatReplica struct {
	mu    sync.Mutex
	store *heartbeatStore
}

func (s *heartbeatStore) sendQueued() {
	s.coalescedMu.Lock()
	defer s.coalescedMu.Unlock()
	s.sendToNode() // want `lock order inversion: heartbeatReplica\.mu is locked while s\.coalescedMu is held here \(this call reaches \(\*heartbeatStore\)\.sendToNode -> \(\*heartbeatReplica\)\.reportUnreachable, which locks it\), but elsewhere r\.store\.coalescedMu\.Mutex is locked while r\.mu is held`
}

func (s *heartbeatStore) sendToNode() {
	for i := range s.replicas {
		r := s.replicas[i]
		r.reportUnreachable()
	}
}

func (r *heartbeatReplica) reportUnreachable() {
	r.mu.Lock()
	defer r.mu.Unlock()
}

// Bad: the tick takes the replica's mutex and then the store's.
func (r *heartbeatReplica) tick() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.coalesce()
}

func (r *heartbeatReplica) coalesce() {
	r.store.coalescedMu.Lock()
	r.store.coalescedMu.Unlock()
}

// The near miss: every path takes the store's mutex first, then a
// replica's; the helper's picked instance keeps that order.

type orderedStore struct {
	coalescedMu struct {
		sync.Mutex
		pending []int
	}
	replicas []*orderedReplica
}

type orderedReplica struct {
	mu    sync.Mutex
	store *orderedStore
}

func (s *orderedStore) sendQueued() {
	s.coalescedMu.Lock()
	defer s.coalescedMu.Unlock()
	s.sendToNode() // ok: store, then replica, as everywhere
}

func (s *orderedStore) sendToNode() {
	for i := range s.replicas {
		r := s.replicas[i]
		r.report()
	}
}

func (r *orderedReplica) report() {
	r.mu.Lock()
	defer r.mu.Unlock()
}

func (r *orderedReplica) tick() {
	r.store.coalescedMu.Lock()
	defer r.store.coalescedMu.Unlock()
	r.mu.Lock() // ok: store, then replica
	r.mu.Unlock()
}
