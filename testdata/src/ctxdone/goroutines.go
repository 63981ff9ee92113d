package ctxdone

import (
	"context"

	"ctxdone/dep"
)

func Worker(ctx context.Context, jobs <-chan int) { // want Worker:`ignoresContext\(receive from channel jobs\)`
	for j := range jobs {
		_ = j
	}
}

func workerCtx(ctx context.Context, jobs <-chan int) {
	for {
		select {
		case _, ok := <-jobs:
			if !ok {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// Bad: Worker is handed ctx and ignores it while it waits on jobs.
func StartWorker(ctx context.Context, jobs <-chan int) {
	go Worker(ctx, jobs) // want `goroutine started with ctx never observes it: it may wait forever on receive from channel jobs`
}

// Good: workerCtx selects on ctx.Done().
func StartWorkerCtx(ctx context.Context, jobs <-chan int) {
	go workerCtx(ctx, jobs) // ok: observes ctx
}

// Bad: the same through a fact about another package.
func StartDrain(ctx context.Context, in <-chan int) {
	go dep.Drain(ctx, in) // want `goroutine started with ctx never observes it: it may wait forever on`
}

// Good: the other package's worker returns on cancellation.
func StartDrainCtx(ctx context.Context, in <-chan int) {
	go dep.DrainCtx(ctx, in) // ok: observes ctx
}

type key struct{}

// Bad: the closure captures ctx only for a value, then waits on in.
func StartTagged(ctx context.Context, in <-chan int, sink func(any, int)) {
	go func() { // want `goroutine started with ctx never observes it`
		tag := ctx.Value(key{})
		for v := range in {
			sink(tag, v)
		}
	}()
}

// Good: the closure hands ctx on to a consumer that honours it.
func StartPassing(ctx context.Context, in <-chan int) {
	go func() { // ok: passes ctx to workerCtx
		workerCtx(ctx, in)
	}()
}

// dispatcher starts its worker through a function-valued field; every
// store into it is in this package, so internal/callees resolves the call.
type dispatcher struct {
	work func(context.Context, <-chan int)
}

// Bad: the field only ever holds Worker, which ignores ctx.
func StartDispatch(ctx context.Context, jobs <-chan int) {
	d := &dispatcher{work: Worker}
	go d.work(ctx, jobs) // want `goroutine started with ctx never observes it: it may wait forever on receive from channel jobs`
}

// observer is dispatcher's twin whose field only ever holds workerCtx.
type observer struct {
	work func(context.Context, <-chan int)
}

// Good: the field holds workerCtx, which selects on ctx.Done().
func StartObserver(ctx context.Context, jobs <-chan int) {
	o := &observer{work: workerCtx}
	go o.work(ctx, jobs) // ok: resolves to workerCtx, which observes ctx
}

// Hooks exposes its worker: other packages may store any function there.
type Hooks struct {
	Work func(context.Context, <-chan int)
}

// Good: an exported field is not resolved (a caller may set a worker that
// observes ctx), so nothing is known of what runs.
func StartHooks(ctx context.Context, h *Hooks, jobs <-chan int) {
	h.Work = Worker
	go h.Work(ctx, jobs) // ok: the field is exported: its stores are not all in view
}

// runtimeContext is a context.Context that also carries the runtime's
// state (a framework's context object); its Shutdown joins the workers it
// started, already cancelled by then.
type runtimeContext struct {
	context.Context
	cancel  context.CancelFunc
	workers chan struct{}
	stopped chan struct{}
}

// Good: the goroutine captures c only to reach its fields (a join helper
// closing finished when the workers are gone): it is not started with a
// context, c is a struct to it.
func (c *runtimeContext) Shutdown(finished chan<- struct{}) {
	c.cancel()
	go func() {
		<-c.stopped // ok: c is used for its fields, not as a context
		close(finished)
	}()
}

// The near miss: the same goroutine that also reads a value of c as a
// context: it is started with the context and ignores its cancellation.
func (c *runtimeContext) ShutdownLogged(finished chan<- struct{}, log func(any)) {
	c.cancel()
	go func() { // want `goroutine started with c never observes it: it may wait forever on receive from channel`
		log(c.Value(key{}))
		<-c.stopped
		close(finished)
	}()
}
