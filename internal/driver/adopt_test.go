package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/passutil"
)

func init() {
	// sleeper runs under passutil.Guard, so it honors //conclint:ignore;
	// give it the -unused-ignores flag the suite gives every pass.
	passutil.AddIgnoreFlags(sleeper)
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	files := copyFiles(sleepModule)
	files["user/user.go"] = `package user

import "example.com/m/slow"

func Use() {
	slow.Nap()
	slow.Nap()
}
`
	dir := writeModule(t, files)
	sleepers := []*analysis.Analyzer{sleeper}

	stdout, stderr, code := runMain(t, dir, sleepers, "-write-baseline", "conclint-baseline.json", "./...")
	if code != ExitClean || stdout != "" || !strings.Contains(stderr, "wrote 3 findings to the baseline conclint-baseline.json") {
		t.Fatalf("-write-baseline: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "conclint-baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"scope": "func Use"`, `"count": 2`, `"file": "user/user_test.go"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("baseline lacks %s:\n%s", want, data)
		}
	}

	stdout, stderr, code = runMain(t, dir, sleepers, "-baseline", "conclint-baseline.json", "./...")
	if code != ExitClean || stdout != "" || stderr != "" {
		t.Errorf("rerun with the baseline: exit %d, stdout %q, stderr %q; want nothing", code, stdout, stderr)
	}

	// Lines move (a comment and a function above), the old findings stay
	// known; a third call in Use and a call in a new function are new.
	writeFile(t, dir, "user/user.go", `package user

import "example.com/m/slow"

// Helper is new, and so is its finding.
func Helper() {
	slow.Nap()
}

// Use moved down.
func Use() {
	slow.Nap()
	slow.Nap()
	slow.Nap()
}
`)
	stdout, stderr, code = runMain(t, dir, sleepers, "-baseline", "conclint-baseline.json", "./...")
	want := "user/user.go:7:2: sleeper: call to Nap, which sleeps\n\tslow/slow.go:5:1: Nap declared here\n" +
		"user/user.go:14:2: sleeper: call to Nap, which sleeps\n\tslow/slow.go:5:1: Nap declared here\n"
	if code != ExitFindings || stdout != want || stderr != "" {
		t.Errorf("after edits: exit %d, stdout:\n%s\nstderr %q\nwant exit 1, stdout:\n%s", code, stdout, stderr, want)
	}

	// Without the baseline every finding shows.
	stdout, _, _ = runMain(t, dir, sleepers, "./...")
	if n := strings.Count(stdout, "sleeper:"); n != 5 {
		t.Errorf("without the baseline: %d findings, want 5:\n%s", n, stdout)
	}

	// Outside any function the key is the line's text.
	k := newKeyer(filepath.Join(dir, "b.json"))
	writeFile(t, dir, "user/vars.go", "package user\n\nvar x = 1 +\n\t2\n")
	if got := k.scope(filepath.Join(dir, "user/vars.go"), 4); got != "line: 2" {
		t.Errorf("scope outside functions = %q", got)
	}
	if got := k.scope(filepath.Join(dir, "user/user.go"), 12); got != "func Use" {
		t.Errorf("scope = %q, want func Use", got)
	}
	os.Remove(filepath.Join(dir, "user/vars.go"))

	_, stderr, code = runMain(t, dir, sleepers, "-baseline", "nosuch.json", "./...")
	if code != ExitFailure || !strings.Contains(stderr, "-baseline: open ") {
		t.Errorf("missing baseline: exit %d, stderr %q", code, stderr)
	}
}

func TestConfigFile(t *testing.T) {
	dir := writeModule(t, copyFiles(sleepModule))
	sleepers := []*analysis.Analyzer{sleeper, renamer}

	writeFile(t, dir, ".conclint.yml", "disable: [renamer]\nexclude: [\"**/*_test.go\"]\n")
	stdout, stderr, code := runMain(t, dir, sleepers, "./...")
	want := "user/user.go:6:2: sleeper: call to Nap, which sleeps\n\tslow/slow.go:5:1: Nap declared here\n"
	if code != ExitFindings || stdout != want || stderr != "" {
		t.Errorf("with exclude: exit %d, stdout:\n%s\nstderr %q\nwant:\n%s", code, stdout, stderr, want)
	}

	// The command line's -enable replaces the file's selection.
	writeFile(t, dir, ".conclint.yml", "enable: [renamer]\n")
	stdout, _, _ = runMain(t, dir, sleepers, "-enable=sleeper", "./...")
	if !strings.Contains(stdout, "sleeper: call to Nap") {
		t.Errorf("-enable=sleeper over enable: [renamer]: %q", stdout)
	}

	for _, tc := range []struct{ yaml, want string }{
		{"enable: [sleeper]\nexlude: [x]\n", `.conclint.yml:2: unknown key "exlude"`},
		{"enable: [sleepr]\n", `.conclint.yml:1: enable: unknown pass "sleepr" (known: renamer, sleeper)`},
		{"blocking-functions: [Nap]\n", `.conclint.yml:1: blocking-functions: "Nap" is not a qualified function name`},
	} {
		writeFile(t, dir, ".conclint.yml", tc.yaml)
		stdout, stderr, code := runMain(t, dir, sleepers, "./...")
		if code != ExitFailure || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("config %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.yaml, code, stdout, stderr, tc.want)
		}
	}

	// -config names another file; it need not be in the module.
	other := filepath.Join(t.TempDir(), "ci.yml")
	if err := os.WriteFile(other, []byte("exclude: [user]\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	// The module's .conclint.yml (still the broken one) is not read, and
	// the file's exclude is relative to its own directory, so nothing in
	// the module matches it.
	stdout, stderr, code = runMain(t, dir, sleepers, "-config", other, "./...")
	if code != ExitFindings || stderr != "" || !strings.Contains(stdout, "sleeper: call to Nap") {
		t.Errorf("-config %s: exit %d, stdout %q, stderr %q", other, code, stdout, stderr)
	}
}

func TestIgnoreDirectivesInDriver(t *testing.T) {
	files := copyFiles(sleepModule)
	files["user/user.go"] = `package user

import "example.com/m/slow"

func Use() {
	//conclint:ignore sleeper napping is the point of this function
	slow.Nap()
	//conclint:ignore sleeper stale: nothing here sleeps
	_ = 1
	//conclint:ignore sleeper
	slow.Nap()
}
`
	dir := writeModule(t, files)
	t.Cleanup(func() { sleeper.Flags.Set(passutil.UnusedIgnoresFlag, "false") })

	stdout, _, code := runMain(t, dir, []*analysis.Analyzer{sleeper}, "./user")
	want := "user/user.go:10:2: sleeper: malformed //conclint:ignore directive: a reason is required after the pass names (//conclint:ignore <pass> <reason>); it suppresses nothing\n" +
		"user/user.go:11:2: sleeper: call to Nap, which sleeps\n\tslow/slow.go:5:1: Nap declared here\n" +
		"user/user_test.go:5:30: sleeper: call to Use, which sleeps\n\tuser/user.go:5:6: Use declared here\n"
	if code != ExitFindings || stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", code, stdout, want)
	}

	stdout, _, _ = runMain(t, dir, []*analysis.Analyzer{sleeper}, "-unused-ignores", "./user")
	if !strings.Contains(stdout, "user/user.go:8:2: sleeper: unused //conclint:ignore directive: no sleeper finding on this line or the next\n") ||
		strings.Contains(stdout, "user/user.go:6:2: sleeper: unused") {
		t.Errorf("-unused-ignores: stdout:\n%s", stdout)
	}
}
