package goroutineleak_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/goroutineleak"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGoroutineleak(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), goroutineleak.Analyzer, "goroutineleak", "goroutineleak/dep", "goroutineleak/cmd", "goroutineleak/cobracmd", "goroutineleak/runnable", "goroutineleak/internal/pump", "goroutineleak/clustertest", "goroutineleak/assertlike", "goroutineleak/kernels", "goroutineleak/examples/playback", "goroutineleak/helperfile", "goroutineleak/fakeonly")
}
