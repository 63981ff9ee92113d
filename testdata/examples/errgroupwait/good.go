package errgroupwait

import "sync"

// ProcessAllSafe defers Done, so every path releases the WaitGroup.
func ProcessAllSafe(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if it < 0 {
				return
			}
			_ = process(it)
		}()
	}
	wg.Wait()
}
