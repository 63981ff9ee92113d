package ctxtimeout

import (
	"context"
	"database/sql"
	"net"
	"time"

	"ctxtimeout/dep"
)

func queryBackground(db *sql.DB) {
	rows, _ := db.QueryContext(context.Background(), "SELECT 1") // want `\(\*sql\.DB\)\.QueryContext is given a context with no deadline \(context\.Background\(\)\): an unresponsive peer blocks this call forever`
	_ = rows
}

func queryWithTimeout(db *sql.DB) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rows, _ := db.QueryContext(ctx, "SELECT 1") // ok: WithTimeout + defer cancel()
	_ = rows
}

func QueryCallerCtx(ctx context.Context, db *sql.DB) { // want QueryCallerCtx:`netio\(param 0: \(\*sql\.DB\)\.ExecContext\)`
	_, _ = db.ExecContext(ctx, "DELETE FROM t") // ok: the caller's context, the caller's deadline
}

func queryThroughCancelAndValue(db *sql.DB) {
	ctx, cancel := context.WithCancel(context.TODO())
	defer cancel()
	ctx = context.WithValue(ctx, "k", "v")
	_ = db.PingContext(ctx) // want `PingContext is given a context with no deadline \(context\.TODO\(\)\)`
}

func queryCancelOnTimer(db *sql.DB) {
	ctx, cancel := context.WithCancel(context.Background())
	t := time.AfterFunc(time.Second, cancel)
	defer t.Stop()
	_ = db.PingContext(ctx) // ok: cancel fires on a timer, a deadline in disguise
}

func queryDetachedFromCaller(ctx context.Context, db *sql.DB) {
	_ = db.PingContext(context.WithoutCancel(ctx)) // want `context\.WithoutCancel drops the deadline`
}

func queryDetachedThenBounded(ctx context.Context, db *sql.DB) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	_ = db.PingContext(ctx) // ok: a fresh deadline after detaching
}

// NewCtx is a helper whose context never has a deadline.
func NewCtx() context.Context { // want NewCtx:"nodeadline"
	return context.WithValue(context.Background(), "req", 1)
}

func queryHelperCtx(db *sql.DB) {
	_ = db.PingContext(NewCtx()) // want `given a context with no deadline \(from ctxtimeout\.NewCtx, which returns context\.Background\(\)\)`
}

func queryHelperCtxBounded(db *sql.DB) {
	ctx, cancel := context.WithTimeout(NewCtx(), time.Second)
	defer cancel()
	_ = db.PingContext(ctx) // ok: bounded after the helper
}

// Lookup passes its caller's context on: the call sites are judged.
func Lookup(ctx context.Context, db *sql.DB) error { // want Lookup:`netio\(param 0: \(\*sql\.DB\)\.QueryRowContext\)`
	return db.QueryRowContext(ctx, "SELECT 1").Err() // ok: the caller's context
}

// lookupBounded adds a timeout itself.
func lookupBounded(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return Lookup(ctx, db) // ok: bounded here
}

func wrapperBackground(db *sql.DB) {
	_ = Lookup(context.Background(), db)        // want `ctxtimeout\.Lookup, which passes it to \(\*sql\.DB\)\.QueryRowContext, is given a context with no deadline`
	_ = lookupBounded(context.Background(), db) // ok: the wrapper adds a timeout
}

func closureBackground(db *sql.DB) {
	ctx := context.Background()
	go func() {
		_ = db.PingContext(ctx) // want `PingContext is given a context with no deadline \(context\.Background\(\)\)`
	}()
}

func crossPackage(db *sql.DB, s *dep.Store) {
	_ = dep.Lookup(context.Background(), db, 1)        // want `dep\.Lookup, which passes it to \(\*sql\.DB\)\.QueryRowContext, is given a context with no deadline`
	_ = dep.LookupBounded(context.Background(), db, 1) // ok: dep adds a timeout (no fact)
	_ = s.Put("k", context.TODO())                     // want `\(\*dep\.Store\)\.Put, which passes it to \(\*sql\.DB\)\.ExecContext, is given a context with no deadline \(context\.TODO\(\)\)`
	_ = db.PingContext(dep.Detached())                 // want `from dep\.Detached, which returns context\.Background\(\)`
}

func CrossPackageOK(ctx context.Context, db *sql.DB) { // want CrossPackageOK:`netio\(param 0: \(\*sql\.DB\)\.QueryRowContext\)`
	_ = dep.Lookup(ctx, db, 1)                // ok: the caller's context
	_ = db.PingContext(dep.OrBackground(ctx)) // ok: OrBackground returns the caller's context when there is one
}

func dialBackground() (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(context.Background(), "tcp", "example.com:80") // want `\(\*net\.Dialer\)\.DialContext is given a context with no deadline`
}

func dialBackgroundBoundedDialer() (net.Conn, error) {
	d := &net.Dialer{Timeout: 10 * time.Second}
	return d.DialContext(context.Background(), "tcp", "example.com:80") // ok: Dialer.Timeout
}

func dialUserDialer(d *net.Dialer) (net.Conn, error) {
	return d.DialContext(context.Background(), "tcp", "example.com:80") // ok: the user's Dialer may have a Timeout
}

// Repo offers a context-free entry point beside the context-taking one.
type Repo struct{ db *sql.DB }

func (r *Repo) Count() (int, error) {
	return r.CountContext(context.Background()) // ok: Count is the context-free variant of CountContext; its callers chose it
}

func (r *Repo) CountContext(ctx context.Context) (int, error) { // want CountContext:`netio\(param 0: \(\*sql\.DB\)\.QueryRowContext\)`
	var n int
	err := r.db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n) // ok: the caller's context
	return n, err
}

// Store spells its context-taking variants with a Ctx suffix.
type Store struct{ db *sql.DB }

func (s *Store) Size() (int, error) {
	return s.SizeCtx(context.Background()) // ok: Size is the context-free variant of SizeCtx; its callers chose it
}

func (s *Store) SizeCtx(ctx context.Context) (int, error) { // want SizeCtx:`netio\(param 0: \(\*sql\.DB\)\.QueryRowContext\)`
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n) // ok: the caller's context
	return n, err
}

func (s *Store) Rows() (int, error) {
	return s.SizeCtx(context.Background()) // want `\(\*ctxtimeout\.Store\)\.SizeCtx, which passes it to \(\*sql\.DB\)\.QueryRowContext, is given a context with no deadline`
}

func (r *Repo) Total() (int, error) {
	return r.CountContext(context.Background()) // want `\(\*ctxtimeout\.Repo\)\.CountContext, which passes it to \(\*sql\.DB\)\.QueryRowContext, is given a context with no deadline`
}

func queryConfigurableTimeout(db *sql.DB, timeout time.Duration) {
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	_ = db.PingContext(ctx) // ok: a deadline on some path: 0 means "no timeout" by the user's choice
}

func QueryNilFallback(ctx context.Context, db *sql.DB) { // want QueryNilFallback:`netio\(param 0: \(\*sql\.DB\)\.PingContext\)`
	if ctx == nil {
		ctx = context.Background()
	}
	_ = db.PingContext(ctx) // ok: the caller's context when there is one
}

func queryEitherBackground(db *sql.DB, b bool) {
	ctx := context.Background()
	if b {
		ctx = context.WithValue(context.TODO(), "k", 1)
	}
	_ = db.PingContext(ctx) // want `PingContext is given a context with no deadline`
}

// One context with no deadline feeding several calls is one problem: it is
// reported once, at its first use.
func querySharedBackground(db *sql.DB) {
	ctx := context.Background()
	_, _ = db.ExecContext(ctx, "DELETE FROM a") // want `ExecContext is given a context with no deadline`
	_, _ = db.ExecContext(ctx, "DELETE FROM b") // ok: same context, already reported
}

// lookups calls Lookup through a function-valued field every store of
// which is in this package: internal/callees resolves the call.
type lookups struct {
	run func(context.Context, *sql.DB) error
}

func newLookups() *lookups { return &lookups{run: Lookup} }

func fieldWrapperBackground(db *sql.DB) {
	l := newLookups()
	_ = l.run(context.Background(), db) // want `ctxtimeout\.Lookup, which passes it to \(\*sql\.DB\)\.QueryRowContext, is given a context with no deadline`
}

// Hooks exposes its lookup: other packages may store any function there.
type Hooks struct {
	Run func(context.Context, *sql.DB) error
}

func exportedFieldBackground(h *Hooks, db *sql.DB) {
	_ = h.Run(context.Background(), db) // ok: the field is exported: what it holds is not all in view
}

// counter has one implementation in this package, Repo.
type counter interface {
	CountContext(ctx context.Context) (int, error)
}

func ifaceWrapperBackground(r *Repo) {
	var c counter = r
	_, _ = c.CountContext(context.Background()) // want `\(\*ctxtimeout\.Repo\)\.CountContext, which passes it to \(\*sql\.DB\)\.QueryRowContext, is given a context with no deadline`
}

func ifaceWrapperBounded(r *Repo) {
	var c counter = r
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, _ = c.CountContext(ctx) // ok: bounded here
}

// ctxSource makes contexts through a function-valued field every store of
// which is in this package.
type ctxSource struct{ make func() context.Context }

func fieldCtxBackground(db *sql.DB) {
	s := &ctxSource{make: NewCtx}
	_ = db.PingContext(s.make()) // want `\(\*sql\.DB\)\.PingContext is given a context with no deadline`
}

// boundedSource's field holds a function whose context has a deadline.
type boundedSource struct {
	make func() (context.Context, context.CancelFunc)
}

func withDeadline() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), time.Second)
}

func fieldCtxBounded(db *sql.DB) {
	s := &boundedSource{make: withDeadline}
	ctx, cancel := s.make()
	defer cancel()
	_ = db.PingContext(ctx) // ok: withDeadline's context has one
}

// connector puts a deadline on its caller's context when its user
// configured a timeout (go-sql-driver/mysql's connector.Connect):
// the deadline is somewhere on the path, so it is no pass-through.
type connector struct {
	db      *sql.DB
	timeout time.Duration
}

func (c *connector) connect(ctx context.Context) error {
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	return c.db.PingContext(ctx) // ok: its own deadline when configured
}

func (c *connector) connectFallback(ctx context.Context) error {
	if ctx == nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.Background(), c.timeout)
		defer cancel()
	}
	return c.db.PingContext(ctx) // ok: the caller's context when there is one
}

func openConfigured(c *connector) error {
	return c.connect(context.Background()) // ok: connect adds the configured timeout before its I/O
}

func openConfiguredDep(c *dep.Connector) error {
	return c.Connect(context.Background()) // ok: the same, through facts
}

func openFallback(c *connector) error {
	return c.connectFallback(context.Background()) // want `\(\*ctxtimeout\.connector\)\.connectFallback, which passes it to \(\*sql\.DB\)\.PingContext, is given a context with no deadline`
}

func openFallbackDep(c *dep.Connector) error {
	return c.ConnectFallback(context.Background()) // want `\(\*dep\.Connector\)\.ConnectFallback, which passes it to \(\*sql\.DB\)\.PingContext, is given a context with no deadline`
}
