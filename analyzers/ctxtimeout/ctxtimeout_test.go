package ctxtimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/ctxtimeout"
)

func TestCtxtimeout(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ctxtimeout.Analyzer, "ctxtimeout", "ctxtimeout/cmdtool", "ctxtimeout/tests/stress", "ctxtimeout/testutil", "ctxtimeout/driver", "ctxtimeout/examples/simple", "ctxtimeout/samples", "ctxtimeout/examplesrv", "ctxtimeout/benchkit-backend", "ctxtimeout/workbench", "ctxtimeout/perf", "ctxtimeout/performance", "ctxtimeout/autobahn", "ctxtimeout/servermock", "ctxtimeout/test-helper")
}

// TestConfiguredFunctions proves the configuration flags reach the pass:
// without them the fixture's (*rpc.Client).Call is not network I/O at all.
func TestConfiguredFunctions(t *testing.T) {
	set := func(name, value string) {
		t.Helper()
		if err := ctxtimeout.Analyzer.Flags.Set(name, value); err != nil {
			t.Fatal(err)
		}
	}
	set("network-functions", "(*ctxtimeoutcfg/rpc.Client).Call")
	set("deadline-context-functions", "(*ctxtimeoutcfg/rpc.Client).DeadlineCtx")
	defer set("network-functions", "")
	defer set("deadline-context-functions", "")
	analysistest.Run(t, analysistest.TestData(), ctxtimeout.Analyzer, "ctxtimeoutcfg")
}
