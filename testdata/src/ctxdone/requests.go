package ctxdone

import "context"

type call struct {
	v     int
	reply chan int
}

// Server answers calls in its run loop.
type Server struct {
	calls  chan call
	tokens chan int
}

func (s *Server) run() {
	for c := range s.calls {
		c.reply <- 2 * c.v
	}
}

// Good: once the loop has taken the call, it replies at once; the loop's
// own wait for the next call is fed by this very send.
func (s *Server) Call(ctx context.Context, v int) (int, error) {
	c := call{v: v, reply: make(chan int)}
	select {
	case s.calls <- c:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	return <-c.reply, nil // ok: the other side waits only for the call sent above
}

// Slow answers calls after taking a token that nothing provides.
type Slow struct {
	calls  chan call
	tokens chan int
}

func (s *Slow) run() {
	for c := range s.calls {
		<-s.tokens
		c.reply <- 2 * c.v
	}
}

// Bad: the near miss: before replying, the loop waits on tokens, which
// nothing feeds or closes.
func (s *Slow) Call(ctx context.Context, v int) (int, error) {
	c := call{v: v, reply: make(chan int)}
	select {
	case s.calls <- c:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	return <-c.reply, nil // want `receive from channel c.reply ignores ctx: its other side waits without bound`
}
