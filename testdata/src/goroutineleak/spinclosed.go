package goroutineleak

// A scheduler whose loop ignores the closed channel. (No runtime proof:
// after Close the goroutine spins rather than blocks, which synctest
// cannot tell from work.)

type spinScheduler struct {
	jobs chan func()
}

func newSpinScheduler() *spinScheduler {
	s := &spinScheduler{jobs: make(chan func(), 8)}
	go s.start()
	return s
}

// Bad: the loop has no exit; after Close the receive returns at once.
func (s *spinScheduler) start() {
	for {
		if job, ok := <-s.jobs; ok { // want `goroutine started by goroutineleak.newSpinScheduler never ends: its loop has no exit, and once \(\*spinScheduler\).Close closes the channel it receives from, the receive from s.jobs returns at once and the loop spins`
			job()
		}
	}
}

func (s *spinScheduler) Do(job func()) { s.jobs <- job }

func (s *spinScheduler) Close() { close(s.jobs) }

type endingScheduler struct {
	jobs chan func()
}

func newEndingScheduler() *endingScheduler {
	s := &endingScheduler{jobs: make(chan func(), 8)}
	go s.start()
	return s
}

// Good: the near miss: the loop leaves once the channel is closed.
func (s *endingScheduler) start() {
	for {
		job, ok := <-s.jobs // ok: Close ends the loop
		if !ok {
			return
		}
		job()
	}
}

func (s *endingScheduler) Do(job func()) { s.jobs <- job }

func (s *endingScheduler) Close() { close(s.jobs) }
