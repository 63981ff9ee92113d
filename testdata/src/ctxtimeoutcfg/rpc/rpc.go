// Package rpc is an in-house RPC client that conclint cannot see into.
package rpc

import "context"

// Client talks to a server.
type Client struct{ base context.Context }

// Call talks to the server for as long as ctx allows.
func (c *Client) Call(ctx context.Context, q string) error { return nil }

// DeadlineCtx returns a context with a deadline, in a way the analysis
// cannot see (it looks like Background to it).
func (c *Client) DeadlineCtx() context.Context {
	if c.base != nil {
		return context.Background() // stands in for a deadline set elsewhere
	}
	return context.Background()
}
