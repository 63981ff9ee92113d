package kernels

import (
	"testing"
	"time"
)

// A package made only of _test.go files is a program of its own (a bug
// kernel): the goroutines its tests and helpers leave blocked are its
// bugs, and they are reported. The same code in a package whose tests
// test other code is scaffolding (../scaffolding_test.go).

// A test's own goroutine, parked harmlessly: the test makes the channel,
// starts the closure and never takes its last send. The goroutine waits
// until the test binary exits; the test neither hangs nor fails.
func TestParkedHelper(t *testing.T) {
	done := make(chan bool)
	go func(done chan bool) {
		time.Sleep(time.Millisecond)
		done <- true
	}(done)
	time.Sleep(time.Millisecond)
}

// The same in a subtest: the subtest's closure is the test's own code.
func TestParkedHelperSubtest(t *testing.T) {
	for i := 0; i < 3; i++ {
		t.Run("step", func(t *testing.T) {
			recv := make(chan []byte)
			go func() {
				recv <- []byte("ack")
			}()
			if i != 2 {
				<-recv
			}
		})
	}
}

// A worker of the code under test (a method, as a bug kernel has it) is
// left blocked: that is the bug the test exercises, and it stays reported.
type kernelWorker struct{ results chan int }

func (w *kernelWorker) run() {
	w.results <- 1 // want `send on w.results blocks forever: nothing in the package receives from it`
}

func TestKernelWorker(t *testing.T) {
	w := &kernelWorker{results: make(chan int)}
	go w.run()
}

// The test's own goroutine is the one that blocks: the test hangs.
func TestSelfBlocks(t *testing.T) {
	ch := make(chan int)
	<-ch // want `receive from ch blocks forever: nothing in the package sends on it or closes it`
}

// The channel belongs to the code under test (a field nothing in the
// package sends on), not to the test.
type kernelFeed struct{ events chan int }

func newKernelFeed() *kernelFeed { return &kernelFeed{events: make(chan int)} }

func TestFeedFromKernel(t *testing.T) {
	f := newKernelFeed()
	go func() {
		<-f.events // want `receive from f.events blocks forever`
	}()
}

// A suite's test method (testify's suite.Run runs the methods named
// TestXxx) is a test function too.
type readSuite struct{}

func (s *readSuite) TestNoEvent() {
	done := make(chan struct{})
	go func() {
		time.Sleep(time.Millisecond)
		done <- struct{}{}
	}()
	time.Sleep(time.Millisecond)
}

// A method of the suite that is not a test is a helper: its goroutine
// stays reported.
func (s *readSuite) startReader() {
	done := make(chan struct{})
	go func() {
		time.Sleep(time.Millisecond)
		done <- struct{}{} // want `send on done blocks forever`
	}()
}

func (s *readSuite) TestReader() { s.startReader() }

// A test's own loop over a ticker never ends, idling until the test
// binary exits: the test's choreography.
func TestTickerLoop(t *testing.T) {
	tick := time.NewTicker(time.Millisecond)
	go func() {
		for range tick.C {
		}
	}()
	time.Sleep(time.Millisecond)
	tick.Stop()
}

// A loop of the code under test that a test starts stays reported.
type kernelPoller struct{ tick *time.Ticker }

func (p *kernelPoller) loop() {
	for range p.tick.C { // want `goroutine started by kernels.TestKernelPoller never ends`
	}
}

func TestKernelPoller(t *testing.T) {
	p := &kernelPoller{tick: time.NewTicker(time.Millisecond)}
	go p.loop()
	p.tick.Stop()
}

// An example is run by go test too: its own ticker loop is its
// choreography.
func Example_tickerLoop() {
	tick := time.NewTicker(time.Millisecond)
	go func() {
		for range tick.C {
		}
	}()
	tick.Stop()
}
