package lockblock_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/lockblock"
)

func TestLockblock(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, lockblock.Analyzer, "lockblock", "lockblock/kernel", "lockblock/kernelext")
}
