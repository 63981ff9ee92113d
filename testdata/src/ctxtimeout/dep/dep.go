// Package dep holds wrappers seen by package ctxtimeout only through facts.
package dep

import (
	"context"
	"net/http"
	"time"

	"google.golang.org/grpc"
)

// Lookup passes its caller's context to the database: the caller owns the
// deadline (exports a NetIOFact).
func Lookup(ctx context.Context, db *grpc.ClientConn, id int) error {
	return db.Invoke(ctx, "/users/Get", id, nil) // ok: the caller's context
}

// LookupBounded adds its own timeout: callers may pass anything.
func LookupBounded(ctx context.Context, db *grpc.ClientConn, id int) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return db.Invoke(ctx, "/q", nil, nil) // ok: bounded here
}

type Store struct{ db *grpc.ClientConn }

// Put is a method wrapper: the fact counts parameters without the receiver.
func (s *Store) Put(key string, ctx context.Context) error {
	err := s.db.Invoke(ctx, "/kv/Put", key, nil) // ok: the caller's context
	return err
}

// Detached returns a context that never has a deadline (NoDeadlineFact).
func Detached() context.Context {
	return context.WithValue(context.Background(), "k", 1)
}

// OrBackground falls back to Background only for a nil context: its
// result is not always deadline-less, so it carries no fact.
func OrBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// NewClient returns a client with no Timeout (exports an
// UnconfiguredFact): its callers' requests are judged as if they had
// written &http.Client{} themselves.
func NewClient() *http.Client { return &http.Client{} }

// NewTimedClient sets a Timeout.
func NewTimedClient() *http.Client { return &http.Client{Timeout: 30 * time.Second} }

// Connector bounds its ping by the timeout its user configures, when one
// is set (go-sql-driver/mysql's connector.Connect): it exports no
// NetIOFact, so its callers' context.Background is not a finding.
type Connector struct {
	DB      *grpc.ClientConn
	Timeout time.Duration
}

func (c *Connector) Connect(ctx context.Context) error {
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	return c.DB.Invoke(ctx, "/q", nil, nil) // ok: its own deadline when configured
}

// ConnectFallback adds a deadline only to the context it makes for a nil
// parameter: the caller's context reaches the ping as it came (exports a
// NetIOFact).
func (c *Connector) ConnectFallback(ctx context.Context) error {
	if ctx == nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.Background(), c.Timeout)
		defer cancel()
	}
	return c.DB.Invoke(ctx, "/q", nil, nil) // ok: the caller's context when there is one
}
