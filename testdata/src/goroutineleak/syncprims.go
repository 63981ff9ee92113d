package goroutineleak

import "sync"

// Bad: the closer waits for len(items) Done calls; the error return in
// the loop leaves before starting the rest of the workers.
func gatherLeaky(items []int, check func(int) error, work func(int) int) ([]int, error) {
	var wg sync.WaitGroup
	out := make(chan int, len(items))
	wg.Add(len(items))
	go func() {
		wg.Wait() // want `goroutine can block forever in wg.Wait: goroutineleak.gatherLeaky can return after wg.Add without calling Done`
		close(out)
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return nil, err
		}
		go func() {
			defer wg.Done()
			out <- work(it)
		}()
	}
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res, nil
}

// Good: Add(1) per worker, after the check: every count has its worker.
func gatherCounted(items []int, check func(int) error, work func(int) int) ([]int, error) {
	var wg sync.WaitGroup
	out := make(chan int, len(items))
	for _, it := range items {
		if err := check(it); err != nil {
			return nil, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- work(it)
		}()
	}
	go func() {
		wg.Wait() // ok: every Add is paired with a worker that calls Done
		close(out)
	}()
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res, nil
}

// Bad: the notifier waits for a Done that the error path never makes.
func notifyLeaky(setup func() error, notify func()) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Wait() // want `goroutine can block forever in wg.Wait: goroutineleak.notifyLeaky can return after wg.Add\(1\) without calling Done`
		notify()
	}()
	if err := setup(); err != nil {
		return err
	}
	wg.Done()
	return nil
}

// Good: Done is deferred, so every return releases the notifier.
func notifyDeferred(setup func() error, notify func()) error {
	var wg sync.WaitGroup
	wg.Add(1)
	defer wg.Done()
	go func() {
		wg.Wait() // ok: the deferred Done runs on every return
		notify()
	}()
	return setup()
}

// Good: the check comes before the Add, so the early return counts
// nothing and starts no waiter.
func notifyLate(setup func() error, notify func()) error {
	if err := setup(); err != nil {
		return err
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Wait() // ok: the only path Done()s
		notify()
	}()
	wg.Done()
	return nil
}

// waitThenClose waits on wg on every path, then closes done.
func waitThenClose(wg *sync.WaitGroup, done chan struct{}) {
	wg.Wait()
	close(done)
}

// Bad: the waiter is a named function; the early return skips the
// worker it waits for.
func startLeaky(n int, fail bool, work func()) chan struct{} {
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go waitThenClose(&wg, done) // want `goroutine can block forever in goroutineleak.waitThenClose \(which waits on wg\)`
	if fail {
		return done
	}
	go func() {
		defer wg.Done()
		work()
	}()
	return done
}

// Good: the worker is started before anything can fail.
func startAll(n int, fail bool, work func()) chan struct{} {
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		work()
	}()
	go waitThenClose(&wg, done) // ok: the worker that calls Done runs on every path
	if fail {
		return done
	}
	return done
}

// Good: a worker that may skip its own Done is errgroupwait's
// skipped-done, reported at that worker's return; the waiter is not
// reported a second time.
func skipDone(work func() bool, notify func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if !work() {
			return
		}
		wg.Done()
	}()
	go func() {
		wg.Wait() // ok: the Done is skipped inside the worker (errgroupwait reports it there)
		notify()
	}()
}

// Bad: the error path returns with mu still locked; mu is local, so the
// logger's Lock can never succeed.
func lockedLeaky(step func() error, log func()) error {
	var mu sync.Mutex
	mu.Lock()
	go func() {
		mu.Lock() // want `goroutine can block forever in mu.Lock: goroutineleak.lockedLeaky can return holding mu`
		defer mu.Unlock()
		log()
	}()
	if err := step(); err != nil {
		return err
	}
	mu.Unlock()
	return nil
}

// Good: the unlock is deferred, so every return releases mu.
func lockedDeferred(step func() error, log func()) error {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	go func() {
		mu.Lock() // ok: the deferred Unlock runs on every return
		defer mu.Unlock()
		log()
	}()
	return step()
}

// Good: the goroutine is the one that unlocks: a hand-off.
func handOff(step func() error, log func()) error {
	var mu sync.Mutex
	mu.Lock()
	go func() {
		defer mu.Unlock() // ok: releases the owner's lock
		log()
	}()
	return step()
}

// Bad: the error path returns without setting ready or broadcasting; the
// waiter's loop never ends.
func readyLeaky(setup func() error, use func()) error {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		for !ready {
			cond.Wait() // want `goroutine can block forever in cond.Wait: goroutineleak.readyLeaky can return without Signal or Broadcast`
		}
		mu.Unlock()
		use()
	}()
	if err := setup(); err != nil {
		return err
	}
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	return nil
}

// Good: the broadcast is deferred, and the state is set on every path.
func readyDeferred(setup func() error, use func()) error {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	defer func() {
		mu.Lock()
		ready = true
		cond.Broadcast()
		mu.Unlock()
	}()
	go func() {
		mu.Lock()
		for !ready {
			cond.Wait() // ok: the deferred broadcast runs on every return
		}
		mu.Unlock()
		use()
	}()
	return setup()
}

// wgWorker is a named goroutine body that calls Done on the group it gets.
func wgWorker(wg *sync.WaitGroup, out chan<- int, v int) {
	defer wg.Done()
	out <- v
}

// Bad: the workers are named functions that get &wg; the error return in
// the loop leaves the closer waiting for the ones never started.
func spreadLeaky(items []int, check func(int) error) (<-chan int, error) {
	var wg sync.WaitGroup
	out := make(chan int, len(items))
	wg.Add(len(items))
	go func() {
		wg.Wait() // want `goroutine can block forever in wg.Wait: goroutineleak.spreadLeaky can return after wg.Add without calling Done`
		close(out)
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return nil, err
		}
		go wgWorker(&wg, out, it)
	}
	return out, nil
}

// Good: the checks run before anything is counted.
func spreadChecked(items []int, check func(int) error) (<-chan int, error) {
	for _, it := range items {
		if err := check(it); err != nil {
			return nil, err
		}
	}
	var wg sync.WaitGroup
	out := make(chan int, len(items))
	wg.Add(len(items))
	for _, it := range items {
		go wgWorker(&wg, out, it)
	}
	go func() {
		wg.Wait() // ok: one worker per count on every path
		close(out)
	}()
	return out, nil
}

// Good: the closer is started before anything is counted: its Wait may
// return at once (and races with the Add), so it is not a provable leak;
// the pass requires the Add to come before the spawn.
func waiterFirst(items []int, check func(int) error, work func(int)) error {
	var wg sync.WaitGroup
	done := make(chan struct{})
	go func() {
		wg.Wait() // ok: the counter may still be zero when Wait runs
		close(done)
	}()
	for _, it := range items {
		wg.Add(1)
		if err := check(it); err != nil {
			return err
		}
		go func() {
			defer wg.Done()
			work(it)
		}()
	}
	<-done
	return nil
}

// Good: the near miss: the owner returns only after receiving from
// finished, which the waiter itself closes after its Wait: by then the
// Wait has returned. The other way out panics (a failed check).
func joinWorkers(work func()) {
	const workers = 4
	var wg sync.WaitGroup
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			work()
		}()
	}
	finished := make(chan struct{})
	go func() {
		wg.Wait() // ok: the owner returns only once finished is closed, after this Wait
		close(finished)
	}()
	select {
	case <-finished:
		return
	case <-afterLong():
		panic("deadlock")
	}
}

func afterLong() <-chan struct{} { return nil }

// Bad: the same waiter, but the cancelled path returns before starting
// the worker and without receiving from finished: the Wait never returns.
func joinWorkerCancelled(work func(), cancelled func() bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	finished := make(chan struct{})
	go func() {
		wg.Wait() // want `goroutine can block forever in wg.Wait: goroutineleak.joinWorkerCancelled can return after wg.Add\(1\) without calling Done`
		close(finished)
	}()
	if cancelled() {
		return
	}
	go func() {
		defer wg.Done()
		work()
	}()
	<-finished
}
