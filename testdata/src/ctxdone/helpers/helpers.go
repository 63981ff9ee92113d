// Package helpers has no test-like path but imports "testing": only a
// test can hand it a testing.TB, so it is test code.
package helpers

import (
	"context"
	"testing"
	"time"
)

// Eventually polls cond with a computed pause and never looks at ctx.
func Eventually(tb testing.TB, ctx context.Context, d time.Duration, cond func() bool) {
	tb.Helper()
	for !cond() {
		time.Sleep(d) // ok: test-only package
	}
}
