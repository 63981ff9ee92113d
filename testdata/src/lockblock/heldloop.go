package lockblock

import (
	"errors"
	"sync"
	"time"
)

// A loop that locks and unlocks each time around, and leaves with the
// mutex still locked (cockroach#584).

type gossip struct {
	mu     sync.Mutex
	closed bool
	peers  int
}

// Bad: the break skips the Unlock that every other way around makes.
func (g *gossip) bootstrap() {
	for {
		g.mu.Lock() // want `g.mu, locked here in a loop that unlocks it before each next Lock, is still locked when \(\*gossip\).bootstrap returns`
		if g.closed {
			break
		}
		g.peers++
		g.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

func (g *gossip) manage() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.peers = 0
}

func startGossip(g *gossip) {
	go func() {
		g.bootstrap()
	}()
	go g.manage()
}

// Good: the near miss: the loop unlocks before it leaves.
func (g *gossip) bootstrapUnlocked() {
	for {
		g.mu.Lock()
		if g.closed {
			g.mu.Unlock()
			break
		}
		g.peers++
		g.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

// Good: the near miss: the function hands the lock to its caller, who
// unlocks it (a wait-until-ready that returns with the mutex held).
func (g *gossip) waitPeers() {
	for {
		g.mu.Lock()
		if g.peers > 0 {
			return
		}
		g.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

func firstPeer(g *gossip) int {
	g.waitPeers()
	n := g.peers
	g.mu.Unlock()
	return n
}

func startAll(g *gossip) {
	g.bootstrapUnlocked()
	_ = firstPeer(g)
}

// A helper named as a lock helper is judged by what its callers do, not
// by its name (etcd#5509's acquire).

type remoteConn struct {
	mu     sync.RWMutex
	closed bool
}

// Bad: acquire returns with the read lock held when the connection is
// closed, and no caller releases it: the next Lock of mu blocks forever.
func (r *remoteConn) acquire() error {
	for {
		r.mu.RLock() // want `r.mu, locked here in a loop that unlocks it before each next Lock, is still locked when \(\*remoteConn\).acquire returns`
		if r.closed {
			return errClosedConn
		}
		r.mu.RUnlock()
		time.Sleep(time.Millisecond)
	}
}

func (r *remoteConn) get() error { return r.acquire() }

func (r *remoteConn) Close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
}

type readyConn struct {
	mu    sync.RWMutex
	ready bool
}

// Good: the near miss: acquireReady hands the read lock to its caller,
// which releases it after the call.
func (r *readyConn) acquireReady() {
	for {
		r.mu.RLock()
		if r.ready {
			return
		}
		r.mu.RUnlock()
		time.Sleep(time.Millisecond)
	}
}

func (r *readyConn) read() bool {
	r.acquireReady()
	defer r.mu.RUnlock()
	return r.ready
}

var errClosedConn = errors.New("connection closed")

// UseConns keeps the connections in use.
func UseConns(r *remoteConn, q *readyConn) {
	_ = r.get()
	r.Close() // want `call to \(\*remoteConn\).Close locks r.mu for writing while it is read-locked on this path`
	_ = q.read()
}
