// Package ctxtimeoutcfg is run with ctxtimeout configured to treat
// (*rpc.Client).Call as network I/O and (*rpc.Client).DeadlineCtx as
// returning a context with a deadline (see TestConfiguredFunctions).
package ctxtimeoutcfg

import (
	"context"

	"ctxtimeoutcfg/rpc"
)

func Use(c *rpc.Client) error {
	return c.Call(context.Background(), "q") // want `\(\*rpc\.Client\)\.Call is given a context with no deadline`
}

func UseBounded(c *rpc.Client) error {
	ctx, cancel := context.WithCancel(c.DeadlineCtx())
	defer cancel()
	return c.Call(ctx, "q") // ok: derived from a context with a deadline
}
