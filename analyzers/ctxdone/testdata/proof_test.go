package ctxdone

// This file is copied next to the fixtures of testdata/src/ctxdone by
// TestFixturesAtRunTime and run under testing/synctest: each bad fixture
// must leave a goroutine durably blocked after its context is cancelled,
// and its good twin must finish clean.

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"ctxdone/dep"
)

type pair struct {
	name      string
	bad, good func(ctx context.Context)
}

func pairs() []pair {
	stream := func() *Stream { return &Stream{events: make(chan int), acks: make(chan int)} }
	pump := func() *Pump {
		return &Pump{in: make(chan int), out: make(chan int), init: func(context.Context) {}}
	}
	queue := func() *Queue[string] { return &Queue[string]{items: make(chan string), spill: make(chan string)} }
	return []pair{
		{"result", func(ctx context.Context) { BadResult(ctx, make(chan int)) }, func(ctx context.Context) { GoodResult(ctx, make(chan int)) }},
		{"select", func(ctx context.Context) { stream().Next(ctx) }, func(ctx context.Context) { stream().NextCtx(ctx) }},
		{"park", Park, ParkCtx},
		{"waitgroup", func(ctx context.Context) { BadWaitGroup(ctx, make(chan int)) }, func(ctx context.Context) { GoodWaitGroup(ctx, make(chan int)) }},
		{"worker", func(ctx context.Context) { StartWorker(ctx, make(chan int)) }, func(ctx context.Context) { StartWorkerCtx(ctx, make(chan int)) }},
		{"dispatch", func(ctx context.Context) { StartDispatch(ctx, make(chan int)) }, func(ctx context.Context) { StartObserver(ctx, make(chan int)) }},
		{"dep", func(ctx context.Context) { StartDrain(ctx, make(chan int)) }, func(ctx context.Context) { StartDrainCtx(ctx, make(chan int)) }},
		{"tagged", func(ctx context.Context) { StartTagged(ctx, make(chan int), func(any, int) {}) }, func(ctx context.Context) { StartPassing(ctx, make(chan int)) }},
		{"field", func(ctx context.Context) { p := pump(); p.ctx = ctx; p.run() }, func(ctx context.Context) { p := pump(); p.ctx = ctx; p.runCtx() }},
		{"generic", func(ctx context.Context) { queue().Pop(ctx) }, func(ctx context.Context) { queue().PopCtx(ctx) }},
		{"send", BadSend, func(ctx context.Context) { DoneInDefer(ctx) }},
		{"made-hook", func(ctx context.Context) { newMadePool().Ping(ctx) }, func(ctx context.Context) { (&hookedPool{}).Ping(ctx) }},
		{"quit", func(ctx context.Context) { s := stream(); s.quit = make(chan struct{}); s.NextOrQuit(ctx) }, func(ctx context.Context) { stream().NextCtx(ctx) }},
		{"acquire", func(ctx context.Context) { full().Do(ctx, func() {}) }, func(ctx context.Context) { _ = full().DoCtx(ctx, func() {}) }},
		{"acquire-defer", func(ctx context.Context) { full().Run(ctx, func() {}) }, func(ctx context.Context) { _ = full().DoCtx(ctx, func() {}) }},
		{"range", func(ctx context.Context) { Gather(ctx, []int{1, 2}) }, func(ctx context.Context) { GatherClosed(ctx, []int{1, 2}) }},
	}
}

// full returns a Limiter whose only slot is held.
func full() *Limiter {
	l := NewLimiter(1)
	l.slots <- struct{}{}
	return l
}

// lingerPairs are judged by whether the function returns within an hour
// of fake time after its context is cancelled: their bad fixtures wait
// on timers or on goroutines the pair does not own, so a blocked
// goroutine at the end is not the point.
func lingerPairs() []pair {
	fail := func() error { return errFailed }
	// A ticker loop neither returns nor blocks durably: its ticker keeps
	// firing. Its first flush after the cancellation proves it still
	// working and ends its goroutine with runtime.Goexit (deferred
	// ticker.Stop runs), so that the bubble can finish; it has not
	// returned.
	flusher := func(ctx context.Context) *Flusher {
		return &Flusher{flushed: func() {
			if ctx.Err() != nil {
				runtime.Goexit()
			}
		}}
	}
	return []pair{
		{"ticker-range", func(ctx context.Context) { flusher(ctx).Tick(ctx) }, func(ctx context.Context) { flusher(ctx).TickChecked(ctx) }},
		{"ticker-receive", func(ctx context.Context) { flusher(ctx).Run(ctx) }, func(ctx context.Context) { flusher(ctx).RunCtx(ctx) }},
		{"retry", func(ctx context.Context) { _ = Retry(ctx, 100, fail) }, func(ctx context.Context) { _ = RetryCtx(ctx, 100, fail) }},
		{"join", func(ctx context.Context) {
			p := &Pool{jobs: make(chan int)}
			p.Start(context.Background(), 2) // workers this ctx cannot stop
			_ = p.Drain(ctx)
		}, func(ctx context.Context) {
			p := &Pool{jobs: make(chan int)}
			p.Start(context.Background(), 2)
			_ = p.DrainCtx(ctx)
		}},
	}
}

// returnsAfterCancel runs f in a bubble, cancels its context once f is
// waiting, and reports whether f returned within an hour of fake time.
// Goroutines left blocked at the end (workers nobody stops) make
// synctest.Test panic; that is recovered.
func returnsAfterCancel(t *testing.T, f func(ctx context.Context)) (returned bool) {
	defer func() { _ = recover() }()
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var done atomic.Bool
		go func() {
			f(ctx)
			done.Store(true)
		}()
		synctest.Wait()
		cancel()
		time.Sleep(time.Hour)
		synctest.Wait()
		returned = done.Load()
	})
	return returned
}

func TestLingerPairs(t *testing.T) {
	for _, p := range lingerPairs() {
		t.Run(p.name, func(t *testing.T) {
			if returnsAfterCancel(t, p.bad) {
				t.Errorf("bad fixture of %s returned within an hour of cancellation; want it still waiting", p.name)
			}
			if !returnsAfterCancel(t, p.good) {
				t.Errorf("good fixture of %s did not return after cancellation", p.name)
			}
		})
	}
}

// leaks runs f in a bubble, cancels its context, lets fake time run out
// and reports whether a goroutine was left durably blocked.
func leaks(t *testing.T, f func(ctx context.Context)) (leaked bool) {
	defer func() {
		if r := recover(); r != nil {
			leaked = true
		}
	}()
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(ctx)
		}()
		synctest.Wait()
		cancel()
		time.Sleep(time.Hour)
		synctest.Wait()
	})
	return false
}

func TestPairs(t *testing.T) {
	for _, p := range pairs() {
		t.Run(p.name, func(t *testing.T) {
			if !leaks(t, p.bad) {
				t.Errorf("bad fixture of %s finished after cancellation; want a durably blocked goroutine", p.name)
			}
			if leaks(t, p.good) {
				t.Errorf("good fixture of %s left a blocked goroutine after cancellation", p.name)
			}
		})
	}
}

var _ = dep.Drain
