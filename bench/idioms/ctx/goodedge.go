package ctxidioms

import (
	"context"
	"crypto/tls"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"
)

// 63. A client with no Timeout whose requests carry the caller's ctx.
type API struct {
	c    *http.Client
	base string
}

func NewAPI(base string) *API {
	return &API{c: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, base: base}
}

func (a *API) Get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := a.c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// 64. Dial a unix socket of a local daemon with a timeout from ctx.
func DialDaemon(ctx context.Context, path string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "unix", path)
}

// 65. A jittered short pause in a loop that checks ctx each iteration.
func Jitter(ctx context.Context, try func() bool) error {
	for !try() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(time.Duration(rand.IntN(100)) * time.Millisecond)
	}
	return nil
}

// 66. sync.Cond wait woken by context.AfterFunc (the context package's
// own example).
func WaitOnCond(ctx context.Context, cond *sync.Cond, conditionMet func() bool) error {
	stopf := context.AfterFunc(ctx, func() {
		cond.L.Lock()
		defer cond.L.Unlock()
		cond.Broadcast()
	})
	defer stopf()
	for !conditionMet() {
		cond.Wait()
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// 67. A TLS handshake with ctx on a dialed conn.
func Handshake(ctx context.Context, raw net.Conn, cfg *tls.Config) (*tls.Conn, error) {
	c := tls.Client(raw, cfg)
	if err := c.HandshakeContext(ctx); err != nil {
		raw.Close()
		return nil, err
	}
	return c, nil
}

// 68. A DialContext implementation on a custom dialer: honours ctx by
// deadline and by closing on cancel.
type ProxyDialer struct{ proxy string }

func (p *ProxyDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: 10 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", p.proxy)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	if _, err := io.WriteString(conn, "CONNECT "+addr+" HTTP/1.1\r\n\r\n"); err != nil {
		conn.Close()
		return nil, err
	}
	buf := make([]byte, 12)
	if _, err := io.ReadFull(conn, buf); err != nil {
		conn.Close()
		return nil, err
	}
	conn.SetDeadline(time.Time{})
	return conn, nil
}

// 69. An exponential backoff capped at 2s, in a loop observing ctx.
func Reconnect(ctx context.Context, dial func(context.Context) error) error {
	delay := 100 * time.Millisecond
	for {
		if err := dial(ctx); err == nil {
			return nil
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		delay = min(delay*2, 2*time.Second)
	}
}

// 70. A goroutine per connection joined on Serve's return; connections
// closed when ctx ends.
func ServeConns(ctx context.Context, ln net.Listener, handle func(context.Context, net.Conn)) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			handle(ctx, conn)
		}()
	}
}

// 71. A write loop draining a queue channel closed by Close, with a write
// deadline per message.
type Writer struct {
	conn  net.Conn
	queue chan []byte
}

func (w *Writer) Loop(ctx context.Context) error {
	for msg := range w.queue {
		w.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := w.conn.Write(msg); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) Close() { close(w.queue) }

// 72. ctx kept for the logger and tracing only; sends to a buffered
// metrics channel with default.
type Metrics struct{ ch chan int }

func (m *Metrics) Observe(ctx context.Context, v int) {
	_ = ctx.Value(reqIDKey{})
	select {
	case m.ch <- v:
	default:
	}
}

// 73. A goroutine started with ctx that closes a done channel the caller
// waits on, and observes ctx.
func StartWatch(ctx context.Context, poll func() bool) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for !poll() {
			select {
			case <-t.C:
			case <-ctx.Done():
				return
			}
		}
	}()
	return done
}

func WaitWatch(ctx context.Context, poll func() bool) error {
	<-StartWatch(ctx, poll)
	return ctx.Err()
}

// 74. A loop receiving from a channel returned by a ctx-taking producer
// (it closes it on cancel).
func CountAll(ctx context.Context, n int) int {
	c := 0
	ch := Gen(ctx, n)
	for {
		_, ok := <-ch
		if !ok {
			return c
		}
		c++
	}
}

// 75. Receive the result of a goroutine that passes ctx to its only
// blocking call (unbuffered, but the receiver always receives).
func Lookup(ctx context.Context, r *net.Resolver, host string) ([]string, error) {
	type res struct {
		addrs []string
		err   error
	}
	ch := make(chan res)
	go func() {
		a, err := r.LookupHost(ctx, host)
		ch <- res{a, err}
	}()
	x := <-ch
	return x.addrs, x.err
}

// 113. A float jitter under a second between polls.
func PollJitter(ctx context.Context, try func(context.Context) bool) {
	for !try(ctx) {
		time.Sleep(time.Duration(250*time.Millisecond) + time.Duration(rand.Float64()*float64(250*time.Millisecond)))
	}
}
