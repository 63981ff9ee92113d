package errgroupwait

import "sync"

// wg.Go counts its goroutine itself: an Add left over from the go
// statement it replaced is never matched, and Wait never returns.

func indexAll(docs []string, index func(string)) {
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1) // want `wg.Add is never matched by a Done: the goroutines of wg are started with wg.Go, which counts each one itself`
		wg.Go(func() { index(d) })
	}
	wg.Wait()
}

func indexBatch(docs []string, index func(string)) {
	var wg sync.WaitGroup
	wg.Add(len(docs)) // want `wg.Add is never matched by a Done`
	for _, d := range docs {
		wg.Go(func() { index(d) })
	}
	wg.Wait()
}

// Near misses: each stays silent.

func indexGo(docs []string, index func(string)) {
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Go(func() { index(d) })
	}
	wg.Wait()
}

// An Add matched by the Done in the goroutine: counted twice, done twice.
func indexGoDone(docs []string, index func(string)) {
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1)
		wg.Go(func() {
			defer wg.Done()
			index(d)
		})
	}
	wg.Wait()
}

// Go for some goroutines, go statements with Add and Done for others.
func indexMixed(docs []string, index func(string)) {
	var wg sync.WaitGroup
	wg.Go(func() { index("head") })
	for _, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			index(d)
		}()
	}
	wg.Wait()
}
