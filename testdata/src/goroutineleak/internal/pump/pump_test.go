package pump

import (
	"testing"
	"time"
)

// The package's own benchmark starts a pump per round: a test's call is
// scaffolding (its goroutines end with the test binary) and does not make
// Start a per-call leak of the package; the importers still judge their
// calls (goroutineleak/cmd, dep).
func BenchmarkStart(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Start(time.Hour, func() {})
	}
}
