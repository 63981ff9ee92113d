package lockblock

import (
	"sync"

	"lockblock/dep"
)

// A mutex whose Lock returns it: defer l.Lock().Unlock() releases what
// Lock took, through the value Lock returned.

var spanCallbacks struct {
	mu    dep.ChainLock
	names []string
}

func register(name string) {
	spanCallbacks.mu.HoldWhile(func() { spanCallbacks.names = append(spanCallbacks.names, name) })
}

func callbackNames() []string {
	var out []string
	spanCallbacks.mu.HoldWhile(func() { out = spanCallbacks.names })
	return out
}

// Near miss: HoldWhile releases the lock it takes before it returns.
func registerTwo() []string {
	register("a")
	register("b") // ok
	return callbackNames()
}

type chained struct{ mu sync.Mutex }

func (c *chained) lock() *chained   { c.mu.Lock(); return c }
func (c *chained) unlock() *chained { c.mu.Unlock(); return c }

func (c *chained) step() { defer c.lock().unlock() }

// Near miss: each step releases the lock it took.
func stepTwice(c *chained) {
	c.step()
	c.step() // ok
}

// The lock is taken again before the deferred, chained release runs.
func relockChained(c *chained) {
	defer c.lock().unlock()
	c.step() // want `call to \(\*chained\).step locks c.mu while it is already locked on this path`
}
