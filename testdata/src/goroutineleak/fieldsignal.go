package goroutineleak

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// A signal channel kept in a field, closed by one method on some paths
// only: a wait that starts after the other paths blocks forever.

func waitSynced(stop <-chan struct{}, synced func() bool) bool {
	for !synced() {
		select {
		case <-stop:
			return false
		default:
		}
	}
	return true
}

// registrar is the Kubernetes CRD registration controller's shape.
type registrar struct {
	synced func() bool
	ready  chan struct{}
}

func newRegistrar(synced func() bool) *registrar {
	return &registrar{synced: synced, ready: make(chan struct{})}
}

// Bad: Run returns before the close when the caches never sync.
func (r *registrar) Run(stop <-chan struct{}) {
	if !waitSynced(stop, r.synced) {
		return
	}
	close(r.ready)
	<-stop
}

func (r *registrar) WaitForInitialSync() {
	<-r.ready // want `receive from r.ready can block forever: its only close, in \(\*registrar\).Run, is skipped when \(\*registrar\).Run returns early`
}

// listenServer signals readiness from the goroutine Start starts.
type listenServer struct {
	listen func() error
	ready  chan struct{}
}

func newListenServer(listen func() error) *listenServer {
	return &listenServer{listen: listen, ready: make(chan struct{})}
}

// Bad: the goroutine returns on a failed listen without closing s.ready.
func (s *listenServer) Start() {
	go func() {
		if err := s.listen(); err != nil {
			return
		}
		close(s.ready)
	}()
}

func (s *listenServer) WaitReady() {
	<-s.ready // want `receive from s.ready can block forever: its only close, in a goroutine of \(\*listenServer\).Start, is skipped`
}

// sigLoader closes its channel in a helper that only Load calls.
type sigLoader struct {
	fetch  func() error
	loaded chan struct{}
}

func newSigLoader(fetch func() error) *sigLoader {
	return &sigLoader{fetch: fetch, loaded: make(chan struct{})}
}

func (l *sigLoader) markLoaded() { close(l.loaded) }

// Silent by design: Load returns on a failed fetch before the helper
// that closes, but it hands its caller the error, which tells it the
// signal will not come (a failed Join or Listen: the caller gives up on
// the object). A Wait started anyway does block (the runtime proof).
func (l *sigLoader) Load() error {
	if err := l.fetch(); err != nil {
		return err
	}
	l.markLoaded()
	return nil
}

func (l *sigLoader) Wait() {
	<-l.loaded
}

// quietLoader closes its channel in a helper that only Load calls.
type quietLoader struct {
	fetch  func() error
	logf   func(string, ...any)
	loaded chan struct{}
}

func newQuietLoader(fetch func() error) *quietLoader {
	return &quietLoader{fetch: fetch, logf: func(string, ...any) {}, loaded: make(chan struct{})}
}

func (l *quietLoader) markLoaded() { close(l.loaded) }

// Bad: Load logs a failed fetch and reports success, before the helper
// that closes.
func (l *quietLoader) Load() error {
	if err := l.fetch(); err != nil {
		l.logf("fetch: %v", err)
		return nil
	}
	l.markLoaded()
	return nil
}

func (l *quietLoader) Wait() {
	<-l.loaded // want `receive from l.loaded can block forever: its only close, in \(\*quietLoader\).Load, is skipped`
}

// resultConn records a failed dial for its waiters, but only closes
// ready on success.
type resultConn struct {
	dial  func() error
	err   error
	ready chan struct{}
}

func newResultConn(dial func() error) *resultConn {
	return &resultConn{dial: dial, ready: make(chan struct{})}
}

// Bad: the error goes to the caller and into c.err, which Wait returns
// once ready is closed: the failure was meant for the waiter too, which
// never gets past the receive.
func (c *resultConn) Start() error {
	if err := c.dial(); err != nil {
		c.err = err
		return err
	}
	close(c.ready)
	return nil
}

func (c *resultConn) Wait() error {
	<-c.ready // want `receive from c.ready can block forever: its only close, in \(\*resultConn\).Start, is skipped`
	return c.err
}

// resultConnClosed records a failed dial and closes ready on every path.
type resultConnClosed struct {
	dial  func() error
	err   error
	ready chan struct{}
}

func newResultConnClosed(dial func() error) *resultConnClosed {
	return &resultConnClosed{dial: dial, ready: make(chan struct{})}
}

// Good: the near miss: the failing path records the error and closes.
func (c *resultConnClosed) Start() error {
	if err := c.dial(); err != nil {
		c.err = err
		close(c.ready)
		return err
	}
	close(c.ready)
	return nil
}

func (c *resultConnClosed) Wait() error {
	<-c.ready // ok: closed on every path
	return c.err
}

// Good: the close is deferred before anything can fail.
type deferredRunner struct {
	work func() error
	done chan struct{}
}

func newDeferredRunner(work func() error) *deferredRunner {
	return &deferredRunner{work: work, done: make(chan struct{})}
}

func (d *deferredRunner) Run() {
	defer close(d.done)
	if err := d.work(); err != nil {
		return
	}
}

func (d *deferredRunner) Wait() { <-d.done }

// Good: the early return is taken only once an earlier call closed it.
type flagCloser struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
}

func newFlagCloser() *flagCloser { return &flagCloser{done: make(chan struct{})} }

func (f *flagCloser) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return
	}
	f.closed = true
	close(f.done)
}

func (f *flagCloser) Done() { <-f.done }

// Good: the same, with a compare-and-swap.
type casCloser struct {
	stopped atomic.Bool
	done    chan struct{}
}

func newCASCloser() *casCloser { return &casCloser{done: make(chan struct{})} }

func (f *casCloser) Stop() {
	if !f.stopped.CompareAndSwap(false, true) {
		return
	}
	close(f.done)
}

func (f *casCloser) Wait() { <-f.done }

// Good: the return is taken only when the channel is closed already.
type selectCloser struct {
	stop chan struct{}
}

func newSelectCloser() *selectCloser { return &selectCloser{stop: make(chan struct{})} }

func (s *selectCloser) Stop() {
	select {
	case <-s.stop:
		return
	default:
		close(s.stop)
	}
}

func (s *selectCloser) Wait() { <-s.stop }

// Good: the wait has another way out.
type ctxRegistrar struct {
	synced func() bool
	ready  chan struct{}
}

func newCtxRegistrar(synced func() bool) *ctxRegistrar {
	return &ctxRegistrar{synced: synced, ready: make(chan struct{})}
}

func (r *ctxRegistrar) Run(stop <-chan struct{}) {
	if !waitSynced(stop, r.synced) {
		return
	}
	close(r.ready)
	<-stop
}

func (r *ctxRegistrar) WaitForInitialSync(ctx context.Context) error {
	select {
	case <-r.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Good: the failing path closes too.
type closingLoader struct {
	fetch  func() error
	err    error
	loaded chan struct{}
}

func newClosingLoader(fetch func() error) *closingLoader {
	return &closingLoader{fetch: fetch, loaded: make(chan struct{})}
}

func (l *closingLoader) Load() {
	if err := l.fetch(); err != nil {
		l.err = err
		close(l.loaded)
		return
	}
	close(l.loaded)
}

func (l *closingLoader) Wait() error {
	<-l.loaded
	return l.err
}

// Good: Stop closes it too when Run gave up.
type stoppableRegistrar struct {
	synced   func() bool
	ready    chan struct{}
	stopOnce sync.Once
}

func newStoppableRegistrar(synced func() bool) *stoppableRegistrar {
	return &stoppableRegistrar{synced: synced, ready: make(chan struct{})}
}

func (r *stoppableRegistrar) Run(stop <-chan struct{}) error {
	if !waitSynced(stop, r.synced) {
		return errors.New("not synced")
	}
	r.stopOnce.Do(func() { close(r.ready) })
	return nil
}

func (r *stoppableRegistrar) Stop() { r.stopOnce.Do(func() { close(r.ready) }) }

func (r *stoppableRegistrar) Wait() { <-r.ready }

// Good: the early return is taken once another call won the swap.
type atomicCloser struct {
	state int32
	done  chan struct{}
}

func newAtomicCloser() *atomicCloser { return &atomicCloser{done: make(chan struct{})} }

func (a *atomicCloser) Close() {
	if !atomic.CompareAndSwapInt32(&a.state, 0, 1) {
		return
	}
	close(a.done)
}

func (a *atomicCloser) Wait() { <-a.done }

// Good: a getter of the object's state decides the early return.
type getterCloser struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
}

func newGetterCloser() *getterCloser { return &getterCloser{done: make(chan struct{})} }

func (g *getterCloser) isClosed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.closed
}

func (g *getterCloser) Close() {
	if g.isClosed() {
		return
	}
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
	close(g.done)
}

func (g *getterCloser) Wait() { <-g.done }

// Bad: a method of the object that does I/O is no state: its failure
// skips the close.
type dialer struct {
	connect   func() error
	connected chan struct{}
}

func newDialer(connect func() error) *dialer {
	return &dialer{connect: connect, connected: make(chan struct{})}
}

func (d *dialer) dial() error { return d.connect() }

func (d *dialer) Run() {
	if err := d.dial(); err != nil {
		return
	}
	close(d.connected)
}

func (d *dialer) WaitConnected() {
	<-d.connected // want `receive from d.connected can block forever: its only close, in \(\*dialer\).Run, is skipped`
}

// Good: a status machine closes its signals on the transitions its
// callers pick (pubsublite's compositeService): a return for another
// transition, or for one that the status refuses, skips nothing.
type sigStatus int

const (
	sigUninitialized sigStatus = iota
	sigStarting
	sigActive
	sigTerminated
)

type statusService struct {
	mu        sync.Mutex
	status    sigStatus
	listeners []func(sigStatus)
	started   chan struct{}
	stopped   chan struct{}
}

func newStatusService() *statusService {
	return &statusService{started: make(chan struct{}), stopped: make(chan struct{})}
}

func (s *statusService) move(target sigStatus) bool {
	if s.status >= target {
		return false
	}
	s.status = target
	for _, l := range s.listeners {
		go l(target)
	}
	return true
}

func (s *statusService) update(target sigStatus) (ok bool) {
	previous := s.status
	if ok = s.move(target); ok {
		if previous < sigActive && target >= sigActive {
			close(s.started)
		}
		if target == sigTerminated {
			close(s.stopped)
		}
	}
	return
}

func (s *statusService) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.update(sigActive)
}

func (s *statusService) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.update(sigTerminated)
}

func (s *statusService) WaitStarted() { <-s.started }

func (s *statusService) WaitStopped() { <-s.stopped }

// Good: the receiver is captured by the goroutines it starts (a cell, in
// SSA), and the swap still decides the return.
type cellPublisher struct {
	status      atomic.Int32
	waitStarted chan struct{}
	wg          sync.WaitGroup
}

func newCellPublisher() *cellPublisher { return &cellPublisher{waitStarted: make(chan struct{})} }

func (p *cellPublisher) Start() {
	if !p.status.CompareAndSwap(0, 1) {
		return
	}
	close(p.waitStarted)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.status.Store(2)
	}()
}

func (p *cellPublisher) WaitStarted() {
	<-p.waitStarted
	p.wg.Wait()
}
