package errgroupwait

import (
	"errors"
	"sync"
)

func load(k string) (int, error) {
	if k == "" {
		return 0, errors.New("empty")
	}
	return len(k), nil
}

// Bad: the early return skips Done; Wait hangs.
func skippedDone(keys []string) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				return // want `goroutine returns here without calling wg.Done`
			}
			res[i] = v
			wg.Done()
		}()
	}
	wg.Wait()
	return res
}

// Good: defer wg.Done() first.
func deferredDone(keys []string) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := load(k)
			if err != nil {
				return // ok: deferred Done
			}
			res[i] = v
		}()
	}
	wg.Wait()
	return res
}

// Good: Done on every branch.
func doneEveryBranch(keys []string) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				wg.Done()
				return // ok: Done just before
			}
			res[i] = v
			wg.Done()
		}()
	}
	wg.Wait()
	return res
}

// Good: wg.Go (Go 1.25) adds and calls Done itself.
func wgGo(keys []string) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Go(func() {
			v, err := load(k)
			if err != nil {
				return // ok: wg.Go calls Done
			}
			res[i] = v
		})
	}
	wg.Wait()
	return res
}

// Bad: a named worker function with a skipped Done.
func worker(wg *sync.WaitGroup, in <-chan string, out chan<- int) {
	for k := range in {
		v, err := load(k)
		if err != nil {
			return // want `goroutine returns here without calling wg.Done`
		}
		out <- v
	}
	wg.Done()
}

func startWorkers(in <-chan string, out chan<- int) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go worker(&wg, in, out)
	}
	wg.Wait()
	close(out)
}

// Bad: Add after the waiter goroutine was started.
func addAfterWaiter(keys []string, extra string) <-chan int {
	out := make(chan int, len(keys)+1)
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _ := load(k)
			out <- v
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	if extra != "" {
		wg.Add(1) // want `wg.Add may run after a goroutine waiting on wg was started`
		go func() {
			defer wg.Done()
			v, _ := load(extra)
			out <- v
		}()
	}
	return out
}

// Good: a WaitGroup used as a start gate: the workers wait on it, and the
// owner releases them all at once with a negative Add once every worker
// is running. Add(-n) is a release, not more work.
func startTogether(n int, work func(int)) {
	var gate sync.WaitGroup
	running := make(chan struct{})
	finished := make(chan struct{})
	gate.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer func() { finished <- struct{}{} }()
			running <- struct{}{}
			gate.Wait()
			work(i)
		}()
	}
	for i := 0; i < n; i++ {
		<-running
	}
	gate.Add(-n) // ok: a release of the gate
	for i := 0; i < n; i++ {
		<-finished
	}
}

// Good: every Add happens before the waiter starts.
func addBeforeWaiter(keys []string, extra string) <-chan int {
	out := make(chan int, len(keys)+1)
	var wg sync.WaitGroup
	if extra != "" {
		keys = append(keys, extra)
	}
	for _, k := range keys {
		wg.Add(1) // ok: before the waiter
		go func() {
			defer wg.Done()
			v, _ := load(k)
			out <- v
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// Bad: the goroutine calling Done was started with no Add.
func noAdd(keys []string) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		go func() {
			defer wg.Done()
			res[i], _ = load(k)
		}()
	}
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done was started`
	return res
}

// Bad: Add only on one path.
func addSometimes(k string, b bool) int {
	var wg sync.WaitGroup
	var v int
	if b {
		wg.Add(1)
	}
	go func() {
		defer wg.Done()
		v, _ = load(k)
	}()
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine`
	return v
}

// Good: Add(len) before the loop.
func addLen(keys []string) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	wg.Add(len(keys))
	for i, k := range keys {
		go func() {
			defer wg.Done()
			res[i], _ = load(k)
		}()
	}
	wg.Wait() // ok: Add before every start
	return res
}

// Good: Done counts work items, not goroutines; the final return owes none.
func perItemDone(reqs <-chan string, n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	for range 4 {
		go func() {
			for k := range reqs {
				if _, err := load(k); err != nil {
					wg.Done()
					continue
				}
				wg.Done()
			}
			return // ok: the Done calls above are per request
		}()
	}
	wg.Wait()
}

// Bad: the captured fail helper only logs; the return after it skips Done.
func failHelperSkipsDone(keys []string) {
	var wg sync.WaitGroup
	fail := func(k string) { println("bad key", k) }
	for _, k := range keys {
		wg.Add(1)
		go func() {
			if k == "" {
				fail(k)
				return // want `goroutine returns here without calling wg.Done`
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Good: the captured fail helper calls Done itself.
func failHelperDone(keys []string) {
	var wg sync.WaitGroup
	fail := func(k string) {
		println("bad key", k)
		wg.Done()
	}
	for _, k := range keys {
		wg.Add(1)
		go func() {
			if k == "" {
				fail(k)
				return // ok: fail calls wg.Done
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Good: fail is one of two helpers and one of them calls Done: it may.
func failHelperMaybeDone(keys []string, verbose bool) {
	var wg sync.WaitGroup
	fail := func(k string) { wg.Done() }
	if verbose {
		fail = func(k string) { println("bad key", k) }
	}
	for _, k := range keys {
		wg.Add(1)
		go func() {
			if k == "" {
				fail(k)
				return // ok: fail may call wg.Done
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

type workerPool struct {
	wg   sync.WaitGroup
	work func(string)
}

func newWorkerPool() *workerPool {
	p := &workerPool{}
	p.work = func(k string) {
		if k == "" {
			return // want `goroutine returns here without calling p.wg.Done`
		}
		p.wg.Done()
	}
	return p
}

// Bad: the goroutine body is the function the field holds; it can skip Done.
func (p *workerPool) run(keys []string) {
	for _, k := range keys {
		p.wg.Add(1)
		go p.work(k)
	}
	p.wg.Wait()
}

type choicePool struct {
	wg   sync.WaitGroup
	work func(string)
}

func newChoicePool(strict bool) *choicePool {
	p := &choicePool{}
	p.work = func(k string) {
		defer p.wg.Done()
	}
	if strict {
		p.work = func(k string) {
			if k == "" {
				return // ok: one of two bodies the field may hold; not judged
			}
			p.wg.Done()
		}
	}
	return p
}

func (p *choicePool) run(keys []string) {
	for _, k := range keys {
		p.wg.Add(1)
		go p.work(k)
	}
	p.wg.Wait()
}

// Bad: the loader is a callback handed in; it cannot call Done on wg,
// which only this function and its goroutines reach, so the early return
// still skips it (groups.Contained).
func skippedDoneCallback(keys []string, load func(string) (int, error)) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				return // want `goroutine returns here without calling wg.Done`
			}
			res[i] = v
			wg.Done()
		}()
	}
	wg.Wait()
	return res
}

// Near miss: the callback is made from the WaitGroup itself, and may call
// its Done on the failing path: not judged.
func doneHandedToCallback(keys []string, makeLoad func(*sync.WaitGroup) func(string) (int, error)) []int {
	res := make([]int, len(keys))
	var wg sync.WaitGroup
	load := makeLoad(&wg)
	for i, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				return // ok: load has the WaitGroup and may call Done
			}
			res[i] = v
			wg.Done()
		}()
	}
	wg.Wait()
	return res
}
