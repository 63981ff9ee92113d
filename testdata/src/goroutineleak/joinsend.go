package goroutineleak

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Results collected only after the Wait that joins their senders.

func scrapeOne(t string) (int, error) {
	if t == "" {
		return 0, errBadTarget
	}
	return len(t), nil
}

type targetError struct{}

func (targetError) Error() string { return "empty target" }

var errBadTarget error = targetError{}

// Bad: every goroutine that scrapes successfully blocks in its send, so
// wg.Wait never returns and the range after it never runs.
func collectAfterWait(targets []string) []int {
	var wg sync.WaitGroup
	results := make(chan int)
	for _, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := scrapeOne(t)
			if err != nil {
				return
			}
			results <- n
		}()
	}
	wg.Wait() // want `wg.Wait blocks forever: it waits for a goroutine that sends on the unbuffered results, and goroutineleak.collectAfterWait receives from results only after this Wait \(deadlock\)`
	close(results)
	var out []int
	for n := range results {
		out = append(out, n)
	}
	return out
}

// Bad: the same with an errgroup.
func collectGroupAfterWait(ctx context.Context, targets []string) ([]int, error) {
	g, _ := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, t := range targets {
		g.Go(func() error {
			n, err := scrapeOne(t)
			if err != nil {
				return err
			}
			results <- n
			return nil
		})
	}
	if err := g.Wait(); err != nil { // want `the group's Wait blocks forever: it waits for a goroutine that sends on the unbuffered results`
		return nil, err
	}
	close(results)
	var out []int
	for n := range results {
		out = append(out, n)
	}
	return out, nil
}

// Good: the buffer holds one result per target.
func collectBuffered(targets []string) []int {
	var wg sync.WaitGroup
	results := make(chan int, len(targets))
	for _, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if n, err := scrapeOne(t); err == nil {
				results <- n
			}
		}()
	}
	wg.Wait()
	close(results)
	var out []int
	for n := range results {
		out = append(out, n)
	}
	return out
}

// Good: a goroutine closes results after the Wait, and the owner receives
// while the senders run.
func collectWhileWaiting(ctx context.Context, targets []string) []int {
	g, _ := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, t := range targets {
		g.Go(func() error {
			n, err := scrapeOne(t)
			if err != nil {
				return err
			}
			results <- n
			return nil
		})
	}
	go func() {
		_ = g.Wait()
		close(results)
	}()
	var out []int
	for n := range results {
		out = append(out, n)
	}
	return out
}

// Bad: the send also waits for the group's context, which only a failure
// or the caller's cancel ends: the results are read only after the Wait,
// so the function never returns them.
func collectGroupCtxAfterWait(ctx context.Context, targets []string) ([]int, error) {
	g, gctx := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, t := range targets {
		g.Go(func() error {
			n, err := scrapeOne(t)
			if err != nil {
				return err
			}
			select {
			case results <- n:
			case <-gctx.Done():
				return gctx.Err()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil { // want `the group's Wait returns only once gctx is cancelled: it waits for a goroutine that sends on the unbuffered results`
		return nil, err
	}
	close(results)
	var out []int
	for n := range results {
		out = append(out, n)
	}
	return out, nil
}

// Good: the same select, with the results received while the senders run.
func collectGroupCtxWhileWaiting(ctx context.Context, targets []string) ([]int, error) {
	g, gctx := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, t := range targets {
		g.Go(func() error {
			n, err := scrapeOne(t)
			if err != nil {
				return err
			}
			select {
			case results <- n:
			case <-gctx.Done():
				return gctx.Err()
			}
			return nil
		})
	}
	errc := make(chan error, 1)
	go func() {
		errc <- g.Wait()
		close(results)
	}()
	var out []int
	for n := range results {
		out = append(out, n)
	}
	return out, <-errc
}

// Good: the select has a way out besides the context (a stop channel the
// owner closes), so it is not judged.
func collectGroupStoppable(ctx context.Context, targets []string, stop <-chan struct{}) ([]int, error) {
	g, gctx := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, t := range targets {
		g.Go(func() error {
			select {
			case results <- len(t):
			case <-gctx.Done():
				return gctx.Err()
			case <-stop:
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	close(results)
	var out []int
	for n := range results {
		out = append(out, n)
	}
	return out, nil
}

// scoreShard sends its result on the channel it is given.
func scoreShard(docs []string, results chan<- int) {
	results <- len(docs)
}

// Bad: the send is in the helper the goroutine calls, and the Wait sits
// in the start loop, before any receive.
func scoreAll(shards [][]string) int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, sh := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scoreShard(sh, results)
		}()
		wg.Wait() // want `wg.Wait blocks forever: it waits for a goroutine that sends on the unbuffered results`
	}
	total := 0
	for range shards {
		total += <-results
	}
	return total
}

// scoreShardOwn sends on a channel it makes itself and receives there.
func scoreShardOwn(docs []string) int {
	own := make(chan int, 1)
	own <- len(docs)
	return <-own
}

// Good: the helper's send is on its own channel, and the results are
// stored, not sent.
func scoreAllOwn(shards [][]string) int {
	var wg sync.WaitGroup
	scores := make([]int, len(shards))
	for i, sh := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			scores[i] = scoreShardOwn(sh)
		}()
		wg.Wait()
	}
	total := 0
	for _, s := range scores {
		total += s
	}
	return total
}
