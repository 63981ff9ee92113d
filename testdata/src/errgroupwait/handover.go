package errgroupwait

import "sync"

// Finisher completes work on behalf of a goroutine; no implementation is in
// view (other packages provide them).
type Finisher interface {
	Finish(wg *sync.WaitGroup, v int)
	Report(v int)
}

// Good: the path without Done hands the WaitGroup to an implementation
// the pass cannot see, which may call its Done.
func handedToFinisher(f Finisher, keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				wg.Done()
				return
			}
			f.Finish(&wg, v) // ok: Finish is given wg
		}()
	}
	wg.Wait()
}

// Bad: the unseen implementation is not given the WaitGroup: it cannot
// call Done on it.
func reportedToFinisher(f Finisher, keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				wg.Done()
				return
			}
			f.Report(v)
		}() // want `goroutine returns here without calling wg.Done`
	}
	wg.Wait()
}
