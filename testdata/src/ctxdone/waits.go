package ctxdone

import (
	"context"
	"sync"
	"time"
)

// Bad: the caller's ctx cannot end the receive; the worker waits on jobs.
func BadResult(ctx context.Context, jobs <-chan int) int {
	res := make(chan int)
	go func() { res <- 2 * <-jobs }()
	return <-res // want `receive from channel res ignores ctx: its other side waits without bound`
}

// Good: the receive selects on ctx.Done(), and the worker can give up too.
func GoodResult(ctx context.Context, jobs <-chan int) int {
	res := make(chan int, 1)
	go func() {
		select {
		case j := <-jobs:
			res <- 2 * j
		case <-ctx.Done():
		}
	}()
	select { // ok: ctx.Done() case
	case v := <-res:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Good: the worker computes and sends; nothing in it waits for long.
func QuickResult(ctx context.Context, n int) int {
	res := make(chan int)
	go func() { res <- n * n }()
	return <-res // ok: the sender does not wait on anything else
}

// Good: done is closed in a defer by the worker.
func DoneInDefer(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	<-done // ok: closed by the worker
}

func work() {}

// Bad: a send nobody can receive, with ctx at hand.
func BadSend(ctx context.Context) {
	out := make(chan int)
	out <- 1 // want `send on channel out ignores ctx: nothing receives from it, so it blocks forever`
}

// Bad: every worker waits on a channel nobody feeds and never looks at ctx.
func BadWaitGroup(ctx context.Context, in <-chan int) {
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-in
		}()
	}
	wg.Wait() // want `call to \(\*sync.WaitGroup\).Wait ignores ctx: it waits for goroutines that may never finish`
}

// Good: the workers select on ctx.Done().
func GoodWaitGroup(ctx context.Context, in <-chan int) {
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-in:
			case <-ctx.Done():
			}
		}()
	}
	wg.Wait() // ok: every worker observes ctx
}

// Good: one pause outside any loop: cancellation is late by at most d,
// a length the author chose (a throttle, a final sleep before exit), not
// a wait that may last forever.
func OnePause(ctx context.Context, d time.Duration) {
	time.Sleep(d) // ok: one pause, bounded by its own length
}

// Bad: the near miss: the same pause repeated until the work is done
// adds up without bound, and nothing in the loop looks at ctx.
func BadBackoff(ctx context.Context, d time.Duration, done func() bool) {
	for !done() {
		time.Sleep(d) // want `time.Sleep ignores ctx: cancelling ctx does not end the sleep`
	}
}

// Good: the timer-bounded wait also ends on cancellation.
func GoodBackoff(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select { // ok: timer and ctx.Done()
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Good: a short constant pause.
func ShortPause(ctx context.Context) {
	time.Sleep(10 * time.Millisecond) // ok: at most 10ms late
}

// Good: a polling loop that checks the context every iteration notices
// cancellation within one pause.
func PollUntilDone(ctx context.Context, ready func() bool) error {
	for ctx.Err() == nil {
		if ready() {
			return nil
		}
		time.Sleep(time.Second) // ok: ctx.Err() is checked on every iteration
	}
	return ctx.Err()
}

// Bad: the same pause in a loop that never looks at the context.
func PollForever(ctx context.Context, ready func() bool) {
	for !ready() {
		time.Sleep(time.Second) // want `time.Sleep ignores ctx: cancelling ctx does not end the sleep`
	}
}

// Good: the near miss: a retry loop whose every way round sends a request
// with ctx: a cancellation is noticed within one back-off, however long
// the caller configured it.
func RetryWithBackoff(ctx context.Context, backoff time.Duration, send func(context.Context) error) error {
	for {
		err := send(ctx)
		if err == nil || ctx.Err() != nil {
			return err
		}
		time.Sleep(backoff) // ok: the next iteration's send observes ctx
	}
}

// Bad: the branch that finds no connection only sleeps and goes round
// again: while no connection comes back, nothing looks at ctx.
func RetryNoConn(ctx context.Context, backoff time.Duration, next func() bool, send func(context.Context) error) error {
	for {
		if !next() {
			time.Sleep(backoff) // want `time.Sleep ignores ctx: cancelling ctx does not end the sleep`
			continue
		}
		if err := send(ctx); err == nil {
			return nil
		}
	}
}

// Bad: the near miss: the only call handed ctx on the way round is the
// retrier that picks the pause; a retrier that ignores ctx goes on
// picking pauses, and nothing here notices the cancellation (elastic's
// branch that finds no live node).
func RetryNoNode(ctx context.Context, next func() bool, retry func(context.Context, int) (time.Duration, bool)) bool {
	for n := 0; ; n++ {
		if next() {
			return true
		}
		wait, ok := retry(ctx, n)
		if !ok {
			return false
		}
		time.Sleep(wait) // want `time.Sleep ignores ctx: cancelling ctx does not end the sleep`
	}
}

// Good: the pause comes from a policy the caller supplies, picked from
// the retry count and the error, which may also give up; every way round
// looks at ctx, so cancellation is noticed within one pause the policy
// chose (elastic's retrier, protoactor's OnPublishingError). A loop that
// leaves only when the call succeeds is reported (pingUntilGood below). A back-off the loop doubles itself
// stays reported (UncappedBackOff in pauses.go).
func RetryByCount(ctx context.Context, policy func(int, error) (time.Duration, bool), send func(context.Context) error) error {
	for n := 0; ; n++ {
		err := send(ctx)
		if err == nil {
			return nil
		}
		wait, again := policy(n, err) // the policy may give up (on a cancellation, say)
		if !again {
			return err
		}
		time.Sleep(wait) // ok: the caller's policy picks each pause
	}
}

// Good: the near miss: the only caller of finalPause passes
// context.Background(), which nothing can cancel: the pause ignores a
// context that never ends.
type lifecycle struct{ finalSleep time.Duration }

func (l *lifecycle) Stop() {
	l.finalPause(context.Background())
}

func (l *lifecycle) finalPause(ctx context.Context) {
	for !l.drained() {
		time.Sleep(l.finalSleep) // ok: every caller passes context.Background()
	}
}

func (l *lifecycle) drained() bool { return l.finalSleep == 0 }

// Bad: one caller passes a context it can cancel.
func (l *lifecycle) StopCtx(ctx context.Context) {
	l.drainPause(ctx)
}

func (l *lifecycle) StopNow() {
	l.drainPause(context.Background())
}

func (l *lifecycle) drainPause(ctx context.Context) {
	for !l.drained() {
		time.Sleep(l.finalSleep) // want `time.Sleep ignores ctx: cancelling ctx does not end the sleep`
	}
}

// A process runner: the goroutine reports that the process started, then
// waits for it to exit. The caller's receive waits only for the start; the
// goroutine's long wait comes after its send.
type procRun struct {
	started chan error
	done    chan struct{}
	err     error
}

func startProc(start func() error, wait func() error, jobs <-chan int) *procRun {
	r := &procRun{started: make(chan error), done: make(chan struct{})}
	go func() {
		err := start()
		r.started <- err
		if err != nil {
			return
		}
		<-jobs // the process runs until told otherwise
		r.err = wait()
		close(r.done)
	}()
	return r
}

func Launch(ctx context.Context, start func() error, wait func() error, jobs <-chan int) error { // want Launch:`ignoresContext\(receive from channel r.started\)`
	r := startProc(start, wait, jobs)
	return <-r.started // ok: the goroutine's wait on jobs comes only after its send
}

// Good: net/http's accept back-off, doubled and capped at a second by a
// comparison; the loop looks at ctx when an error is permanent, so a
// cancellation (which closes the listener) is noticed within one pause.
func serveAccepting(ctx context.Context, accept func() (bool, error)) {
	var tempDelay time.Duration
	for {
		temporary, err := accept()
		if err == nil {
			tempDelay = 0
			continue
		}
		if temporary {
			if tempDelay == 0 {
				tempDelay = 5 * time.Millisecond
			} else {
				tempDelay *= 2
			}
			if max := time.Second; tempDelay > max {
				tempDelay = max
			}
			time.Sleep(tempDelay) // ok: at most a second, capped above
			continue
		}
		select {
		case <-ctx.Done():
			return
		default:
		}
	}
}

// Bad: the near miss: the same back-off with no cap grows without bound.
func serveAcceptingUncapped(ctx context.Context, accept func() (bool, error)) {
	var tempDelay time.Duration
	for {
		temporary, err := accept()
		if err == nil {
			tempDelay = 0
			continue
		}
		if temporary {
			if tempDelay == 0 {
				tempDelay = 5 * time.Millisecond
			} else {
				tempDelay *= 2
			}
			time.Sleep(tempDelay) // want `time.Sleep ignores ctx: cancelling ctx does not end the sleep`
			continue
		}
		select {
		case <-ctx.Done():
			return
		default:
		}
	}
}

func init() {
	_ = serveAccepting
	_ = serveAcceptingUncapped
}

// Good: the near miss through a closure: the listener's only caller runs
// it, in a goroutine, with the context.Background() it made, and each
// connection's goroutine captures that context (remotedialer's proxy
// listener): nothing can ever cancel it.
func StartProxy(accept func() (int, error), ready func() bool, dial func(context.Context, int) error) {
	ctx := context.Background()
	go func() {
		runProxy(ctx, accept, ready, dial)
	}()
}

func runProxy(ctx context.Context, accept func() (int, error), ready func() bool, dial func(context.Context, int) error) {
	for {
		conn, err := accept()
		if err != nil {
			return
		}
		go func() {
			retries := 0
			for {
				if !ready() {
					retries++
					if retries > 10 {
						return
					}
					time.Sleep(time.Second) // ok: ctx is context.Background() from the only caller
					continue
				}
				_ = dial(ctx, conn)
				return
			}
		}()
	}
}

// Bad: the same listener handed a context its exported caller can cancel.
func StartProxyCtx(ctx context.Context, accept func() (int, error), ready func() bool, dial func(context.Context, int) error) {
	go func() {
		runProxyCtx(ctx, accept, ready, dial)
	}()
}

func runProxyCtx(ctx context.Context, accept func() (int, error), ready func() bool, dial func(context.Context, int) error) {
	for {
		conn, err := accept()
		if err != nil {
			return
		}
		go func() {
			retries := 0
			for {
				if !ready() {
					retries++
					if retries > 10 {
						return
					}
					time.Sleep(time.Second) // want `time.Sleep ignores ctx: cancelling ctx does not end the sleep`
					continue
				}
				_ = dial(ctx, conn)
				return
			}
		}()
	}
}

// healthcheck retries a ping until it is good (lasso's health check).
type healthcheck struct {
	ping   func(context.Context) bool
	report func(bool)
}

// Bad: the loop ends only when the ping succeeds; once ctx is cancelled
// every ping fails at once, and the loop sleeps and retries forever.
func (h *healthcheck) pingUntilGood(ctx context.Context) {
	for {
		if h.ping(ctx) {
			h.report(true)
			return
		}
		h.report(false)
		time.Sleep(15 * time.Second) // want `time.Sleep ignores ctx, and the loop ends only when the call succeeds: once ctx is cancelled every attempt fails, so the loop sleeps and retries forever`
	}
}

// Bad: the same with an error result.
func sendUntilAccepted(ctx context.Context, send func(context.Context) error) {
	for {
		if err := send(ctx); err == nil {
			return
		}
		time.Sleep(5 * time.Second) // want `time.Sleep ignores ctx, and the loop ends only when the call succeeds`
	}
}

// Good: the near miss: the loop also leaves once ctx is done.
func sendUntilAcceptedOrDone(ctx context.Context, send func(context.Context) error) error {
	for {
		if err := send(ctx); err == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(5 * time.Second) // ok: the loop leaves on the context's error
	}
}

// Good: the near miss: the loop leaves on any error but a transient one.
func sendUntilPermanent(ctx context.Context, send func(context.Context) error, transient func(error) bool) error {
	for {
		err := send(ctx)
		if err == nil || !transient(err) {
			return err
		}
		time.Sleep(5 * time.Second) // ok: a cancellation is not transient: the loop leaves
	}
}

// UseHealthcheck makes the fixtures' retry loops reachable.
func UseHealthcheck(ctx context.Context, h *healthcheck, send func(context.Context) error, transient func(error) bool) {
	h.pingUntilGood(ctx)
	sendUntilAccepted(ctx, send)
	_ = sendUntilAcceptedOrDone(ctx, send)
	_ = sendUntilPermanent(ctx, send, transient)
}
