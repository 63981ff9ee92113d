package goroutineleak

import (
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"time"
)

// Goroutines that can never end, started by code that runs per object or
// per request: every call leaves one more goroutine running. They are
// reported where the package shows the owner let go while the process runs
// (wake.Discarded): a Close or Stop that does not reach the goroutine, a
// start in a loop, per request or from two places, or a goroutine that
// serves only the call that started it. Without such evidence a loop that
// never ends is a service kept for the life of the process by the
// package's design, and stays silent (it does leak when its owner is let
// go: the runtime harness still proves it).

// refresher's goroutine ranges over a ticker's channel, which is never
// closed; refresher has no Close: silent by design (refresherHalfClosed
// below is the bad twin).
type refresher struct {
	mu sync.Mutex
	n  int
}

func newRefresher() *refresher {
	r := &refresher{}
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
			r.mu.Lock()
			r.n++
			r.mu.Unlock()
		}
	}()
	return r
}

// Bad: refresherHalfClosed has a Close, which stops the ticker but does
// not end the goroutine: every refresher closed leaves its goroutine.
type refresherHalfClosed struct {
	mu sync.Mutex
	n  int
	t  *time.Ticker
}

func newRefresherHalfClosed() *refresherHalfClosed {
	r := &refresherHalfClosed{t: time.NewTicker(time.Second)}
	go func() {
		for range r.t.C { // want `goroutine started by goroutineleak.newRefresherHalfClosed never ends: it waits in range over r.t.C forever`
			r.mu.Lock()
			r.n++
			r.mu.Unlock()
		}
	}()
	return r
}

func (r *refresherHalfClosed) Close() { r.t.Stop() }

// refresherStopped is the near miss: a stop case leaves the loop.
type refresherStopped struct{ stop chan struct{} }

func newRefresherStopped() *refresherStopped {
	r := &refresherStopped{stop: make(chan struct{})}
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C: // ok: Close reaches the stop case
			case <-r.stop:
				return
			}
		}
	}()
	return r
}

func (r *refresherStopped) Close() { close(r.stop) }

// Bad: jitterTicker's Stop closes quit, but the quit case only drains the
// timer and goes round again: the loop has no exit, and once the timer's
// value is taken the drain waits forever (btcwallet's JitterTicker).
type jitterTicker struct {
	c    chan time.Time
	quit chan struct{}
}

func newJitterTicker(d time.Duration) *jitterTicker {
	t := &jitterTicker{c: make(chan time.Time, 1), quit: make(chan struct{})}
	go t.start(d)
	return t
}

func (t *jitterTicker) Stop() { close(t.quit) }

func (t *jitterTicker) start(d time.Duration) {
	timer := time.NewTimer(d)
	for {
		select { // want `goroutine started by goroutineleak.newJitterTicker never ends: it waits in select forever, as the loop has no exit: no case of the select leaves it, not even one whose channel is closed`
		case v := <-timer.C:
			timer.Reset(d)
			select {
			case t.c <- v:
			default:
			}
		case <-t.quit:
			if !timer.Stop() {
				<-timer.C // want `receive from timer.C blocks forever: on a path from the receive that already took timer's value, with no timer.Reset in between`
			}
		}
	}
}

// jitterTickerReturning is the near miss: the quit case returns.
type jitterTickerReturning struct {
	c    chan time.Time
	quit chan struct{}
}

func newJitterTickerReturning(d time.Duration) *jitterTickerReturning {
	t := &jitterTickerReturning{c: make(chan time.Time, 1), quit: make(chan struct{})}
	go t.start(d)
	return t
}

func (t *jitterTickerReturning) Stop() { close(t.quit) }

func (t *jitterTickerReturning) start(d time.Duration) {
	timer := time.NewTimer(d)
	for {
		select {
		case v := <-timer.C: // ok: Stop reaches the quit case, which returns
			timer.Reset(d)
			select {
			case t.c <- v:
			default:
			}
		case <-t.quit:
			timer.Stop()
			return
		}
	}
}

// logSink's goroutine ranges over lines, which Log sends on and nothing
// closes; logSink has no Close: silent by design.
type logSink struct{ lines chan string }

func newLogSink(write func(string)) *logSink {
	s := &logSink{lines: make(chan string, 16)}
	go s.loop(write)
	return s
}

func (s *logSink) loop(write func(string)) {
	for l := range s.lines { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
		write(l)
	}
}

func (s *logSink) Log(l string) { s.lines <- l }

// logSinkClosed is the near miss: Close closes lines.
type logSinkClosed struct{ lines chan string }

func newLogSinkClosed(write func(string)) *logSinkClosed {
	s := &logSinkClosed{lines: make(chan string, 16)}
	go func() {
		for l := range s.lines { // ok: Close closes it
			write(l)
		}
	}()
	return s
}

func (s *logSinkClosed) Log(l string) { s.lines <- l }

func (s *logSinkClosed) Close() { close(s.lines) }

// pump's quit case can never be chosen: nothing closes or sends on quit;
// pump has no Stop: silent by design.
type pump struct {
	in   chan int
	quit chan struct{}
}

func newPump(f func(int)) *pump {
	p := &pump{in: make(chan int), quit: make(chan struct{})}
	go func() {
		for {
			select { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
			case v := <-p.in:
				f(v)
			case <-p.quit:
				return
			}
		}
	}()
	return p
}

func (p *pump) Put(v int) { p.in <- v }

// pumpStopped is the near miss: Stop closes quit.
type pumpStopped struct {
	in   chan int
	quit chan struct{}
}

func newPumpStopped(f func(int)) *pumpStopped {
	p := &pumpStopped{in: make(chan int), quit: make(chan struct{})}
	go func() {
		for {
			select { // ok: Stop reaches the quit case
			case v := <-p.in:
				f(v)
			case <-p.quit:
				return
			}
		}
	}()
	return p
}

func (p *pumpStopped) Put(v int) { p.in <- v }

func (p *pumpStopped) Stop() { close(p.quit) }

// events is served by one goroutine for the whole package, started once.
var (
	events     = make(chan string)
	eventsOnce sync.Once
)

func watchEvents(f func(string)) {
	eventsOnce.Do(func() {
		go func() {
			for e := range events { // ok: a package-level channel: one goroutine per process
				f(e)
			}
		}()
	})
}

func emit(e string) { events <- e }

// tickerStopped stops the ticker, which does not close its channel.
func tickerStopped(work func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // want `goroutine started by goroutineleak.tickerStopped never ends`
			work()
		}
	}()
	work()
	t.Stop()
}

// Good: a goroutine that handles the process's signals serves the process
// for its whole life, however it is started.
func IgnoreInterrupts(log func(int)) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	go func() {
		count := 0
		for {
			<-ch // ok: signal.Notify feeds it for the life of the process
			count++
			log(count)
		}
	}()
}

// Silent by design (wake.Discarded): the same loop on a channel only this
// object feeds, whose caller keeps the channel: nothing shows it let go.
func WatchInterrupts(log func(int)) chan<- os.Signal {
	ch := make(chan os.Signal, 1)
	go func() {
		count := 0
		for {
			<-ch // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
			count++
			log(count)
		}
	}()
	return ch
}

// A goroutine started through a function-valued field: the resolver finds
// the one function the field holds.
type fieldTicker struct {
	loop func()
	tick *time.Ticker
	done chan struct{}
}

func (f *fieldTicker) spin() {
	for range f.tick.C { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
	}
}

// Silent by design (wake.Discarded): started per object, through the
// field, and nothing ends it, but the type has no Close to be let go by.
func newFieldTicker() *fieldTicker {
	f := &fieldTicker{tick: time.NewTicker(time.Second)}
	f.loop = f.spin
	go f.loop()
	return f
}

type fieldTickerStoppable struct {
	loop func()
	tick *time.Ticker
	done chan struct{}
}

func (f *fieldTickerStoppable) spin() {
	for {
		select {
		case <-f.tick.C:
		case <-f.done: // ok: Close closes it
			return
		}
	}
}

// Good: the near miss: the goroutine it starts through the field returns
// when Close closes done.
func newFieldTickerStoppable() *fieldTickerStoppable {
	f := &fieldTickerStoppable{tick: time.NewTicker(time.Second), done: make(chan struct{})}
	f.loop = f.spin
	go f.loop()
	return f
}

func (f *fieldTickerStoppable) Close() { close(f.done) }

// A clock refreshed by one goroutine for the whole process: the function
// that starts it is run by a package-level Once, whoever calls Enable.
var (
	coarseNow  int64
	clockOnce  sync.Once
	clockState struct{ once sync.Once }
)

// Good: the near miss: however often EnableClock is called, the Once runs
// the closure, and starts the goroutine, once per process.
func EnableClock() {
	clockOnce.Do(func() {
		go func() {
			t := time.NewTicker(time.Second)
			for now := range t.C { // ok: started once per process
				coarseNow = now.Unix()
			}
		}()
	})
}

// Good: the near miss: a Once in a field of a package-level variable is
// still one per process; the function is named, not a literal.
func EnableClockNamed() { clockState.once.Do(startClock) }

func startClock() {
	go func() {
		t := time.NewTicker(time.Second)
		for now := range t.C { // ok: started once per process
			coarseNow = now.Unix()
		}
	}()
}

// objClock's Once belongs to the object: every object made starts one more
// goroutine that never ends; objClock has no Close: silent by design.
type objClock struct {
	once sync.Once
	now  int64
}

func (c *objClock) Start() {
	c.once.Do(func() {
		go func() {
			t := time.NewTicker(time.Second)
			for now := range t.C { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
				c.now = now.Unix()
			}
		}()
	})
}

// clockAlsoCalled is run by the package-level Once and also called
// directly, each call starting one more goroutine.
func clockAlsoCalled() {
	go func() {
		t := time.NewTicker(time.Second)
		for range t.C { // want `goroutine started by goroutineleak.clockAlsoCalled never ends`
		}
	}()
}

func EnableClockTwice() {
	clockOnce.Do(clockAlsoCalled)
	clockAlsoCalled()
}

// resetClockOnce is assigned anew by ResetClock: its Do runs the function
// again, each run starting one more goroutine; silent by design, as the
// package shows no second run.
var resetClockOnce sync.Once

func EnableResettableClock() {
	resetClockOnce.Do(func() {
		go func() {
			t := time.NewTicker(time.Second)
			for now := range t.C { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
				coarseNow = now.Unix()
			}
		}()
	})
}

func ResetClock() { resetClockOnce = sync.Once{} }

// sampledAt is written by the goroutines below, several at a time.
var sampledAt atomic.Int64

// Good: the near miss: StartStatsUpdater is a set-up step. It takes
// nothing, its goroutine takes nothing from the call, and the package
// calls it only from set-up code (StartStatsServer, which takes nothing
// either), once: it serves the package for the life of the process.
func StartStatsUpdater() {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for now := range t.C { // ok: a set-up function's goroutine
			sampledAt.Store(now.Unix())
		}
	}()
}

func StartStatsServer() {
	StartStatsUpdater()
}

// startSampler takes nothing, and the package calls it from a handler's
// method: silent by design (wake.Discarded), as the method takes no
// request type (*http.Request, net.Conn) that shows it runs per request.
func startSampler() {
	go func() {
		t := time.NewTicker(time.Second)
		for now := range t.C { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
			sampledAt.Store(now.Unix())
		}
	}()
}

type sampledHandler struct{}

func (sampledHandler) ServeRequest(path string) { startSampler() }

// startWatcher takes nothing, but its caller starts it in a loop.
func startWatcher() {
	go func() {
		for now := range time.Tick(time.Second) { // want `goroutine started by goroutineleak.startWatcher never ends`
			sampledAt.Store(now.Unix())
		}
	}()
}

func StartWatchers() {
	for i := 0; i < 4; i++ {
		startWatcher()
	}
}

// ttlReporter is the production twin of clustertest.Provider: each
// member started leaves one goroutine ranging over a ticker that Shutdown
// stops but never closes.
type ttlReporter struct {
	ticker *time.Ticker
	ttls   int
}

func (p *ttlReporter) StartMember(every time.Duration) {
	p.ticker = time.NewTicker(every)
	go func() {
		for range p.ticker.C { // want `goroutine started by \(\*ttlReporter\).StartMember never ends`
			p.ttls++
		}
	}()
}

func (p *ttlReporter) Shutdown() { p.ticker.Stop() }

// Good: a blocking reporter: it feeds its own loop from a ticker goroutine
// and ranges over that loop's channel forever, so the goroutine lives as
// long as the call, which never returns (run it with go).
func LogForever(every time.Duration, log func(int)) {
	ch := make(chan int)
	go func() {
		for range time.Tick(every) { // ok: the owner never returns
			ch <- 1
		}
	}()
	for v := range ch {
		log(v)
	}
}

// Bad: the near miss: the owner stops after n lines and returns, leaving
// its ticker goroutine behind.
func LogN(every time.Duration, n int, log func(int)) {
	ch := make(chan int)
	go func() {
		for range time.Tick(every) { // want `goroutine started by goroutineleak.LogN never ends`
			ch <- 1
		}
	}()
	for v := range ch {
		log(v)
		n--
		if n == 0 {
			return
		}
	}
}

// meterArbiter ticks every meter of the process from one goroutine.
type meterArbiter struct {
	sync.Mutex
	started bool
	meters  map[*int]bool
}

var arbiter = meterArbiter{meters: map[*int]bool{}}

func (a *meterArbiter) tick() {
	for range time.Tick(5 * time.Second) {
		a.Lock()
		for m := range a.meters {
			*m++
		}
		a.Unlock()
	}
}

// Good: the arbiter's goroutine is started by the first meter only: the
// flag is set under the guard and never reset (a hand-written Once).
func NewMeter() *int {
	m := new(int)
	arbiter.Lock()
	defer arbiter.Unlock()
	arbiter.meters[m] = true
	if !arbiter.started {
		arbiter.started = true
		go arbiter.tick() // ok: once per process
	}
	return m
}

// resettableArbiter is the same with a Reset that clears the flag.
type resettableArbiter struct {
	sync.Mutex
	started bool
}

var resettable resettableArbiter

func (a *resettableArbiter) tick() {
	for range time.Tick(5 * time.Second) { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
	}
}

// Silent by design (wake.Discarded): Reset clears the flag, so every
// Reset and Start pair leaves one more ticking goroutine, but the package
// shows no such pair.
func StartResettable(owner string) {
	_ = owner
	resettable.Lock()
	defer resettable.Unlock()
	if !resettable.started {
		resettable.started = true
		go resettable.tick() // reported at the loop that never ends
	}
}

func ResetResettable() {
	resettable.Lock()
	resettable.started = false
	resettable.Unlock()
}

// Report is a blocking exporter: it reports every interval for the life
// of the program; callers start it with go.
func Report(every time.Duration, emit func()) {
	for range time.Tick(every) { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
		emit()
	}
}

// reporterOwner starts the exporter per object, with no way to stop it:
// silent by design (wake.Discarded), as it has no Close to be let go by.
type reporterOwner struct{ emit func() }

func (o *reporterOwner) Start() {
	go Report(time.Second, o.emit)
}

// Publish is another blocking exporter, started only by its example.
func Publish(every time.Duration, emit func()) {
	for range time.Tick(every) { // ok: its example starts it for the life of the program
		emit()
	}
}

// A prefork child watches its parent: when the parent is gone, the
// goroutine ends the process. It decides when the process ends, so it is
// meant to live as long as the process, however it is started.
type preforkChild struct{ parent func() int }

func (c *preforkChild) Serve(serve func()) {
	go c.watchParent()
	serve()
}

func (c *preforkChild) watchParent() {
	for range time.Tick(500 * time.Millisecond) { // ok: the watchdog ends the process itself
		if c.parent() == 1 {
			os.Exit(1)
		}
	}
}

// The same watch that only logs when the parent is gone; each Serve
// leaves one more goroutine, but loggingChild has no Close: silent by
// design.
type loggingChild struct {
	parent func() int
	log    func(string)
}

func (c *loggingChild) Serve(serve func()) {
	go c.watchParent()
	serve()
}

func (c *loggingChild) watchParent() {
	for range time.Tick(500 * time.Millisecond) { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
		if c.parent() == 1 {
			c.log("parent gone")
		}
	}
}

// A package-level variable's initializer runs once per process, as init
// does: the cleaner of the package's one intern table lives as long as
// the process.
var interned = newInternTable()

type internTable struct{ m map[string]string }

func newInternTable() *internTable {
	t := &internTable{m: map[string]string{}}
	go func() {
		for range time.NewTicker(time.Minute).C { // ok: started once, by the package's initializer
			t.m = map[string]string{}
		}
	}()
	return t
}

// The near miss: a table per caller, each with a cleaner that never ends.
func NewSessionTable() *sessionTable { return newSessionTable() }

var defaultSessions = newSessionTable()

type sessionTable struct{ m map[string]string }

func newSessionTable() *sessionTable {
	t := &sessionTable{m: map[string]string{}}
	go func() {
		for range time.NewTicker(time.Minute).C { // want `goroutine started by goroutineleak.newSessionTable never ends`
			t.m = map[string]string{}
		}
	}()
	return t
}

// Good: sync.OnceFunc stored in a package-level variable by the package's
// initializer runs its function once per process, however often the
// variable is called.
var startProber = sync.OnceFunc(func() {
	go func() {
		for range time.NewTicker(time.Second).C { // ok: run once per process by the package-level OnceFunc
		}
	}()
})

func Probe() { startProber() }

// Silent by design (wake.Discarded): a OnceFunc made per call runs once
// per call, but nothing shows ProbeEach called more than once.
func ProbeEach() {
	start := sync.OnceFunc(func() {
		go func() {
			for range time.NewTicker(time.Second).C { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
			}
		}()
	})
	start()
}

// A hub whose subscriptions each run a pump goroutine.

type hubSub struct {
	in  chan int
	out chan int
}

func (s *hubSub) pump() {
	for v := range s.in { // want `goroutine started by \(\*Hub\).Subscribe never ends: it waits in range over s.in forever`
		s.out <- v
	}
	close(s.out)
}

type Hub struct {
	mu   sync.Mutex
	subs map[*hubSub]struct{}
}

func NewHub() *Hub { return &Hub{subs: map[*hubSub]struct{}{}} }

// Bad: cancel drops the subscription from the hub, but nothing closes
// s.in: each Subscribe leaves a pump running forever.
func (h *Hub) Subscribe() (<-chan int, func()) {
	s := &hubSub{in: make(chan int, 4), out: make(chan int)}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	go s.pump()
	return s.out, func() {
		h.mu.Lock()
		delete(h.subs, s)
		h.mu.Unlock()
	}
}

type closingSub struct {
	in  chan int
	out chan int
}

func (s *closingSub) pump() {
	for v := range s.in {
		s.out <- v
	}
	close(s.out)
}

type ClosingHub struct {
	mu   sync.Mutex
	subs map[*closingSub]struct{}
}

func NewClosingHub() *ClosingHub { return &ClosingHub{subs: map[*closingSub]struct{}{}} }

// Good: cancel closes s.in, which ends the pump.
func (h *ClosingHub) Subscribe() (<-chan int, func()) {
	s := &closingSub{in: make(chan int, 4), out: make(chan int)}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	go s.pump()
	return s.out, func() {
		h.mu.Lock()
		if _, ok := h.subs[s]; ok {
			delete(h.subs, s)
			close(s.in)
		}
		h.mu.Unlock()
	}
}

func (h *Hub) Publish(v int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		select {
		case s.in <- v:
		default:
		}
	}
}

// A keeper that refreshes each lease it grants on a ticker.

type LeaseKeeper struct {
	mu     sync.Mutex
	leases map[int]time.Duration
	renew  func(id int)
}

func NewLeaseKeeper(renew func(int)) *LeaseKeeper {
	return &LeaseKeeper{leases: map[int]time.Duration{}, renew: renew}
}

// Grant starts one refresher per lease.
func (k *LeaseKeeper) Grant(id int, ttl time.Duration) {
	k.mu.Lock()
	k.leases[id] = ttl
	k.mu.Unlock()
	go k.keepAlive(id, ttl/3)
}

// Bad: Revoke deletes the lease, and the refresher skips it but never
// returns: one goroutine per lease ever granted.
func (k *LeaseKeeper) keepAlive(id int, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for range t.C { // want `goroutine started by \(\*LeaseKeeper\).Grant never ends`
		k.mu.Lock()
		_, live := k.leases[id]
		k.mu.Unlock()
		if !live {
			continue
		}
		k.renew(id)
	}
}

func (k *LeaseKeeper) Revoke(id int) {
	k.mu.Lock()
	delete(k.leases, id)
	k.mu.Unlock()
}

type EndingKeeper struct {
	mu     sync.Mutex
	leases map[int]time.Duration
	renew  func(id int)
}

func NewEndingKeeper(renew func(int)) *EndingKeeper {
	return &EndingKeeper{leases: map[int]time.Duration{}, renew: renew}
}

func (k *EndingKeeper) Grant(id int, ttl time.Duration) {
	k.mu.Lock()
	k.leases[id] = ttl
	k.mu.Unlock()
	go k.keepAlive(id, ttl/3)
}

// Good: the refresher returns once its lease is revoked.
func (k *EndingKeeper) keepAlive(id int, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for range t.C {
		k.mu.Lock()
		_, live := k.leases[id]
		k.mu.Unlock()
		if !live {
			return
		}
		k.renew(id)
	}
}

func (k *EndingKeeper) Revoke(id int) {
	k.mu.Lock()
	delete(k.leases, id)
	k.mu.Unlock()
}

// An internal logger whose unexported shutdown ends its life (statsig's
// logger, shut down by its client's Shutdown).
type internalLogger struct {
	tick  *time.Ticker
	flush func()
}

// Bad: shutdown stops the ticker, which never closes its channel.
func newInternalLogger(flush func()) *internalLogger {
	l := &internalLogger{tick: time.NewTicker(time.Minute), flush: flush}
	go l.backgroundFlush()
	return l
}

func (l *internalLogger) backgroundFlush() {
	for range l.tick.C { // want `goroutine started by goroutineleak.newInternalLogger never ends: it waits in range over l.tick.C forever`
		l.flush()
	}
}

func (l *internalLogger) shutdown() { l.tick.Stop() }

// Good: shutdown closes the channel the flush loop selects on.
type internalLoggerStopped struct {
	tick  *time.Ticker
	done  chan struct{}
	flush func()
}

func newInternalLoggerStopped(flush func()) *internalLoggerStopped {
	l := &internalLoggerStopped{tick: time.NewTicker(time.Minute), done: make(chan struct{}), flush: flush}
	go l.backgroundFlush()
	return l
}

func (l *internalLoggerStopped) backgroundFlush() {
	for {
		select {
		case <-l.tick.C:
			l.flush()
		case <-l.done: // ok: shutdown closes it
			return
		}
	}
}

func (l *internalLoggerStopped) shutdown() {
	l.tick.Stop()
	close(l.done)
}
