package errgroupwait_test

import (
	"sync"
	"testing"
	"time"
)

// Mirrors of testdata/src/errgroupwait/ticker.go and membership.go.

func tickerUntil(t *time.Ticker, ready func() bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for range t.C {
			if ready() {
				wg.Done()
				return
			}
		}
	}()
	wg.Wait()
}

func closedUntil(ready func() bool, n int) {
	ticks := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for range ticks {
			if ready() {
				wg.Done()
				return
			}
		}
		//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
	}()
	for range n {
		ticks <- struct{}{}
	}
	close(ticks)
	wg.Wait()
}

func perIteration(items []string, f func(string)) {
	for _, it := range items {
		var wg sync.WaitGroup
		wg.Add(1)
		done := make(chan struct{})
		go func() {
			wg.Wait()
			close(done)
		}()
		go func() {
			defer wg.Done()
			f(it)
		}()
		<-done
	}
}

type acceptor struct {
	wg    sync.WaitGroup
	limit int
	n     int
}

func (s *acceptor) ok() bool { return s.n < s.limit }

func (s *acceptor) accept(keys <-chan string) {
	go func() {
		key := <-keys
		s.wg.Add(1)
		if !s.ok() {
			s.wg.Done()
			return
		}
		go func() {
			defer s.wg.Done()
			_ = key
		}()
	}()
}

func (s *acceptor) serve(key string) {
	s.wg.Add(1)
	go func() {
		if !s.ok() {
			//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
			return
		}
		_ = key
		s.wg.Done()
	}()
}

func TestTickerAndMembershipAtRunTime(t *testing.T) {
	wantClean(t, "tickerUntil", func() {
		tk := time.NewTicker(time.Second)
		defer tk.Stop()
		n := 0
		tickerUntil(tk, func() bool { n++; return n == 3 })
	})
	wantLeak(t, "closedUntil", func() { closedUntil(func() bool { return false }, 2) })
	wantClean(t, "perIteration", func() { perIteration([]string{"a", "b"}, func(string) {}) })
	wantClean(t, "accept", func() {
		s := &acceptor{limit: 0}
		keys := make(chan string, 1)
		keys <- "k"
		s.accept(keys)
		time.Sleep(time.Second)
		s.wg.Wait()
	})
	wantLeak(t, "serve", func() {
		s := &acceptor{limit: 0}
		s.serve("k")
		s.wg.Wait()
	})
}
