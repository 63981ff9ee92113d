package ctxdone

import (
	"context"
	"sync"
	"time"
)

func compute(int) {}

// Good: the workers range over jobs, which the function closes once the
// feeding loop ends (on cancellation too): the close ends every worker,
// so the join waits for no more than the jobs in hand.
func PoolClosed(ctx context.Context, items []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				compute(j)
			}
		}()
	}
loop:
	for _, it := range items {
		select {
		case jobs <- it:
		case <-ctx.Done():
			break loop
		}
	}
	close(jobs)
	wg.Wait() // ok: the workers end when jobs is closed
}

// Bad: the near miss: nothing closes jobs, so the workers never end and
// the join waits forever, cancelled or not.
func PoolUnclosed(ctx context.Context, items []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				compute(j)
			}
		}()
	}
loop:
	for _, it := range items {
		select {
		case jobs <- it:
		case <-ctx.Done():
			break loop
		}
	}
	wg.Wait() // want `Wait ignores ctx: it waits for goroutines that may never finish`
}

// Svc runs loops started by Run; Stop closes quit and joins them.
type Svc struct {
	wg   sync.WaitGroup
	quit chan struct{}
	in   chan int
}

func (s *Svc) Run(n int) {
	for range n {
		s.wg.Add(1)
		go s.loop()
	}
}

func (s *Svc) loop() {
	defer s.wg.Done()
	for {
		select {
		case v := <-s.in:
			compute(v)
		case <-s.quit:
			return
		}
	}
}

// Good: the join waits for loops that end when quit is closed, which Stop
// does just before: it lasts no longer than they take to see it.
func (s *Svc) Stop(ctx context.Context) error {
	close(s.quit)
	s.wg.Wait() // ok: every goroutine it joins ends on the close of quit
	return ctx.Err()
}

// Lax runs loops whose quit channel nothing closes.
type Lax struct {
	wg   sync.WaitGroup
	quit chan struct{}
	in   chan int
}

func (l *Lax) Run(n int) {
	for range n {
		l.wg.Add(1)
		go l.loop()
	}
}

func (l *Lax) loop() {
	defer l.wg.Done()
	for {
		select {
		case v := <-l.in:
			compute(v)
		case <-l.quit:
			return
		}
	}
}

// Bad: the near miss: nothing closes quit, so the loops may never end and
// the join cannot see ctx, checked only after it.
func (l *Lax) Stop(ctx context.Context) error {
	l.wg.Wait() // want `call to \(\*sync.WaitGroup\).Wait ignores ctx: it joins goroutines started elsewhere and ctx is checked only after the join`
	return ctx.Err()
}

// Good: the near miss: each worker sleeps once, for a constant settle
// delay between two reads: it ends by itself.
func settleTwice(ctx context.Context, sources []func() int) []int {
	res := make([]int, len(sources))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := src()
			time.Sleep(500 * time.Millisecond)
			res[i] = src() - first
		}()
	}
	wg.Wait() // ok: the workers sleep once and end
	_ = ctx
	return res
}

// Bad: the workers poll in a loop that only a sleep paces: they may
// never finish.
func pollForever(ctx context.Context, sources []func() bool) {
	var wg sync.WaitGroup
	for _, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !src() {
				time.Sleep(time.Second)
			}
		}()
	}
	wg.Wait() // want `Wait ignores ctx: it waits for goroutines that may never finish`
}
