// Package errgroupwait shows the pitfall errgroupwait reports (bad.go)
// beside the correct pattern (good.go).
package errgroupwait

import "sync"

func process(int) error { return nil }

// ProcessAll returns early on a bad item before Done: Wait hangs forever.
func ProcessAll(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if it < 0 {
				return
			}
			_ = process(it)
			wg.Done()
		}()
	}
	wg.Wait()
}
