package goroutineleak_test

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/goroutineleak"
)

// TestOtherSendsRelated checks that a finding at one send of a goroutine
// (or of a function, for a one-sided channel) lists the other sends on
// the same channel as related positions: the named send may be the
// unlikely one (k6's waitForEvent handler), and a fix of it alone leaves
// the others.
func TestOtherSendsRelated(t *testing.T) {
	results := analysistest.Run(t, testdata(t), goroutineleak.Analyzer, "goroutineleak/othersends")
	got := map[string]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				if !strings.Contains(rel.Message, "also sends on") {
					continue
				}
				posn := r.Pass.Fset.Position(rel.Pos)
				src, err := os.ReadFile(posn.Filename)
				if err != nil {
					t.Fatal(err)
				}
				got[strings.TrimSpace(strings.Split(string(src), "\n")[posn.Line-1])] = true
			}
		}
	}
	for _, want := range []string{
		`errc <- errors.New("check failed") // the other send`,
		`r.errs <- err // the function's other send`,
	} {
		if !got[want] {
			t.Errorf("no related position at %q; got %v", want, got)
		}
	}
	if len(got) != 2 {
		t.Errorf("related other sends: %v, want exactly the two marked", got)
	}
}
