package cobracmd

import (
	"testing"
	"time"

	"goroutineleak/internal/pump"
)

// Good: a test that calls an internal package's starter leaves its
// goroutine to the test binary, as any test scaffolding does.
func TestFlushOnce(t *testing.T) {
	pump.Run(time.Minute) // ok: a test's call (test scaffolding)
}
