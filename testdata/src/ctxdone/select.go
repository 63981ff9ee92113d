package ctxdone

import (
	"context"
	"time"
)

type Stream struct {
	events chan int
	acks   chan int
	quit   chan struct{}
	closed chan struct{}
}

// Bad: neither case fires when ctx is cancelled; events is never closed.
func (s *Stream) Next(ctx context.Context) int {
	select { // want `select has no case for ctx.Done\(\): it keeps waiting after ctx is cancelled`
	case v := <-s.events:
		return v
	case s.acks <- 1:
		return 0
	}
}

// Good: the same select with ctx.Done().
func (s *Stream) NextCtx(ctx context.Context) (int, error) {
	select { // ok: case <-ctx.Done()
	case v := <-s.events:
		return v, nil
	case s.acks <- 1:
		return 0, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Good: a timer bounds the wait.
func (s *Stream) NextTimeout(ctx context.Context) int {
	select { // ok: timer case
	case v := <-s.events:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// Good: a done channel derived from ctx, hoisted out of the loop.
func (s *Stream) Drain(ctx context.Context) {
	done := ctx.Done()
	for {
		select { // ok: done is ctx.Done()
		case <-s.events:
		case <-done:
			return
		}
	}
}

// Good: s.closed is closed by Close, so the select can end.
func (s *Stream) NextOrClosed(ctx context.Context) int {
	select { // ok: s.closed is closed somewhere
	case v := <-s.events:
		return v
	case <-s.closed:
		return 0
	}
}

func (s *Stream) Close() { close(s.closed) }

// Bad: a quit channel named as a stop signal, owned elsewhere, is no
// evidence of a way out: nothing in the package closes it, and the
// function never looks at the ctx it promised to honour.
func (s *Stream) NextOrQuit(ctx context.Context) int {
	select { // want `select has no case for ctx.Done\(\), and ctx is never observed here: its only way out is a done channel`
	case v := <-s.events:
		return v
	case <-s.quit:
		return 0
	}
}

// Bad: a channel handed in by the caller may be closed by it, or not.
func NextOrStop(ctx context.Context, events, stop <-chan int) int {
	select { // want `its only way out is a done channel that nothing in this package is shown to close`
	case v := <-events:
		return v
	case <-stop:
		return 0
	}
}

// Good: the same select in a function that checks ctx.Err() first: the
// quit channel is trusted where the context is observed.
func (s *Stream) NextOrQuitChecked(ctx context.Context) int {
	if ctx.Err() != nil {
		return 0
	}
	select { // ok: ctx is observed in this function
	case v := <-s.events:
		return v
	case <-s.quit:
		return 0
	}
}

// Good: the error channel is fed by a goroutine that is handed ctx.
func Serve(ctx context.Context, serve func(context.Context) error) error {
	errc := make(chan error)
	other := make(chan error)
	go func() { errc <- serve(ctx) }()
	select { // ok: errc's sender observes ctx
	case err := <-errc:
		return err
	case err := <-other:
		return err
	}
}

// Bad: select {} parks forever, whatever ctx says.
func Park(ctx context.Context) {
	select {} // want `select \{\} blocks forever and ignores ctx`
}

// Good: park until cancelled.
func ParkCtx(ctx context.Context) {
	<-ctx.Done() // ok: waits for cancellation
}

// Good: no accepted context; Background is this code's own.
func ParkBackground() {
	ctx := context.Background()
	_ = ctx
	var s Stream
	select { // ok: no context was accepted
	case <-s.events:
	case s.acks <- 1:
	}
}
