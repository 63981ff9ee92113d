package goroutineleak

// A goroutine with one outcome: it either sends its error or closes done,
// then returns. A select on exactly those two channels takes that outcome.

// oneOutcome's select takes either the error or done: nothing is left.
func oneOutcome(steps []func() error) error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		for _, step := range steps {
			if err := step(); err != nil {
				errs <- err // ok: the select below takes this or done
				return
			}
		}
		close(done)
	}()
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	}
}

// oneOutcomeEarly is the near miss: a return before the select leaves the
// error unreceived.
func oneOutcomeEarly(steps []func() error, skip bool) error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		for _, step := range steps {
			if err := step(); err != nil {
				errs <- err // want `goroutine can block forever in send on errs: goroutineleak.oneOutcomeEarly can return without receiving`
				return
			}
		}
		close(done)
	}()
	if skip {
		return nil
	}
	select {
	case err := <-errs:
		return err
	case <-done:
		return nil
	}
}
