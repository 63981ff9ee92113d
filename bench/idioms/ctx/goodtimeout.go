package ctxidioms

import (
	"bytes"
	"context"
	"crypto/tls"
	"database/sql"
	"io"
	"net"
	"net/http"
	"net/rpc"
	"time"
)

// 98. A final flush on Close through a client that has a Timeout, with a
// Background context (nothing to inherit at Close).
type Exporter struct {
	client *http.Client
	url    string
	buf    bytes.Buffer
}

func NewExporter(url string) *Exporter {
	return &Exporter{client: &http.Client{Timeout: 10 * time.Second}, url: url}
}

func (e *Exporter) Close() error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, e.url, &e.buf)
	if err != nil {
		return err
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// 99. A background dial with a Dialer timeout.
func DialBackground(addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 3 * time.Second}
	return d.DialContext(context.Background(), "tcp", addr)
}

// 100. A database maintenance job with a timeout derived from Background.
func Vacuum(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := db.ExecContext(ctx, "VACUUM")
	return err
}

// 101. tls.DialWithDialer with a timeout.
func DialSecure(addr string, cfg *tls.Config) (*tls.Conn, error) {
	return tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", addr, cfg)
}

// 102. An RPC client over a dial with timeout and per-call deadline.
func CallRPC(addr string, args, reply any) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	c := rpc.NewClient(conn)
	return c.Call("Svc.Method", args, reply)
}

// 103. A server with every timeout, TLS, shut down by ctx.
func ServeTLS(ctx context.Context, addr, cert, key string, h http.Handler) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           http.TimeoutHandler(h, 30*time.Second, "timeout"),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
	}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	return srv.ListenAndServeTLS(cert, key)
}

// 104. A server built by a constructor that sets ReadHeaderTimeout.
func newServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}
}

func ListenAndServe(addr string, h http.Handler) error {
	return newServer(addr, h).ListenAndServe()
}

// 105. A client whose transport bounds the response header wait, and
// whose requests carry the caller's context.
var streamClient = &http.Client{Transport: &http.Transport{
	DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	ResponseHeaderTimeout: 15 * time.Second,
}}

func StreamBody(ctx context.Context, url string, w io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := streamClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

// 106. A health prober: a per-probe WithTimeout on a long-lived context.
func Probe(ctx context.Context, url string, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		req, _ := http.NewRequestWithContext(pctx, http.MethodGet, url, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
		cancel()
	}
}

// 107. A dialer with a Deadline.
func DialBy(addr string, deadline time.Time) (net.Conn, error) {
	d := net.Dialer{Deadline: deadline}
	return d.Dial("tcp", addr)
}

// 108. A dial whose connection gets deadlines before any I/O.
func Greet(addr string) (string, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 64)
	n, err := conn.Read(buf)
	return string(buf[:n]), err
}
