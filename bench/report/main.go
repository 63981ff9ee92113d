// Command report turns the raw results of bench/run.sh into the markdown
// tables of docs/benchmarks.md.
//
//	report -dir bench/out/<stamp> > report.md
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type timing struct {
	ok                      bool
	wall, user, sys, rssMiB float64
	exit                    int
	timeout                 bool
}

func (t timing) cpu() float64 { return t.user + t.sys }

func (t timing) cell() string {
	switch {
	case !t.ok:
		return "—"
	case t.timeout:
		return fmt.Sprintf("timeout (%.0f s)", t.wall)
	}
	return fmt.Sprintf("%.1f s / %.0f MiB", t.wall, t.rssMiB)
}

func readTiming(file string) timing {
	b, err := os.ReadFile(file)
	if err != nil {
		return timing{}
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	kv := fields(lines[len(lines)-1])
	t := timing{ok: true}
	t.wall, _ = strconv.ParseFloat(kv["wall"], 64)
	t.user, _ = strconv.ParseFloat(kv["user"], 64)
	t.sys, _ = strconv.ParseFloat(kv["sys"], 64)
	t.rssMiB, _ = strconv.ParseFloat(kv["maxrss_mib"], 64)
	t.exit, _ = strconv.Atoi(kv["exit"])
	t.timeout = kv["timeout"] == "true"
	return t
}

func fields(line string) map[string]string {
	kv := map[string]string{}
	for _, f := range strings.Fields(line) {
		if k, v, ok := strings.Cut(f, "="); ok {
			kv[k] = v
		}
	}
	return kv
}

func readKV(file string) map[string]string {
	kv := map[string]string{}
	b, err := os.ReadFile(file)
	if err != nil {
		return kv
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			kv[k] = v
		}
	}
	return kv
}

// stats is the CONCLINT_BENCH_STATS line of a conclint run.
type stats struct {
	ok       bool
	packages int
	analyzed int
	cost     []string // "name=1.23s", most expensive first
}

var statsRE = regexp.MustCompile(`conclint-bench-stats: packages=(\d+) initial=(\d+) analyzed=(\d+) cost:(.*)`)

func readStats(file string) stats {
	b, _ := os.ReadFile(file)
	m := statsRE.FindStringSubmatch(string(b))
	if m == nil {
		return stats{}
	}
	s := stats{ok: true}
	s.packages, _ = strconv.Atoi(m[1])
	s.analyzed, _ = strconv.Atoi(m[3])
	s.cost = strings.Fields(m[4])
	return s
}

var topRE = regexp.MustCompile(`conclint-bench-top: passes=([0-9.]+)s ssa=([0-9.]+)s (.*)`)

// readTop returns the first n conclint-bench-top lines as "p / s, pkg".
func readTop(file string, n int) []string {
	b, _ := os.ReadFile(file)
	var out []string
	for _, m := range topRE.FindAllStringSubmatch(string(b), n) {
		out = append(out, fmt.Sprintf("%s / %s, `%s`", m[1], m[2], m[3]))
	}
	return out
}

// conclint's text output: "file:line:col: pass: message", related
// positions on tab-indented lines.
func findingsByPass(file string) (map[string]int, int) {
	f, err := os.Open(file)
	if err != nil {
		return nil, 0
	}
	defer f.Close()
	by := map[string]int{}
	total := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "\t") {
			continue
		}
		parts := strings.SplitN(line, ": ", 3)
		if len(parts) < 3 {
			continue
		}
		by[parts[1]]++
		total++
	}
	return by, total
}

var posRE = regexp.MustCompile(`^\S+\.go:\d+:\d+: `)

// countFindings counts the lines that start with a position.
func countFindings(file string) int {
	b, _ := os.ReadFile(file)
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if posRE.MatchString(line) {
			n++
		}
	}
	return n
}

// conclintErrors counts what conclint said on stderr besides the stats:
// load errors, internal errors (panics included).
func conclintErrors(file string) (errs, internal int) {
	b, _ := os.ReadFile(file)
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "conclint: ") || strings.HasPrefix(line, "conclint: warning") {
			continue
		}
		errs++
		if strings.Contains(line, "internal error") || strings.Contains(line, "panic") {
			internal++
		}
	}
	return errs, internal
}

func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func main() {
	dir := flag.String("dir", "", "results directory of bench/run.sh")
	flag.Parse()
	if *dir == "" {
		log.Fatal("report: -dir is required")
	}
	machine := readKV(filepath.Join(*dir, "machine.txt"))
	var corpora []string
	for _, c := range strings.Fields(machine["corpora"]) {
		if c == "stress" {
			ms, _ := filepath.Glob(filepath.Join(*dir, "stress-*"))
			sort.Slice(ms, func(i, j int) bool { return stressKey(ms[i]) < stressKey(ms[j]) })
			for _, m := range ms {
				corpora = append(corpora, filepath.Base(m))
			}
			continue
		}
		corpora = append(corpora, c)
	}

	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }

	p("Machine: %s cores, %s, %s; %s; conclint %s; %s. Load average before %s, after %s.\n\n",
		machine["nproc"], machine["mem"], machine["cpu"], machine["go"], machine["conclint"], machine["staticcheck"],
		machine["load_before"], machine["load_after"])
	p("Measured %s with `%s`.\n\n", machine["date"], strings.TrimSpace(machine["command"]))

	p("### Wall time / peak RSS\n\n")
	p("| corpus | packages | lines | graph | conclint cold (round 2) | warm rerun | after an edit (re-analyzed) | floor (type-check + SSA) (round 2) | staticcheck -checks all (round 2) | go vet |\n")
	p("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, c := range corpora {
		d := filepath.Join(*dir, c)
		meta := readKV(filepath.Join(d, "meta.txt"))
		cold := readTiming(filepath.Join(d, "conclint-cold.time"))
		st := readStats(filepath.Join(d, "conclint-cold.err"))
		edit := "—"
		if t := readTiming(filepath.Join(d, "conclint-edit.time")); t.ok {
			es := readStats(filepath.Join(d, "conclint-edit.err"))
			edit = fmt.Sprintf("%.1f s (%d of %d)", t.wall, es.analyzed, st.analyzed)
		}
		warm := readTiming(filepath.Join(d, "conclint-warm.time"))
		warmCell := "—"
		if warm.ok {
			warmCell = fmt.Sprintf("%.1f s", warm.wall)
		}
		coldCell := cold.cell()
		if t := readTiming(filepath.Join(d, "conclint-cold2.time")); t.ok {
			coldCell += fmt.Sprintf(" (%.1f s / %.0f MiB)", t.wall, t.rssMiB)
		}
		p("| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |\n", c, meta["packages"], meta["lines"], st.analyzed,
			coldCell, warmCell, edit,
			cell2(d, "floor"), cell2(d, "staticcheck"),
			readTiming(filepath.Join(d, "vet.time")).cell())
	}
	p("\n*packages*: packages named on the command line; *lines*: lines of their Go files, tests included; *graph*: packages the runner analyzed, dependencies and test variants included. *after an edit*: rerun after appending a function to one file of one package (the package is named below), with how many packages of the graph were analyzed again rather than served from the cache.\n\n")

	p("### Ratios (same run)\n\n")
	p("| corpus | conclint / staticcheck (wall) | (CPU) | conclint / floor (wall) | (CPU) | conclint / go vet (wall) | peak RSS ≤ 1 GiB | warm rerun ≤ 2 s |\n")
	p("|---|--:|--:|--:|--:|--:|:-:|:-:|\n")
	for _, c := range corpora {
		d := filepath.Join(*dir, c)
		cold := readTiming(filepath.Join(d, "conclint-cold.time"))
		fl := readTiming(filepath.Join(d, "floor.time"))
		sc := readTiming(filepath.Join(d, "staticcheck.time"))
		vet := readTiming(filepath.Join(d, "vet.time"))
		warm := readTiming(filepath.Join(d, "conclint-warm.time"))
		cold2 := readTiming(filepath.Join(d, "conclint-cold2.time"))
		// Wall ratios within each round ("round 1, round 2"); with a
		// single round for the other tool, the range over conclint's two
		// cold runs, which shows how noisy the machine was.
		wr := func(other, other2 timing) string {
			switch {
			case cold2.ok && other2.ok:
				return fmt.Sprintf("%s, %s", ratio(cold.wall, other.wall), ratio(cold2.wall, other2.wall))
			case cold2.ok && other.ok:
				lo, hi := min(cold.wall, cold2.wall)/other.wall, max(cold.wall, cold2.wall)/other.wall
				return fmt.Sprintf("%.2f–%.2f", lo, hi)
			}
			return ratio(cold.wall, other.wall)
		}
		cr := func(other, other2 timing) string {
			if cold2.ok && other2.ok {
				return fmt.Sprintf("%s, %s", ratio(cold.cpu(), other.cpu()), ratio(cold2.cpu(), other2.cpu()))
			}
			return ratio(cold.cpu(), other.cpu())
		}
		sc2 := readTiming(filepath.Join(d, "staticcheck2.time"))
		fl2 := readTiming(filepath.Join(d, "floor2.time"))
		p("| %s | %s | %s | %s | %s | %s | %s | %s |\n", c,
			wr(sc, sc2), cr(sc, sc2),
			wr(fl, fl2), cr(fl, fl2),
			wr(vet, timing{}),
			yes(cold.ok && max(cold.rssMiB, cold2.rssMiB) <= 1024, fmt.Sprintf("%.0f MiB", max(cold.rssMiB, cold2.rssMiB))),
			yes(warm.ok && warm.wall <= 2, fmt.Sprintf("%.1f s", warm.wall)))
	}
	p("\nRatios are within a round: *round 1, round 2* (round 2 ran in reverse order). Where a tool ran once (go vet; every tool on std), the wall ratio is the range over conclint's two cold runs. CPU ratios compare user+sys time, which contention inflates far less than wall time.\n\n")
	memoryTable(p, *dir, corpora)

	// Findings.
	passes := map[string]bool{}
	type fr struct {
		by    map[string]int
		total int
	}
	frs := map[string]fr{}
	for _, c := range corpora {
		by, total := findingsByPass(filepath.Join(*dir, c, "conclint-cold.out"))
		frs[c] = fr{by, total}
		for k := range by {
			passes[k] = true
		}
	}
	names := make([]string, 0, len(passes))
	for k := range passes {
		names = append(names, k)
	}
	sort.Strings(names)
	p("### Findings\n\n")
	p("| corpus |")
	for _, n := range names {
		p(" %s |", n)
	}
	p(" conclint total | identical across two cold runs | conclint errors (internal) | staticcheck findings | go vet findings |\n|---|")
	for range names {
		p("--:|")
	}
	p("--:|:-:|--:|--:|--:|\n")
	for _, c := range corpora {
		d := filepath.Join(*dir, c)
		meta := readKV(filepath.Join(d, "meta.txt"))
		p("| %s |", c)
		for _, n := range names {
			p(" %d |", frs[c].by[n])
		}
		errs, internal := conclintErrors(filepath.Join(d, "conclint-cold.err"))
		ident := meta["identical"]
		if ident == "" {
			ident = "—"
		}
		p(" %d | %s | %d (%d) | %d | %d |\n", frs[c].total, ident, errs, internal,
			countFindings(filepath.Join(d, "staticcheck.out")), countFindings(filepath.Join(d, "vet.err")))
	}
	p("\n")

	p("### Where conclint's cold time goes\n\nSeconds (wall clock, so inflated when the cores are contended) spent in each analyzer's Run, summed over all packages of the graph; the rest of the run is go list, parsing, type-checking, fact and cache I/O.\n\n")
	p("| corpus | conclint | floor |\n|---|---|---|\n")
	for _, c := range corpora {
		d := filepath.Join(*dir, c)
		p("| %s | %s | %s |\n", c, strings.Join(readStats(filepath.Join(d, "conclint-cold.err")).cost, " "),
			strings.Join(readStats(filepath.Join(d, "floor.err")).cost, " "))
	}
	p("\n")
	p("Packages whose passes (every analyzer but buildssa, ctrlflow and inspect) took longest, cold, with the cost of building their SSA (buildssa, ctrlflow, inspect) beside:\n\n")
	p("| corpus | passes / SSA seconds, package |\n|---|---|\n")
	for _, c := range corpora {
		p("| %s | %s |\n", c, strings.Join(readTop(filepath.Join(*dir, c, "conclint-cold.err"), 3), "; "))
	}
	p("\n")
	// Stress: the generated package's own cost, as its size doubles.
	var stressRows []string
	for _, c := range corpora {
		if !strings.HasPrefix(c, "stress-") {
			continue
		}
		d := filepath.Join(*dir, c)
		meta := readKV(filepath.Join(d, "meta.txt"))
		name := strings.TrimPrefix(c, "stress-")
		b, _ := os.ReadFile(filepath.Join(d, "conclint-cold.err"))
		var passes, ssa string
		for _, m := range topRE.FindAllStringSubmatch(string(b), -1) {
			if strings.HasSuffix(m[3], "/"+name) {
				passes, ssa = m[1], m[2]
			}
		}
		pf, _ := strconv.ParseFloat(passes, 64)
		sf, _ := strconv.ParseFloat(ssa, 64)
		cold := readTiming(filepath.Join(d, "conclint-cold.time"))
		fl := readTiming(filepath.Join(d, "floor.time"))
		stressRows = append(stressRows, fmt.Sprintf("| %s | %s | %s s | %s s | %s | %.1f s / %.0f MiB | %.1f s / %.0f MiB |",
			name, meta["lines"], passes, ssa, ratio(pf, sf), cold.wall, cold.rssMiB, fl.wall, fl.rssMiB))
	}
	if len(stressRows) > 0 {
		p("### Stress packages\n\n")
		p("| package | lines | its passes | its SSA | passes / SSA | conclint cold (whole run) | floor (whole run) |\n|---|--:|--:|--:|--:|--:|--:|\n")
		p("%s\n\n", strings.Join(stressRows, "\n"))
		p("*its passes*: seconds in the Run of every analyzer but buildssa, ctrlflow and inspect on the generated package alone; *its SSA*: the same for those three. The whole runs also analyze the package's standard-library dependencies.\n\n")
	}
	for _, c := range corpora {
		meta := readKV(filepath.Join(*dir, c, "meta.txt"))
		if meta["touched"] != "" {
			p("- %s: edited package `%s` (file `%s`)\n", c, meta["touched"], meta["touched_file"])
		}
	}
}

// cell2 is the cell of a tool's round 1, with round 2 in parentheses.
func cell2(d, name string) string {
	c := readTiming(filepath.Join(d, name+".time")).cell()
	if t := readTiming(filepath.Join(d, name+"2.time")); t.ok {
		c += fmt.Sprintf(" (%.1f s / %.0f MiB)", t.wall, t.rssMiB)
	}
	return c
}

func yes(ok bool, detail string) string {
	if ok {
		return "yes (" + detail + ")"
	}
	return "**no** (" + detail + ")"
}

// stressKey orders stress-bigfunc5000 before stress-bigfunc20000.
func stressKey(path string) string {
	base := filepath.Base(path)
	i := strings.IndexFunc(base, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return base
	}
	n, _ := strconv.Atoi(base[i:])
	return fmt.Sprintf("%s%09d", base[:i], n)
}

// memPair is one cold (floor, conclint) pair of bench/run.sh: rounds 1 and
// 2, then its extra memory pairs.
type memPair struct{ floor, conclint timing }

func memPairs(d string) []memPair {
	pairs := []memPair{
		{readTiming(filepath.Join(d, "floor.time")), readTiming(filepath.Join(d, "conclint-cold.time"))},
		{readTiming(filepath.Join(d, "floor2.time")), readTiming(filepath.Join(d, "conclint-cold2.time"))},
	}
	for k := 3; ; k++ {
		f := readTiming(filepath.Join(d, fmt.Sprintf("mem-floor-%d.time", k)))
		c := readTiming(filepath.Join(d, fmt.Sprintf("mem-conclint-%d.time", k)))
		if !f.ok || !c.ok {
			break
		}
		pairs = append(pairs, memPair{f, c})
	}
	var ok []memPair
	for _, m := range pairs {
		if m.floor.ok && m.conclint.ok && m.floor.rssMiB > 0 {
			ok = append(ok, m)
		}
	}
	return ok
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// memoryTable prints the peak RSS budget (conclint within 1.25x the
// floor's), judged on the median ratio of the cold pairs, beside the spread
// of the floor's own peak between identical runs, which is the noise any
// one pair's ratio carries.
func memoryTable(p func(string, ...any), dir string, corpora []string) {
	var rows []string
	for _, c := range corpora {
		pairs := memPairs(filepath.Join(dir, c))
		if len(pairs) < 3 {
			continue
		}
		var ratios, fl, cl []float64
		var cells []string
		for _, m := range pairs {
			r := m.conclint.rssMiB / m.floor.rssMiB
			ratios = append(ratios, r)
			fl = append(fl, m.floor.rssMiB)
			cl = append(cl, m.conclint.rssMiB)
			cells = append(cells, fmt.Sprintf("%.2f", r))
		}
		med := median(ratios)
		rows = append(rows, fmt.Sprintf("| %s | %d | %s | %s | %.0f (%.0f–%.0f) | %.0f (%.0f–%.0f) | %.2f |",
			c, len(pairs), strings.Join(cells, ", "), yes(med <= 1.25, fmt.Sprintf("%.2f", med)),
			median(cl), slicesMin(cl), slicesMax(cl), median(fl), slicesMin(fl), slicesMax(fl),
			slicesMax(fl)/slicesMin(fl)))
	}
	if len(rows) == 0 {
		return
	}
	p("### Peak RSS against the floor\n\n")
	p("| corpus | cold pairs | conclint / floor, each pair | median ≤ 1.25 | conclint MiB, median (min–max) | floor MiB, median (min–max) | floor's own spread (max / min) |\n|---|--:|---|:-:|--:|--:|--:|\n")
	p("%s\n\n", strings.Join(rows, "\n"))
	p("Pairs 1 and 2 are rounds 1 and 2; the others ran back to back, alternating which side ran first. The floor's own spread is how far two identical floor runs can differ on this machine: a single pair's ratio carries that noise, so the budget is judged on the median.\n\n")
}

func slicesMin(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs[1:] {
		m = min(m, x)
	}
	return m
}

func slicesMax(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs[1:] {
		m = max(m, x)
	}
	return m
}
