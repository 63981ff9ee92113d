package errgroupwait

import (
	"context"
	"errors"
	"log"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

func step(i int) error {
	if i < 0 {
		return errors.New("negative")
	}
	return nil
}

// Good: the Add and the Done are guarded by the same value, fixed when the
// goroutine starts: where track is false the goroutine is not a member.
func guardedTracking(items []int, track bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		if track {
			wg.Add(1)
		}
		go func() {
			_ = step(it)
			if track {
				wg.Done() // ok: the Add is guarded by track too
			}
		}()
	}
	wg.Wait() // ok: without track no goroutine calls Done
}

// Good: an optional WaitGroup; nothing waits on a nil one.
func guardedOptional(items []int, wg *sync.WaitGroup) {
	for _, it := range items {
		if wg != nil {
			wg.Add(1)
		}
		go func() {
			_ = step(it)
			if wg != nil {
				wg.Done() // ok: a nil WaitGroup is no one's to wait on
			}
		}()
	}
}

// Bad: the Done is guarded, but the Add is not: without track, Wait hangs.
func guardedDoneOnly(items []int, track bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			_ = step(it)
			if track {
				wg.Done()
			}
		}() // want `goroutine returns here without calling wg.Done`
	}
	wg.Wait()
}

// Bad: the Add is guarded, the Done is not: without track, Wait does not
// wait and Done panics.
func guardedAddOnly(items []int, track bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		if track {
			wg.Add(1)
		}
		go func() {
			defer wg.Done()
			_ = step(it)
		}()
	}
	wg.Wait() // want `wg.Wait with no wg.Add before the goroutine calling wg.Done`
}

// Bad: the guard is a value the goroutine computes, not one fixed at its
// start.
func guardedByResult(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if step(it) == nil {
				wg.Done()
			}
		}() // want `goroutine returns here without calling wg.Done`
	}
	wg.Wait()
}

type logKey struct{}

func logFrom(ctx context.Context) *log.Logger {
	if l, ok := ctx.Value(logKey{}).(*log.Logger); ok {
		return l
	}
	return log.Default()
}

func logOrStop(ctx context.Context) *log.Logger {
	if ctx.Err() != nil {
		return nil
	}
	return logFrom(ctx)
}

// Good: after Wait, the group's context is only read for values, detached,
// or asked why it ended: none of these sees its cancellation as a failure.
func valueAfterWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	err := g.Wait()
	logFrom(ctx).Printf("fetched: %v", err) // ok: reads only a value
	if err != nil {
		return context.Cause(ctx) // ok: the group's first error
	}
	return save(context.WithoutCancel(ctx), nil) // ok: detached
}

// Bad: the helper also checks whether the context ended.
func errAfterWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	err := g.Wait()
	logOrStop(ctx).Printf("fetched: %v", err) // want `ctx is used after g.Wait returned`
	return err
}

// Good: the goroutines can only report that the context ended, which the
// function did itself.
func cancelOnlyErrors(ctx context.Context, ticks <-chan int) func() {
	ctx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for {
			select {
			case <-gctx.Done():
				return gctx.Err()
			case <-ticks:
			}
		}
	})
	return func() {
		cancel()
		_ = g.Wait() // ok: only context.Canceled can come out
	}
}

// Bad: the goroutine can also fail on its own.
func cancelOrFail(ctx context.Context, ticks <-chan int) func() {
	ctx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for {
			select {
			case <-gctx.Done():
				return gctx.Err()
			case t := <-ticks:
				if err := step(t); err != nil {
					return err
				}
			}
		}
	})
	return func() {
		cancel()
		g.Wait() // want `error from g.Wait is dropped`
	}
}

// Good: context.Cause of the group's context after Wait is its first error.
func causeOfGroup(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	_ = g.Wait() // ok: read back with context.Cause below
	return context.Cause(gctx)
}

// Bad: the cause of the parent context says nothing of the group's errors.
func causeOfParent(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	g.Wait() // want `error from g.Wait is dropped`
	return context.Cause(ctx)
}

func trackedStep(wg *sync.WaitGroup, track bool, i int) {
	_ = step(i)
	if track {
		wg.Done() // ok: guarded by track, and so is the Add of guardedNamed
	}
}

// Good: the guard is a parameter of the named goroutine function.
func guardedNamed(items []int, track bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		if track {
			wg.Add(1)
		}
		go trackedStep(&wg, track, it)
	}
	wg.Wait()
}

func trackedStepBad(wg *sync.WaitGroup, track bool, i int) {
	_ = step(i)
	if track {
		wg.Done()
	}
} // want `goroutine returns here without calling wg.Done`

// Bad: the Add does not depend on track.
func guardedNamedAddAlways(items []int, track bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go trackedStepBad(&wg, track, it)
	}
	wg.Wait()
}

type optionalSvc struct {
	wg    *sync.WaitGroup
	other *sync.WaitGroup
}

func (s *optionalSvc) run(i int) {
	_ = step(i)
	if s.wg != nil {
		s.wg.Done() // ok: nothing waits on a nil WaitGroup
	}
}

func (s *optionalSvc) runOther(i int) {
	_ = step(i)
	if s.other != nil {
		s.wg.Done()
	}
} // want `goroutine returns here without calling s.wg.Done`

// Good: the WaitGroup is optional; its own nil check guards the Done.
func guardedField(items []int, wg *sync.WaitGroup) {
	s := &optionalSvc{wg: wg}
	for _, it := range items {
		if wg != nil {
			wg.Add(1)
		}
		go s.run(it)
	}
}

// Bad: the nil check is of another WaitGroup.
func guardedOtherField(items []int, wg *sync.WaitGroup) {
	s := &optionalSvc{wg: wg}
	for _, it := range items {
		wg.Add(1)
		go s.runOther(it)
	}
}

// certMonitor is a background loop with two WaitGroups: a start group,
// released once its set-up is done, and a stop group, released when it
// ends.
type certMonitor struct {
	startWg, stopWg sync.WaitGroup
	closeCh         chan struct{}
	tick            chan int
	attempt         int
}

// Good: each Done is guarded by a nil test of its own group, and the
// goroutine is started with both: neither group is skipped (a body's
// WaitGroups are judged one by one).
func (m *certMonitor) monitor(startWg, stopWg *sync.WaitGroup) {
	if startWg != nil {
		startWg.Done()
	}
	for {
		select {
		case <-m.tick:
		case <-m.closeCh:
			if stopWg != nil {
				stopWg.Done()
			}
			return // ok: startWg.Done ran before the loop
		}
	}
}

func (m *certMonitor) Open() {
	m.startWg.Add(1)
	m.stopWg.Add(1)
	go m.monitor(&m.startWg, &m.stopWg)
	m.startWg.Wait()
}

func (m *certMonitor) Close() {
	close(m.closeCh)
	m.stopWg.Wait()
}

// Bad: a failed set-up returns before either group is released:
// OpenChecked waits forever, and so would Close (each group is its own
// finding).
func (m *certMonitor) monitorChecked(startWg, stopWg *sync.WaitGroup) {
	if err := step(m.attempt); err != nil {
		return // want `goroutine returns here without calling startWg.Done, which it calls on other paths` `without calling stopWg.Done`
	}
	startWg.Done()
	<-m.closeCh
	stopWg.Done()
}

func (m *certMonitor) OpenChecked() {
	m.startWg.Add(1)
	m.stopWg.Add(1)
	go m.monitorChecked(&m.startWg, &m.stopWg)
	m.startWg.Wait()
}

// A flag that records the Add (go-nostr's dispatchEvent): the goroutine
// calls Done only when the flag says it was counted in.
type dispatcher struct {
	mu     sync.Mutex
	stored sync.WaitGroup
	eosed  bool
	out    chan int
	ctx    context.Context
	end    chan struct{}
}

// Good: added is true exactly where Add ran.
func (d *dispatcher) dispatch(v int) {
	added := false
	if !d.eosed {
		d.stored.Add(1)
		added = true
	}
	go func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		select {
		case d.out <- v:
		case <-d.ctx.Done():
		}
		if added {
			d.stored.Done()
		}
	}() // ok: where added is false, Add did not run
}

// Bad: the flag is also set where no Add ran, so it does not record the
// Add: a goroutine counted in (Add, v <= 10) skips its Done.
func (d *dispatcher) dispatchLoose(v int) {
	added := false
	if !d.eosed {
		d.stored.Add(1)
	}
	if v > 10 {
		added = true
	}
	go func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		select {
		case d.out <- v:
		case <-d.ctx.Done():
		}
		if added {
			d.stored.Done()
		}
	}() // want `goroutine returns here without calling d\.stored\.Done`
}

func (d *dispatcher) endOfStored() {
	d.eosed = true
	go func() {
		d.stored.Wait()
		d.end <- struct{}{}
	}()
}

func (d *dispatcher) handle(v int) {
	switch {
	case v > 0:
		d.dispatch(v)
	case v < 0:
		d.dispatchLoose(-v)
	default:
		d.endOfStored()
	}
}

// A Done behind a compare-and-swap on a flag the goroutines share
// (go-nostr's subMany): each resubscription starts a goroutine that waits
// for the end of the stored events, and only the first to get there
// counts the relay out.
type relaySubs struct {
	eoseWg sync.WaitGroup
	ends   chan chan struct{}
}

// Good: one Done per relay, whichever goroutine swaps the flag first.
func (r *relaySubs) subscribe(relays int) {
	r.eoseWg.Add(relays)
	for range relays {
		go func() {
			var eosed atomic.Bool
			for end := range r.ends {
				go func() {
					<-end
					if eosed.CompareAndSwap(false, true) {
						r.eoseWg.Done()
					}
				}() // ok: the flag, shared by the resubscriptions, was counted in
			}
		}()
	}
	go func() {
		r.eoseWg.Wait()
	}()
}

// Bad: a load and a store are no swap: the guard is no compare-and-swap,
// and a goroutine that finds the flag set returns without its Done.
func (r *relaySubs) subscribeLoaded(relays int) {
	r.eoseWg.Add(relays)
	for range relays {
		go func() {
			var eosed atomic.Bool
			for end := range r.ends {
				go func() {
					<-end
					if !eosed.Load() {
						eosed.Store(true)
						r.eoseWg.Done()
					}
				}() // want `goroutine returns here without calling r\.eoseWg\.Done`
			}
		}()
	}
	go func() {
		r.eoseWg.Wait()
	}()
}
