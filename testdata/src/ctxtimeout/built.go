package ctxtimeout

import (
	"net"
	"net/http"
	"time"

	"ctxtimeout/dep"
)

func newServer(h http.Handler) *http.Server {
	return &http.Server{Addr: ":8080", Handler: h}
}

func newServerTimed(h http.Handler) *http.Server {
	return &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 10 * time.Second}
}

// NewServer is exported: its fact carries the summary to other packages.
func NewServer(h http.Handler) *http.Server { // want NewServer:`unconfigured\(http.Server\)`
	return newServer(h)
}

// Bad: the constructor sets no read timeout.
func ServeBuilt(h http.Handler) error {
	srv := newServer(h)
	return srv.ListenAndServe() // want `\(\*http\.Server\)\.ListenAndServe with no ReadHeaderTimeout nor ReadTimeout set`
}

// Good: the constructor sets ReadHeaderTimeout.
func ServeBuiltTimed(h http.Handler) error {
	return newServerTimed(h).ListenAndServe() // ok: ReadHeaderTimeout set in newServerTimed
}

// Good: the caller sets it on what the constructor returned.
func ServeBuiltConfigured(h http.Handler) error {
	srv := newServer(h)
	srv.ReadHeaderTimeout = 10 * time.Second
	return srv.ListenAndServe() // ok: configured after construction
}

// Bad: a client from another package's constructor, known through its fact.
func FetchBuilt(url string) error {
	c := dep.NewClient()
	resp, err := c.Get(url) // want `\(\*http\.Client\)\.Get with a client that has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Good: that package's other constructor sets a Timeout.
func FetchBuiltTimed(url string) error {
	resp, err := dep.NewTimedClient().Get(url) // ok: Timeout set
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Bad: a Dialer declared by value is copied into its variable; its
// literal sets only KeepAlive.
func DialKeepAlive(addr string) error {
	d := net.Dialer{KeepAlive: 30 * time.Second}
	conn, err := d.Dial("tcp", addr) // want `\(\*net\.Dialer\)\.Dial with a Dialer that has no Timeout`
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("ping\n"))
	return err
}

// Good: the literal sets Timeout.
func DialKeepAliveTimed(addr string) error {
	d := net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	conn, err := d.Dial("tcp", addr) // ok: Timeout set
	if err != nil {
		return err
	}
	_ = conn.Close()
	return nil
}

func keepAliveDialer() net.Dialer { return net.Dialer{KeepAlive: 30 * time.Second} }

// Bad: the same through a constructor returning the Dialer by value.
func DialBuilt(addr string) error {
	d := keepAliveDialer()
	conn, err := d.Dial("tcp", addr) // want `\(\*net\.Dialer\)\.Dial with a Dialer that has no Timeout`
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("ping\n"))
	return err
}

// Bad: the Transport sets a TLS handshake timeout and a dialer, but
// nothing bounds the wait for the response.
func FetchTransport(url string) error {
	d := &net.Dialer{KeepAlive: 30 * time.Second}
	c := &http.Client{Transport: &http.Transport{DialContext: d.DialContext, TLSHandshakeTimeout: 10 * time.Second}}
	resp, err := c.Get(url) // want `\(\*http\.Client\)\.Get with a client that has no Timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Good: the Transport sets ResponseHeaderTimeout and its dialer Timeout.
func FetchTransportTimed(url string) error {
	d := &net.Dialer{Timeout: 5 * time.Second}
	c := &http.Client{Transport: &http.Transport{DialContext: d.DialContext, ResponseHeaderTimeout: 10 * time.Second}}
	resp, err := c.Get(url) // ok: the Transport bounds the wait for the response
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// logging is a custom RoundTripper: whatever it wraps is trusted.
type logging struct{ next http.RoundTripper }

func (l logging) RoundTrip(r *http.Request) (*http.Response, error) { return l.next.RoundTrip(r) }

// Good: a custom RoundTripper may bound the request itself.
func FetchCustom(url string) error {
	c := &http.Client{Transport: logging{next: http.DefaultTransport}}
	resp, err := c.Get(url) // ok: a custom RoundTripper is trusted
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// servers builds its server through a function-valued field every store
// of which is in this package: internal/callees resolves the call.
type servers struct {
	build func(http.Handler) *http.Server
}

// Bad: the field only ever holds newServer, which sets no read timeout.
func ServeFieldBuilt(h http.Handler) error {
	s := &servers{build: newServer}
	return s.build(h).ListenAndServe() // want `\(\*http\.Server\)\.ListenAndServe with no ReadHeaderTimeout nor ReadTimeout set`
}

// Good: the twin field only ever holds newServerTimed.
type timedServers struct {
	build func(http.Handler) *http.Server
}

func ServeFieldBuiltTimed(h http.Handler) error {
	s := &timedServers{build: newServerTimed}
	return s.build(h).ListenAndServe() // ok: ReadHeaderTimeout set in newServerTimed
}

// Builders exposes its constructor: other packages may store any there.
type Builders struct {
	Build func(http.Handler) *http.Server
}

// Good: what an exported field holds is not all in view.
func ServeExportedBuilt(b *Builders, h http.Handler) error {
	b.Build = newServer
	return b.Build(h).ListenAndServe() // ok: the field is exported
}

// Good (near miss): a reachability probe: the connection is only closed,
// so the only wait is the TCP connect, which the system gives up on.
func ProbeKeepAlive(addr string) bool {
	d := keepAliveDialer()
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		return false
	}
	_ = conn.Close()
	return true
}

// Good (near miss): the same with net.Dial.
func Probe(addr string) bool {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return false
	}
	defer conn.Close()
	return conn != nil
}
