package idioms

import (
	"context"
	"sync"
)

// 117. wg.Go pool, jobs fed by a producer goroutine that closes them
func WGPool(items []int, f func(int) int) []int {
	jobs := make(chan int)
	results := make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for j := range jobs {
				results <- f(j)
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, it := range items {
			jobs <- it
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// 118. wg.Go senders selecting on a ctx cancelled by defer, early return
func WGFirstErr(ctx context.Context, fs []func() error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error)
	for _, f := range fs {
		wg.Go(func() {
			select {
			case errc <- f():
			case <-ctx.Done():
			}
		})
	}
	defer wg.Wait()
	for range fs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// 119. wg.Go results buffered to the number of senders
func WGBuffered(items []string, f func(string) error) error {
	errc := make(chan error, len(items))
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { errc <- f(it) })
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

// 120. wg.Go workers ranging over jobs, owner closes after sending all
func WGWorkers(items []int, f func(int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for j := range jobs {
				f(j)
			}
		})
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
}
