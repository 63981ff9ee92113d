package goroutineleak

import "sync"

// Goroutines started by (*sync.WaitGroup).Go (Go 1.25) are goroutines
// like those of a go statement.

// Bad: "first error wins" with wg.Go: the workers left after the early
// return block on their sends.
func wgGoFirstErrLeaky(tasks []func() (int, error)) (int, error) {
	var wg sync.WaitGroup
	out := make(chan result)
	for _, task := range tasks {
		wg.Go(func() {
			v, err := task()
			out <- result{v, err} // want `goroutine can block forever in send on out: goroutineleak.wgGoFirstErrLeaky can return without receiving from it and out has capacity 0 \(one goroutine per loop iteration`
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	sum := 0
	for r := range out {
		if r.err != nil {
			return 0, r.err
		}
		sum += r.v
	}
	return sum, nil
}

// Good: the same with a range that receives until the close.
func wgGoAllResults(tasks []func() (int, error)) (int, error) {
	var wg sync.WaitGroup
	out := make(chan result)
	for _, task := range tasks {
		wg.Go(func() {
			v, err := task()
			out <- result{v, err} // ok: the range below receives until out is closed
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	sum := 0
	var first error
	for r := range out {
		if r.err != nil && first == nil {
			first = r.err
		}
		sum += r.v
	}
	return sum, first
}

// Bad: workers started with wg.Go range over jobs, which an early return
// leaves open.
func wgGoPoolLeaky(items []int, check func(int) error, work func(int)) error {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for j := range jobs { // want `goroutine can block forever in range over jobs: goroutineleak.wgGoPoolLeaky can return without closing it`
				work(j)
			}
		})
	}
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	close(jobs)
	wg.Wait()
	return nil
}

// Good: the jobs channel is closed by a defer registered before the
// workers start.
func wgGoPool(items []int, check func(int) error, work func(int)) error {
	jobs := make(chan int)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(jobs)
	for range 4 {
		wg.Go(func() {
			for j := range jobs { // ok: closed by the defer on every return
				work(j)
			}
		})
	}
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		jobs <- it
	}
	return nil
}
