package ctxtimeout

import (
	"context"
	"database/sql"
	"net"
	"time"

	"ctxtimeout/dep"

	"google.golang.org/grpc"
)

func queryBackground(db *grpc.ClientConn) {
	_ = db.Invoke(context.Background(), "/q", nil, nil) // want `\(\*grpc\.ClientConn\)\.Invoke is given a context with no deadline \(context\.Background\(\)\): an unresponsive peer blocks this call forever`
}

func queryWithTimeout(db *grpc.ClientConn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: WithTimeout + defer cancel()
}

func QueryCallerCtx(ctx context.Context, db *grpc.ClientConn) { // want QueryCallerCtx:`netio\(param 0: \(\*grpc\.ClientConn\)\.Invoke\)`
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: the caller's context, the caller's deadline
}

func queryThroughCancelAndValue(db *grpc.ClientConn) {
	ctx, cancel := context.WithCancel(context.TODO())
	defer cancel()
	ctx = context.WithValue(ctx, "k", "v")
	_ = db.Invoke(ctx, "/q", nil, nil) // want `Invoke is given a context with no deadline \(context\.TODO\(\)\)`
}

func queryCancelOnTimer(db *grpc.ClientConn) {
	ctx, cancel := context.WithCancel(context.Background())
	t := time.AfterFunc(time.Second, cancel)
	defer t.Stop()
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: cancel fires on a timer, a deadline in disguise
}

func queryDetachedFromCaller(ctx context.Context, db *grpc.ClientConn) {
	_ = db.Invoke(context.WithoutCancel(ctx), "/q", nil, nil) // want `context\.WithoutCancel drops the deadline`
}

func queryDetachedThenBounded(ctx context.Context, db *grpc.ClientConn) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: a fresh deadline after detaching
}

// NewCtx is a helper whose context never has a deadline.
func NewCtx() context.Context { // want NewCtx:"nodeadline"
	return context.WithValue(context.Background(), "req", 1)
}

func queryHelperCtx(db *grpc.ClientConn) {
	_ = db.Invoke(NewCtx(), "/q", nil, nil) // want `given a context with no deadline \(from ctxtimeout\.NewCtx, which returns context\.Background\(\)\)`
}

func queryHelperCtxBounded(db *grpc.ClientConn) {
	ctx, cancel := context.WithTimeout(NewCtx(), time.Second)
	defer cancel()
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: bounded after the helper
}

// Lookup passes its caller's context on: the call sites are judged.
func Lookup(ctx context.Context, db *grpc.ClientConn) error { // want Lookup:`netio\(param 0: \(\*grpc\.ClientConn\)\.Invoke\)`
	return db.Invoke(ctx, "/q", nil, nil) // ok: the caller's context
}

// lookupBounded adds a timeout itself.
func lookupBounded(ctx context.Context, db *grpc.ClientConn) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return Lookup(ctx, db) // ok: bounded here
}

func wrapperBackground(db *grpc.ClientConn) {
	_ = Lookup(context.Background(), db)        // want `ctxtimeout\.Lookup, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline`
	_ = lookupBounded(context.Background(), db) // ok: the wrapper adds a timeout
}

func closureBackground(db *grpc.ClientConn) {
	ctx := context.Background()
	go func() {
		_ = db.Invoke(ctx, "/q", nil, nil) // want `Invoke is given a context with no deadline \(context\.Background\(\)\)`
	}()
}

func crossPackage(db *grpc.ClientConn, s *dep.Store) {
	_ = dep.Lookup(context.Background(), db, 1)        // want `dep\.Lookup, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline`
	_ = dep.LookupBounded(context.Background(), db, 1) // ok: dep adds a timeout (no fact)
	_ = s.Put("k", context.TODO())                     // want `\(\*dep\.Store\)\.Put, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline \(context\.TODO\(\)\)`
	_ = db.Invoke(dep.Detached(), "/q", nil, nil)      // want `from dep\.Detached, which returns context\.Background\(\)`
}

func CrossPackageOK(ctx context.Context, db *grpc.ClientConn) { // want CrossPackageOK:`netio\(param 0: \(\*grpc\.ClientConn\)\.Invoke\)`
	_ = dep.Lookup(ctx, db, 1)                           // ok: the caller's context
	_ = db.Invoke(dep.OrBackground(ctx), "/q", nil, nil) // ok: OrBackground returns the caller's context when there is one
}

func dialBackground() (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(context.Background(), "tcp", "example.com:80") // want `\(\*net\.Dialer\)\.DialContext is given a context with no deadline \(context\.Background\(\)\): connecting to an unresponsive host waits until the system gives up \(minutes\)`
}

func dialBackgroundBoundedDialer() (net.Conn, error) {
	d := &net.Dialer{Timeout: 10 * time.Second}
	return d.DialContext(context.Background(), "tcp", "example.com:80") // ok: Dialer.Timeout
}

func dialUserDialer(d *net.Dialer) (net.Conn, error) {
	return d.DialContext(context.Background(), "tcp", "example.com:80") // ok: the user's Dialer may have a Timeout
}

// Repo offers a context-free entry point beside the context-taking one.
type Repo struct{ db *grpc.ClientConn }

func (r *Repo) Count() (int, error) {
	return r.CountContext(context.Background()) // ok: Count is the context-free variant of CountContext; its callers chose it
}

func (r *Repo) CountContext(ctx context.Context) (int, error) { // want CountContext:`netio\(param 0: \(\*grpc\.ClientConn\)\.Invoke\)`
	var n int
	err := r.db.Invoke(ctx, "/q", nil, &n) // ok: the caller's context
	return n, err
}

// Store spells its context-taking variants with a Ctx suffix.
type Store struct{ db *grpc.ClientConn }

func (s *Store) Size() (int, error) {
	return s.SizeCtx(context.Background()) // ok: Size is the context-free variant of SizeCtx; its callers chose it
}

func (s *Store) SizeCtx(ctx context.Context) (int, error) { // want SizeCtx:`netio\(param 0: \(\*grpc\.ClientConn\)\.Invoke\)`
	var n int
	err := s.db.Invoke(ctx, "/q", nil, &n) // ok: the caller's context
	return n, err
}

func (s *Store) Rows() (int, error) {
	return s.SizeCtx(context.Background()) // want `\(\*ctxtimeout\.Store\)\.SizeCtx, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline`
}

func (r *Repo) Total() (int, error) {
	return r.CountContext(context.Background()) // want `\(\*ctxtimeout\.Repo\)\.CountContext, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline`
}

func queryConfigurableTimeout(db *grpc.ClientConn, timeout time.Duration) {
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: a deadline on some path: 0 means "no timeout" by the user's choice
}

func QueryNilFallback(ctx context.Context, db *grpc.ClientConn) { // want QueryNilFallback:`netio\(param 0: \(\*grpc\.ClientConn\)\.Invoke\)`
	if ctx == nil {
		ctx = context.Background()
	}
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: the caller's context when there is one
}

func queryEitherBackground(db *grpc.ClientConn, b bool) {
	ctx := context.Background()
	if b {
		ctx = context.WithValue(context.TODO(), "k", 1)
	}
	_ = db.Invoke(ctx, "/q", nil, nil) // want `Invoke is given a context with no deadline`
}

// One context with no deadline feeding several calls is one problem: it is
// reported once, at its first use.
func querySharedBackground(db *grpc.ClientConn) {
	ctx := context.Background()
	_ = db.Invoke(ctx, "/q", nil, nil) // want `Invoke is given a context with no deadline`
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: same context, already reported
}

// lookups calls Lookup through a function-valued field every store of
// which is in this package: internal/callees resolves the call.
type lookups struct {
	run func(context.Context, *grpc.ClientConn) error
}

func newLookups() *lookups { return &lookups{run: Lookup} }

func fieldWrapperBackground(db *grpc.ClientConn) {
	l := newLookups()
	_ = l.run(context.Background(), db) // want `ctxtimeout\.Lookup, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline`
}

// Hooks exposes its lookup: other packages may store any function there.
type Hooks struct {
	Run func(context.Context, *grpc.ClientConn) error
}

func exportedFieldBackground(h *Hooks, db *grpc.ClientConn) {
	_ = h.Run(context.Background(), db) // ok: the field is exported: what it holds is not all in view
}

// counter has one implementation in this package, Repo.
type counter interface {
	CountContext(ctx context.Context) (int, error)
}

func ifaceWrapperBackground(r *Repo) {
	var c counter = r
	_, _ = c.CountContext(context.Background()) // want `\(\*ctxtimeout\.Repo\)\.CountContext, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline`
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

func fieldCtxBackground(db *grpc.ClientConn) {
	s := &ctxSource{make: NewCtx}
	_ = db.Invoke(s.make(), "/q", nil, nil) // want `\(\*grpc\.ClientConn\)\.Invoke is given a context with no deadline`
}

// boundedSource's field holds a function whose context has a deadline.
type boundedSource struct {
	make func() (context.Context, context.CancelFunc)
}

func withDeadline() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), time.Second)
}

func fieldCtxBounded(db *grpc.ClientConn) {
	s := &boundedSource{make: withDeadline}
	ctx, cancel := s.make()
	defer cancel()
	_ = db.Invoke(ctx, "/q", nil, nil) // ok: withDeadline's context has one
}

// connector puts a deadline on its caller's context when its user
// configured a timeout (go-sql-driver/mysql's connector.Connect):
// the deadline is somewhere on the path, so it is no pass-through.
type connector struct {
	db      *grpc.ClientConn
	timeout time.Duration
}

func (c *connector) connect(ctx context.Context) error {
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	return c.db.Invoke(ctx, "/q", nil, nil) // ok: its own deadline when configured
}

func (c *connector) connectFallback(ctx context.Context) error {
	if ctx == nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.Background(), c.timeout)
		defer cancel()
	}
	return c.db.Invoke(ctx, "/q", nil, nil) // ok: the caller's context when there is one
}

func openConfigured(c *connector) error {
	return c.connect(context.Background()) // ok: connect adds the configured timeout before its I/O
}

func openConfiguredDep(c *dep.Connector) error {
	return c.Connect(context.Background()) // ok: the same, through facts
}

func openFallback(c *connector) error {
	return c.connectFallback(context.Background()) // want `\(\*ctxtimeout\.connector\)\.connectFallback, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline`
}

func openFallbackDep(c *dep.Connector) error {
	return c.ConnectFallback(context.Background()) // want `\(\*dep\.Connector\)\.ConnectFallback, which passes it to \(\*grpc\.ClientConn\)\.Invoke, is given a context with no deadline`
}

// A database/sql handle is bounded by its driver's settings (the DSN's
// read and statement timeouts, TCP keep-alive), configured where the DB is
// opened, as a client's Transport from elsewhere is trusted: a query given
// context.Background() waits no longer than its context-free twin, which
// is not reported either. The same context reaching a gRPC call
// (queryBackground) is.
func queryDatabaseBackground(db *sql.DB) error {
	if err := db.PingContext(context.Background()); err != nil { // ok: bounded by the driver's settings, as db.Ping() is
		return err
	}
	return db.Ping()
}

// The same through a wrapper of this package.
func databaseVersion(ctx context.Context, db *sql.DB) (n int, err error) {
	err = db.QueryRowContext(ctx, "SELECT version FROM schema_migrations").Scan(&n)
	return n, err
}

func readDatabaseVersion(db *sql.DB) (int, error) {
	return databaseVersion(context.Background(), db) // ok: a database/sql call at the end of the chain
}

// The near miss: the caller's deadline dropped with context.WithoutCancel
// before a database call: the code takes away the bound it was given.
func queryDatabaseDetached(ctx context.Context, db *sql.DB) error {
	return db.PingContext(context.WithoutCancel(ctx)) // want `\(\*sql\.DB\)\.PingContext is given a context with no deadline \(context\.WithoutCancel drops the deadline\)`
}
