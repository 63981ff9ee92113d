package driver

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/conclint/conclint/internal/passutil"
)

// These tests drive Main in process with small synthetic passes, so that
// they test the driver and not any real pass: facts across packages,
// errors and panics in passes and in their dependencies, fixes, flags and
// the cache.

// sleeps marks a function that calls time.Sleep, directly or not.
type sleeps struct{}

func (*sleeps) AFact()         {}
func (*sleeps) String() string { return "sleeps" }

// sleeper reports calls of functions that sleep; its -sleeper.verb flag
// changes the message, which shows that flags are part of the cache key.
// It panics (under passutil.Guard) in a package named explode, which
// shows that errors on dependencies, analyzed for facts only, surface.
var sleeper = &analysis.Analyzer{
	Name:      "sleeper",
	Doc:       "sleeper: report calls of functions that sleep",
	Requires:  []*analysis.Analyzer{inspect.Analyzer},
	FactTypes: []analysis.Fact{new(sleeps)},
	Run:       passutil.Guard("sleeper", runSleeper),
}

var sleeperVerb = new(string)

func init() {
	sleeper.Flags.StringVar(sleeperVerb, "verb", "sleeps", "the verb of the message")
}

func runSleeper(pass *analysis.Pass) (any, error) {
	if pass.Pkg.Name() == "explode" {
		panic("kaboom")
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ins.Preorder([]ast.Node{(*ast.FuncDecl)(nil)}, func(n ast.Node) {
		decl := n.(*ast.FuncDecl)
		if decl.Body == nil {
			return
		}
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
			if !ok {
				return true
			}
			self := pass.TypesInfo.Defs[decl.Name]
			if fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Name() == "Sleep" {
				pass.ExportObjectFact(self, new(sleeps))
			} else if pass.ImportObjectFact(fn, new(sleeps)) {
				pass.ExportObjectFact(self, new(sleeps))
				passutil.Report(pass, analysis.Diagnostic{
					Pos:      call.Pos(),
					Category: "call", // the driver must still attribute it to sleeper
					Message:  "call to " + fn.Name() + ", which " + *sleeperVerb,
					Related:  []analysis.RelatedInformation{{Pos: fn.Pos(), Message: fn.Name() + " declared here"}},
				})
			}
			return true
		})
	})
	return nil, nil
}

// renamer reports identifiers named bad and offers to rename them good;
// renamer2 offers "better" for the same range, a conflicting fix.
var renamer = newRenamer("renamer", "good")
var renamer2 = newRenamer("renamer2", "better")

func newRenamer(name, to string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     name,
		Doc:      name + ": rename bad",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			ins.Preorder([]ast.Node{(*ast.Ident)(nil)}, func(n ast.Node) {
				id := n.(*ast.Ident)
				if id.Name != "bad" {
					return
				}
				pass.Report(analysis.Diagnostic{
					Pos: id.Pos(), End: id.End(),
					Message: "bad name",
					SuggestedFixes: []analysis.SuggestedFix{{
						Message:   "rename to " + to,
						TextEdits: []analysis.TextEdit{{Pos: id.Pos(), End: id.End(), NewText: []byte(to)}},
					}},
				})
			})
			return nil, nil
		},
	}
}

// failing returns an error in a package named explode; needy requires
// it and must then be skipped, not crash on a missing result.
var failing = &analysis.Analyzer{
	Name: "failing",
	Doc:  "failing: a dependency that fails",
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Name() == "explode" {
			return nil, errors.New("cannot summarize")
		}
		return 42, nil
	},
	ResultType: reflect.TypeOf(0),
}

var needy = &analysis.Analyzer{
	Name:     "needy",
	Doc:      "needy: needs failing",
	Requires: []*analysis.Analyzer{failing},
	Run: func(pass *analysis.Pass) (any, error) {
		_ = pass.ResultOf[failing].(int) // panics if the driver passes a nil result
		return nil, nil
	},
}

// crasher panics without passutil.Guard in a package named explode.
var crasher = &analysis.Analyzer{
	Name: "crasher",
	Doc:  "crasher: panics unguarded",
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Name() == "explode" {
			var m map[string]int
			m["x"] = 1
		}
		return nil, nil
	},
}

// writeModule writes files (slash paths relative to the module root) into
// a new module example.com/m and returns its directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestMain gives the tests one analysis cache, so that the facts of the
// standard library are computed once; a test about the cache sets its own.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "conclint-driver-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("CONCLINT_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runMain runs Main in dir (through -C) and returns stdout, stderr and
// the exit status.
func runMain(t *testing.T, dir string, analyzers []*analysis.Analyzer, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cfg := Config{Name: "conclint", Analyzers: analyzers, Stdout: &stdout, Stderr: &stderr}
	code := Main(cfg, append([]string{"-C", dir}, args...))
	return stdout.String(), stderr.String(), code
}

var sleepModule = map[string]string{
	"slow/slow.go": `package slow

import "time"

func Nap() { time.Sleep(1) }
`,
	"user/user.go": `package user

import "example.com/m/slow"

func Use() {
	slow.Nap()
}
`,
	"user/user_test.go": `package user

import "testing"

func TestUse(t *testing.T) { Use() }
`,
}

func copyFiles(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestFactsAcrossPackagesAndCache(t *testing.T) {
	dir := writeModule(t, copyFiles(sleepModule))
	t.Setenv("CONCLINT_CACHE", t.TempDir())
	// Nap's position comes from export data, which records the line of
	// a declaration but column 1. The test file's call shows that the
	// fact exported for Use reaches the test variant of the package.
	want := "user/user.go:6:2: sleeper: call to Nap, which sleeps\n\tslow/slow.go:5:1: Nap declared here\n" +
		"user/user_test.go:5:30: sleeper: call to Use, which sleeps\n\tuser/user.go:5:6: Use declared here\n"
	for _, run := range []string{"cold", "cached"} {
		stdout, stderr, code := runMain(t, dir, []*analysis.Analyzer{sleeper}, "./...")
		if stdout != want || stderr != "" || code != ExitFindings {
			t.Errorf("%s run: got code %d, stdout:\n%s\nstderr:\n%s\nwant code 1, stdout:\n%s", run, code, stdout, stderr, want)
		}
	}
	// A flag value is part of the cache key: the cached result of the
	// runs above must not be served.
	stdout, _, _ := runMain(t, dir, []*analysis.Analyzer{sleeper}, "-sleeper.verb=naps", "./...")
	if !strings.Contains(stdout, "which naps") {
		t.Errorf("with -sleeper.verb=naps: got %q, want the new verb (stale cache?)", stdout)
	}
	*sleeperVerb = "sleeps"
}

func TestDependencyError(t *testing.T) {
	files := copyFiles(sleepModule)
	files["explode/explode.go"] = "package explode\n\nfunc Boom() {}\n"
	files["user/user.go"] = `package user

import (
	"example.com/m/explode"
	"example.com/m/slow"
)

func Use() {
	slow.Nap()
	explode.Boom()
}
`
	dir := writeModule(t, files)
	t.Setenv("CONCLINT_CACHE", t.TempDir())
	for _, run := range []string{"cold", "cached"} {
		// Only ./user is initial: explode is analyzed for facts only.
		stdout, stderr, code := runMain(t, dir, []*analysis.Analyzer{sleeper}, "./user")
		if code != ExitFailure {
			t.Errorf("%s run: exit %d, want 2", run, code)
		}
		wantErr := "conclint: example.com/m/explode: internal error: pass sleeper panicked in package example.com/m/explode: kaboom\n"
		if stderr != wantErr {
			t.Errorf("%s run: stderr:\n%s\nwant:\n%s", run, stderr, wantErr)
		}
		if !strings.Contains(stdout, "user/user.go:9:2: sleeper: call to Nap") {
			t.Errorf("%s run: findings of the package still lost: %q", run, stdout)
		}
	}
}

func TestPassErrors(t *testing.T) {
	files := copyFiles(sleepModule)
	files["explode/explode.go"] = "package explode\n\nfunc Boom() {}\n"
	dir := writeModule(t, files)
	for _, tc := range []struct {
		pass    *analysis.Analyzer
		wantErr string
	}{
		{sleeper, "conclint: example.com/m/explode: internal error: pass sleeper panicked in package example.com/m/explode: kaboom\n"},
		{crasher, "conclint: example.com/m/explode: internal error: pass crasher panicked in package example.com/m/explode: assignment to entry in nil map\n"},
		{needy, "conclint: example.com/m/explode: failing: cannot summarize\n"},
	} {
		t.Run(tc.pass.Name, func(t *testing.T) {
			stdout, stderr, code := runMain(t, dir, []*analysis.Analyzer{tc.pass}, "./...")
			if code != ExitFailure || stderr != tc.wantErr {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 2, stderr:\n%s", code, stderr, tc.wantErr)
			}
			if tc.pass == sleeper && !strings.Contains(stdout, "sleeper: call to Nap") {
				t.Errorf("findings of the other packages lost: %q", stdout)
			}
			_, stderr, _ = runMain(t, dir, []*analysis.Analyzer{tc.pass}, "-v", "./...")
			if tc.pass != needy && !strings.Contains(stderr, "goroutine ") {
				t.Errorf("-v: want a stack trace, got:\n%s", stderr)
			}
		})
	}
}

func TestFix(t *testing.T) {
	files := map[string]string{
		"p/p.go":      "package p\n\nfunc F() int {\n\tbad := 1\n\treturn bad\n}\n",
		"p/p_test.go": "package p\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { F() }\n",
	}
	dir := writeModule(t, files)
	analyzers := []*analysis.Analyzer{renamer, renamer2}

	// Both passes report both uses; renamer's fixes come first in output
	// order, so renamer2's conflict with them and are skipped.
	stdout, stderr, code := runMain(t, dir, analyzers, "-fix", "./...")
	if code != ExitFindings {
		t.Errorf("exit %d, want 1 (renamer2's findings are not fixed)", code)
	}
	wantOut := "p/p.go:4:2: renamer: bad name\np/p.go:4:2: renamer2: bad name\np/p.go:5:9: renamer: bad name\np/p.go:5:9: renamer2: bad name\n"
	if stdout != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, wantOut)
	}
	if n := strings.Count(stderr, "fix not applied: it overlaps another fix"); n != 2 {
		t.Errorf("want 2 overlap warnings, got stderr:\n%s", stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "p/p.go"))
	if want := "package p\n\nfunc F() int {\n\tgood := 1\n\treturn good\n}\n"; string(got) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, want)
	}
	stdout, stderr, code = runMain(t, dir, analyzers, "-fix", "./...")
	if code != ExitClean || stdout != "" || stderr != "" {
		t.Errorf("second run: exit %d, stdout %q, stderr %q; want a clean run", code, stdout, stderr)
	}
}

func TestJSON(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"p/p.go":          "package p\n\nvar bad = 1\n",
		"broken/b.go":     "package broken\n\nvar x int = \"s\"\n",
		"p/p_ext_test.go": "package p_test\n",
	})
	stdout, stderr, code := runMain(t, dir, []*analysis.Analyzer{renamer}, "-json", "./...")
	if code != ExitFailure || stderr != "" {
		t.Errorf("exit %d, stderr %q; want 2 and errors only in the JSON", code, stderr)
	}
	var doc struct {
		Diagnostics []map[string]any `json:"diagnostics"`
		Errors      []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if len(doc.Diagnostics) != 1 || len(doc.Errors) != 1 {
		t.Fatalf("want 1 diagnostic and 1 error, got:\n%s", stdout)
	}
	d := doc.Diagnostics[0]
	for key, want := range map[string]any{
		"pass": "renamer", "posn": "p/p.go:3:5", "file": "p/p.go", "line": 3.0, "column": 5.0,
		"end_line": 3.0, "end_column": 8.0, "message": "bad name",
	} {
		if d[key] != want {
			t.Errorf("diagnostic[%q] = %v, want %v", key, d[key], want)
		}
	}
	fix := d["suggested_fixes"].([]any)[0].(map[string]any)
	edit := fix["edits"].([]any)[0].(map[string]any)
	if fix["message"] != "rename to good" || edit["offset"] != 15.0 || edit["end_offset"] != 18.0 || edit["new_text"] != "good" || edit["file"] != "p/p.go" {
		t.Errorf("suggested fix: %v", fix)
	}
	if rel, ok := d["related"].([]any); !ok || len(rel) != 0 {
		t.Errorf("related = %v, want []", d["related"])
	}
	if e := doc.Errors[0]; e["package"] != "example.com/m/broken" || !strings.Contains(e["message"].(string), `broken/b.go:3:13: cannot use "s"`) {
		t.Errorf("error = %v", e)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := writeModule(t, copyFiles(sleepModule))
	for _, tc := range []struct {
		args    []string
		wantErr string
	}{
		{[]string{"-enable=sleeper,nosuch", "./..."}, `conclint: -enable: unknown pass "nosuch" (known: renamer, sleeper)` + "\n"},
		{[]string{"-disable=nosuch", "./..."}, `conclint: -disable: unknown pass "nosuch" (known: renamer, sleeper)` + "\n"},
		{[]string{"-disable=sleeper,renamer", "./..."}, "conclint: -enable/-disable leave no pass to run\n"},
		{[]string{"-nosuchflag", "./..."}, "conclint: flag provided but not defined: -nosuchflag (see 'conclint -h')\n"},
		{[]string{}, "conclint: no packages given, e.g. 'conclint ./...' (see 'conclint -h')\n"},
		{[]string{"./nothing/..."}, "conclint: pattern ./nothing/...: lstat ./nothing/: no such file or directory\n"},
		{[]string{"example.com/m/nothing/..."}, "conclint: pattern \"example.com/m/nothing/...\" matched no packages\n"},
	} {
		stdout, stderr, code := runMain(t, dir, []*analysis.Analyzer{renamer, sleeper}, tc.args...)
		if code != ExitFailure || stderr != tc.wantErr || stdout != "" {
			t.Errorf("conclint %s: exit %d, stdout %q, stderr %q; want 2, stderr %q", strings.Join(tc.args, " "), code, stdout, stderr, tc.wantErr)
		}
	}
	// Selection: only the enabled pass reports.
	stdout, _, code := runMain(t, dir, []*analysis.Analyzer{renamer, sleeper}, "-disable=sleeper", "./...")
	if code != ExitClean || stdout != "" {
		t.Errorf("-disable=sleeper: exit %d, stdout %q; want a clean run", code, stdout)
	}
	stdout, _, _ = runMain(t, dir, []*analysis.Analyzer{renamer, sleeper}, "-h")
	for _, want := range []string{"-enable", "-sleeper.verb", "Exit status:", "CONCLINT_CACHE"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("-h does not mention %s:\n%s", want, stdout)
		}
	}
}

func TestTestsFlag(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"p/p.go":      "package p\n",
		"p/p_test.go": "package p\n\nvar bad = 1\n",
	})
	if stdout, _, code := runMain(t, dir, []*analysis.Analyzer{renamer}, "./..."); code != ExitFindings || stdout != "p/p_test.go:3:5: renamer: bad name\n" {
		t.Errorf("default: exit %d, stdout %q; want the finding in the test file", code, stdout)
	}
	if stdout, _, code := runMain(t, dir, []*analysis.Analyzer{renamer}, "-tests=false", "./..."); code != ExitClean || stdout != "" {
		t.Errorf("-tests=false: exit %d, stdout %q; want a clean run", code, stdout)
	}
}

func TestConflict(t *testing.T) {
	for _, tc := range []struct {
		a, b edit
		want bool
	}{
		{edit{0, 3, "x"}, edit{0, 3, "x"}, false}, // identical: applied once
		{edit{0, 3, "x"}, edit{0, 3, "y"}, true},
		{edit{0, 3, "x"}, edit{3, 5, "y"}, false}, // adjacent
		{edit{0, 3, "x"}, edit{2, 5, "y"}, true},
		{edit{2, 2, "x"}, edit{2, 2, "y"}, true}, // two insertions at one point: order unknown
		{edit{2, 2, "x"}, edit{0, 3, "y"}, true}, // insertion inside a replacement
		{edit{3, 3, "x"}, edit{0, 3, "y"}, false},
	} {
		if got := conflict(tc.a, tc.b); got != tc.want {
			t.Errorf("conflict(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if got := string(apply([]byte("abcdef"), []edit{{4, 6, "X"}, {1, 1, "Y"}, {1, 2, "Z"}})); got != "aYZcdX" {
		t.Errorf("apply = %q", got)
	}
}

func TestRelPosString(t *testing.T) {
	for in, want := range map[string]string{
		"/w/a/b.go:3:4": "a/b.go:3:4",
		"/w/a/b.go:3":   "a/b.go:3",
		"/x/b.go:3:4":   "/x/b.go:3:4",
		"a/b.go:3:4":    "a/b.go:3:4",
	} {
		if got := relPosString(in, "/w"); got != want {
			t.Errorf("relPosString(%q) = %q, want %q", in, got, want)
		}
	}
}
