package goroutineleak

import (
	"errors"
	"sync"
	"time"
)

// Bad: "first error wins". Returning on the first error leaves the other
// workers blocked on their sends.
func firstErrorLeaky(tasks []func() error) error {
	errc := make(chan error)
	for _, task := range tasks {
		go func() {
			errc <- task() // want `goroutine can block forever in send on errc: goroutineleak.firstErrorLeaky can return without receiving from it and errc has capacity 0 \(one goroutine per loop iteration`
		}()
	}
	for range tasks {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Good: buffered to the number of senders.
func firstErrorBuffered(tasks []func() error) error {
	errc := make(chan error, len(tasks))
	for _, task := range tasks {
		go func() {
			errc <- task() // ok: every send fits in the buffer
		}()
	}
	for range tasks {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Good: receive every result, remember the first error.
func allErrors(tasks []func() error) error {
	errc := make(chan error)
	for _, task := range tasks {
		go func() {
			errc <- task() // ok: the loop below receives one value per task
		}()
	}
	var first error
	for range tasks {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Bad: the first mirror to answer wins, the others never deliver.
func fastestLeaky(mirrors []func() int) int {
	ch := make(chan int)
	for _, m := range mirrors {
		go func() {
			ch <- m() // want `goroutine can block forever in send on ch: goroutineleak.fastestLeaky can return after 1 receive from it, and the goroutines, one per loop iteration, can send more than ch's capacity of 0 holds`
		}()
	}
	return <-ch
}

// Good: a fresh channel per iteration, received before the next one.
func sequential(jobs []func() int) int {
	sum := 0
	for _, job := range jobs {
		ch := make(chan int)
		go func() {
			ch <- job() // ok: received in the same iteration
		}()
		sum += <-ch
	}
	return sum
}

// Good: the loop counts the workers that finished and leaves after the
// last one; the condition does not look at the received value.
func countedWorkers(tasks []func() error, tick <-chan struct{}, report func()) error {
	errc := make(chan error)
	for _, task := range tasks {
		go func() {
			errc <- task() // ok: the loop leaves only when every worker has sent
		}()
	}
	var first error
	active := len(tasks)
	for {
		select {
		case err := <-errc:
			if first == nil {
				first = err
			}
			active--
			if active == 0 {
				return first
			}
		case <-tick:
			report()
		}
	}
}

// Good: a goroutine that may send several times but only once on any path
// that finishes, into a buffer of one (a flag guards the send).
func sendOnce(steps []func() error) error {
	errc := make(chan error, 1)
	go func() {
		defer close(errc)
		sent := false
		fail := func(err error) {
			if !sent {
				errc <- err // ok: at most one send reaches the buffer
				sent = true
			}
		}
		for _, step := range steps {
			if err := step(); err != nil {
				fail(err)
			}
		}
	}()
	return <-errc
}

// Good: a constant buffer for goroutines started in a loop is taken to be
// sized to the loop.
func pair(work func()) {
	done := make(chan bool, 2)
	for p := 0; p < 2; p++ {
		go func() {
			work()
			done <- true // ok: two goroutines, two slots
		}()
	}
	<-done
}

// Good: results collected by a range-over-int loop, which go/ssa rotates
// (a guard, then the body, then the test at the bottom).
func collectN(procs int, work func() int) int {
	results := make(chan int)
	for range procs {
		go func() {
			results <- work() // ok: one receive per goroutine
		}()
	}
	sum := 0
	for range procs {
		sum += <-results
	}
	return sum
}

// Good: only the goroutine that sees the count reach n sends.
func lastOne(n int, arrive func() int) {
	done := make(chan bool)
	for i := 0; i < n; i++ {
		go func() {
			if arrive() == n {
				done <- true // ok: a conditional send: perhaps a single goroutine sends
			}
		}()
	}
	<-done
}

// result is what the workers below send: a value and its error.
type result struct {
	v   int
	err error
}

// Bad: "first error wins" over a channel of result structs, closed after a
// WaitGroup. go/ssa keeps the range variable r in memory (its fields are
// read through their addresses); the return still depends on the value
// received.
func firstResultErrLeaky(tasks []func() (int, error)) (int, error) {
	var wg sync.WaitGroup
	out := make(chan result)
	for _, task := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := task()
			out <- result{v, err} // want `goroutine can block forever in send on out: goroutineleak.firstResultErrLeaky can return without receiving from it and out has capacity 0 \(one goroutine per loop iteration`
		}()
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

// Good: the same workers; the range keeps receiving until the close and
// remembers the first error.
func firstResultErrKept(tasks []func() (int, error)) (int, error) {
	var wg sync.WaitGroup
	out := make(chan result)
	for _, task := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := task()
			out <- result{v, err} // ok: the range below receives until out is closed
		}()
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

// Good: a loop that counts the results it received; its exit does not look
// at the struct received.
func countedResults(tasks []func() (int, error)) int {
	out := make(chan result)
	for _, task := range tasks {
		go func() {
			v, err := task()
			out <- result{v, err} // ok: the loop leaves only when every worker has sent
		}()
	}
	sum := 0
	left := len(tasks)
	for {
		r := <-out
		if r.err == nil {
			sum += r.v
		}
		left--
		if left == 0 {
			return sum
		}
	}
}

// The first batch is abandoned when a check fails; the second batch
// starts after the last early return, and the final loop takes every
// result, so it is not.
func copyInBatches(parts []string, check func(string) error, copyPart func(string) error) error {
	done := make(chan error)
	n := 0
	for _, p := range parts[:len(parts)/2] {
		n++
		go func() {
			done <- copyPart(p) // want `goroutine can block forever in send on done: goroutineleak.copyInBatches can return without receiving from it`
		}()
	}
	for _, p := range parts {
		if err := check(p); err != nil {
			return err
		}
	}
	for _, p := range parts[len(parts)/2:] {
		n++
		go func() {
			done <- copyPart(p) // ok: no return between this start and the loop that receives every result
		}()
	}
	var first error
	for i := 0; i < n; i++ {
		if err := <-done; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Bad: the first provider to answer wins, a timeout bounds the wait, and
// the buffer holds one answer: every provider past the second that
// answers blocks for good. The message names the return after the one
// receive (the first answer), the path a run takes.
func firstAnswerOrTimeout(providers []func() int, timeout time.Duration) (int, error) {
	respCh := make(chan int, 1)
	for _, p := range providers {
		go func() {
			respCh <- p() // want `goroutine can block forever in send on respCh: goroutineleak.firstAnswerOrTimeout can return after 1 receive from it, and the goroutines, one per loop iteration, can send more than respCh's capacity of 1 holds`
		}()
	}
	select {
	case <-time.After(timeout):
		return 0, errors.New("no answer before the timeout")
	case v := <-respCh:
		return v, nil
	}
}

// Good (near miss): a buffer for every provider.
func firstAnswerOrTimeoutBuffered(providers []func() int, timeout time.Duration) (int, error) {
	respCh := make(chan int, len(providers))
	for _, p := range providers {
		go func() { respCh <- p() }()
	}
	select {
	case <-time.After(timeout):
		return 0, errors.New("no answer before the timeout")
	case v := <-respCh:
		return v, nil
	}
}
