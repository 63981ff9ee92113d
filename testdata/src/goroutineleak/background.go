package goroutineleak

import "context"

// A goroutine that waits for the end of a context nothing can cancel:
// Done of context.Background() is nil, and a receive from nil never
// returns.

type bgConn struct{ closed bool }

func (c *bgConn) Close() { c.closed = true }

// Bad: closes the connection "when the context ends", which is never.
func serveBackground(c *bgConn) {
	ctx := context.Background()
	go func() {
		<-ctx.Done() // want `goroutine started by goroutineleak.serveBackground blocks forever in <-ctx.Done\(\): ctx comes from context.Background or TODO and nothing can cancel it`
		c.Close()
	}()
}

func closeOnDone(ctx context.Context, c *bgConn) {
	<-ctx.Done() // want `goroutine started by goroutineleak.serveTODO blocks forever in <-ctx.Done\(\): ctx comes from context.Background or TODO`
	c.Close()
}

// Bad: a named function handed context.TODO().
func serveTODO(c *bgConn) {
	go closeOnDone(context.TODO(), c)
}

// Good: the context is cancelled when the function returns.
func serveCancelled(c *bgConn) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go closeOnDone(ctx, c) // ok: cancel ends the wait
}

// Good: the caller's context, which the caller may cancel.
func serveCallers(ctx context.Context, c *bgConn) {
	go closeOnDone(ctx, c) // ok: not known to be uncancellable
}
