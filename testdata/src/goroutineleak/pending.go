package goroutineleak

import "errors"

// A count of outstanding goroutines: one added per start, one taken per
// outcome received (storj's HybridConnector.DialContext). Back at zero,
// every start was answered; zero before the loop means none was made.

var errNoDialers = errors.New("no dialers")

// dialFirst is silent: both returns come after the count is back at 0.
func dialFirst(dialers []func() (int, error)) (int, error) {
	errs := make(chan error)
	ready := make(chan int)
	pending := 0
	for _, dial := range dialers {
		if dial == nil {
			continue
		}
		pending++
		go func() {
			v, err := dial()
			if err != nil {
				errs <- err // ok: pending counts it until received
				return
			}
			ready <- v // ok: pending counts it until received
		}()
	}
	if pending == 0 {
		return 0, errNoDialers
	}
	best, lastErr := 0, error(nil)
	for pending > 0 {
		select {
		case v := <-ready:
			pending--
			best = max(best, v)
		case err := <-errs:
			pending--
			lastErr = err
		}
	}
	if best == 0 {
		return 0, lastErr
	}
	return best, nil
}

// dialOrFallback is the bad twin: a fallback dialer is started without
// being counted, so "none pending" at the early return is not "none
// started", and the fallback's outcome is left unreceived; after the
// loop, the fallback's outcome may have been taken for a dialer's.
func dialOrFallback(dialers []func() (int, error), fallback func() (int, error)) (int, error) {
	errs := make(chan error)
	ready := make(chan int)
	pending := 0
	go func() {
		v, err := fallback()
		if err != nil {
			errs <- err // want `goroutine can block forever in send on errs`
			return
		}
		ready <- v // want `goroutine can block forever in send on ready`
	}()
	for _, dial := range dialers {
		pending++
		go func() {
			v, err := dial()
			if err != nil {
				errs <- err // want `goroutine can block forever in send on errs`
				return
			}
			ready <- v // want `goroutine can block forever in send on ready`
		}()
	}
	if pending == 0 {
		return 0, errNoDialers
	}
	best := 0
	for pending > 0 {
		select {
		case v := <-ready:
			pending--
			best = max(best, v)
		case <-errs:
			pending--
		}
	}
	return best, nil
}

func init() {
	_ = dialFirst
	_ = dialOrFallback
}
