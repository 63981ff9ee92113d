package ctxdone

import (
	"context"
	"net"
	"time"
)

// Good: the handler bounds every read by a deadline it sets on the
// connection: it cannot wait forever, whatever ctx does.
func ServeConns(ctx context.Context, l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go echoDeadline(ctx, conn) // ok: the reads have a deadline
	}
}

func echoDeadline(ctx context.Context, c net.Conn) {
	defer c.Close()
	buf := make([]byte, 512)
	for {
		_ = c.SetReadDeadline(time.Now().Add(time.Minute))
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		_, _ = c.Write(buf[:n])
	}
}

// Bad: the near miss: no deadline, and ctx is never looked at: a silent
// peer holds the goroutine after ctx is cancelled.
func ServeConnsBlind(ctx context.Context, l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go echo(ctx, conn) // want `goroutine started with ctx never observes it: it may wait forever on call to \(net.Conn\).Read`
	}
}

func echo(ctx context.Context, c net.Conn) {
	defer c.Close()
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		_, _ = c.Write(buf[:n])
	}
}

// Good: the reader ignores ctx, but the function closes the connection
// once ctx is done, which ends the read.
func ReadUntilDone(ctx context.Context, conn net.Conn) {
	go echo(ctx, conn) // ok: conn is closed when ctx is done
	go func() {
		<-ctx.Done()
		conn.Close()
	}()
}

// Good: the same through context.AfterFunc.
func ReadAfterFunc(ctx context.Context, conn net.Conn) {
	context.AfterFunc(ctx, func() { conn.Close() })
	go echo(ctx, conn) // ok: conn is closed when ctx is done
}

// Bad: the near miss: the connection is closed when quit is, which has
// nothing to do with ctx.
func ReadUntilQuit(ctx context.Context, conn net.Conn, quit <-chan struct{}) {
	go echo(ctx, conn) // want `goroutine started with ctx never observes it: it may wait forever on call to \(net.Conn\).Read`
	go func() {
		<-quit
		conn.Close()
	}()
}

// Bad: the near miss: another connection is closed on cancellation.
func ReadOtherClosed(ctx context.Context, conn, other net.Conn) {
	go echo(ctx, conn) // want `goroutine started with ctx never observes it: it may wait forever on call to \(net.Conn\).Read`
	go func() {
		<-ctx.Done()
		other.Close()
	}()
}
