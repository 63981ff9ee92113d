package goroutineleak

import "sync"

// A gate that any number of goroutines wait on.

type Gate struct {
	mu     sync.Mutex
	cond   *sync.Cond
	opened bool
}

func NewGate() *Gate {
	g := &Gate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// Wait blocks until the gate is opened.
func (g *Gate) Wait() {
	g.mu.Lock()
	for !g.opened {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

// Open opens the gate.
// Bad: Signal wakes one waiter; the others sleep although the gate is open.
func (g *Gate) Open() {
	g.mu.Lock()
	g.opened = true
	g.mu.Unlock()
	g.cond.Signal() // want `Signal wakes one goroutine waiting in \(\*Gate\).Wait, but \(\*Gate\).Open sets opened to true, which ends every waiter's wait, and no waiter passes the wakeup on: the others sleep forever \(use Broadcast\)`
}

// A gate whose waiters pass the wakeup on.
type ChainGate struct {
	mu     sync.Mutex
	cond   *sync.Cond
	opened bool
}

func NewChainGate() *ChainGate {
	g := &ChainGate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// Wait blocks until the gate is opened, then wakes the next waiter.
func (g *ChainGate) Wait() {
	g.mu.Lock()
	for !g.opened {
		g.cond.Wait()
	}
	g.cond.Signal()
	g.mu.Unlock()
}

// Good: the near miss: each woken waiter signals the next.
func (g *ChainGate) Open() {
	g.mu.Lock()
	g.opened = true
	g.mu.Unlock()
	g.cond.Signal() // ok: the waiters pass it on
}

// A token that one waiter takes.
type Token struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func NewToken() *Token {
	t := &Token{}
	t.cond = sync.NewCond(&t.mu)
	return t
}

// Take waits for the token and takes it.
func (t *Token) Take() {
	t.mu.Lock()
	for !t.ready {
		t.cond.Wait()
	}
	t.ready = false
	t.mu.Unlock()
}

// Good: the near miss: one token, one waiter takes it (it sets ready
// back): Signal is right.
func (t *Token) Give() {
	t.mu.Lock()
	t.ready = true
	t.mu.Unlock()
	t.cond.Signal() // ok: the flag is consumed
}
