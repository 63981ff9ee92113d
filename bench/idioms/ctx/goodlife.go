package ctxidioms

import (
	"bufio"
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"io"
	"net"
	"os/exec"
	"sync"
	"time"
)

// 88. Start a long-lived child process; ctx bounds only the handshake.
// exec.CommandContext(ctx) would kill the process when the startup
// context ends.
type Plugin struct {
	cmd  *exec.Cmd
	addr string
}

func StartPlugin(ctx context.Context, path string) (*Plugin, error) {
	cmd := exec.Command(path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	select {
	case addr, ok := <-lines:
		if !ok {
			cmd.Process.Kill()
			return nil, errors.New("plugin exited")
		}
		return &Plugin{cmd: cmd, addr: addr}, nil
	case <-ctx.Done():
		cmd.Process.Kill()
		return nil, ctx.Err()
	}
}

// 89. Open a pool with ctx for the first ping.
func OpenDB(ctx context.Context, driver, dsn string) (*sql.DB, error) {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// 90. A connection pool: Get(ctx) waits for a free conn or dials.
type ConnPool struct {
	mu   sync.Mutex
	idle []net.Conn
	sem  chan struct{}
	dial func(context.Context) (net.Conn, error)
}

func (p *ConnPool) Get(ctx context.Context) (net.Conn, error) {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	c, err := p.dial(ctx)
	if err != nil {
		<-p.sem
		return nil, err
	}
	return c, nil
}

func (p *ConnPool) Put(c net.Conn) {
	p.mu.Lock()
	p.idle = append(p.idle, c)
	p.mu.Unlock()
	<-p.sem
}

// 91. A TLS handshake bounded by ctx's deadline on the raw conn, then
// HandshakeContext.
func Upgrade(ctx context.Context, raw net.Conn, cfg *tls.Config) (net.Conn, error) {
	tc := tls.Client(raw, cfg)
	hctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := tc.HandshakeContext(hctx); err != nil {
		return nil, err
	}
	return tc, nil
}

// 92. A copy loop between two connections, ended by closing both when
// ctx ends or one side finishes.
func Splice(ctx context.Context, a, b net.Conn) error {
	stop := context.AfterFunc(ctx, func() {
		a.Close()
		b.Close()
	})
	defer stop()
	errc := make(chan error, 2)
	go func() { _, err := io.Copy(a, b); errc <- err }()
	go func() { _, err := io.Copy(b, a); errc <- err }()
	err := <-errc
	a.Close()
	b.Close()
	<-errc
	return err
}

// 93. A lease keeper that renews until ctx ends, with a timer reset.
func KeepLease(ctx context.Context, ttl time.Duration, renew func(context.Context) error) error {
	t := time.NewTimer(ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if err := renew(ctx); err != nil {
				return err
			}
			t.Reset(ttl / 3)
		}
	}
}

// 94. A debounce loop.
func Debounce(ctx context.Context, in <-chan struct{}, d time.Duration, fire func()) {
	var t *time.Timer
	var c <-chan time.Time
	for {
		select {
		case <-in:
			if t == nil {
				t = time.NewTimer(d)
			} else {
				t.Reset(d)
			}
			c = t.C
		case <-c:
			fire()
			c = nil
		case <-ctx.Done():
			return
		}
	}
}

// 95. A single-flight style dedupe: waiters of an in-flight call select
// on its done channel and their ctx.
type inflight struct {
	done chan struct{}
	val  string
	err  error
}

type Dedupe struct {
	mu sync.Mutex
	m  map[string]*inflight
}

func (d *Dedupe) Do(ctx context.Context, key string, f func(context.Context) (string, error)) (string, error) {
	d.mu.Lock()
	if d.m == nil {
		d.m = make(map[string]*inflight)
	}
	if c, ok := d.m[key]; ok {
		d.mu.Unlock()
		select {
		case <-c.done:
			return c.val, c.err
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	c := &inflight{done: make(chan struct{})}
	d.m[key] = c
	d.mu.Unlock()
	c.val, c.err = f(context.WithoutCancel(ctx))
	close(c.done)
	d.mu.Lock()
	delete(d.m, key)
	d.mu.Unlock()
	return c.val, c.err
}

// 96. A graceful drain: stop accepting, wait for in-flight requests with
// a bound.
type Tracker struct {
	wg sync.WaitGroup
}

func (t *Tracker) Track(ctx context.Context, f func(context.Context)) {
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		f(ctx)
	}()
}

func (t *Tracker) Drain(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		t.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// 97. Read a response header from a conn with a deadline taken from ctx,
// with a fallback.
func ReadGreeting(ctx context.Context, conn net.Conn) (string, error) {
	dl, ok := ctx.Deadline()
	if !ok {
		dl = time.Now().Add(30 * time.Second)
	}
	if err := conn.SetReadDeadline(dl); err != nil {
		return "", err
	}
	defer conn.SetReadDeadline(time.Time{})
	return bufio.NewReader(conn).ReadString('\n')
}
