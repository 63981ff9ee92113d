// Package testutil is a helper package that only tests import: its path
// says so, and its waits are deliberate.
package testutil

import (
	"context"
	"time"
)

// Poll sleeps a computed pause in a loop that never looks at ctx: in a
// production package this is reported (see ../waits.go).
func Poll(ctx context.Context, d time.Duration, cond func() bool) {
	for !cond() {
		time.Sleep(d) // ok: test-only package
	}
}
