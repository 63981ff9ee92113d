package goroutineleak

import (
	"sync"
	"testing"
	"time"
)

// Test scaffolding: this package has code that is not a test, so its
// _test.go files are scaffolding around that code. A goroutine that a
// test, a helper or a mock of these files starts and leaves blocked parks
// until the test binary exits and neither hangs nor fails the test. The
// same shapes in a package made only of tests are a bug kernel's bugs and
// are reported (kernels/choreography_test.go).

// Good: a mock's worker method, started by the test, left blocked.
type mockWorker struct{ results chan int }

func (w *mockWorker) run() {
	w.results <- 1 // ok: a goroutine of test scaffolding
}

func TestMockWorker(t *testing.T) {
	w := &mockWorker{results: make(chan int)}
	go w.run()
}

// Good: a helper's goroutine left unreceived when the helper returns early.
func startPinger(skip bool) {
	pong := make(chan struct{})
	go func() {
		pong <- struct{}{} // ok: a goroutine of test scaffolding
	}()
	if skip {
		return
	}
	<-pong
}

func TestPinger(t *testing.T) { startPinger(true) }

// Good: a fake clock's ticker loop, started per test and never ended.
type fakeClock struct{ tick *time.Ticker }

func (c *fakeClock) loop() {
	for range c.tick.C { // ok: a goroutine of test scaffolding
	}
}

func TestFakeClock(t *testing.T) {
	c := &fakeClock{tick: time.NewTicker(time.Millisecond)}
	go c.loop()
	c.tick.Stop()
}

// Good: a function handed to WaitGroup.Go runs on a goroutine of its own.
func TestHandedToGo(t *testing.T) {
	var wg sync.WaitGroup
	results := make(chan int)
	wg.Go(func() {
		results <- 1 // ok: a goroutine of test scaffolding
	})
}

// Bad: the test's own goroutine blocks: the test hangs.
func TestHangs(t *testing.T) {
	ch := make(chan int)
	<-ch // want `receive from ch blocks forever: nothing in the package sends on it or closes it`
}

// Bad: a helper the test calls blocks the test's goroutine: the test hangs.
func waitForever() {
	done := make(chan struct{})
	<-done // want `receive from done blocks forever: nothing in the package sends on it or closes it`
}

func TestHelperHangs(t *testing.T) { waitForever() }

// Good: a command handed to the package's own runner, which runs it on a
// goroutine of its own (hystrix's GoC): the command is the test's.
func runCommand(cmd func() error) <-chan error {
	errs := make(chan error, 1)
	go func() { errs <- cmd() }()
	return errs
}

func TestCommandBlocks(t *testing.T) {
	errs := runCommand(func() error {
		never := make(chan struct{})
		<-never // ok: a goroutine of test scaffolding
		return nil
	})
	select {
	case <-errs:
	case <-time.After(time.Millisecond):
	}
}

// Bad: a subtest's body runs while t.Run waits for it: the test hangs.
func TestSubtestHangs(t *testing.T) {
	t.Run("hangs", func(t *testing.T) {
		never := make(chan struct{})
		<-never // want `receive from never blocks forever: nothing in the package sends on it or closes it`
	})
}

// Good: a test starts the package's own emitter and returns once it has
// the value it checks, never reading the error channel the emitter's
// other inputs would use: the emitter is the test's to abandon, one
// goroutine until the test binary exits, though the code it runs is the
// package's (FirstEmitted is the near miss).
func TestFirstEmitted(t *testing.T) {
	out := make(chan int)
	errs := make(chan error)
	go emitAll([]int{1}, out, errs)
	if v, ok := <-out; !ok || v != 1 {
		t.Fatal("first value")
	}
}

// mockCall is a testify-like expectation: Run keeps a callback that the
// mocked method runs later, if it is called at all.
type mockCall struct{ fn func(args []any) }

func (c *mockCall) Run(fn func(args []any)) *mockCall {
	c.fn = fn
	return c
}

// Good: the callback a test registers on a mock is not a subtest the test
// runs and waits for: it runs where the code under test calls the mock,
// and is the scaffolding's (TestSubtestHangs is the near miss).
func TestMockCallback(t *testing.T) {
	started := make(chan bool)
	call := &mockCall{}
	call.Run(func(args []any) { started <- true }) // ok: a mock's callback, run by whoever calls the mock
	_ = call
}

// Good: a test starts the package's never-ending worker for each case and
// leaves it idle (fixchain's TestPostServer): it waits until the test
// binary exits, costing one goroutine per case.
func TestPosterCases(t *testing.T) {
	for i, s := range []string{"a", "b"} {
		p := &poster{toPost: make(chan string)}
		go p.serve() // ok: test scaffolding
		p.queue(s)
		p.wait()
		if len(p.posted) != 1 {
			t.Errorf("case %d: posted %v", i, p.posted)
		}
	}
}

// Good: a test that takes the first odd number and stops (the generator's
// goroutine parks until the test binary exits).
func TestFirstOdd(t *testing.T) {
	for v := range Odds(10) {
		if v != 1 {
			t.Errorf("first odd %d", v)
		}
		return
	}
}

// handler is what the package's code under test calls.
type handler interface{ handle() error }

// silentHandler is a fake that must never answer: the code under test
// calls it through the interface, on a goroutine of its own.
type silentHandler struct{}

// Good: a fake's method made to block forever (a handler that never
// responds, to test a timeout): nothing in the package calls it directly.
func (silentHandler) handle() error {
	c := make(chan struct{})
	<-c // ok: the fake never answers, by design
	return nil
}

func TestSilentHandler(t *testing.T) {
	var h handler = silentHandler{}
	go func() { _ = h.handle() }()
}
