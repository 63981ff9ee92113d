package blocking_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/conclint/conclint/internal/blocking"
)

// summaries reports, for each function of a package, what it blocks on
// according to blockingfacts.
var summaries = &analysis.Analyzer{
	Name:     "summaries",
	Doc:      "report blocking summaries",
	Requires: []*analysis.Analyzer{buildssa.Analyzer, blocking.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		info := pass.ResultOf[blocking.Analyzer].(*blocking.Info)
		for _, fn := range pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA).SrcFuncs {
			if op := info.FuncBlocks(fn); op != nil {
				pass.Reportf(fn.Pos(), "%s blocks on %s (%s)", fn.Name(), op.Leaf, op.LeafKind)
			}
		}
		return nil, nil
	},
}

// TestExtraFunctions checks that the functions configured through
// -blockingfacts.blocking-functions and -network-functions block, in the
// package that calls them and, through facts, in its importers.
func TestExtraFunctions(t *testing.T) {
	set := func(name, value string) {
		t.Helper()
		f := blocking.Analyzer.Flags.Lookup(name)
		if f == nil {
			t.Fatalf("blockingfacts has no -%s flag", name)
		}
		old := f.Value.String()
		if err := f.Value.Set(value); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Value.Set(old) })
	}
	set(blocking.BlockingFunctionsFlag, "(*extra/db.Client).Call, extra/db.Wait")
	set(blocking.NetworkFunctionsFlag, "(*extra/db.Conn).RoundTrip")
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, summaries, "extra", "extra/wrap")
}

func TestExtraFunctionsBadName(t *testing.T) {
	for _, bad := range []string{"Wait", "(*db.Client.Call", "example.com/x.", "a b.C"} {
		f := blocking.Analyzer.Flags.Lookup(blocking.BlockingFunctionsFlag)
		if err := f.Value.Set(bad); err == nil {
			t.Errorf("Set(%q) succeeded, want an error", bad)
		}
	}
}
