package driver

import (
	"cmp"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/config"
	"honnef.co/go/tools/go/buildid"
	"honnef.co/go/tools/lintcmd/cache"
	"honnef.co/go/tools/lintcmd/runner"

	"github.com/conclint/conclint/internal/percall"
)

// finding is one diagnostic of a suite pass, positions resolved.
type finding struct {
	Pass     string
	Category string // the pass's kind of finding ("deadlock", "relock", ...)
	Pos      position
	End      position
	Message  string
	Related  []related
	Fixes    []runner.SuggestedFix
}

type position struct {
	File   string // absolute, as the runner gives it
	Line   int
	Column int
}

type related struct {
	Pos     position
	Message string
}

// pkgError is a package that could not be loaded, type-checked or
// analyzed.
type pkgError struct {
	Package string
	Message string
}

// outcome is everything a run produced, before printing.
type outcome struct {
	findings []finding
	errors   []pkgError
	warnings []string
}

func run(cfg Config, opts *options, selected []*analysis.Analyzer) int {
	wd, err := workDir(opts.dir)
	if err != nil {
		fmt.Fprintf(cfg.Stderr, "%s: %v\n", cfg.Name, err)
		return ExitFailure
	}
	out, err := analyze(opts, wd, selected)
	if err != nil {
		fmt.Fprintf(cfg.Stderr, "%s: %v\n", cfg.Name, err)
		return ExitFailure
	}
	// Exclusions and the baseline (adopt.go).
	if note, err := opts.adopt.filter(out, wd); err != nil {
		fmt.Fprintf(cfg.Stderr, "%s: %v\n", cfg.Name, err)
		return ExitFailure
	} else if note != "" {
		fmt.Fprintf(cfg.Stderr, "%s: %s\n", cfg.Name, note)
	}

	for _, w := range out.warnings {
		fmt.Fprintf(cfg.Stderr, "%s: warning: %s\n", cfg.Name, w)
	}
	if !opts.json {
		for _, e := range out.errors {
			msg := e.Message
			if !opts.verbose {
				msg = firstLine(msg)
			}
			fmt.Fprintf(cfg.Stderr, "%s: %s: %s\n", cfg.Name, e.Package, msg)
		}
	}

	unfixed := len(out.findings)
	if opts.fix {
		fixed, warnings, err := applyFixes(out.findings, wd)
		for _, w := range warnings {
			fmt.Fprintf(cfg.Stderr, "%s: warning: %s\n", cfg.Name, w)
		}
		if err != nil {
			fmt.Fprintf(cfg.Stderr, "%s: %v\n", cfg.Name, err)
			return ExitFailure
		}
		unfixed -= fixed
	}

	switch {
	case opts.json:
		if err := writeJSON(cfg.Stdout, out, wd); err != nil {
			fmt.Fprintf(cfg.Stderr, "%s: %v\n", cfg.Name, err)
			return ExitFailure
		}
	case opts.format == "sarif":
		if err := writeSARIF(cfg.Stdout, cfg.Name, selected, out, wd); err != nil {
			fmt.Fprintf(cfg.Stderr, "%s: %v\n", cfg.Name, err)
			return ExitFailure
		}
	default:
		writeText(cfg.Stdout, out.findings, wd)
	}

	switch {
	case len(out.errors) > 0:
		return ExitFailure
	case unfixed > 0:
		return ExitFindings
	}
	return ExitClean
}

// analyze loads the packages matching opts.patterns and runs the
// selected passes on them. An error means nothing could be analyzed.
func analyze(opts *options, wd string, selected []*analysis.Analyzer) (*outcome, error) {
	c, err := openCache()
	if err != nil {
		return nil, err
	}
	defer c.Close() // trims old entries

	// The passes emit the records by which a per-call finding of an
	// exported entry is settled over the whole run (internal/percall).
	defer wholeRun(selected)()

	salt, err := computeSalt(selected)
	if err != nil {
		return nil, fmt.Errorf("cannot compute the cache salt: %v", err)
	}
	cache.SetSalt(salt)

	r, err := runner.New(config.Config{}, c)
	if err != nil {
		return nil, err
	}
	// As staticcheck does by default: type-check each package with the
	// language version of its module (the toolchain's outside modules).
	r.GoVersion = "module"
	defer benchStats(r)()     // CONCLINT_BENCH_STATS (floor.go)
	defer peakHeapProfile()() // CONCLINT_BENCH_HEAPPROFILE (heappeak.go)
	defer memClasses()()      // CONCLINT_BENCH_MEMCLASSES (heappeak.go)
	defer cpuProfile()()      // CONCLINT_BENCH_CPUPROFILE (heappeak.go)

	pcfg := &packages.Config{Tests: opts.tests, Dir: wd, BuildFlags: buildFlags(opts)}
	analyzers := append(instrument(selected), depErrors)
	results, err := r.Run(pcfg, analyzers, opts.patterns)
	if err != nil {
		return nil, err
	}
	if len(results) == 0 {
		return nil, noPackagesError(opts.patterns)
	}

	names := map[string]bool{}
	for _, a := range selected {
		names[a.Name] = true
	}
	out := &outcome{}
	records := &perCallRecords{}
	seenFinding := map[string]bool{}
	seenError := map[pkgError]bool{}
	addError := func(e pkgError) {
		if !seenError[e] {
			seenError[e] = true
			out.errors = append(out.errors, e)
		}
	}
	// A package with tests is analyzed as its test variant (p [p.test]),
	// which holds every file of p, as go vet does: code that only the
	// tests run is then known as such (passutil.TestReach), and the
	// findings of both runs are the same.
	withTestVariant := map[string]bool{}
	for _, res := range results {
		if res.Initial && !res.Failed && !res.Skipped && res.Package.ID == res.Package.PkgPath+" ["+res.Package.PkgPath+".test]" {
			withTestVariant[res.Package.PkgPath] = true
		}
	}
	var brokenDeps []string
	for _, res := range results {
		switch {
		case res.Failed && len(res.Errors) > 0:
			addError(loadError(res, opts.patterns, wd))
			continue
		case res.Failed:
			// The runner records the error on the first failing package
			// of a chain only; its importers just fail.
			if res.Initial {
				brokenDeps = append(brokenDeps, res.Package.PkgPath)
			}
			continue
		case !res.Initial:
			continue
		case res.Skipped:
			// Never a silent gap: a package not analyzed fails the run.
			addError(pkgError{Package: res.Package.PkgPath, Message: "not analyzed: no Go file could be loaded (a file over 50 MB?)"})
			continue
		case isTestMain(res.Package.ID, res.Package.Name):
			continue
		case res.Package.ID == res.Package.PkgPath && withTestVariant[res.Package.PkgPath]:
			continue // ok: its test variant reports for it
		}
		data, err := res.Load()
		if err != nil {
			return nil, fmt.Errorf("%s: reading cached results: %v", res.Package.PkgPath, err)
		}
		for _, d := range data.Diagnostics {
			if percall.IsRecord(d.Category) {
				records.add(d)
				continue
			}
			if d.Category == errorCategory {
				if e, ok := decodeError(d.Message); ok {
					addError(pkgError(e))
				}
				continue
			}
			pass, _, _ := strings.Cut(d.Category, "/")
			if !names[pass] {
				continue // a required analyzer's, not a suite pass's
			}
			f := toFinding(pass, d)
			key := fmt.Sprintf("%s\x00%s:%d:%d\x00%s", f.Pass, f.Pos.File, f.Pos.Line, f.Pos.Column, f.Message)
			if seenFinding[key] {
				continue // same file in p, p [p.test] and friends
			}
			seenFinding[key] = true
			out.findings = append(out.findings, f)
		}
	}
	out.findings = records.settle(out.findings)
	if err := checkCgo(opts, wd, results, out, addError); err != nil {
		return nil, err
	}
	for _, pkg := range brokenDeps {
		if !slices.ContainsFunc(out.errors, func(e pkgError) bool { return e.Package == pkg }) {
			addError(pkgError{Package: pkg, Message: "not analyzed: a package it depends on has errors"})
		}
	}

	sortFindings(out.findings)
	sort.Slice(out.errors, func(i, j int) bool {
		a, b := out.errors[i], out.errors[j]
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Message, b.Message)) < 0
	})
	return out, nil
}

func toFinding(pass string, d runner.Diagnostic) finding {
	f := finding{
		Pass:    pass,
		Pos:     position{d.Position.Filename, d.Position.Line, d.Position.Column},
		End:     position{d.End.Filename, d.End.Line, d.End.Column},
		Message: d.Message,
		Fixes:   d.SuggestedFixes,
	}
	// The wrapper names categories "<pass>/<category>" (instrument.go);
	// the runner fills in the pass's name when there is none.
	f.Category = strings.TrimPrefix(d.Category, pass+"/")
	if f.Category == pass {
		f.Category = ""
	}
	for _, r := range d.Related {
		f.Related = append(f.Related, related{position{r.Position.Filename, r.Position.Line, r.Position.Column}, r.Message})
	}
	return f
}

func sortFindings(fs []finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Pass, b.Pass),
			cmp.Compare(a.Message, b.Message),
		) < 0
	})
}

// isTestMain reports whether a package is the main package go test
// generates ("p.test"): its only file lives in the build cache.
func isTestMain(id, name string) bool {
	return name == "main" && strings.HasSuffix(id, ".test") && !strings.Contains(id, " ")
}

// loadError turns the errors of a package that failed to load or
// type-check into one error: the first, which the others usually follow
// from.
func loadError(res runner.Result, patterns []string, wd string) pkgError {
	spec := res.Package
	var msg string
	switch e := res.Errors[0].(type) {
	case packages.Error:
		msg = e.Msg
		// go list -export reports compiler output: "# pkg\nfile:l:c: msg\n..."
		lines := strings.Split(strings.TrimSpace(msg), "\n")
		for len(lines) > 1 && strings.HasPrefix(lines[0], "# ") {
			lines = lines[1:]
		}
		if len(spec.GoFiles) == 0 && slices.Contains(patterns, spec.ID) {
			// A pattern go list could not resolve: keep the whole message,
			// which may carry advice ("to add it: go get ..."), on one line.
			for i := range lines {
				lines[i] = strings.TrimSpace(lines[i])
			}
			msg = strings.Join(lines, " ")
		} else {
			msg = lines[0]
		}
		if e.Pos != "" && e.Pos != "-" {
			msg = relPosString(e.Pos, wd) + ": " + msg
		}
	default:
		msg = e.Error()
	}
	if n := len(res.Errors); n > 1 {
		msg += fmt.Sprintf(" (and %d more errors)", n-1)
	}
	name := spec.PkgPath
	if len(spec.GoFiles) == 0 && slices.Contains(patterns, spec.ID) {
		name = "pattern " + spec.ID
		msg = strings.TrimPrefix(msg, "pattern "+spec.ID+": ")
	}
	return pkgError{Package: name, Message: msg}
}

// noPackagesError is the error for patterns that match no package at all.
// go list only warns about each such pattern on its stderr, which
// go/packages does not pass on.
func noPackagesError(patterns []string) error {
	q := make([]string, len(patterns))
	for i, p := range patterns {
		q[i] = fmt.Sprintf("%q", p)
	}
	if len(q) == 1 {
		return fmt.Errorf("pattern %s matched no packages", q[0])
	}
	return fmt.Errorf("patterns %s matched no packages", strings.Join(q, ", "))
}

// openCache opens the result cache: $CONCLINT_CACHE, else conclint/
// under the user cache directory.
func openCache() (*cache.DiskCache, error) {
	dir := os.Getenv("CONCLINT_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("cannot locate a cache directory (set CONCLINT_CACHE): %v", err)
		}
		dir = filepath.Join(base, "conclint")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("cache: %v", err)
	}
	c, err := cache.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("cache: %v", err)
	}
	return c, nil
}

// computeSalt returns what every cache key starts with: the identity of
// the running executable (its Go build ID, else a hash of its bytes), so
// that a rebuilt conclint never serves results of an older one, and the
// values of the analyzer flags, which the runner's keys do not include.
func computeSalt(analyzers []*analysis.Analyzer) ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	if id, err := buildid.ReadFile(exe); err == nil && id != "" {
		fmt.Fprintf(h, "buildid %s\n", id)
	} else {
		f, err := os.Open(exe)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if _, err := io.Copy(h, f); err != nil {
			return nil, err
		}
	}
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		a.Flags.VisitAll(func(f *flag.Flag) { // VisitAll goes in name order
			fmt.Fprintf(h, "flag %s.%s=%q\n", a.Name, f.Name, f.Value.String())
		})
		for _, req := range a.Requires {
			visit(req)
		}
	}
	for _, a := range analyzers {
		visit(a)
	}
	return h.Sum(nil), nil
}

// relPath returns file relative to wd when it lies inside wd, else file.
func relPath(file, wd string) string {
	if file == "" || !filepath.IsAbs(file) {
		return file
	}
	rel, err := filepath.Rel(wd, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file
	}
	return rel
}

// relPosString shortens the file of a "file:line:col" string.
func relPosString(posn, wd string) string {
	// The file name may itself contain colons; line and column do not.
	rest := posn
	var tail []string
	for range 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 || strings.Trim(rest[i+1:], "0123456789") != "" {
			break
		}
		tail = append([]string{rest[i:]}, tail...)
		rest = rest[:i]
	}
	return relPath(rest, wd) + strings.Join(tail, "")
}
