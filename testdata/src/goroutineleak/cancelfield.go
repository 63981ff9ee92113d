package goroutineleak

import (
	"context"
	"sync"
	"time"
)

// A context whose cancel function is kept in a field that nothing ever
// calls: its Done channel never closes.

type heartbeater struct {
	cancel  context.CancelFunc
	stopped chan struct{}
}

// Bad: Stop closes stopped but never calls h.cancel, and nothing else
// does: the loop's only way out never comes.
func startHeartbeat(ping func(), every time.Duration) *heartbeater {
	ctx, cancel := context.WithCancel(context.Background())
	h := &heartbeater{cancel: cancel, stopped: make(chan struct{})}
	go h.loop(ctx, ping, every)
	return h
}

func (h *heartbeater) loop(ctx context.Context, ping func(), every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select { // want `goroutine started by goroutineleak.startHeartbeat never ends: its only way out is <-ctx.Done\(\): ctx is cancelled only by a cancel function that nothing in the package calls`
		case <-ctx.Done():
			return
		case <-t.C:
			ping()
		}
	}
}

func (h *heartbeater) Stop() { close(h.stopped) }

type heartbeaterCancelled struct {
	cancel context.CancelFunc
}

// Good: the near miss: Stop calls the stored cancel.
func startHeartbeatCancelled(ping func(), every time.Duration) *heartbeaterCancelled {
	ctx, cancel := context.WithCancel(context.Background())
	h := &heartbeaterCancelled{cancel: cancel}
	go h.loop(ctx, ping, every)
	return h
}

func (h *heartbeaterCancelled) loop(ctx context.Context, ping func(), every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done(): // ok: Stop cancels it
			return
		case <-t.C:
			ping()
		}
	}
}

func (h *heartbeaterCancelled) Stop() { h.cancel() }

type watcherDone struct {
	cancel context.CancelFunc
}

// Bad: a plain wait on a context whose stored cancel nothing calls.
func startWatcherDone(cleanup func()) *watcherDone {
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcherDone{cancel: cancel}
	go func() {
		<-ctx.Done() // want `goroutine started by goroutineleak.startWatcherDone blocks forever in <-ctx.Done\(\): ctx is cancelled only by a cancel function that nothing in the package calls`
		cleanup()
	}()
	return w
}

// Good: the near miss: the parent is the caller's context, which the
// caller may cancel.
func startWatcherParent(parent context.Context, cleanup func()) *watcherDone {
	ctx, cancel := context.WithCancel(parent)
	w := &watcherDone{cancel: cancel}
	go func() {
		<-ctx.Done() // ok: parent may be cancelled
		cleanup()
	}()
	return w
}

type ticking struct {
	cancel context.CancelFunc
}

// Good: the near miss: the same loop, for an object with no Stop or
// Close: nothing shows its owner let go, so the loop serves it for the
// life of the process (never-ends' service rule).
func startTicking(ping func(), every time.Duration) *ticking {
	ctx, cancel := context.WithCancel(context.Background())
	p := &ticking{cancel: cancel}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done(): // ok: a service's loop, as never-ends judges one
				return
			case <-t.C:
				ping()
			}
		}
	}()
	return p
}

type session struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Bad: the goroutine reads the context back from the field; nothing
// calls the stored cancel.
func openSession(cleanup func()) *session {
	ctx, cancel := context.WithCancel(context.Background())
	s := &session{ctx: ctx, cancel: cancel}
	go func() {
		<-s.ctx.Done() // want `goroutine started by goroutineleak.openSession blocks forever in <-s.ctx.Done\(\): s.ctx is cancelled only by a cancel function that nothing in the package calls`
		cleanup()
	}()
	return s
}

type closingSession struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Good: the near miss: Close calls the stored cancel.
func openClosingSession(cleanup func()) *closingSession {
	ctx, cancel := context.WithCancel(context.Background())
	s := &closingSession{ctx: ctx, cancel: cancel}
	go func() {
		<-s.ctx.Done() // ok: Close cancels it
		cleanup()
	}()
	return s
}

func (s *closingSession) Close() { s.cancel() }

// A lessor that keeps each lease's cancel in a map.
type lessor struct {
	mu      sync.Mutex
	leases  map[int64]context.CancelFunc
	revoked chan int64
}

func newLessor() *lessor {
	return &lessor{leases: map[int64]context.CancelFunc{}, revoked: make(chan int64, 64)}
}

// Bad: revoke deletes the cancel without calling it: the watcher waits
// on a context nothing cancels.
func (l *lessor) grant(id int64) {
	ctx, cancel := context.WithCancel(context.Background())
	l.mu.Lock()
	l.leases[id] = cancel
	l.mu.Unlock()
	go l.watch(ctx, id)
}

func (l *lessor) watch(ctx context.Context, id int64) {
	<-ctx.Done() // want `goroutine started by \(\*lessor\).grant blocks forever in <-ctx.Done\(\): ctx is cancelled only by a cancel function that nothing in the package calls`
	l.revoked <- id
}

func (l *lessor) revoke(id int64) {
	l.mu.Lock()
	delete(l.leases, id)
	l.mu.Unlock()
}

type cancellingLessor struct {
	mu      sync.Mutex
	leases  map[int64]context.CancelFunc
	revoked chan int64
}

func newCancellingLessor() *cancellingLessor {
	return &cancellingLessor{leases: map[int64]context.CancelFunc{}, revoked: make(chan int64, 64)}
}

// Good: the near miss: revoke calls the cancel it looks up.
func (l *cancellingLessor) grant(id int64) {
	ctx, cancel := context.WithCancel(context.Background())
	l.mu.Lock()
	l.leases[id] = cancel
	l.mu.Unlock()
	go l.watch(ctx, id) // ok: revoke cancels it
}

func (l *cancellingLessor) watch(ctx context.Context, id int64) {
	<-ctx.Done()
	l.revoked <- id
}

func (l *cancellingLessor) revoke(id int64) {
	l.mu.Lock()
	if cancel, ok := l.leases[id]; ok {
		cancel()
		delete(l.leases, id)
	}
	l.mu.Unlock()
}

// UseLessors keeps the lessors in use.
func UseLessors() {
	a := newLessor()
	a.grant(1)
	a.revoke(1)
	b := newCancellingLessor()
	b.grant(1)
	b.revoke(1)
}
