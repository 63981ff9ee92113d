package ctxdone

import (
	"context"
	"crypto/tls"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"time"

	"ctxdone/dep"
)

// Bad: Query while ctx is at hand.
func Lookup(ctx context.Context, db *sql.DB, id int) error {
	rows, err := db.Query("SELECT name FROM t WHERE id = ?", id) // want `call to \(\*sql.DB\).Query ignores ctx: cancelling ctx does not stop it \(use QueryContext\(ctx, ...\)\)`
	if err != nil {
		return err
	}
	return rows.Close()
}

// Bad: Ping while ctx is at hand; PingContext takes nothing but ctx.
func ConnectDB(ctx context.Context, db *sql.DB) error {
	return db.Ping() // want `call to \(\*sql.DB\).Ping ignores ctx: cancelling ctx does not stop it \(use PingContext\(ctx\)\)`
}

// Good: QueryContext.
func LookupCtx(ctx context.Context, db *sql.DB, id int) error {
	rows, err := db.QueryContext(ctx, "SELECT name FROM t WHERE id = ?", id) // ok
	if err != nil {
		return err
	}
	return rows.Close()
}

// Good: no context at hand.
func LookupNoCtx(db *sql.DB) error {
	_, err := db.Exec("DELETE FROM t") // ok: no context in scope
	return err
}

// Bad: Exec in a transaction, inside a closure that does not capture ctx yet.
func Purge(ctx context.Context, tx *sql.Tx) error {
	do := func() error {
		_, err := tx.Exec("DELETE FROM t") // want `call to \(\*sql.Tx\).Exec ignores ctx`
		return err
	}
	return do()
}

// Bad: exec.Command and http.NewRequest have context variants.
func Spawn(ctx context.Context, url string) error {
	cmd := exec.Command("true") // want `call to exec.Command ignores ctx: cancelling ctx does not stop it \(use CommandContext\(ctx, ...\)\)`
	if err := cmd.Run(); err != nil {
		return err
	}
	req, err := http.NewRequest("GET", url, nil) // want `call to http.NewRequest ignores ctx: .*\(use NewRequestWithContext\(ctx, ...\)\)`
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Good: the near miss: the request is only built here and handed to a
// job that attaches its own per-run context before it sends it: no wait
// here ignores ctx.
func BuildJob(ctx context.Context, url string, schedule func(*http.Request)) error {
	req, err := http.NewRequest("GET", url, nil) // ok: nothing here sends it
	if err != nil {
		return err
	}
	schedule(req)
	return ctx.Err()
}

// Good: a call with a context variant that does not wait: the context
// would change no wait (a config reader whose variant only passes ctx on
// to secret lookups).
func ReadConfig(ctx context.Context, c *dep.Client) (string, error) {
	return c.Name() // ok: Name does not wait
}

// Good: a dial through a dialer whose Timeout is set ends within it,
// cancelled or not.
func ConnectBounded(ctx context.Context, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 3 * time.Second}
	return d.Dial("tcp", addr) // ok: bounded by the dialer's Timeout
}

// Bad: the near miss: the same dialer with no Timeout waits as long as
// the peer takes.
func ConnectUnbounded(ctx context.Context, addr string) (net.Conn, error) {
	d := &net.Dialer{KeepAlive: time.Minute}
	return d.Dial("tcp", addr) // want `call to \(\*net.Dialer\).Dial ignores ctx`
}

// Bad: the handler's request context is at hand.
func Handle(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	_, _ = db.Exec("UPDATE t SET n = n + 1") // want `call to \(\*sql.DB\).Exec ignores r.Context\(\)`
}

// Bad: net.Dial's variant lives on net.Dialer; no automatic fix.
func Connect(ctx context.Context, addr string) (net.Conn, error) {
	return net.Dial("tcp", addr) // want `call to net.Dial ignores ctx: .*\(use \(&net.Dialer\{\}\).DialContext\(ctx, ...\)\)`
}

// Bad: a method of another package with a FetchContext sibling.
func Remote(ctx context.Context, c *dep.Client) (string, error) {
	return c.Fetch("k") // want `call to \(\*dep.Client\).Fetch ignores ctx: .*\(use FetchContext\(ctx, ...\)\)`
}

// Good: the variant's parameters differ, so it is not a drop-in sibling.
func RemoteGet(ctx context.Context, c *dep.Client) (string, error) {
	return c.Get("k") // ok: GetContext is not Get with a context first
}

// Good: Background is not an accepted context (ctxtimeout's business).
func OwnContext(db *sql.DB) error {
	ctx := context.Background()
	_ = ctx
	_, err := db.Exec("DELETE FROM t") // ok: no accepted context
	return err
}

// Good: the request is given ctx before it is sent.
func LaterCtx(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequest("GET", url, nil) // ok: req.WithContext(ctx) below
	if err != nil {
		return err
	}
	req = req.WithContext(ctx)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Good: the request is given ctx before it is sent, in a variable that
// a retry closure captures (rain's HTTP tracker).
func LaterCtxCaptured(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequest("GET", url, nil) // ok: req = req.WithContext(ctx) below, read back by the closure
	if err != nil {
		return err
	}
	req = req.WithContext(ctx)
	send := func() error {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	return send()
}

// Bad: the captured request is never given ctx.
func NoCtxCaptured(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequest("GET", url, nil) // want `call to http.NewRequest ignores ctx`
	if err != nil {
		return err
	}
	send := func() error {
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	return send()
}

// Good: the deprecated Cancel field carries ctx.Done().
func LaterCancel(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequest("GET", url, nil) // ok: req.Cancel = ctx.Done() below
	if err != nil {
		return err
	}
	req.Cancel = ctx.Done()
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Good: the handshake runs in a goroutine raced against ctx.Done(), and
// closing the connection stops it.
func Handshake(ctx context.Context, db *sql.DB) error {
	errc := make(chan error, 1)
	go func() {
		errc <- db.Ping() // ok: the goroutine's parent selects on ctx.Done()
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		_ = db.Close()
		return ctx.Err()
	}
}

// Good: a blank context parameter ignores the context on purpose.
func Dialer(ctx context.Context, db *sql.DB) func(context.Context) error {
	return func(context.Context) error {
		return db.Ping() // ok: the closure discards its context explicitly
	}
}

// Bad, with no fix: buf is read after the call, so dep.FillContext could
// return while still writing into it.
func Header(ctx context.Context) byte {
	buf := make([]byte, 8)
	if _, err := dep.Fill(buf); err != nil { // want `call to dep.Fill ignores ctx: cancelling ctx does not stop it \(FillContext exists, but it may return on cancellation while still writing into buf, which is used after the call: not a drop-in replacement\)`
		return 0
	}
	return buf[0]
}

// Bad, with the fix: the buffer is not used after the call.
func Probe(ctx context.Context) (int, error) {
	buf := make([]byte, 8)
	return dep.Fill(buf) // want `call to dep.Fill ignores ctx: cancelling ctx does not stop it \(use FillContext\(ctx, ...\)\)`
}

// Pipeline is this package's own API, with a context-free Wait and its
// WaitContext variant.
type Pipeline struct{ done chan struct{} }

// Wait returns when the batch is complete.
func (b *Pipeline) Wait() error {
	<-b.done
	return nil
}

// WaitContext returns when the batch is complete or ctx is cancelled.
func (b *Pipeline) WaitContext(ctx context.Context) error {
	select {
	case <-b.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Good: the package chooses its own Wait over its own WaitContext (as
// go-redis's processBlocking does: the pooled batch is recycled right
// after and must be complete); the author wrote both and chose. Its
// summary still says it ignores its context: true, and what callers in
// other packages are told.
func Process(ctx context.Context, b *Pipeline) error { // want Process:`ignoresContext\(call to \(\*Pipeline\).Wait, which blocks on receive from channel b.done,\)`
	return b.Wait() // ok: both variants are this package's API (passutil.OwnAPI)
}

// Bad: the same choice made on another package's API still reports.
func ProcessRemote(ctx context.Context, c *dep.Client) error {
	_, err := c.Fetch("k") // want `call to \(\*dep.Client\).Fetch ignores ctx`
	return err
}

// A proxy whose client has a Timeout: each exchange ends within it,
// whether or not the browser goes away.
func ProxyBounded(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Timeout: 10 * time.Second}
	req, err := http.NewRequest("GET", "http://upstream/", nil) // ok: sent only by a client with a Timeout
	if err != nil {
		return
	}
	req.Header.Set("User-Agent", "proxy")
	resp, err := client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// Bad: the client has no Timeout.
func ProxyUnbounded(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{}
	req, err := http.NewRequest("GET", "http://upstream/", nil) // want `call to http.NewRequest ignores r.Context\(\)`
	if err != nil {
		return
	}
	resp, err := client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// Good: the near miss of a request built without ctx: the configuration
// handed to the dial holds no context, so NewTLSContext would change no
// wait (the dial itself is what ignores ctx).
func ConnectSecure(ctx context.Context, addr string) (net.Conn, error) {
	conf, err := dep.NewTLS("example.com") // ok: a *tls.Config carries no context
	if err != nil {
		return nil, err
	}
	return tls.Dial("tcp", addr, conf) // want `call to tls.Dial ignores ctx`
}

// The package's shared client, configured with a Timeout by its
// initializer (iris's cache client).
var boundedClient = &http.Client{Timeout: 5 * time.Second}

// A request sent only through that client ends within its Timeout.
func FetchShared(ctx context.Context, url string) error {
	req, err := http.NewRequest("GET", url, nil) // ok: sent only by a client with a Timeout
	if err != nil {
		return err
	}
	resp, err := boundedClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// A package-level client with no Timeout bounds nothing.
var unboundedClient = &http.Client{}

// Bad: the shared client waits without a bound.
func FetchSharedUnbounded(ctx context.Context, url string) error {
	req, err := http.NewRequest("GET", url, nil) // want `call to http.NewRequest ignores ctx`
	if err != nil {
		return err
	}
	resp, err := unboundedClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

type tlsDialer struct{}

// Bad: the TLS handshake ignores ctx, and nothing ends it when ctx is
// cancelled.
func (d *tlsDialer) handshake(ctx context.Context, raw net.Conn, conf *tls.Config) (*tls.Conn, error) {
	conn := tls.Client(raw, conf)
	if err := conn.Handshake(); err != nil { // want `call to \(\*tls.Conn\).Handshake ignores ctx`
		return nil, err
	}
	return conn, nil
}

// Good: a watcher closes the raw connection once ctx is done, which ends
// the handshake: cancelling ctx does stop it.
func (d *tlsDialer) handshakeWatched(ctx context.Context, raw net.Conn, conf *tls.Config) (*tls.Conn, error) {
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			raw.Close()
		case <-done:
		}
	}()
	conn := tls.Client(raw, conf)
	if err := conn.Handshake(); err != nil { // ok: the watcher closes raw on cancellation
		return nil, err
	}
	return conn, nil
}

// Good: the same with context.AfterFunc.
func (d *tlsDialer) handshakeAfterFunc(ctx context.Context, raw net.Conn, conf *tls.Config) (*tls.Conn, error) {
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()
	conn := tls.Client(raw, conf)
	if err := conn.Handshake(); err != nil { // ok: AfterFunc closes raw on cancellation
		return nil, err
	}
	return conn, nil
}

// Good: the request is sent, inside a closure the function runs, by a
// client made outside it with a Timeout: the wait is bounded either way.
func probeInClosure(ctx context.Context, url string, run func(func() error) error) error {
	client := &http.Client{Timeout: 5 * time.Second}
	return run(func() error {
		req, err := http.NewRequest("GET", url, nil) // ok: the captured client has a Timeout
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
}
