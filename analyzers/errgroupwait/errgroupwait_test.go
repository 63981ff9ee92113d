package errgroupwait_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/errgroupwait"
)

func TestErrgroupwait(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), errgroupwait.Analyzer, "errgroupwait", "errgroupwait/kernels")
}
