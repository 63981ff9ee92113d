package lockblock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/lockblock"
)

func TestLockblock(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lockblock.Analyzer, "lockblock")
}
