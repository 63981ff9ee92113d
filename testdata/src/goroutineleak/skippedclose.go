package goroutineleak

import (
	"context"
	"sync"
)

// A range whose only closer can return before its close, while the
// workers it starts send at most once each (projectdiscovery's
// GetAnyAliveProxy).

type probeResult struct {
	alive string
	err   error
}

// Bad: every worker cancels the context once it has sent any result, so
// when every probe fails the producer returns on ctx.Done before its
// close, and the range waits forever.
func firstAlive(addrs []string, probe func(string) error) (string, bool) {
	results := make(chan probeResult, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		var wg sync.WaitGroup
		for _, a := range addrs {
			select {
			case <-ctx.Done():
				return
			default:
			}
			wg.Add(1)
			go func(a string) {
				defer wg.Done()
				r := probeResult{err: probe(a)}
				if r.err == nil {
					r.alive = a
				}
				select {
				case <-ctx.Done():
				case results <- r:
					cancel()
				}
			}(a)
			wg.Wait()
		}
		close(results)
	}()
	for r := range results { // want `range over results blocks forever when the goroutine returns without closing it: only the goroutine goroutineleak.firstAlive starts closes results`
		if r.alive != "" {
			return r.alive, true
		}
	}
	return "", false
}

// Good: the near miss: the producer closes in a defer, so its early
// return closes too.
func firstAliveDeferred(addrs []string, probe func(string) error) (string, bool) {
	results := make(chan probeResult, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		defer close(results)
		var wg sync.WaitGroup
		defer wg.Wait()
		for _, a := range addrs {
			select {
			case <-ctx.Done():
				return
			default:
			}
			wg.Add(1)
			go func(a string) {
				defer wg.Done()
				r := probeResult{err: probe(a)}
				if r.err == nil {
					r.alive = a
				}
				select {
				case <-ctx.Done():
				case results <- r:
					cancel()
				}
			}(a)
			wg.Wait()
		}
	}()
	for r := range results { // ok: the deferred close runs on every return
		if r.alive != "" {
			return r.alive, true
		}
	}
	return "", false
}

// Good: the near miss: the producer has no way out before its close.
func allProbes(addrs []string, probe func(string) error) []error {
	results := make(chan probeResult, 4)
	go func() {
		var wg sync.WaitGroup
		for _, a := range addrs {
			wg.Add(1)
			go func(a string) {
				defer wg.Done()
				results <- probeResult{err: probe(a)}
			}(a)
		}
		wg.Wait()
		close(results)
	}()
	var errs []error
	for r := range results { // ok: the producer always reaches its close
		errs = append(errs, r.err)
	}
	return errs
}

// UseProbes keeps the probes in use.
func UseProbes(addrs []string, probe func(string) error) {
	_, _ = firstAlive(addrs, probe)
	_, _ = firstAliveDeferred(addrs, probe)
	_ = allProbes(addrs, probe)
}
