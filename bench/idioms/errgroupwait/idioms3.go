package idioms

import "sync"

// 73. optional WaitGroup: nil-checked Add and deferred Done.
func runOpt(wg *sync.WaitGroup, i int) {
	if wg != nil {
		defer wg.Done()
	}
	_ = work(i)
}

func OptionalWG(items []int, wg *sync.WaitGroup) {
	for _, it := range items {
		if wg != nil {
			wg.Add(1)
		}
		go runOpt(wg, it)
	}
}

// 74. optional WaitGroup, explicit Done at the end.
func OptionalWG2(items []int, wg *sync.WaitGroup) {
	for _, it := range items {
		if wg != nil {
			wg.Add(1)
		}
		go func() {
			_ = work(it)
			if wg != nil {
				wg.Done()
			}
		}()
	}
}
