package idioms

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Buggy variants: each should be reported (or is a documented miss).

// B1. Add inside the goroutine (go vet's waitgroup check; documented as not
// duplicated by errgroupwait).
func BugAddInside(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1)
			defer wg.Done()
			_ = work(it)
		}()
	}
	wg.Wait()
}

// B2. Done skipped on an error return.
func BugDoneSkipped(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if err := work(it); err != nil {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// B3. errgroup Wait never called.
func BugNoWait(items []int) {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
}

// B4. error of Wait dropped.
func BugDroppedWait(items []int) {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	g.Wait()
}

// B5. Wait in the loop (serializes; each Wait joins only what is started) and
// its error overwritten.
func BugWaitInLoop(items []int) error {
	var g errgroup.Group
	var err error
	for _, it := range items {
		g.Go(func() error { return work(it) })
		err = g.Wait()
	}
	return err
}

// B6. early return skips Wait on a WithContext group.
func BugEarlyReturn(ctx context.Context, items []int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(gctx, it)
			return err
		})
	}
	if len(items) > 10 {
		return errors.New("too many")
	}
	return g.Wait()
}

// B7. group context used after Wait.
func BugCtxAfterWait(ctx context.Context, items []int) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			_, err := fetch(ctx, it)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	_, err := fetch(ctx, 0)
	return err
}

// B8. Go inside a limited group's goroutine.
func BugNestedLimited(items []int) error {
	var g errgroup.Group
	g.SetLimit(2)
	for _, it := range items {
		g.Go(func() error {
			g.Go(func() error { return work(it) })
			return work(it)
		})
	}
	return g.Wait()
}

// B9. Add after the waiter goroutine started.
func BugAddAfterWaiter(items []int, extra bool) []int {
	var wg sync.WaitGroup
	out := make(chan int, len(items)+1)
	for _, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); out <- it }()
	}
	go func() { wg.Wait(); close(out) }()
	if extra {
		wg.Add(1)
		go func() { defer wg.Done(); out <- 0 }()
	}
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res
}

// B10. Wait with no Add.
func BugNoAdd(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			defer wg.Done()
			_ = work(it)
		}()
	}
	wg.Wait()
}

// B11. Wait error assigned and then overwritten.
func BugOverwritten(items []int, closeFn func() error) error {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error { return work(it) })
	}
	err := g.Wait()
	err = closeFn()
	return err
}
