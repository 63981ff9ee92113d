package lockblock

import "sync"

// A mutex reached through a getter that returns the same field on every
// call (olric's r.Members()): the Lock on one call's result and the
// Unlock on another's are one mutex's.

type memberSet struct {
	sync.RWMutex
	m map[string]int
}

type routing struct {
	sync.RWMutex
	members *memberSet
	owners  []string
}

func (r *routing) Members() *memberSet { return r.members }

// Good: the members lock is released before the routing lock is taken,
// as addMember does; refresh takes them in the other order.
func (r *routing) addMember(name string) {
	r.Members().Lock()
	r.Members().m[name] = len(r.Members().m)
	r.Members().Unlock()

	r.Lock()
	r.owners = append(r.owners, name)
	r.Unlock()
}

func (r *routing) refresh() {
	r.Lock()
	defer r.Unlock()
	r.Members().RLock() // want `lock order inversion: r.Members\(\) is locked while r is held here, but elsewhere r is locked while r.Members\(\) is held`
	defer r.Members().RUnlock()
	r.owners = r.owners[:0]
	for name := range r.Members().m {
		r.owners = append(r.owners, name)
	}
}

// Bad: the members lock is still held when the routing lock is taken.
func (r *routing) addMemberHeld(name string) {
	r.Members().Lock()
	defer r.Members().Unlock()
	r.Members().m[name] = len(r.Members().m)
	r.Lock() // the other half of refresh's finding
	r.owners = append(r.owners, name)
	r.Unlock()
}
