package goroutineleak

import (
	"context"
	"errors"
)

// A watch's one-shot wait (kubernetes#25331): its select gives up when
// the watch's context is cancelled, but once the error case is taken it
// sends the error result, outside any select, on the channel it hands to
// its reader. A reader that stops reading and calls Stop leaves the
// goroutine blocked in that send.

type oneShotWatch struct {
	ctx     context.Context
	cancel  context.CancelFunc
	result  chan error
	errChan chan error
}

func NewOneShotWatch(start func() error) (*oneShotWatch, <-chan error) {
	w := &oneShotWatch{result: make(chan error), errChan: make(chan error, 1)}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	go func() { w.errChan <- start() }()
	go w.run()
	return w, w.result
}

// Bad: the error result is sent with no way out.
func (w *oneShotWatch) run() {
	select {
	case err := <-w.errChan:
		if err != nil {
			w.result <- err // want `send on w.result can block forever: the goroutine goroutineleak.NewOneShotWatch starts gives up when its context is cancelled, but only while it waits in its select; this send comes after`
		}
	case <-w.ctx.Done():
	}
	close(w.result)
}

func (w *oneShotWatch) Stop() { w.cancel() }

type carefulOneShotWatch struct {
	ctx     context.Context
	cancel  context.CancelFunc
	result  chan error
	errChan chan error
}

func NewCarefulOneShotWatch(start func() error) (*carefulOneShotWatch, <-chan error) {
	w := &carefulOneShotWatch{result: make(chan error), errChan: make(chan error, 1)}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	go func() { w.errChan <- start() }()
	go w.run()
	return w, w.result
}

// Good: the near miss selects the send on the context too.
func (w *carefulOneShotWatch) run() {
	select {
	case err := <-w.errChan:
		if err != nil {
			select {
			case w.result <- err:
			case <-w.ctx.Done():
			}
		}
	case <-w.ctx.Done():
	}
	close(w.result)
}

func (w *carefulOneShotWatch) Stop() { w.cancel() }

// A forwarding loop that leaves when the context its owner cancels is
// done, but forwards with a plain send.

type ctxForwarder struct {
	ctx    context.Context
	cancel context.CancelFunc
	in     chan int
	out    chan int
}

func NewCtxForwarder() (*ctxForwarder, <-chan int) {
	f := &ctxForwarder{in: make(chan int, 1), out: make(chan int)}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	go f.loop()
	return f, f.out
}

// Bad: the forward waits for a reader that may have called Stop.
func (f *ctxForwarder) loop() {
	for {
		select {
		case <-f.ctx.Done():
			return
		case v := <-f.in:
			f.out <- v // want `send on f.out can block forever: the goroutine goroutineleak.NewCtxForwarder starts leaves its loop when its context is cancelled, but only in its select, and this send waits for a reader out of the package that may be gone by then \(select on f.ctx.Done\(\) here too\)`
		}
	}
}

func (f *ctxForwarder) Put(v int) { f.in <- v }
func (f *ctxForwarder) Stop()     { f.cancel() }

// Good: the near miss's context is its caller's: the package does not
// cancel it, and what stops the reader is the caller's business.
type callerCtxForwarder struct {
	in  chan int
	out chan int
}

func NewCallerCtxForwarder(ctx context.Context) (*callerCtxForwarder, <-chan int) {
	f := &callerCtxForwarder{in: make(chan int, 1), out: make(chan int)}
	go f.loop(ctx)
	return f, f.out
}

func (f *callerCtxForwarder) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-f.in:
			f.out <- v
		}
	}
}

func (f *callerCtxForwarder) Put(v int) { f.in <- v }

var errWatchCompacted = errors.New("required revision has been compacted")

// A forwarder whose channel nothing receives at all, not even out of the
// package (its unexported constructor has no caller that keeps it): the
// one-sided finding says so, once; the stop-blind one would repeat it.
type lonelyForwarder struct {
	ctx    context.Context
	cancel context.CancelFunc
	in     chan int
	out    chan int
}

func newLonelyForwarder() *lonelyForwarder {
	f := &lonelyForwarder{in: make(chan int, 1), out: make(chan int)}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	go f.loop()
	return f
}

func (f *lonelyForwarder) loop() {
	for {
		select {
		case <-f.ctx.Done():
			return
		case v := <-f.in:
			f.out <- v // want `send on f.out blocks forever: nothing in the package receives from it`
		}
	}
}

func (f *lonelyForwarder) Put(v int) { f.in <- v }
func (f *lonelyForwarder) Stop()     { f.cancel() }
