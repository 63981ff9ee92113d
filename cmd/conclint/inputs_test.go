package main_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The inputs real repositories have and the suite must not go quiet on
// (issue 14): cgo, //line directives, build tags and GOOS files, external
// test packages, generated files beside hand-written ones. Each test
// states what must be reported, by position and pass (lockblock's wording
// is not pinned here: TestStandalone pins it), and the exit status.
//
// Every bad case is one shape, a real deadlock: Produce sends on an
// unbuffered channel while holding a mutex, and Consume, the receiver,
// takes the same mutex before it receives. While Produce holds the mutex
// and waits for a receiver, the receiver waits for the mutex.

// deadlock returns the declarations of one such pair, its names suffixed
// with sfx; sent is the expression sent (it may call C). The send carries
// the comment "// want lockblock <sfx>", which the tests find.
func deadlock(sfx, sent string) string {
	return strings.NewReplacer("SFX", sfx, "SENT", sent).Replace(`
var (
	muSFX sync.Mutex
	chSFX = make(chan int)
	nSFX  int
)

// ProduceSFX sends on chSFX while holding muSFX.
func ProduceSFX(v int) {
	muSFX.Lock()
	chSFX <- SENT // want lockblock SFX
	muSFX.Unlock()
}

// ConsumeSFX takes muSFX before it receives from chSFX: while ProduceSFX
// holds muSFX and waits for a receiver, ConsumeSFX waits for muSFX.
func ConsumeSFX() int {
	muSFX.Lock()
	nSFX++
	muSFX.Unlock()
	return <-chSFX
}
`)
}

// at returns "file:line:col" of the first "<-" on the line of file (in
// files) that contains marker: where the passes report a send.
func at(t *testing.T, files map[string]string, file, marker string) string {
	t.Helper()
	for i, line := range strings.Split(files[file], "\n") {
		if strings.Contains(line, marker) {
			col := strings.Index(line, "<-")
			if col < 0 {
				t.Fatalf("%s: the line of %q has no <-", file, marker)
			}
			return fmt.Sprintf("%s:%d:%d", file, i+1, col+1)
		}
	}
	t.Fatalf("%s: no line contains %q", file, marker)
	return ""
}

var findingLine = regexp.MustCompile(`^([^\t ][^ ]*:\d+:\d+): ([a-z]+): `)

// findings returns "file:line:col: pass" of each finding in conclint's
// text output (related lines, indented, left out), sorted.
func findings(stdout string) []string {
	var out []string
	for _, line := range strings.Split(stdout, "\n") {
		if m := findingLine.FindStringSubmatch(line); m != nil {
			out = append(out, m[1]+": "+m[2])
		}
	}
	sort.Strings(out)
	return out
}

// vetFindings returns "file:line:col" of each finding go vet printed
// (related positions, whose message starts with a tab, left out), sorted.
func vetFindings(stderr string) []string {
	var out []string
	for _, line := range vetLines(stderr) {
		i := strings.Index(line, ": ")
		if i < 0 || strings.HasPrefix(line[i+2:], "\t") || !regexp.MustCompile(`:\d+:\d+$`).MatchString(line[:i]) {
			continue
		}
		out = append(out, line[:i])
	}
	sort.Strings(out)
	return out
}

// lineAt returns the line of stdout that starts with posn.
func lineAt(stdout, posn string) string {
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, posn+": ") {
			return line
		}
	}
	return ""
}

func sorted(s ...string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// runEnv is run with extra environment variables.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "CONCLINT_CACHE="+sharedCache), env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return result{stdout.String(), stderr.String(), code}
}

// requireCgo fails the test when cgo cannot run here. The cgo cases guard
// against findings in cgo files going silent again (issue 14); skipping
// them where cgo is off would hide exactly that.
func requireCgo(t *testing.T) {
	t.Helper()
	out, err := exec.Command("go", "env", "CGO_ENABLED", "CC").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	fields := strings.Fields(string(out))
	if len(fields) != 2 || fields[0] != "1" {
		t.Fatalf("cgo is disabled here (go env CGO_ENABLED CC: %q): the cgo cases cannot run. "+
			"They must not be skipped: install a C compiler (gcc) and leave CGO_ENABLED unset or 1.", strings.Join(fields, " "))
	}
	if _, err := exec.LookPath(fields[1]); err != nil {
		t.Fatalf("cgo needs the C compiler %q (go env CC), which is not on PATH: %v. "+
			"The cgo cases must not be skipped: install gcc.", fields[1], err)
	}
}

// cgoFiles: a package whose file imports "C" and deadlocks; one finding
// there suppressed by a directive; a goroutine leak whose fix would edit
// cgo's output; a plain Go file of the same package; and a package whose
// cgo file a user's generator wrote.
var cgoFiles = map[string]string{
	"cgo/cgo.go": `// Package cgo calls C.
package cgo

// static int twice(int x) { return 2 * x; }
import "C"

import (
	"context"
	"sync"
)
` + deadlock("", "int(C.twice(C.int(v)))") + `
// ProduceQuiet is Produce with its finding suppressed.
func ProduceQuiet(v int) {
	mu.Lock()
	//conclint:ignore lockblock the test silences this one
	ch <- int(C.twice(C.int(v))) // quiet
	mu.Unlock()
}

// Fetch returns C's result unless ctx is done first, and then leaks the
// goroutine. goroutineleak's fix (buffer res) would edit cgo's output,
// not this file: it is dropped, the finding kept.
func Fetch(ctx context.Context, v int) (int, error) {
	res := make(chan int)
	go func() { res <- int(C.twice(C.int(v))) }() // want goroutineleak
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
`,
	"cgo/plain.go": "package cgo\n\nimport \"sync\"\n" + deadlock("Plain", "v"),
	"cgogen/cgogen.go": `// Code generated by mygen. DO NOT EDIT.

package cgogen

// static int one(void) { return 1; }
import "C"

import "sync"
` + deadlock("", "int(C.one())"),
}

func TestCgo(t *testing.T) {
	requireCgo(t)
	dir := writeModule(t, cgoFiles)
	want := sorted(
		at(t, cgoFiles, "cgo/cgo.go", "want lockblock ")+": lockblock",
		at(t, cgoFiles, "cgo/cgo.go", "want goroutineleak")+": goroutineleak",
		at(t, cgoFiles, "cgo/plain.go", "want lockblock Plain")+": lockblock",
	)

	t.Run("standalone", func(t *testing.T) {
		r := run(t, dir, "", conclint, "./...")
		if got := findings(r.stdout); r.code != 1 || r.stderr != "" || !slices.Equal(got, want) {
			t.Errorf("conclint ./...: %v\nfindings %q\nwant exit 1, no stderr, findings %q", r, got, want)
		}
		// The message is lockblock's own; it names the mutex held.
		if line := lineAt(r.stdout, at(t, cgoFiles, "cgo/cgo.go", "want lockblock ")); !strings.Contains(line, " mu ") {
			t.Errorf("the lockblock finding in cgo/cgo.go does not name mu: %q", line)
		}
		if strings.Contains(r.stdout, "go-build") || strings.Contains(r.stdout, "_cgo_") {
			t.Errorf("a position in cgo's output (the build cache) was printed:\n%s", r.stdout)
		}
		// The directive is used: -unused-ignores has nothing to say.
		r = run(t, dir, "", conclint, "-unused-ignores", "./cgo")
		if strings.Contains(r.stdout, "unused") {
			t.Errorf("the directive in cgo/cgo.go counts as unused:\n%v", r)
		}
	})

	t.Run("vet", func(t *testing.T) {
		r := run(t, dir, "", "go", "vet", "-vettool="+conclint, "./...")
		var wantPos []string
		for _, w := range want {
			wantPos = append(wantPos, strings.Split(w, ": ")[0])
		}
		if got := vetFindings(r.stderr); r.code != 1 || !slices.Equal(got, wantPos) {
			t.Errorf("go vet -vettool ./...: %v\nfindings %q\nwant exit 1, findings %q", r, got, wantPos)
		}
	})

	t.Run("json", func(t *testing.T) {
		r := run(t, dir, "", conclint, "-json", "./...")
		var out jsonOutput
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 1 {
			t.Fatalf("conclint -json: %v (%v)", r, err)
		}
		var got []string
		for _, d := range out.Diagnostics {
			got = append(got, d.Posn+": "+d.Pass)
			for _, rel := range d.Related {
				if filepath.IsAbs(rel.File) || !strings.HasSuffix(rel.File, ".go") {
					t.Errorf("related position outside the module (cgo's output?): %+v", rel)
				}
			}
			if d.Pass == "goroutineleak" && len(d.SuggestedFixes) != 0 {
				t.Errorf("a fix in a cgo file is kept; its edits point into cgo's output: %+v", d.SuggestedFixes)
			}
		}
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Errorf("-json findings %q, want %q", got, want)
		}
	})

	t.Run("sarif", func(t *testing.T) {
		log, r := runSARIF(t, dir, "./...")
		var got []string
		for _, res := range log.Runs[0].Results {
			loc := res.Locations[0].PhysicalLocation
			got = append(got, fmt.Sprintf("%s:%d:%d: %s", loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn, res.RuleID))
		}
		sort.Strings(got)
		if r.code != 1 || !slices.Equal(got, want) {
			t.Errorf("SARIF results %q (exit %d), want %q (exit 1)", got, r.code, want)
		}
	})

	t.Run("fix", func(t *testing.T) {
		fixDir := writeModule(t, cgoFiles)
		r := run(t, fixDir, "", conclint, "-fix", "./cgo")
		got, _ := os.ReadFile(filepath.Join(fixDir, "cgo", "cgo.go"))
		if string(got) != cgoFiles["cgo/cgo.go"] || r.code != 1 || r.stderr != "" {
			t.Errorf("conclint -fix ./cgo: %v\nwant exit 1 (the leak is not fixed), no warning, cgo/cgo.go unchanged; it is now:\n%s", r, got)
		}
	})

	t.Run("baseline", func(t *testing.T) {
		dir := writeModule(t, cgoFiles)
		cgoGo := filepath.Join(dir, "cgo", "cgo.go")
		baseline := filepath.Join(t.TempDir(), "baseline.json")
		r := run(t, dir, "", conclint, "-write-baseline", baseline, "./...")
		data, _ := os.ReadFile(baseline)
		if r.code != 0 || strings.Count(string(data), `"pass"`) != len(want) {
			t.Errorf("-write-baseline: %v\nbaseline:\n%s\nwant exit 0 and %d entries", r, data, len(want))
		}
		r = run(t, dir, "", conclint, "-baseline", baseline, "./...")
		if r.code != 0 || r.stdout != "" {
			t.Errorf("-baseline: %v\nwant exit 0, nothing new", r)
		}
		// Unsilencing ProduceQuiet makes a new finding.
		src := strings.Replace(cgoFiles["cgo/cgo.go"], "// quiet", "// now reported", 1)
		src = strings.Replace(src, "\t//conclint:ignore lockblock the test silences this one\n", "", 1)
		if err := os.WriteFile(cgoGo, []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
		r = run(t, dir, "", conclint, "-baseline", baseline, "./...")
		wantNew := []string{at(t, map[string]string{"cgo/cgo.go": src}, "cgo/cgo.go", "// now reported") + ": lockblock"}
		if got := findings(r.stdout); r.code != 1 || !slices.Equal(got, wantNew) {
			t.Errorf("-baseline after unsilencing ProduceQuiet: %v\nfindings %q, want %q", r, got, wantNew)
		}
	})

	t.Run("cgo disabled", func(t *testing.T) {
		// The go tool then leaves the files that import "C" out: never
		// silently. cgogen is all cgo: an error; cgo keeps plain.go: a
		// warning, and plain.go's finding.
		r := runEnv(t, dir, []string{"CGO_ENABLED=0"}, conclint, "./...")
		wantErr := []string{
			`conclint: warning: example.com/m/cgo: files that import "C" not analyzed, cgo is disabled (CGO_ENABLED=0 or no C compiler): cgo/cgo.go`,
			`conclint: example.com/m/cgogen: not analyzed: its files import "C" and cgo is disabled (CGO_ENABLED=0 or no C compiler): cgogen/cgogen.go`,
		}
		wantPlain := []string{at(t, cgoFiles, "cgo/plain.go", "want lockblock Plain") + ": lockblock"}
		if got := findings(r.stdout); r.code != 2 || r.stderr != strings.Join(wantErr, "\n")+"\n" || !slices.Equal(got, wantPlain) {
			t.Errorf("CGO_ENABLED=0 conclint ./...: %v\nwant exit 2, findings %q, stderr:\n%s", r, wantPlain, strings.Join(wantErr, "\n"))
		}
	})
}

// lineFiles: a hand-written file (no "Code generated" header) whose last
// function carries //line directives into the template it was written
// from. It is analysed; the standalone command (and golangci-lint)
// reports at the Go file's own line, as staticcheck does for a //line
// that names a file that is not Go, so that editors and -fix find the
// code; go vet reports at the template's line, as the compiler does.
var lineFiles = map[string]string{
	"tmpl/page.go": `// Package tmpl was written from page.tmpl by a tool that keeps
// //line directives but adds no "Code generated" header.
package tmpl

import "sync"
` + strings.Replace(deadlock("", "v"), "// Produce sends", "//line page.tmpl:40:1\n// Produce sends", 1),
}

func TestLineDirectiveTemplate(t *testing.T) {
	dir := writeModule(t, lineFiles)
	goPos := at(t, lineFiles, "tmpl/page.go", "want lockblock")
	// page.tmpl:40 is the line after the directive; the send is 4 lines
	// below it.
	_, rest, _ := strings.Cut(lineFiles["tmpl/page.go"], "//line page.tmpl:40:1\n")
	sendLine := 40 + strings.Count(rest[:strings.Index(rest, "want lockblock")], "\n")
	_, col, _ := strings.Cut(strings.TrimPrefix(goPos, "tmpl/page.go:"), ":")
	tmplPos := fmt.Sprintf("tmpl/page.tmpl:%d:%s", sendLine, col)

	r := run(t, dir, "", conclint, "./...")
	if got, want := findings(r.stdout), []string{goPos + ": lockblock"}; r.code != 1 || r.stderr != "" || !slices.Equal(got, want) {
		t.Errorf("conclint ./...: %v\nfindings %q, want exit 1 and %q", r, got, want)
	}
	r = run(t, dir, "", "go", "vet", "-vettool="+conclint, "./...")
	if got, want := vetFindings(r.stderr), []string{tmplPos}; r.code != 1 || !slices.Equal(got, want) {
		t.Errorf("go vet -vettool ./...: %v\nfindings %q, want exit 1 and %q", r, got, want)
	}
}

// genFiles: in one package, a hand-written file, a file a user's
// generator wrote, and a generated file with //line directives into its
// template. Only the hand-written one is reported.
var genFiles = map[string]string{
	"gen/hand.go": "package gen\n\nimport \"sync\"\n" + deadlock("Hand", "v"),
	"gen/gen.go":  "// Code generated by mygen. DO NOT EDIT.\n\npackage gen\n\nimport \"sync\"\n" + deadlock("Gen", "v"),
	"gen/page_gen.go": "// Code generated by tmplgen from page.tmpl. DO NOT EDIT.\n\n//line page.tmpl:1:1\npackage gen\n\nimport \"sync\"\n" +
		deadlock("Tmpl", "v"),
}

func TestGeneratedBesideHandWritten(t *testing.T) {
	dir := writeModule(t, genFiles)
	want := []string{at(t, genFiles, "gen/hand.go", "want lockblock") + ": lockblock"}
	r := run(t, dir, "", conclint, "./...")
	if got := findings(r.stdout); r.code != 1 || r.stderr != "" || !slices.Equal(got, want) {
		t.Errorf("conclint ./...: %v\nfindings %q, want exit 1 and %q", r, got, want)
	}
	r = run(t, dir, "", "go", "vet", "-vettool="+conclint, "./...")
	if got, want := vetFindings(r.stderr), []string{strings.TrimSuffix(want[0], ": lockblock")}; r.code != 1 || !slices.Equal(got, want) {
		t.Errorf("go vet -vettool ./...: %v\nfindings %q, want exit 1 and %q", r, got, want)
	}
}

// tagFiles: a package with a file for every build, one behind a build
// tag, one per GOOS; and a package whose only file is behind a tag.
var tagFiles = map[string]string{
	"tags/tags.go":        "package tags\n\nimport \"sync\"\n" + deadlock("Always", "v"),
	"tags/integration.go": "//go:build integration\n\npackage tags\n\nimport \"sync\"\n" + deadlock("Integration", "v"),
	"tags/os_linux.go":    "package tags\n\nimport \"sync\"\n" + deadlock("Linux", "v"),
	"tags/os_windows.go":  "package tags\n\nimport \"sync\"\n" + deadlock("Windows", "v"),
	"tagonly/tagonly.go":  "//go:build integration\n\npackage tagonly\n\nimport \"sync\"\n" + deadlock("", "v"),
}

// TestBuildTags: the files analyzed are those of the build the go tool
// would compile (GOOS, GOARCH, -tags), like go build and go vet; a file
// for another build is not analyzed, and a package with no file for this
// build, named on the command line, is an error.
func TestBuildTags(t *testing.T) {
	dir := writeModule(t, tagFiles)
	pos := func(file, sfx string) string {
		return at(t, tagFiles, file, "want lockblock "+sfx) + ": lockblock"
	}
	always, integration := pos("tags/tags.go", "Always"), pos("tags/integration.go", "Integration")
	linux, windows := pos("tags/os_linux.go", "Linux"), pos("tags/os_windows.go", "Windows")
	tagonly := pos("tagonly/tagonly.go", "")
	for _, tc := range []struct {
		goos string
		args []string
		want []string
	}{
		{"linux", []string{"./tags"}, sorted(always, linux)},
		{"windows", []string{"./tags"}, sorted(always, windows)},
		{"linux", []string{"-tags=integration", "./..."}, sorted(always, integration, linux, tagonly)},
		// go list leaves tagonly out of ./... without a word, as go build
		// and go vet do: it has no file in this build.
		{"linux", []string{"./..."}, sorted(always, linux)},
	} {
		r := runEnv(t, dir, []string{"GOOS=" + tc.goos, "GOARCH=amd64"}, conclint, tc.args...)
		if got := findings(r.stdout); r.code != 1 || r.stderr != "" || !slices.Equal(got, tc.want) {
			t.Errorf("GOOS=%s conclint %s: %v\nfindings %q, want exit 1 and %q", tc.goos, strings.Join(tc.args, " "), r, got, tc.want)
		}
	}
	// Named, a package with no file in this build is an error.
	r := runEnv(t, dir, []string{"GOOS=linux", "GOARCH=amd64"}, conclint, "./tagonly")
	if r.code != 2 || !strings.Contains(r.stderr, "example.com/m/tagonly: build constraints exclude all Go files") {
		t.Errorf("conclint ./tagonly: %v\nwant exit 2 and go list's error: build constraints exclude all Go files", r)
	}
	// go vet takes the same -tags.
	r = runEnv(t, dir, []string{"GOOS=linux", "GOARCH=amd64"}, "go", "vet", "-vettool="+conclint, "-tags=integration", "./tags")
	var wantVet []string
	for _, w := range sorted(always, integration, linux) {
		wantVet = append(wantVet, strings.TrimSuffix(w, ": lockblock"))
	}
	if got := vetFindings(r.stderr); r.code != 1 || !slices.Equal(got, wantVet) {
		t.Errorf("go vet -vettool -tags=integration ./tags: %v\nfindings %q, want exit 1 and %q", r, got, wantVet)
	}
}

// extFiles: a package with an internal test file and an external
// (package ext_test) one, and a directory holding only an external test
// package.
var extFiles = map[string]string{
	"ext/ext.go":           "package ext\n\nimport \"sync\"\n" + deadlock("Lib", "v"),
	"ext/internal_test.go": "package ext\n\nimport \"sync\"\n" + deadlock("Internal", "v"),
	"ext/ext_test.go": "package ext_test\n\nimport (\n\t\"sync\"\n\t\"testing\"\n\n\t\"example.com/m/ext\"\n)\n\nfunc TestLib(t *testing.T) { _ = ext.ConsumeLib }\n" +
		deadlock("External", "v"),
	"xonly/x_test.go": "package xonly_test\n\nimport \"sync\"\n" + deadlock("XOnly", "v"),
}

// TestExternalTestPackage: test files are analyzed by default, those of
// an external _test package included, and once each.
func TestExternalTestPackage(t *testing.T) {
	dir := writeModule(t, extFiles)
	pos := func(file, sfx string) string {
		return at(t, extFiles, file, "want lockblock "+sfx) + ": lockblock"
	}
	lib, internal := pos("ext/ext.go", "Lib"), pos("ext/internal_test.go", "Internal")
	external, xonly := pos("ext/ext_test.go", "External"), pos("xonly/x_test.go", "XOnly")
	all := sorted(lib, internal, external, xonly)

	r := run(t, dir, "", conclint, "./...")
	if got := findings(r.stdout); r.code != 1 || r.stderr != "" || !slices.Equal(got, all) {
		t.Errorf("conclint ./...: %v\nfindings %q, want exit 1 and %q", r, got, all)
	}
	r = run(t, dir, "", conclint, "-tests=false", "./ext")
	if got, want := findings(r.stdout), []string{lib}; r.code != 1 || r.stderr != "" || !slices.Equal(got, want) {
		t.Errorf("conclint -tests=false ./ext: %v\nfindings %q, want exit 1 and %q", r, got, want)
	}
	r = run(t, dir, "", "go", "vet", "-vettool="+conclint, "./...")
	var wantVet []string
	for _, w := range all {
		wantVet = append(wantVet, strings.TrimSuffix(w, ": lockblock"))
	}
	if got := vetFindings(r.stderr); r.code != 1 || !slices.Equal(got, wantVet) {
		t.Errorf("go vet -vettool ./...: %v\nfindings %q, want exit 1 and %q", r, got, wantVet)
	}
}
