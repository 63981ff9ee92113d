package wake_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const selfJoinSrc = `package p

import (
	"context"
	"log"
	"sync"
)

type conn struct {
	done chan struct{}
	quit chan struct{}
	wg   sync.WaitGroup
	read func() error
}

func start(c *conn) {
	c.wg.Add(1)
	go c.loop()
	go c.waitLoop()
	go c.safeLoop()
	go c.otherLoop(&conn{done: make(chan struct{})})
}

// loop closes done as it returns and calls Close, which waits for done.
func (c *conn) loop() {
	defer close(c.done)
	if c.read() != nil {
		c.Close()
	}
}

func (c *conn) Close() { close(c.quit); <-c.done }

// waitLoop counts itself out of wg as it returns and calls stop, which
// waits on wg.
func (c *conn) waitLoop() {
	defer c.wg.Done()
	c.stop()
}

func (c *conn) stop() { c.wg.Wait() }

// safeLoop stops in a new goroutine: no self-join.
func (c *conn) safeLoop() {
	defer close(c.quit)
	go c.Close()
}

// otherLoop stops another connection, whose own loop ends its wait.
func (c *conn) otherLoop(o *conn) {
	o.Close()
}

func quiet(in chan int) {
	for v := range in {
		log.Println(v)
	}
}

func closes(in chan int, done chan struct{}) {
	defer close(done)
	for range in {
	}
}

func cancels(in chan int, cancel context.CancelFunc) {
	<-in
	cancel()
}

func callsValue(in chan int, f func()) {
	<-in
	f()
}

func viaHelper(in chan int, done chan struct{}) {
	<-in
	finish(done)
}

func finish(done chan struct{}) { close(done) }
`

func TestSelfJoins(t *testing.T) {
	pkg := ssatest.Build(t, selfJoinSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for name, want := range map[string]string{
		"(*conn).loop":      "(*conn).Close",
		"(*conn).waitLoop":  "(*conn).stop",
		"(*conn).safeLoop":  "",
		"(*conn).otherLoop": "",
	} {
		fn := ssatest.Func(t, pkg, name)
		joins := m.SelfJoins(fn)
		got := ""
		if len(joins) > 0 {
			got = joins[0].Via[0].RelString(pkg.Pkg)
		}
		if got != want {
			t.Errorf("%s: self-join through %q, want %q (%d joins)", name, got, want, len(joins))
		}
	}
}

func TestMayWakeAnyone(t *testing.T) {
	pkg := ssatest.Build(t, selfJoinSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for name, want := range map[string]bool{
		"quiet":      false, // a logger of another package wakes nobody
		"closes":     true,
		"cancels":    true,
		"callsValue": true, // a function value may do anything
		"viaHelper":  true, // a helper of the package closes
	} {
		var fn *ssa.Function = ssatest.Func(t, pkg, name)
		if got := m.MayWakeAnyone(fn); got != want {
			t.Errorf("%s: MayWakeAnyone = %v, want %v", name, got, want)
		}
	}
}
