package lockblock

import (
	"sync"
	"time"
)

// A Stop that waits for its loop's done while holding the mutex the loop
// takes in its tick branch.

type scraper struct {
	mu      sync.Mutex
	targets []string
	scrape  func(string)
	stopCh  chan struct{}
	doneCh  chan struct{}
}

func newScraper(every time.Duration, scrape func(string)) *scraper {
	s := &scraper{scrape: scrape, stopCh: make(chan struct{}), doneCh: make(chan struct{})}
	go s.run(every)
	return s
}

func (s *scraper) run(every time.Duration) {
	defer close(s.doneCh)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stopCh:
			return
		case <-t.C:
			s.mu.Lock()
			for _, tg := range s.targets {
				s.scrape(tg)
			}
			s.mu.Unlock()
		}
	}
}

// Bad: run may be on its way to s.mu.Lock in the tick branch when Stop
// takes the lock; it never gets to close doneCh.
func (s *scraper) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.stopCh)
	<-s.doneCh // want `deadlock: receive from channel s.doneCh while s.mu is held, but the only close that could end it, in \(\*scraper\).run, comes only after a loop that locks s.mu`
}

type politeScraper struct {
	mu      sync.Mutex
	targets []string
	scrape  func(string)
	stopCh  chan struct{}
	doneCh  chan struct{}
}

func newPoliteScraper(every time.Duration, scrape func(string)) *politeScraper {
	s := &politeScraper{scrape: scrape, stopCh: make(chan struct{}), doneCh: make(chan struct{})}
	go s.run(every)
	return s
}

func (s *politeScraper) run(every time.Duration) {
	defer close(s.doneCh)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stopCh:
			return
		case <-t.C:
			s.mu.Lock()
			for _, tg := range s.targets {
				s.scrape(tg)
			}
			s.mu.Unlock()
		}
	}
}

// Good: the near miss: Stop releases the lock before it waits.
func (s *politeScraper) Stop() {
	s.mu.Lock()
	close(s.stopCh)
	s.mu.Unlock()
	<-s.doneCh // ok: the loop can take s.mu and reach its return
}

type countingLoop struct {
	mu     sync.Mutex
	n      int
	stopCh chan struct{}
	doneCh chan struct{}
	tick   chan struct{}
}

// Good: the near miss: the loop never takes the mutex the waiter holds.
func (l *countingLoop) run() {
	defer close(l.doneCh)
	for {
		select {
		case <-l.stopCh:
			return
		case <-l.tick:
		}
	}
}

func (l *countingLoop) Stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.stopCh)
	<-l.doneCh // ok: run never locks l.mu
	l.n++
}

func startCountingLoop() *countingLoop {
	l := &countingLoop{stopCh: make(chan struct{}), doneCh: make(chan struct{}), tick: make(chan struct{})}
	go l.run()
	return l
}
