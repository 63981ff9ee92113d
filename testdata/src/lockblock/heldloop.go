package lockblock

import (
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
