package goroutineleak

import "errors"

// A producer goroutine that sends on a channel kept in a struct the
// owner makes, and a helper the owner hands the struct to that ranges
// over the channel and can return from inside its loop (moby#21233's
// pull progress: the watcher stops at a failed write, and the transfer
// blocks in its next progress send). Each case has its own struct type:
// the field form models a field that one function makes.

type progress struct{ current int }

type pull struct {
	updates chan progress
	result  chan error
}

func (p *pull) run(n int) {
	for i := 0; i < n; i++ {
		p.updates <- progress{i} // want `goroutine can block forever in send on p.updates: the goroutines send values until they close p.updates, and goroutineleak.startPull can stop receiving before that`
	}
	close(p.updates)
	p.result <- nil
}

var errShowFailed = errors.New("show failed")

// showPull stops at the first update it cannot show.
func showPull(p *pull, show func(progress) error) error {
	for u := range p.updates {
		if err := show(u); err != nil {
			return err
		}
	}
	return <-p.result
}

// Bad: once show fails, nothing receives the remaining updates.
func startPull(n int, show func(progress) error) error {
	p := &pull{updates: make(chan progress), result: make(chan error, 1)}
	go p.run(n)
	return showPull(p, show)
}

type drainedPull struct {
	updates chan progress
	result  chan error
}

func (p *drainedPull) run(n int) {
	for i := 0; i < n; i++ {
		p.updates <- progress{i}
	}
	close(p.updates)
	p.result <- nil
}

// showAllPull keeps receiving after a failed show, and reports the
// first failure.
func showAllPull(p *drainedPull, show func(progress) error) error {
	var first error
	for u := range p.updates {
		if err := show(u); err != nil && first == nil {
			first = err
		}
	}
	if err := <-p.result; err != nil {
		return err
	}
	return first
}

// Good: the helper drains the channel on every path.
func startPullDraining(n int, show func(progress) error) error {
	p := &drainedPull{updates: make(chan progress), result: make(chan error, 1)}
	go p.run(n)
	return showAllPull(p, show)
}

type retriedPull struct {
	updates chan progress
	result  chan error
}

func (p *retriedPull) run(n int) {
	for i := 0; i < n; i++ {
		p.updates <- progress{i}
	}
	close(p.updates)
	p.result <- nil
}

func showRetriedPull(p *retriedPull, show func(progress) error) error {
	for u := range p.updates {
		if err := show(u); err != nil {
			return err
		}
	}
	return <-p.result
}

// Good: the owner drains what the helper left when it failed.
func startPullDrainAfter(n int, show func(progress) error) error {
	p := &retriedPull{updates: make(chan progress), result: make(chan error, 1)}
	go p.run(n)
	if err := showRetriedPull(p, show); err != nil {
		for range p.updates {
		}
		return err
	}
	return nil
}
