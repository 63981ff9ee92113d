package dep

import (
	"context"
	"crypto/tls"
	"net"
)

// NewTLS builds a TLS configuration; NewTLSContext hands ctx to the
// lookups of its secrets only: the *tls.Config it returns holds no
// context.
func NewTLS(name string) (*tls.Config, error) { return NewTLSContext(context.Background(), name) }

func NewTLSContext(ctx context.Context, name string) (*tls.Config, error) {
	return &tls.Config{ServerName: name}, ctx.Err()
}

type Client struct{}

// Fetch has a context-taking variant, FetchContext.
func (c *Client) Fetch(key string) (string, error) { return c.FetchContext(context.Background(), key) }

// FetchContext asks a server for key: it waits on the network.
func (c *Client) FetchContext(ctx context.Context, key string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", key)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	return key, nil
}

// Name reads the client's configured name; NameContext only hands its
// context to a lookup that does not wait.
func (c *Client) Name() (string, error) { return c.NameContext(context.Background()) }

func (c *Client) NameContext(ctx context.Context) (string, error) { return "client", nil }

// Get's variant takes different parameters: not a mechanical sibling.
func (c *Client) Get(key string) (string, error) { return key, nil }

func (c *Client) GetContext(ctx context.Context, key string, n int) (string, error) { return key, nil }

// Drain takes ctx but never looks at it while it waits on in.
func Drain(ctx context.Context, in <-chan int) {
	for range in {
	}
}

// DrainCtx returns when ctx is cancelled.
func DrainCtx(ctx context.Context, in <-chan int) {
	for {
		select {
		case _, ok := <-in:
			if !ok {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// Fill reads into buf from the network.
func Fill(buf []byte) (int, error) {
	conn, err := net.Dial("tcp", "data.example:80")
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	return conn.Read(buf)
}

// FillContext returns when ctx is cancelled, but the read it started goes
// on writing into buf: not a drop-in for Fill when buf is read later.
func FillContext(ctx context.Context, buf []byte) (int, error) {
	type res struct{ n int }
	done := make(chan res, 1)
	go func() {
		n, _ := Fill(buf)
		done <- res{n}
	}()
	select {
	case r := <-done:
		return r.n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
