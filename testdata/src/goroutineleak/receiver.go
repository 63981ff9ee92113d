package goroutineleak

// Bad: the worker ranges over jobs; the early return skips close.
func processLeaky(items []int, handle func(int), check func(int) error) error {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want `goroutine can block forever in range over jobs: goroutineleak.processLeaky can return without closing it`
			handle(j)
		}
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

// Good: close in a defer, so every return ends the worker's loop.
func processClosed(items []int, handle func(int), check func(int) error) error {
	jobs := make(chan int)
	defer close(jobs)
	go func() {
		for j := range jobs { // ok: closed by the defer on every return
			handle(j)
		}
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	return nil
}

// Bad: the cleanup goroutine waits for a signal the error path never sends.
func watchLeaky(check func() error, cleanup func()) error {
	done := make(chan struct{})
	go func() {
		<-done // want `goroutine can block forever in receive from done: goroutineleak.watchLeaky can return without sending on it or closing it`
		cleanup()
	}()
	if err := check(); err != nil {
		return err
	}
	close(done)
	return nil
}

// Good: the signal is deferred.
func watchDeferred(check func() error, cleanup func()) error {
	done := make(chan struct{})
	go func() {
		<-done // ok: the deferred close runs on every return
		cleanup()
	}()
	defer close(done)
	return check()
}

// Good: a semaphore. The token is sent before each goroutine starts, so
// its receive never waits.
func limited(tasks []func()) {
	sem := make(chan struct{}, 4)
	for _, task := range tasks {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }() // ok: the token was sent before the spawn
			task()
		}()
	}
	for i := 0; i < cap(sem); i++ {
		sem <- struct{}{}
	}
}

// Good: n goroutines each take one value; the loop that sends them is not
// skipped just because it could run zero times.
func fanOutValues(vals []int, f func(int)) {
	ch := make(chan int)
	for range vals {
		go func() {
			f(<-ch) // ok: the loop below sends one value per goroutine
		}()
	}
	for _, v := range vals {
		ch <- v
	}
}

// writeAll writes every value of ch until it is closed or a write fails.
func writeAll(ch <-chan int, write func(int) error) error {
	for v := range ch {
		if err := write(v); err != nil {
			return err
		}
	}
	return nil
}

// Good: the writer's error comes back on errCh only after writeAll has
// left its range, so the return on that error leaves nothing waiting.
func transferAll(items []int, write func(int) error) error {
	ch := make(chan int)
	errCh := make(chan error)
	go func() {
		if err := writeAll(ch, write); err != nil { // ok: done with ch before errCh is sent on or closed
			errCh <- err
		}
		close(errCh)
	}()
	for _, it := range items {
		select {
		case ch <- it:
		case err := <-errCh:
			return err
		}
	}
	close(ch)
	return <-errCh
}

// Bad: the goroutine reports a failed check and then ranges anyway: the
// return on that report leaves it waiting on ch, which nothing closes.
func checkAll(items []int, check func() error) error {
	ch := make(chan int)
	errCh := make(chan error)
	go func() {
		if err := check(); err != nil {
			errCh <- err
		}
		for v := range ch { // want `goroutine can block forever in range over ch: goroutineleak.checkAll can return without closing it`
			_ = v
		}
		close(errCh)
	}()
	for _, it := range items {
		select {
		case ch <- it:
		case err := <-errCh:
			return err
		}
	}
	close(ch)
	return <-errCh
}
