package noreturn_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/noreturn"
)

// The facts of testdata/src/nr: each // want names a function's fact; a
// function with no // want must have none.
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), noreturn.Analyzer, "nr/assert", "nr/require", "nr/use", "nr/succeed")
}
