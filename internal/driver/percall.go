package driver

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"honnef.co/go/tools/lintcmd/runner"

	"github.com/conclint/conclint/internal/percall"
)

// wholeRun sets the percall.WholeRunFlag of the selected passes that
// declare it, for the length of one analysis, and returns the function
// that restores them.
func wholeRun(selected []*analysis.Analyzer) (restore func()) {
	var undo []func()
	for _, a := range selected {
		f := a.Flags.Lookup(percall.WholeRunFlag)
		if f == nil {
			continue
		}
		old := f.Value.String()
		if err := f.Value.Set("true"); err != nil {
			continue
		}
		undo = append(undo, func() { _ = f.Value.Set(old) })
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}

// perCallRecords gathers the records of internal/percall from the run's
// packages: the finding records by finding, and the call records.
type perCallRecords struct {
	findings map[string][]string // by findingKey: the entries' records
	calls    percall.Calls
}

// findingKey identifies a finding by pass, position and message.
func findingKey(pass, file string, line, col int, msg string) string {
	return fmt.Sprintf("%s\x00%s:%d:%d\x00%s", pass, file, line, col, msg)
}

func (r *perCallRecords) add(d runner.Diagnostic) {
	pass, category, _ := strings.Cut(d.Category, "/")
	switch category {
	case percall.CallCategory:
		r.calls.Add(d.Message)
	case percall.FindingCategory:
		entries, msg, ok := percall.ParseFindingRecord(d.Message)
		if !ok {
			return
		}
		if r.findings == nil {
			r.findings = map[string][]string{}
		}
		key := findingKey(pass, d.Position.Filename, d.Position.Line, d.Position.Column, msg)
		r.findings[key] = append(r.findings[key], entries)
	}
}

// settle drops the findings that the run's calls settle as once per
// process (percall.Calls.Settle).
func (r *perCallRecords) settle(findings []finding) []finding {
	if len(r.findings) == 0 {
		return findings
	}
	kept := findings[:0]
	for _, f := range findings {
		settled := false
		for _, entries := range r.findings[findingKey(f.Pass, f.Pos.File, f.Pos.Line, f.Pos.Column, f.Message)] {
			settled = settled || r.calls.Settle(entries)
		}
		if !settled {
			kept = append(kept, f)
		}
	}
	return kept
}
