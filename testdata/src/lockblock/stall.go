package lockblock

import (
	"context"
	"net"
	"net/http"
	"os/exec"
	"sync"
	"time"
)

// The stall category: outbound I/O with no deadline the analysis can see,
// under a mutex that other functions also take.
type fetcher struct {
	mu    sync.Mutex
	cache map[string][]byte
}

// Bad: http.Get uses the default client, which has no timeout.
func (f *fetcher) refresh(url string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	resp, err := http.Get(url) // want `stall: call to net/http.Get while f.mu is held, and http.DefaultClient has no timeout: every caller of f.mu`
	if err == nil {
		resp.Body.Close()
	}
}

func (f *fetcher) lookup(k string) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cache[k]
}

// Bad: a dial with a context that has no deadline.
func (f *fetcher) connect(addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var d net.Dialer
	conn, err := d.DialContext(context.Background(), "tcp", addr) // want `stall: call to \(\*net.Dialer\).DialContext while f.mu is held, and its context has no deadline`
	if err == nil {
		conn.Close()
	}
}

// Bad: a command that nothing can time out.
func (f *fetcher) rebuild() {
	f.mu.Lock()
	defer f.mu.Unlock()
	_ = exec.Command("make").Run() // want `stall: call to \(\*os/exec.Cmd\).Run while f.mu is held, and a command made by exec.Command cannot be cancelled or timed out`
}

// Good: the context carries a deadline.
func (f *fetcher) connectBounded(addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr) // ok: bounded by the timeout
	if err == nil {
		conn.Close()
	}
}

// Good: the deadline may come from the caller's context.
func (f *fetcher) connectCaller(ctx context.Context, addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr) // ok: the caller's deadline
	if err == nil {
		conn.Close()
	}
}

// Good: a mutex that only this function takes keeps no one else waiting.
type solo struct{ mu sync.Mutex }

func (s *solo) fetch(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	resp, err := http.Get(url) // ok: no other function waits for s.mu
	if err == nil {
		resp.Body.Close()
	}
}

// Bad: a dialer literal that sets other fields but no Timeout.
func (f *fetcher) connectKeepAlive(addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := net.Dialer{KeepAlive: time.Minute}
	conn, err := d.DialContext(context.Background(), "tcp", addr) // want `stall: call to \(\*net.Dialer\).DialContext while f.mu is held, and its context has no deadline`
	if err == nil {
		conn.Close()
	}
}

// Good: the dialer has a Timeout, which bounds the dial whatever the
// context.
func (f *fetcher) connectDialerTimeout(addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := net.Dialer{Timeout: 3 * time.Second}
	conn, err := d.DialContext(context.Background(), "tcp", addr) // ok: the dialer's Timeout
	if err == nil {
		conn.Close()
	}
}

type dialingFetcher struct {
	mu     sync.Mutex
	dialer *net.Dialer
	conn   net.Conn
}

// Good: a dialer configured elsewhere may carry a Timeout.
func (f *dialingFetcher) connect(addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	conn, err := f.dialer.DialContext(context.Background(), "tcp", addr) // ok: the dialer may have a Timeout
	if err == nil {
		f.conn = conn
	}
}

func (f *dialingFetcher) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn != nil {
		f.conn.Close()
	}
}
