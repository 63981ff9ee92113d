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

// The watcher in a goroutine of its own (go showPull(p)): the owner
// returns at once, and the watcher's early return strands the producer.

type watchedPull struct {
	updates chan progress
	result  chan error
}

func (p *watchedPull) run(n int) {
	for i := 0; i < n; i++ {
		p.updates <- progress{i} // want `goroutine can block forever in send on p.updates: it sends until p.updates is closed, and the goroutine that receives from it can return before that`
	}
	close(p.updates)
	p.result <- nil
}

func (p *watchedPull) show(show func(progress) error, report func(error)) {
	for u := range p.updates {
		if err := show(u); err != nil {
			report(err)
			return
		}
	}
	report(<-p.result)
}

// Bad: once show fails, the watcher returns and nothing receives.
func startWatchedPull(n int, show func(progress) error, report func(error)) {
	p := &watchedPull{updates: make(chan progress), result: make(chan error, 1)}
	go p.run(n)
	go p.show(show, report)
}

type keptWatchedPull struct {
	updates chan progress
	result  chan error
}

func (p *keptWatchedPull) run(n int) {
	for i := 0; i < n; i++ {
		p.updates <- progress{i}
	}
	close(p.updates)
	p.result <- nil
}

func (p *keptWatchedPull) show(show func(progress) error, report func(error)) {
	var first error
	for u := range p.updates {
		if err := show(u); err != nil && first == nil {
			first = err
		}
	}
	if err := <-p.result; err != nil {
		first = err
	}
	report(first)
}

// Good: the watcher goroutine keeps receiving after a failed show.
func startKeptWatchedPull(n int, show func(progress) error, report func(error)) {
	p := &keptWatchedPull{updates: make(chan progress), result: make(chan error, 1)}
	go p.run(n)
	go p.show(show, report)
}

type stoppedWatchedPull struct {
	updates chan progress
	stop    chan struct{}
	result  chan error
}

func (p *stoppedWatchedPull) run(n int) {
	defer close(p.updates)
	for i := 0; i < n; i++ {
		select {
		case p.updates <- progress{i}:
		case <-p.stop:
			p.result <- nil
			return
		}
	}
	p.result <- nil
}

func (p *stoppedWatchedPull) show(show func(progress) error, report func(error)) {
	defer close(p.stop)
	for u := range p.updates {
		if err := show(u); err != nil {
			report(err)
			return
		}
	}
	report(<-p.result)
}

// Good: the watcher closes stop on its way out, and the producer's send
// selects on it.
func startStoppedWatchedPull(n int, show func(progress) error, report func(error)) {
	p := &stoppedWatchedPull{updates: make(chan progress), stop: make(chan struct{}), result: make(chan error, 1)}
	go p.run(n)
	go p.show(show, report)
}
