package goroutineleak

import "sync"

// Joins: a return reached only after every sender has finished (a
// WaitGroup.Wait whose Done each sender runs after its send, or a receive
// from a channel closed only after such a Wait) cannot strand a sender.

// Good: done is closed only after wg.Wait, and every worker's deferred
// Done runs after its send; the return on done comes after every send
// completed (each was received by a case that does not return).
func joinedByDone(n int, acquire func() error, check func() (int64, bool)) {
	countErr := make(chan int64)
	awaitErr := make(chan error)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			if err := acquire(); err != nil {
				awaitErr <- err // ok: the owner returns only after wg.Wait joined this goroutine
			}
			if c, bad := check(); bad {
				countErr <- c // ok: likewise
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	for {
		select {
		case c := <-countErr:
			panic(c)
		case err := <-awaitErr:
			panic(err)
		case <-done:
			return
		}
	}
}

// Good: the owner waits for the workers itself before it returns on
// stop; by then every send was made and received.
func joinedByWait(n int, acquire func() error, log func(error), tick, stop <-chan struct{}) {
	errc := make(chan error)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := acquire(); err != nil {
				errc <- err // ok: the return comes after wg.Wait
			}
		}()
	}
	for {
		select {
		case err := <-errc:
			log(err)
		case <-tick:
			log(nil)
		case <-stop:
			wg.Wait()
			return
		}
	}
}

// Bad: the worker calls Done before it sends, so done can be closed while
// it still waits to send, and the owner returns.
func joinedDoneFirst(n int, acquire func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			err := acquire()
			wg.Done()
			if err != nil {
				errc <- err // want `goroutine can block forever in send on errc: goroutineleak.joinedDoneFirst can return without receiving from it`
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	for {
		select {
		case err := <-errc:
			panic(err)
		case <-done:
			return
		}
	}
}

// Bad: the join covers the workers but not the watcher, which sends too.
func joinedNotCovered(n int, acquire func() error, watch func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			_ = acquire()
		}()
	}
	go func() {
		if err := watch(); err != nil {
			errc <- err // want `goroutine can block forever in send on errc: goroutineleak.joinedNotCovered can return without receiving from it`
		}
	}()
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	for {
		select {
		case err := <-errc:
			panic(err)
		case <-done:
			return
		}
	}
}

// Bad: done is also closed by a timer, before the workers are joined.
func joinedOrTimeout(n int, acquire func() error, after func(func())) {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			if err := acquire(); err != nil {
				errc <- err // want `goroutine can block forever in send on errc: goroutineleak.joinedOrTimeout can return without receiving from it`
			}
		}()
	}
	done := make(chan struct{})
	var once sync.Once
	go func() {
		wg.Wait()
		once.Do(func() { close(done) })
	}()
	after(func() { once.Do(func() { close(done) }) })
	for {
		select {
		case err := <-errc:
			panic(err)
		case <-done:
			return
		}
	}
}

// Bad: the waiter starts before the workers are counted: its Wait may
// find the counter at zero and close done while a worker still sends.
func joinedWaiterFirst(n int, acquire func() error) {
	errc := make(chan error)
	done := make(chan struct{})
	var wg sync.WaitGroup
	go func() {
		wg.Wait()
		close(done)
	}()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := acquire(); err != nil {
				errc <- err // want `goroutine can block forever in send on errc: goroutineleak.joinedWaiterFirst can return without receiving from it`
			}
		}()
	}
	for {
		select {
		case err := <-errc:
			panic(err)
		case <-done:
			return
		}
	}
}
