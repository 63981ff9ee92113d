package errgroupwait

import (
	"context"
	"sync"
	"time"
)

// Good: the Add follows the go statement but comes before Wait on every
// path: Wait waits for the goroutine, whose Done comes only once ctx is
// done.
func addAfterStart(ctx context.Context, publish func()) {
	var wg sync.WaitGroup
	go func() {
		for range time.NewTicker(time.Millisecond).C {
			select {
			case <-ctx.Done():
				wg.Done()
				return
			default:
			}
			publish()
		}
	}()
	wg.Add(1)
	wg.Wait() // ok: Add before Wait on every path
}

// Bad: the near miss: the Add after the go statement is skipped on one
// path, where Wait returns at once.
func addAfterStartSometimes(b bool, f func()) {
	var wg sync.WaitGroup
	go func() {
		defer wg.Done()
		f()
	}()
	if b {
		wg.Add(1)
	}
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done was started on this path`
}

// Good: Add, then a callback that calls Done registered with a
// subscription: the registration is the start, after the Add.
func addThenSubscribe(subscribe func(func())) {
	var wg sync.WaitGroup
	wg.Add(1)
	subscribe(func() { wg.Done() })
	wg.Wait() // ok: the Add counts the callback
}

// Good: a callback registered once and invoked later, by calls this
// function makes after each Add (a worker pool's task function): handing
// it over is not its start, and a loop of Adds that may run zero times
// also runs zero invocations. A Done handed to code we do not see says
// nothing about when it runs, so no callback is reported.
func poolCallback(newPool func(func()) func(), n int) {
	var wg sync.WaitGroup
	invoke := newPool(func() { wg.Done() })
	for i := 0; i < n; i++ {
		wg.Add(1)
		invoke()
	}
	wg.Wait() // ok: every invocation follows an Add
}

// Good: the near miss: the Adds are made in an earlier loop over the same
// slice, one per element, so the loop that starts the goroutines runs as
// many times: a path that skips every Add starts no goroutine either.
func addsInEarlierLoop(tasks []func()) {
	var wg sync.WaitGroup
	for range tasks {
		wg.Add(1)
	}
	for _, task := range tasks {
		go func() {
			task()
			wg.Done()
		}()
	}
	wg.Wait()
}

// Bad: the earlier loop ranges over another slice: it may run fewer
// times (zero) than the one that starts the goroutines.
func addsOverOtherSlice(names []string, tasks []func()) {
	var wg sync.WaitGroup
	for range names {
		wg.Add(1)
	}
	for _, task := range tasks {
		go func() {
			task()
			wg.Done()
		}()
	}
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done was started on this path`
}

// Good: the Adds are made per node, len(parts) at a time, in an earlier
// loop over the same nodes; the goroutines are started per part in a loop
// nested in a loop over those nodes (aerospike's batchExecute): a path
// that skips every Add ran the first loop zero times, and so the outer
// loop that starts the goroutines.
func addsPerNode(nodes []batchNode) {
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Add(len(n.parts))
	}
	for _, n := range nodes {
		for _, p := range n.parts {
			go func() {
				p()
				wg.Done()
			}()
		}
	}
	wg.Wait()
}

type batchNode struct{ parts []func() }

// Bad: the near miss: the earlier loop ranges over other nodes.
func addsPerOtherNode(nodes, others []batchNode) {
	var wg sync.WaitGroup
	for _, n := range others {
		wg.Add(len(n.parts))
	}
	for _, n := range nodes {
		for _, p := range n.parts {
			go func() {
				p()
				wg.Done()
			}()
		}
	}
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done was started on this path`
}

// Bad: the earlier loop over the same slice adds only on some iterations.
func addsSometimes(tasks []func(), skip func() bool) {
	var wg sync.WaitGroup
	for range tasks {
		if skip() {
			continue
		}
		wg.Add(1)
	}
	for _, task := range tasks {
		go func() {
			task()
			wg.Done()
		}()
	}
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done was started on this path`
}

// Good: the Add runs only when need is not empty, and on the other branch
// the loop over need starts no goroutine: no path starts one without the
// Add (the slice is also captured by a closure, so each use loads it).
func probeNeeded(regions []string, probe func(string), icmp func([]string)) {
	var wg sync.WaitGroup
	var need []string
	for _, r := range regions {
		if r != "" {
			need = append(need, r)
		}
	}
	if len(need) > 0 {
		go func() { icmp(need) }()
		wg.Add(len(need))
	}
	for _, r := range need {
		go func(r string) {
			defer wg.Done()
			probe(r)
		}(r)
	}
	wg.Wait() // ok: the loop over need runs only when len(need) > 0, after the Add
}

// Bad: the near miss: the Add is skipped for a single region, whose
// goroutine still runs and calls Done.
func probeNeededMany(regions []string, probe func(string)) {
	var wg sync.WaitGroup
	need := regions[1:]
	if len(need) > 1 {
		wg.Add(len(need))
	}
	for _, r := range need {
		go func(r string) {
			defer wg.Done()
			probe(r)
		}(r)
	}
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done was started on this path`
}

// Good: a worker pool started before any Add; each worker calls Done once
// per task it takes (in its loop, and on the early return from a failed
// task), and the feeder adds one before each send. The WaitGroup counts
// tasks, not workers (gnark's constraint solver).
func solveLevels(levels [][]int, nWorkers int, solve func(int) error) error {
	var wg sync.WaitGroup
	tasks := make(chan []int, nWorkers)
	errs := make(chan error, nWorkers)
	for range nWorkers {
		go func() {
			for t := range tasks {
				for _, i := range t {
					if err := solve(i); err != nil {
						errs <- err
						wg.Done()
						return
					}
				}
				wg.Done()
			}
		}()
	}
	defer close(tasks)
	for _, level := range levels {
		for i := 0; i < len(level); i += 2 {
			wg.Add(1)
			tasks <- level[i:min(i+2, len(level))]
		}
		wg.Wait() // ok: each Add before a send counts the task its worker answers
		if len(errs) > 0 {
			return <-errs
		}
	}
	return nil
}

// Bad: the same pool, but the worker's only Done is at its end: it counts
// the worker, and nothing added it before the Wait.
func solveLevelsOnce(levels [][]int, solve func(int) error) {
	var wg sync.WaitGroup
	tasks := make(chan []int, 1)
	go func() {
		for t := range tasks {
			for _, i := range t {
				_ = solve(i)
			}
		}
		wg.Done()
	}()
	for _, level := range levels {
		tasks <- level
	}
	close(tasks)
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done was started on this path`
}
