package kernels

import (
	"errors"
	"sync"
	"testing"
)

// A package made only of _test.go files is a program of its own (a bug
// kernel): its groups are analyzed like any code's.

func load(k string) (int, error) {
	if k == "" {
		return 0, errors.New("empty")
	}
	return len(k), nil
}

// Bad: the early return skips Done; the test's Wait hangs.
func TestLoadAll(t *testing.T) {
	var wg sync.WaitGroup
	for _, k := range []string{"a", ""} {
		wg.Add(1)
		go func() {
			if _, err := load(k); err != nil {
				return // want `goroutine returns here without calling wg.Done`
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Good: defer wg.Done() first.
func TestLoadAllDeferred(t *testing.T) {
	var wg sync.WaitGroup
	for _, k := range []string{"a", ""} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := load(k); err != nil {
				return // ok: the deferred Done runs
			}
		}()
	}
	wg.Wait()
}
