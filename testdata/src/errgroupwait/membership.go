package errgroupwait

import "sync"

// Good: a WaitGroup made in each iteration: the next iteration's Add is
// on a new WaitGroup, not the one the last iteration's waiter waits on.
func perIteration(items []string, f func(string)) {
	for _, it := range items {
		var wg sync.WaitGroup
		wg.Add(1) // ok: a new wg in each iteration
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

// Bad: the near miss: one WaitGroup for the whole loop, and its waiter
// started in the loop, before the next iteration's Add.
func acrossIterations(items []string, f func(string)) <-chan struct{} {
	var wg sync.WaitGroup
	done := make(chan struct{})
	for i, it := range items {
		wg.Add(1) // want `wg.Add may run after a goroutine waiting on wg was started`
		if i == 0 {
			go func() {
				wg.Wait()
				close(done)
			}()
		}
		go func() {
			defer wg.Done()
			f(it)
		}()
	}
	return done
}

type acceptor struct {
	wg    sync.WaitGroup
	limit int
	n     int
}

func (s *acceptor) ok() bool { return s.n < s.limit }

// Good: the goroutine's Done only undoes its own Add: it is not a member
// of the group its starter counted.
func (s *acceptor) accept(keys <-chan string) {
	go func() {
		key := <-keys
		s.wg.Add(1)
		if !s.ok() {
			s.wg.Done() // ok: rolls back the Add above
			return
		}
		go func() {
			defer s.wg.Done()
			load(key)
		}()
	}()
}

// Bad: the near miss: the Done is the one the starter's Add is owed, and
// the early return skips it.
func (s *acceptor) serve(key string) {
	s.wg.Add(1)
	go func() {
		if !s.ok() {
			return // want `goroutine returns here without calling s.wg.Done`
		}
		load(key)
		s.wg.Done()
	}()
}
