package goroutineleak

import (
	"errors"
	"sync"
	"time"
)

// A goroutine that, through its own calls on its own object, waits for
// its own end (category self-join).

// conn's read loop closes done only as it returns; Close waits for done.
type conn struct {
	quit chan struct{}
	done chan struct{}
	once sync.Once
	read func() error
}

func newConn(read func() error) *conn {
	c := &conn{quit: make(chan struct{}), done: make(chan struct{}), read: read}
	go c.loop()
	return c
}

// Bad: the loop closes its connection on a read error, and Close waits
// for the loop to end (the loop calls Close, which waits for itself).
func (c *conn) loop() {
	defer close(c.done)
	for {
		select {
		case <-c.quit:
			return
		default:
		}
		if err := c.read(); err != nil {
			c.Close() // want `goroutine \(\*conn\).loop calls \(\*conn\).Close on its own object, which waits in a receive for this goroutine to end`
			return
		}
	}
}

// Close stops the loop and waits for it.
func (c *conn) Close() {
	c.once.Do(func() {
		close(c.quit)
		<-c.done
	})
}

// pipe's loop is counted in wg; shutdown waits on wg.
type pipe struct {
	wg   sync.WaitGroup
	quit chan struct{}
	in   chan int
}

func newPipe() *pipe {
	p := &pipe{quit: make(chan struct{}), in: make(chan int)}
	p.wg.Add(1)
	go p.run()
	return p
}

// Bad: the loop shuts its pipe down on a bad value, through a helper,
// and shutdown waits for the loop's own Done.
func (p *pipe) run() {
	defer p.wg.Done()
	for {
		select {
		case v := <-p.in:
			if v < 0 {
				p.fail() // want `goroutine \(\*pipe\).run calls \(\*pipe\).fail on its own object, which \(through \(\*pipe\).Shutdown\) waits in a WaitGroup Wait for this goroutine to end`
				return
			}
		case <-p.quit:
			return
		}
	}
}

func (p *pipe) fail() { p.Shutdown() }

// Shutdown stops the loop and waits for it.
func (p *pipe) Shutdown() {
	close(p.quit)
	p.wg.Wait()
}

// Good: the near miss: the loop stops its connection in a new goroutine,
// which waits for the loop to return (it does, right after).
func (c *asyncConn) loop() {
	defer close(c.done)
	if err := c.read(); err != nil {
		go c.Close() // ok: another goroutine waits for this one
	}
}

type asyncConn struct {
	quit chan struct{}
	done chan struct{}
	once sync.Once
	read func() error
}

func newAsyncConn(read func() error) *asyncConn {
	c := &asyncConn{quit: make(chan struct{}), done: make(chan struct{}), read: read}
	go c.loop()
	return c
}

func (c *asyncConn) Close() {
	c.once.Do(func() {
		close(c.quit)
		<-c.done
	})
}

// Good: the near miss: Close waits with a bound, so the loop's call
// returns after the timeout.
type boundedConn struct {
	quit chan struct{}
	done chan struct{}
	read func() error
}

func newBoundedConn(read func() error) *boundedConn {
	c := &boundedConn{quit: make(chan struct{}), done: make(chan struct{}), read: read}
	go c.loop()
	return c
}

func (c *boundedConn) loop() {
	defer close(c.done)
	if err := c.read(); err != nil {
		c.Close() // ok: Close gives up after a second
	}
}

func (c *boundedConn) Close() {
	select {
	case c.quit <- struct{}{}:
	default:
	}
	select {
	case <-c.done:
	case <-time.After(time.Second):
	}
}

// Good: the near miss: the loop closes done before it calls Close, so
// Close's receive finds it closed.
type closedFirst struct {
	done chan struct{}
	read func() error
}

func newClosedFirst(read func() error) *closedFirst {
	c := &closedFirst{done: make(chan struct{}), read: read}
	go c.loop()
	return c
}

func (c *closedFirst) loop() {
	err := c.read()
	close(c.done)
	if err != nil {
		c.Close() // ok: done is already closed
	}
}

func (c *closedFirst) Close() { <-c.done }

// Good: the near miss: a node's loop closes its children, which are
// other nodes: each child's own loop ends its wait.
type node struct {
	children []*node
	quit     chan struct{}
	done     chan struct{}
}

func newNode(children []*node) *node {
	n := &node{children: children, quit: make(chan struct{}), done: make(chan struct{})}
	go n.loop()
	return n
}

func (n *node) loop() {
	defer close(n.done)
	<-n.quit
	for _, ch := range n.children {
		ch.Stop() // ok: another node's loop closes its done
	}
}

func (n *node) Stop() {
	close(n.quit)
	<-n.done
}

// Bad: a deferred Close registered after the deferred close runs first
// (defers run last in, first out), and waits for the close that follows.
type deferConn struct {
	quit chan struct{}
	done chan struct{}
	read func() error
}

func newDeferConn(read func() error) *deferConn {
	c := &deferConn{quit: make(chan struct{}), done: make(chan struct{}), read: read}
	go c.loop()
	return c
}

func (c *deferConn) loop() {
	defer close(c.done)
	defer c.Close() // want `goroutine \(\*deferConn\).loop calls \(\*deferConn\).Close on its own object`
	for c.read() == nil {
	}
}

func (c *deferConn) Close() {
	select {
	case <-c.quit:
	default:
		close(c.quit)
	}
	<-c.done
}

// Good: the near miss: the deferred close is registered after the
// deferred Close, so it runs first and Close finds done closed.
type deferConnOK struct {
	done chan struct{}
	read func() error
}

func newDeferConnOK(read func() error) *deferConnOK {
	c := &deferConnOK{done: make(chan struct{}), read: read}
	go c.loop()
	return c
}

func (c *deferConnOK) loop() {
	defer c.Close() // ok: runs after close(c.done)
	defer close(c.done)
	for c.read() == nil {
	}
}

func (c *deferConnOK) Close() { <-c.done }

var errSelfJoin = errors.New("read failed")

// UseSelfJoin makes the fixtures' objects so their goroutines run.
func UseSelfJoin() {
	fail := func() error { return errSelfJoin }
	newConn(fail)
	newPipe()
	newAsyncConn(fail)
	newBoundedConn(fail)
	newClosedFirst(fail)
	newNode(nil)
	newDeferConn(fail)
	newDeferConnOK(fail)
}

// Bad: the monitor closure, on a lost lock, calls unlock, which waits for
// the monitor itself (opentofu's consul RemoteClient.lock).
type monitoredLock struct {
	wg   sync.WaitGroup
	lost chan struct{}
}

func (m *monitoredLock) lock() {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		<-m.lost
		m.unlock() // want `the goroutine, a function literal in \(\*monitoredLock\)\.lock, calls \(\*monitoredLock\)\.unlock on its own object, which waits in a WaitGroup Wait for this goroutine to end`
	}()
}

func (m *monitoredLock) unlock() { m.wg.Wait() }

func newMonitoredLock() *monitoredLock { return &monitoredLock{lost: make(chan struct{})} }

func (m *monitoredLock) loseLock() { close(m.lost) }
