package errgroupwait_test

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/errgroupwait"
)

// TestSkippingReturnsRelated checks that a group with several returns that
// skip its Wait is reported once, at the first, and lists the others as
// related information: in downloadEach (earlyfail.go) the listing's
// failure after the loop skips the Wait too, and is the only such related
// return in the fixtures.
func TestSkippingReturnsRelated(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), errgroupwait.Analyzer, "errgroupwait")
	var got []string
	seen := map[string]bool{} // the package and its test variant are both analyzed
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				if !strings.Contains(rel.Message, "skips g.Wait too") {
					continue
				}
				posn := r.Pass.Fset.Position(rel.Pos)
				if seen[posn.String()] {
					continue
				}
				seen[posn.String()] = true
				src, err := os.ReadFile(posn.Filename)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, strings.TrimSpace(strings.Split(string(src), "\n")[posn.Line-1]))
			}
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "reported as related information") {
		t.Errorf("related skipping returns: %q, want only downloadEach's return after the loop", got)
	}
}
