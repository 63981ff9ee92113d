package goroutineleak

// A loop with no condition whose select leaves on a stop channel: the
// loop's body is its header, and the select's case that returns is not
// the loop running out (a loop condition coming false), so the goroutine
// started in that round is left with its send.

type closeLoopClient struct {
	stop chan bool
}

// Bad: the round's goroutine sends on done after the loop has returned on
// stop.
func (bc *closeLoopClient) runRounds(call func() bool) {
	for {
		done := make(chan bool)
		go func() {
			done <- call() // want `goroutine can block forever in send on done: \(\*closeLoopClient\)\.runRounds can return without receiving from it and done has capacity 0`
		}()
		select {
		case <-bc.stop:
			return
		case <-done:
		}
	}
}

// Good: the round's channel holds the one value its goroutine sends.
func (bc *closeLoopClient) runRoundsBuffered(call func() bool) {
	for {
		done := make(chan bool, 1)
		go func() {
			done <- call() // ok: the buffer takes it after the loop returned
		}()
		select {
		case <-bc.stop:
			return
		case <-done:
		}
	}
}

// Good: the loop has a condition; leaving on it comes only after the
// round's receive.
func runCountedRounds(n int, call func() bool) {
	for i := 0; i < n; i++ {
		done := make(chan bool)
		go func() {
			done <- call() // ok: every round receives before the next
		}()
		<-done
	}
}

// Close ends the rounds: it closes stop.
func (bc *closeLoopClient) Close() { close(bc.stop) }

func newCloseLoopClient() *closeLoopClient { return &closeLoopClient{stop: make(chan bool)} }
