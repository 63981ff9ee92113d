package ctxdone

import (
	"context"
	"time"
)

// Flusher's flushed, when set, is told of each flush: the runtime proof
// (analyzers/ctxdone/testdata/proof_test.go) ends a loop that still
// flushes after its context was cancelled.
type Flusher struct {
	n       int
	flushed func()
}

func (f *Flusher) flush() {
	f.n++
	if f.flushed != nil {
		f.flushed()
	}
}

func (f *Flusher) step(ctx context.Context) error { return ctx.Err() }
func (f *Flusher) stepNoCtx() error               { return nil }

// Bad: the ticker loop never ends and never looks at ctx.
func (f *Flusher) Run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for { // want `loop never exits and never checks ctx`
		<-t.C
		f.flush()
	}
}

// Good: the ticker loop selects on ctx.Done().
func (f *Flusher) RunCtx(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for { // ok: returns on ctx.Done()
		select {
		case <-t.C:
			f.flush()
		case <-ctx.Done():
			return
		}
	}
}

// Good: the loop hands ctx to each step.
func (f *Flusher) Steps(ctx context.Context) {
	for { // ok: passes ctx on
		_ = f.step(ctx)
	}
}

// Bad: the only way out is a panic.
func (f *Flusher) Spin(ctx context.Context) {
	for { // want `loop never exits and never checks ctx`
		if err := f.stepNoCtx(); err != nil {
			panic(err)
		}
	}
}

// Good: an error ends the loop.
func (f *Flusher) Until(ctx context.Context) error {
	for { // ok: returns on error
		if err := f.stepNoCtx(); err != nil {
			return err
		}
	}
}

// A Must helper: its range over the diagnostics ends by itself; what
// follows the loop, on that path, is a panic, not a wait.
func MustNoErrors(ctx context.Context, check func(context.Context) []string) int {
	errs := check(ctx)
	if len(errs) > 0 {
		msg := ""
		for _, e := range errs { // ok: a range over a slice ends; the panic after it is no endless loop
			msg += e
		}
		panic(msg)
	}
	return 0
}

// The near miss: an endless loop whose only way out is a panic on an
// error, from inside its body, keeps running after ctx is cancelled.
func PollUntilBroken(ctx context.Context, poll func() error) {
	for { // want `loop never exits and never checks ctx`
		if err := poll(); err != nil {
			panic(err)
		}
		time.Sleep(time.Millisecond)
	}
}

// A report loop: the ticker loop watches ctx; the range inside it over a
// snapshot ends every round and hands control back to it.
func ReportEvery(ctx context.Context, t *time.Ticker, rows func() []string, print func(string)) {
	for {
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
			for _, r := range rows() { // ok: ends every round; the loop around it watches ctx
				print(r)
			}
		}
	}
}
