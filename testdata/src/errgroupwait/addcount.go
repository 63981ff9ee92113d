package errgroupwait

import "sync"

func handle(int) {}

// Bad: Add counts every element, but zero elements start no goroutine.
func addLenSkipped(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs)) // want `wg.Add counts one goroutine per element of xs, but an iteration of the loop can skip starting it`
	for _, x := range xs {
		if x == 0 {
			continue
		}
		go func() {
			defer wg.Done()
			handle(x)
		}()
	}
	wg.Wait()
}

// Bad: a break leaves the rest of the elements unstarted.
func addLenBreak(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs)) // want `wg.Add counts one goroutine per element of xs`
	for _, x := range xs {
		if x < 0 {
			break
		}
		go func() {
			defer wg.Done()
			handle(x)
		}()
	}
	wg.Wait()
}

// Bad: Add(1) before a continue that skips the go statement.
func addOneSkipped(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1) // want `wg.Add\(1\) is not followed by the go statement on every path through the loop body`
		if x == 0 {
			continue
		}
		go func() {
			defer wg.Done()
			handle(x)
		}()
	}
	wg.Wait()
}

// Good: the skipped element gives its count back.
func addLenDoneOnSkip(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs))
	for _, x := range xs {
		if x == 0 {
			wg.Done() // ok: the iteration that starts nothing counts itself out
			continue
		}
		go func() {
			defer wg.Done()
			handle(x)
		}()
	}
	wg.Wait()
}

// Good: every element starts one.
func addLenEvery(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs)) // ok: one goroutine per element
	for _, x := range xs {
		go func() {
			defer wg.Done()
			if x == 0 {
				return
			}
			handle(x)
		}()
	}
	wg.Wait()
}

// Good: Add(1) after the filter, next to the go statement.
func addOneAfterFilter(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		if x == 0 {
			continue
		}
		wg.Add(1) // ok: every path from here starts the goroutine
		go func() {
			defer wg.Done()
			handle(x)
		}()
	}
	wg.Wait()
}

// Bad: Add counts every element before the loop, but the loop waits after
// each start: the first Wait needs the Dones of goroutines not started yet.
func pruneEach(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs))
	for _, x := range xs {
		go func() {
			defer wg.Done()
			handle(x)
		}()
		wg.Wait() // want `wg.Wait inside the loop that starts the goroutines: the wg.Add before the loop counted the goroutines of every iteration`
	}
}

// Good: the near miss: one Add per iteration, and the Wait joins that
// iteration's goroutine (serial batches).
func pruneSerially(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle(x)
		}()
		wg.Wait() // ok: it waits for this iteration's goroutine
	}
}

// Good: the near miss: the Wait after the loop.
func pruneAll(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs))
	for _, x := range xs {
		go func() {
			defer wg.Done()
			handle(x)
		}()
	}
	wg.Wait() // ok: after every start
}
