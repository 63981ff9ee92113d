package goroutineleak

import "sync"

// A Wait for goroutines that need a channel the owner feeds only after
// the Wait: each side waits for the other (deadlock).

// Bad: the Wait sits in the loop that starts the workers, and the jobs
// are fed and closed after the loop.
func processInLoop(items []int, workers int, handle func(int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				handle(it)
			}
		}()
		wg.Wait() // want `wg.Wait blocks forever: it waits for a goroutine that returns only once jobs is closed, and goroutineleak.processInLoop closes jobs only after this Wait \(deadlock\)`
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
}

// Good: the near miss: the same workers, waited for after the feed.
func processAfterFeed(items []int, workers int, handle func(int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				handle(it)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait() // ok: jobs is closed before the Wait
}

// Good: the near miss: batches, each started and waited for in turn; the
// workers need nothing from the owner.
func processBatches(batches [][]int, handle func(int)) {
	var wg sync.WaitGroup
	for _, batch := range batches {
		for _, it := range batch {
			wg.Add(1)
			go func() {
				defer wg.Done()
				handle(it)
			}()
		}
		wg.Wait() // ok: each batch's goroutines end on their own
	}
}

// Good: the near miss: a buffered start signal sent before the Wait.
func startThenWait(work func()) {
	ready := make(chan struct{}, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ready
		work()
	}()
	ready <- struct{}{}
	wg.Wait() // ok: ready is sent on before the Wait
}

// Bad: the start signal is sent only after the Wait.
func waitThenStart(work func()) {
	ready := make(chan struct{}, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ready
		work()
	}()
	wg.Wait() // want `wg.Wait blocks forever: it waits for a goroutine that can return only after receiving from ready`
	ready <- struct{}{}
}

type indexer struct {
	mu    sync.Mutex
	index map[string]int
}

func (ix *indexer) worker(docs <-chan string, wg *sync.WaitGroup) {
	defer wg.Done()
	for d := range docs {
		ix.mu.Lock()
		ix.index[d] = len(d)
		ix.mu.Unlock()
	}
}

// Bad: the documents are all sent (the buffer holds them), but the
// workers return only once docs is closed, which comes after the Wait.
func (ix *indexer) build(all []string, workers int) {
	docs := make(chan string, len(all))
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go ix.worker(docs, &wg)
	}
	for _, d := range all {
		docs <- d
	}
	wg.Wait() // want `wg.Wait blocks forever: it waits for a goroutine that returns only once docs is closed, and \(\*indexer\).build closes docs only after this Wait \(deadlock\)`
	close(docs)
}

// Good: the near miss: docs is closed before the Wait.
func (ix *indexer) buildClosed(all []string, workers int) {
	docs := make(chan string, len(all))
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go ix.worker(docs, &wg)
	}
	for _, d := range all {
		docs <- d
	}
	close(docs)
	wg.Wait() // ok: the workers end once they drain docs
}

// Good: the near miss: the queue is filled and closed before the workers
// start, and the Wait joins them once they drained it (Beam's artifact
// MultiStage).
func (ix *indexer) buildQueued(all []string, workers int) {
	docs := make(chan string, len(all))
	for _, d := range all {
		docs <- d
	}
	close(docs)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go ix.worker(docs, &wg)
	}
	wg.Wait() // ok: docs was closed before any worker started
}
