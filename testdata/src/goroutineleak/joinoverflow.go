package goroutineleak

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Errors collected only after the Wait, in a buffer that can fill first.

var errCheck = errors.New("check failed")

func checkPart(s string) error {
	if s == "" {
		return errCheck
	}
	return nil
}

// Bad: one slot per target, but a goroutine can send two errors: once
// more than len(targets) errors come, a sender blocks and the Wait never
// returns.
func validateAll(targets []string) []error {
	var wg sync.WaitGroup
	errs := make(chan error, len(targets))
	for _, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := checkPart(t); err != nil {
				errs <- err
			}
			if err := checkPart(t + t); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait() // want `wg.Wait blocks forever once errs is full: it waits for goroutines that send on errs, goroutineleak.validateAll receives from errs only after this Wait, and it has one slot per goroutine, and one goroutine can send 2 values \(deadlock\)`
	close(errs)
	var out []error
	for err := range errs {
		out = append(out, err)
	}
	return out
}

// Bad: a buffer of one for one goroutine per server, each of which may
// fail: the second failure blocks.
func startServers(servers []string) error {
	var wg sync.WaitGroup
	errc := make(chan error, 1)
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := checkPart(s); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait() // want `wg.Wait blocks forever once errc is full: it waits for goroutines that send on errc, goroutineleak.startServers receives from errc only after this Wait, and it has capacity 1, and the goroutines, one per loop iteration, can send more values than that`
	close(errc)
	return <-errc
}

// Good: the near miss: one slot per target, one error per goroutine at
// most (the first check returns).
func validateEach(targets []string) []error {
	var wg sync.WaitGroup
	errs := make(chan error, len(targets))
	for _, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := checkPart(t); err != nil {
				errs <- err
				return
			}
			if err := checkPart(t + t); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait() // ok: at most one value per slot
	close(errs)
	var out []error
	for err := range errs {
		out = append(out, err)
	}
	return out
}

// Good: the near miss: a buffer of one, and a failure that finds it full
// is dropped (a select with a default).
func startServersFirstError(servers []string) error {
	var wg sync.WaitGroup
	errc := make(chan error, 1)
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := checkPart(s); err != nil {
				select {
				case errc <- err:
				default:
				}
			}
		}()
	}
	wg.Wait() // ok: the send never blocks
	close(errc)
	return <-errc
}

// Good: the near miss: two goroutines from a loop of two, a buffer of two.
func startPair(a, b string) error {
	var wg sync.WaitGroup
	errc := make(chan error, 2)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := checkPart(a + b); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait() // ok: the buffer holds both
	close(errc)
	return <-errc
}

// Bad: a bounded pool joined by acquiring the semaphore's whole weight;
// one slot per view, two errors per goroutine at most: once the buffer is
// full, a sender keeps its unit and the acquire never gets them all.
func registerViews(ctx context.Context, views []string) error {
	workers := int64(4)
	sem := semaphore.NewWeighted(workers)
	errCh := make(chan error, len(views))
	for _, v := range views {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func() {
			defer sem.Release(1)
			if err := checkPart(v); err != nil {
				errCh <- err
			}
			if err := checkPart(v + v); err != nil {
				errCh <- err
			}
		}()
	}
	if err := sem.Acquire(ctx, workers); err != nil { // want `sem.Acquire of the whole weight can wait until ctx is cancelled once errCh is full, and the goroutines stay blocked: they hold the units it waits for and send on errCh, goroutineleak.registerViews receives from errCh only after this acquire, and it has one slot per goroutine, and one goroutine can send 2 values`
		return err
	}
	close(errCh)
	for err := range errCh {
		return err
	}
	return nil
}

// Good: the near miss: the same pool, one error per goroutine at most.
func registerViewsOnce(ctx context.Context, views []string) error {
	workers := int64(4)
	sem := semaphore.NewWeighted(workers)
	errCh := make(chan error, len(views))
	for _, v := range views {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func() {
			defer sem.Release(1)
			if err := checkPart(v); err != nil {
				errCh <- err
			}
		}()
	}
	if err := sem.Acquire(ctx, workers); err != nil { // ok: the buffer holds every error
		return err
	}
	close(errCh)
	for err := range errCh {
		return err
	}
	return nil
}

// Good: the near miss: five goroutines per round, each round joined by
// its own Wait, and a buffer of 100 (a stress test's rounds).
func stressRounds(targets []string) error {
	errCh := make(chan error, 100)
	for round := 0; round < 2; round++ {
		wg := &sync.WaitGroup{}
		for i := 0; i < 5; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := checkPart(targets[0]); err != nil {
					errCh <- err
				}
			}()
		}
		wg.Wait() // ok: five values at most before the check below
		if len(errCh) > 0 {
			return <-errCh
		}
	}
	return nil
}

// Good: the near miss: three goroutines, each given its index, and a
// buffer of three.
func startTrio(parts []string) error {
	var wg sync.WaitGroup
	errc := make(chan error, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := checkPart(parts[i]); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait() // ok: the buffer holds all three
	close(errc)
	return <-errc
}

// Good: the near miss: the first goroutine to find a problem sends it and
// closes the channel; a second one panics on the closed channel rather
// than wait (a test that expects one culprit).
func firstCulprit(parts []string) error {
	culprit := make(chan error, 1)
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := checkPart(p); err != nil {
				culprit <- err
				close(culprit)
			}
		}()
	}
	wg.Wait() // ok: a second send panics, it does not block
	select {
	case err := <-culprit:
		return err
	default:
		return nil
	}
}

// Good: the near miss: fifty goroutines of ten sends each, and a buffer
// of five hundred (a test that collects every value after the Wait).
func collectPorts(next func() int) []int {
	const workers, each = 50, 10
	var wg sync.WaitGroup
	ports := make(chan int, workers*each)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				ports <- next()
			}
		}()
	}
	wg.Wait() // ok: the buffer holds all five hundred
	close(ports)
	var out []int
	for p := range ports {
		out = append(out, p)
	}
	return out
}

// Bad: the twin: one more send per goroutine than the buffer counts.
func collectPortsShort(next func() int) []int {
	const workers, each = 50, 10
	var wg sync.WaitGroup
	ports := make(chan int, workers*each)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each + 1 {
				ports <- next()
			}
		}()
	}
	wg.Wait() // want `wg.Wait blocks forever once ports is full`
	close(ports)
	var out []int
	for p := range ports {
		out = append(out, p)
	}
	return out
}

// Good: iceberg-go's encoder test: each goroutine returns on its first
// error inside its constant loop (the loop's test then ends a latch block,
// not the header), so it sends at most each values: sixteen of thirty-two
// fit the buffer exactly.
func encodeAll(encode func() ([]byte, error)) int {
	const workers, each = 16, 32
	results := make(chan []byte, workers*each)
	errs := make(chan error, workers*each)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				b, err := encode()
				if err != nil {
					errs <- err
					return
				}
				results <- b
			}
		})
	}
	wg.Wait() // ok: at most workers*each results, and as many errors
	close(results)
	close(errs)
	n := 0
	for range results {
		n++
	}
	return n
}

// Bad: the twin: a buffer one slot short of what the loops can send.
func encodeAllShort(encode func() ([]byte, error)) int {
	const workers, each = 16, 32
	results := make(chan []byte, workers*each-1)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				b, err := encode()
				if err != nil {
					return
				}
				results <- b
			}
		})
	}
	wg.Wait() // want `wg.Wait blocks forever once results is full`
	close(results)
	n := 0
	for range results {
		n++
	}
	return n
}

// Good: the near miss (containers/storage's aufs benchmark): the IDs are
// appended 256 times and the first two taken off, so the loop starts at
// most 254 goroutines, one error each, and the buffer holds 256.
func createLayers(create func(string) error) error {
	const numConcurrent = 256
	var ids []string
	for i := range numConcurrent {
		ids = append(ids, string(rune('a'+i%26)))
	}
	ids = ids[2:]
	errc := make(chan error, numConcurrent)
	var wg sync.WaitGroup
	wg.Add(len(ids))
	for _, id := range ids {
		go func() {
			defer wg.Done()
			if err := create(id); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait() // ok: at most 254 errors, 256 slots
	close(errc)
	return <-errc
}

// Bad: the same, with two IDs appended each way round: 510 goroutines
// may fail, and the buffer holds 256.
func createLayerPairs(create func(string) error) error {
	const numConcurrent = 256
	var ids []string
	for i := range numConcurrent {
		ids = append(ids, string(rune('a'+i%26)), string(rune('A'+i%26)))
	}
	ids = ids[2:]
	errc := make(chan error, numConcurrent)
	var wg sync.WaitGroup
	wg.Add(len(ids))
	for _, id := range ids {
		go func() {
			defer wg.Done()
			if err := create(id); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait() // want `wg.Wait blocks forever once errc is full: it waits for goroutines that send on errc, goroutineleak.createLayerPairs receives from errc only after this Wait, and it has capacity 256, and the goroutines, one per loop iteration, can send more values than that`
	close(errc)
	return <-errc
}
