package goroutineleak

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Two-stage pipelines: a producer goroutine that sends until it closes the
// channel, and a consumer goroutine that ranges over it.

type stageItem struct{ id int }

func stageFetch(id int) stageItem { return stageItem{id} }

func stageProcess(it stageItem) error {
	if it.id < 0 {
		return errors.New("negative id")
	}
	return nil
}

// Bad: the consumer returns on the first error; the producer's next send
// blocks forever, and so does g.Wait.
func pipelineGroup(ctx context.Context, ids []int) error {
	g, ctx := errgroup.WithContext(ctx)
	items := make(chan stageItem)
	g.Go(func() error {
		defer close(items)
		for _, id := range ids {
			items <- stageFetch(id) // want `goroutine can block forever in send on items: it sends until items is closed, and the goroutine that receives from it can return before that \(goroutine leak\)`
		}
		return nil
	})
	g.Go(func() error {
		for it := range items {
			if err := stageProcess(it); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// Bad: the same with go statements and a WaitGroup; the consumer breaks
// out of a comma-ok receive loop.
func pipelineStatements(ids []int) error {
	var wg sync.WaitGroup
	var firstErr error
	items := make(chan stageItem, 1)
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(items)
		for _, id := range ids {
			items <- stageFetch(id) // want `goroutine can block forever in send on items: it sends until items is closed`
		}
	}()
	go func() {
		defer wg.Done()
		for {
			it, ok := <-items
			if !ok {
				return
			}
			if err := stageProcess(it); err != nil {
				firstErr = err
				return
			}
		}
	}()
	wg.Wait()
	return firstErr
}

// Good: the producer sends in a select on the group's context, which the
// consumer's error cancels.
func pipelineGroupCtx(ctx context.Context, ids []int) error {
	g, ctx := errgroup.WithContext(ctx)
	items := make(chan stageItem)
	g.Go(func() error {
		defer close(items)
		for _, id := range ids {
			select {
			case items <- stageFetch(id):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	g.Go(func() error {
		for it := range items {
			if err := stageProcess(it); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// Good: the consumer keeps the first error and goes on receiving until
// the close.
func pipelineKeepsError(ctx context.Context, ids []int) error {
	g, _ := errgroup.WithContext(ctx)
	items := make(chan stageItem)
	var firstErr error
	g.Go(func() error {
		defer close(items)
		for _, id := range ids {
			items <- stageFetch(id)
		}
		return nil
	})
	g.Go(func() error {
		for it := range items {
			if err := stageProcess(it); err != nil && firstErr == nil {
				firstErr = err
			}
		}
		return firstErr
	})
	return g.Wait()
}

// Good: the consumer drains the channel before it returns its error.
func pipelineDrains(ids []int) error {
	var wg sync.WaitGroup
	var firstErr error
	items := make(chan stageItem)
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(items)
		for _, id := range ids {
			items <- stageFetch(id)
		}
	}()
	go func() {
		defer wg.Done()
		for it := range items {
			if err := stageProcess(it); err != nil {
				firstErr = err
				break
			}
		}
		for range items {
		}
	}()
	wg.Wait()
	return firstErr
}

// Good: the consumer stops after as many values as the producer sends.
func pipelineCounted(ids []int) int {
	var wg sync.WaitGroup
	items := make(chan stageItem)
	sum := 0
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(items)
		for _, id := range ids {
			items <- stageFetch(id)
		}
	}()
	go func() {
		defer wg.Done()
		n := 0
		for it := range items {
			sum += it.id
			n++
			if n == len(ids) {
				return
			}
		}
	}()
	wg.Wait()
	return sum
}

// A producer that reports its error on a channel of its own on the way
// out, and keeps sending values on out in its loop.
func streamStages(next func() (stageItem, error), out chan<- stageItem, errc chan<- error) {
	defer close(out)
	for {
		it, err := next()
		if err != nil {
			errc <- err
			return
		}
		out <- it // want `goroutine can block forever in send on out: the goroutines send values until they close out, and goroutineleak.receiveStages can stop receiving before that`
	}
}

// Bad: receiveStages returns on the first bad value; the error sent on
// errc on the way out does not tell it to stop, and streamStages blocks in
// its next send on out.
func receiveStages(next func() (stageItem, error)) error {
	out := make(chan stageItem)
	errc := make(chan error, 1)
	go streamStages(next, out, errc)
	for it := range out {
		if err := stageProcess(it); err != nil {
			return err
		}
	}
	return <-errc
}

func streamOrFail(next func() (stageItem, error), out chan<- stageItem, errc chan<- error) {
	defer close(out)
	for {
		it, err := next()
		if err != nil {
			errc <- err
			return
		}
		out <- it
	}
}

// Good: the owner stops receiving only on the error, which streamOrFail
// sends after its last value, and then returns.
func receiveUntilFailure(next func() (stageItem, error)) error {
	out := make(chan stageItem)
	errc := make(chan error, 1)
	go streamOrFail(next, out, errc)
	for {
		select {
		case it, ok := <-out:
			if !ok {
				return nil
			}
			_ = it
		case err := <-errc:
			return err
		}
	}
}

func feedWorker(jobs <-chan stageItem, errs chan<- error, wg *sync.WaitGroup) {
	defer wg.Done()
	for it := range jobs {
		if err := stageProcess(it); err != nil {
			errs <- err
			return
		}
	}
}

// Bad: every worker quits on its first error; once all have, the feed
// blocks in its next send.
func feedWorkers(items []stageItem) error {
	jobs := make(chan stageItem)
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go feedWorker(jobs, errs, &wg)
	}
	for _, it := range items {
		jobs <- it // want `send on jobs can block forever: every goroutine that receives from it can return before jobs is closed, and then nothing receives \(deadlock\)`
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return <-errs
}

func keepingWorker(jobs <-chan stageItem, errs chan<- error, wg *sync.WaitGroup) {
	defer wg.Done()
	var first error
	for it := range jobs {
		var err error
		if it.id%2 == 0 {
			err = stageProcess(it)
		} else {
			err = stageProcess(stageItem{it.id + 1})
		}
		if err != nil && first == nil {
			first = err
		}
	}
	errs <- first
}

// Good: the workers keep the first error and go on receiving until the
// close (the error of one iteration merges two calls: not a count).
func feedKeepingWorkers(items []stageItem) error {
	jobs := make(chan stageItem)
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go keepingWorker(jobs, errs, &wg)
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return <-errs
}

// Bad: a worker pool of errgroup's Go with one buffer slot per worker
// (tessera's fsck): once every worker has returned its error, the buffer
// fills with n more values and the feed blocks in the next send; the
// group has no context that could release it.
func feedGroupSlots(items []stageItem, workers int) error {
	jobs := make(chan stageItem, workers)
	var g errgroup.Group
	for range workers {
		g.Go(func() error {
			for it := range jobs {
				if err := stageProcess(it); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for _, it := range items {
		jobs <- it // want `send on jobs can block forever: every goroutine that receives from it can return before jobs is closed, and then nothing receives \(deadlock\)`
	}
	close(jobs)
	return g.Wait()
}

// Good: the buffer holds every item, whatever the workers do.
func feedGroupAllItems(items []stageItem, workers int) error {
	jobs := make(chan stageItem, len(items))
	var g errgroup.Group
	for range workers {
		g.Go(func() error {
			for it := range jobs {
				if err := stageProcess(it); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for _, it := range items {
		jobs <- it // ok: the buffer is sized to the items
	}
	close(jobs)
	return g.Wait()
}

// Good: one value per worker, and one slot per worker: the sends never
// wait, however many workers have quit.
func feedGroupOnePerWorker(workers int) error {
	jobs := make(chan stageItem, workers)
	var g errgroup.Group
	for range workers {
		g.Go(func() error {
			for it := range jobs {
				if err := stageProcess(it); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for i := range workers {
		jobs <- stageItem{i} // ok: as many sends as slots
	}
	close(jobs)
	return g.Wait()
}
