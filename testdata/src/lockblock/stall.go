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

// A metrics reporter that (re)connects under its mutex.
type metricsReporter struct {
	mu   sync.Mutex
	conn net.Conn
}

func (r *metricsReporter) dial(network, addr string) error {
	conn, err := net.Dial(network, addr) // ok: every call passes "udp", which waits on no peer
	if err != nil {
		return err
	}
	r.conn = conn
	return nil
}

// Good: the only call of dial binds its network to "udp".
func (r *metricsReporter) Connect(addr string) error {
	const network = "udp"
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dial(network, addr)
}

func (r *metricsReporter) Send(b []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn != nil {
		_, _ = r.conn.Write(b)
	}
}

type streamReporter struct {
	mu   sync.Mutex
	conn net.Conn
}

func (r *streamReporter) dial(network, addr string) error {
	conn, err := net.Dial(network, addr)
	if err != nil {
		return err
	}
	r.conn = conn
	return nil
}

// Bad: the near miss: one call binds the network to "tcp".
func (r *streamReporter) Connect(addr string, stream bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if stream {
		return r.dial("tcp", addr) // want `stall: call to \(\*streamReporter\).dial, which blocks on call to net.Dial`
	}
	return r.dial("udp", addr)
}

func (r *streamReporter) Send(b []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn != nil {
		_, _ = r.conn.Write(b)
	}
}
