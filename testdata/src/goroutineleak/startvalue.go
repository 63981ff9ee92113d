package goroutineleak

// A goroutine that signals its first round on a captured channel and then
// forgets it: the test of the variable guards the send, and only the
// goroutine clears it, after sending.

func rotate(rounds int) { _ = rounds }

// Good: first holds the channel until the goroutine has sent on it, so
// the round that skips the send comes after the send.
func startRotating(stop <-chan struct{}) {
	first := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			rotate(i)
			if first != nil {
				first <- struct{}{}
				first = nil
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	<-first // ok
}

// Bad: the send also waits for ready; a round that is not ready and a
// stop end the goroutine without sending.
func startRotatingWhenReady(stop <-chan struct{}, ready func() bool) {
	first := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			rotate(i)
			if first != nil && ready() {
				first <- struct{}{}
				first = nil
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	<-first // want `receive from first blocks forever when the goroutine returns without sending`
}

// Bad: the goroutine clears first before it sends, when asked to skip.
func startRotatingSkippable(stop <-chan struct{}, skip bool) {
	first := make(chan struct{})
	signalled := first
	go func() {
		for i := 0; ; i++ {
			if skip {
				first = nil
			}
			if first != nil {
				first <- struct{}{}
				first = nil
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	<-signalled // want `receive from first blocks forever when the goroutine returns without sending`
}
