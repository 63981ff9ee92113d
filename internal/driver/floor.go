package driver

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"honnef.co/go/tools/go/loader"
	"honnef.co/go/tools/lintcmd/runner"
)

// Benchmark hooks, used by bench/run.sh (see docs/benchmarks.md) and by
// no user: neither is listed in the usage text or in docs/cli.md.
//
//   - The hidden flag -floor replaces the suite by one analyzer that only
//     requires buildssa and declares a fact type. The runner then does
//     for it exactly what it does for the suite's fact-producing
//     analyzers: load and type-check every package of the graph,
//     dependencies included, build SSA for each, and write (empty) facts
//     and results to the cache. Timing it on the same packages gives the
//     floor the passes' own cost is measured against: type-check + SSA.
//   - CONCLINT_BENCH_STATS=1 prints to stderr at the end of a run how
//     many packages the graph has, how many were analyzed (not served
//     from the cache), the time each analyzer took summed over packages,
//     and the five packages whose passes (all but buildssa, ctrlflow and
//     inspect) took longest. Times are wall clock inside Run.
//   - CONCLINT_BENCH_HEAPPROFILE=file writes the heap profile of the
//     run's peak live heap; CONCLINT_BENCH_CPUPROFILE=file a CPU profile
//     of the whole run (heappeak.go).
//   - CONCLINT_BENCH_MEMCLASSES=1 prints to stderr the runtime's memory
//     classes at the moment the process held the most memory: how much
//     of a peak RSS is live objects, free spans, fragmentation, stacks.
//     CONCLINT_BENCH_MEMCLASSES=trace also prints every sample (held,
//     objects and free MiB), to see when in a run the peak comes.
//   - CONCLINT_BENCH_STATIC_CALLS=1 leaves every dynamic call unresolved
//     (internal/callees): with and without it, a corpus shows which
//     findings go through a dynamic call.

// floorFlag is the name of the hidden flag.
const floorFlag = "floor"

// floorFact exists so that the runner runs floorAnalyzer on
// dependencies too (it runs analyzers without fact types on the initial
// packages only).
type floorFact struct{}

func (*floorFact) AFact() {}

func (*floorFact) String() string { return "floor" }

var floorAnalyzer = &analysis.Analyzer{
	Name:      "conclintfloor",
	Doc:       "conclintfloor: build SSA and nothing else (benchmark floor)",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{new(floorFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		_ = pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
		return nil, nil
	},
}

// floorAnalyzers is the suite a -floor run uses instead of the passes.
func floorAnalyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{floorAnalyzer}
}

// takeFloorFlag removes the hidden -floor flag from the flags of args
// (those before the first non-flag argument or "--"), so that it stays
// out of the flag set and its usage text. fs tells which flags take a
// value in the next argument.
func takeFloorFlag(fs *flag.FlagSet, args []string) (rest []string, floor bool) {
	rest = make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == floorFlag {
			floor = !hasValue || value == "true" || value == "1"
			continue
		}
		rest = append(rest, a)
		if f := fs.Lookup(name); f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
			i++
			rest = append(rest, args[i])
		}
	}
	return rest, floor
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// benchStats installs the CONCLINT_BENCH_STATS counters on r; the
// returned function prints them. Both do nothing unless the variable is
// set.
func benchStats(r *runner.Runner) func() {
	if os.Getenv("CONCLINT_BENCH_STATS") == "" {
		return func() {}
	}
	var (
		mu       sync.Mutex
		analyzed = map[string]bool{}
		cost     = map[string]time.Duration{}
		ssaCost  = map[string]time.Duration{} // by package: buildssa and what it requires
		passCost = map[string]time.Duration{} // by package: every other analyzer
	)
	r.Stats.PrintAnalyzerMeasurement = func(a *analysis.Analyzer, pkg *loader.PackageSpec, d time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		analyzed[pkg.ID] = true
		cost[a.Name] += d
		switch a.Name {
		case "buildssa", "ctrlflow", "inspect":
			ssaCost[pkg.ID] += d
		default:
			passCost[pkg.ID] += d
		}
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		names := make([]string, 0, len(cost))
		for n := range cost {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool { return cost[names[i]] > cost[names[j]] })
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, " %s=%.2fs", n, cost[n].Seconds())
		}
		fmt.Fprintf(os.Stderr, "conclint-bench-stats: packages=%d initial=%d analyzed=%d cost:%s\n",
			r.Stats.TotalPackages(), r.Stats.InitialPackages(), len(analyzed), b.String())
		// The packages whose passes cost most, with their SSA cost beside.
		ids := make([]string, 0, len(passCost))
		for id := range passCost {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			if passCost[ids[i]] != passCost[ids[j]] {
				return passCost[ids[i]] > passCost[ids[j]]
			}
			return ids[i] < ids[j]
		})
		for _, id := range ids[:min(len(ids), 5)] {
			fmt.Fprintf(os.Stderr, "conclint-bench-top: passes=%.2fs ssa=%.2fs %s\n", passCost[id].Seconds(), ssaCost[id].Seconds(), id)
		}
	}
}
