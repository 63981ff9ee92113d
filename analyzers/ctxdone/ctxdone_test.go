package ctxdone_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/ctxdone"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCtxdone(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), ctxdone.Analyzer, "ctxdone", "ctxdone/testutil", "ctxdone/helpers", "ctxdone/examples/jwtclient", "ctxdone/kernel")
}
