package ctxdone

import (
	"context"
	"errors"
	"sync"
	"time"
)

var errFailed = errors.New("failed")

// backoff sleeps a computed pause: a wait on every path through it.
func backoff(attempt int) { time.Sleep(time.Duration(attempt) * time.Minute) }

// backoffCtx sleeps the same pause, or until ctx is cancelled.
func backoffCtx(ctx context.Context, attempt int) {
	t := time.NewTimer(time.Duration(attempt) * time.Minute)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// Bad: the loop never looks at ctx, and the helper sleeps minutes.
func Retry(ctx context.Context, attempts int, try func() error) error {
	for i := 0; i < attempts; i++ {
		if try() == nil {
			return nil
		}
		backoff(i) // want `call to ctxdone.backoff, which blocks on call to time.Sleep, ignores ctx: nothing in this loop observes ctx`
	}
	return errFailed
}

// Good: the loop checks ctx.Err() every iteration.
func RetryChecked(ctx context.Context, attempts int, try func() error) error {
	for i := 0; i < attempts; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if try() == nil {
			return nil
		}
		backoff(i) // ok: the loop observes ctx after each pause
	}
	return errFailed
}

// Good: the helper's sleep is bounded by ctx.
func RetryCtx(ctx context.Context, attempts int, try func() error) error {
	for i := 0; i < attempts; i++ {
		if try() == nil {
			return nil
		}
		backoffCtx(ctx, i) // ok: handed ctx, it returns on cancellation
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return errFailed
}

// Limiter bounds concurrency with a buffered channel of slots.
type Limiter struct{ slots chan struct{} }

func NewLimiter(n int) *Limiter { return &Limiter{slots: make(chan struct{}, n)} }

func (l *Limiter) release() { <-l.slots }

// Bad: a bare send takes a slot and waits while all are held.
func (l *Limiter) Do(ctx context.Context, f func()) {
	l.slots <- struct{}{} // want `send on channel l.slots acquires a semaphore slot and ignores ctx`
	defer func() { <-l.slots }()
	f()
}

// Bad: the same, with the slot given back by a deferred method.
func (l *Limiter) Run(ctx context.Context, f func()) {
	l.slots <- struct{}{} // want `send on channel l.slots acquires a semaphore slot and ignores ctx`
	defer l.release()
	f()
}

// Good: the send is in a select with ctx.Done().
func (l *Limiter) DoCtx(ctx context.Context, f func()) error {
	select { // ok: ctx.Done() case
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-l.slots }()
	f()
	return nil
}

// Good: a buffered queue filled and drained is not a semaphore: the
// values are data, and it is closed.
func Batch(ctx context.Context, in []int) int {
	q := make(chan int, len(in))
	for _, v := range in {
		q <- v // ok: data into a queue with room for all of it
	}
	close(q)
	sum := 0
	for v := range q {
		sum += v
	}
	return sum
}

// Bad: the ticker's channel is never closed, so the range never ends.
func (f *Flusher) Tick(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C { // want `loop never exits and never checks ctx`
		f.flush()
	}
}

// Good: the range checks ctx.Err() on each tick.
func (f *Flusher) TickChecked(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C { // ok: returns once ctx is cancelled
		if ctx.Err() != nil {
			return
		}
		f.flush()
	}
}

// Bad: nothing closes results, so the range waits for ever once the
// workers are done.
func Gather(ctx context.Context, in []int) int {
	results := make(chan int)
	for _, v := range in {
		go func() { results <- v * v }()
	}
	sum := 0
	for v := range results { // want `loop never exits and never checks ctx`
		sum += v
	}
	return sum
}

// Good: a closer goroutine closes results when the workers are done.
func GatherClosed(ctx context.Context, in []int) int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, v := range in {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- v * v
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for v := range results { // ok: closed after the last send
		sum += v
	}
	return sum
}

// Pool runs workers started by Start; Drain joins them.
type Pool struct {
	wg   sync.WaitGroup
	jobs chan int
}

func (p *Pool) Start(ctx context.Context, n int) {
	for range n {
		p.wg.Add(1)
		go p.work(ctx)
	}
}

func (p *Pool) work(ctx context.Context) {
	defer p.wg.Done()
	for {
		select {
		case <-p.jobs:
		case <-ctx.Done():
			return
		}
	}
}

// Bad: the join cannot see ctx; ctx is only checked after it.
func (p *Pool) Drain(ctx context.Context) error {
	p.wg.Wait() // want `call to \(\*sync.WaitGroup\).Wait ignores ctx: it joins goroutines started elsewhere and ctx is checked only after the join`
	return ctx.Err()
}

// Good: the join runs in a goroutine raced against ctx.Done().
func (p *Pool) DrainCtx(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	select { // ok: ctx.Done() case
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Good: a join with no check of ctx after it says nothing about
// cancellation; who calls Done is not visible here.
func (p *Pool) Wait(ctx context.Context) { // want Wait:`ignoresContext\(call to \(\*sync.WaitGroup\).Wait\)`
	p.wg.Wait() // ok: no evidence the join was meant to be cancellable
}

func (p *Pool) idle() bool { return len(p.jobs) == 0 }

// Good: after a short join (its workers were stopped just before, as
// http.Server.Shutdown closes its listeners first), ctx is waited on in a
// polling select: the ctx.Err() there reports that wait, not the join.
func (p *Pool) Shutdown(ctx context.Context) error {
	p.wg.Wait() // ok: no ctx.Err() before the next wait on ctx.Done()
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if p.idle() {
				return nil
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Hub fans events out; nothing in the package closes events.
type Hub struct {
	events chan int
	closed chan int
	sink   func(int)
}

func NewHub(sink func(int)) *Hub {
	return &Hub{events: make(chan int), closed: make(chan int), sink: sink}
}

// Bad: a range over an unexported channel nothing closes never ends.
func (h *Hub) Pump(ctx context.Context) {
	for v := range h.events { // want `loop never exits and never checks ctx`
		h.sink(v)
	}
}

func (h *Hub) Publish(v int) { h.events <- v }

func (h *Hub) Notify(v int) { h.closed <- v }

func (h *Hub) Close() { close(h.closed) }

// Good: closed is closed by Close, so the range ends.
func (h *Hub) PumpClosed(ctx context.Context) {
	for v := range h.closed { // ok: Close closes it
		h.sink(v)
	}
}

// Good: the slots are held by workers that take ctx along: cancelling ctx
// ends their work and gives a slot back, so the acquire waits no longer
// than one worker (a cleanup loop fanning out ctx-aware calls).
func FanOut(ctx context.Context, items []string, work func(context.Context, string) error) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{} // ok: each slot holder observes ctx
		go func(it string) {
			defer wg.Done()
			defer func() { <-sem }()
			_ = work(ctx, it)
		}(it)
	}
	wg.Wait()
}

// Bad: the near miss: the workers do context-free work, so a cancelled
// ctx still waits for a slot as long as the slowest of them.
func FanOutBlind(ctx context.Context, items []string, work func(string) error) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{} // want `send on channel sem acquires a semaphore slot and ignores ctx`
		go func(it string) {
			defer wg.Done()
			defer func() { <-sem }()
			_ = work(it)
		}(it)
	}
	wg.Wait()
}

// Good: on the path where ctx.Done() is nil the context can never be
// cancelled, and a plain sleep loses nothing.
func WaitForRetry(ctx context.Context, d time.Duration, try func() bool) {
	for !try() {
		if ch := ctx.Done(); ch != nil {
			t := time.NewTimer(d)
			select {
			case <-ch:
			case <-t.C:
			}
			t.Stop()
		} else {
			time.Sleep(d) // ok: ctx can never be cancelled here
		}
	}
}

// Bad: the near miss: the sleep is on the path where ctx can be cancelled.
func WaitForRetryBlind(ctx context.Context, d time.Duration, try func() bool) {
	for !try() {
		if ch := ctx.Done(); ch != nil {
			time.Sleep(d) // want `time.Sleep ignores ctx`
		}
	}
}

// Good: each goroutine started per item acquires and releases its slot
// itself (virtual-kubelet's dangling-pod deletion): the slots are held by
// its sibling goroutines, which do ctx-aware work, so cancelling ctx
// frees one within one call.
func DeleteEach(ctx context.Context, items []string, del func(context.Context, string) error) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	wg.Add(len(items))
	for _, it := range items {
		go func(ctx context.Context, it string) {
			defer wg.Done()
			sem <- struct{}{} // ok: the holders are siblings doing del(ctx, ...)
			defer func() { <-sem }()
			_ = del(ctx, it)
		}(ctx, it)
	}
	wg.Wait()
}

// Bad: the near miss: the siblings' work ignores ctx, so a cancelled
// goroutine waits for a slot as long as the slowest of them.
func DeleteEachBlind(ctx context.Context, items []string, del func(string) error) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	wg.Add(len(items))
	for _, it := range items {
		go func(ctx context.Context, it string) {
			defer wg.Done()
			sem <- struct{}{} // want `send on channel sem acquires a semaphore slot and ignores ctx`
			defer func() { <-sem }()
			_ = del(it)
			_ = ctx
		}(ctx, it)
	}
	wg.Wait()
}
