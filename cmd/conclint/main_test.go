package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/conclint/conclint/analyzers/suite"
	"github.com/conclint/conclint/internal/passutil"
)

// These tests build the conclint binary once and run it, as a user
// would, on small modules: standalone, as go vet's -vettool, and through
// help. The expected findings are lockblock's exact messages; when the
// pass rewords them, update the want lines below.

var (
	conclint    string // path of the binary built by TestMain
	sharedCache string // analysis cache of the runs that do not test the cache
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "conclint-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	conclint = filepath.Join(dir, "conclint")
	// The facts of the standard library, the bulk of the work, are then
	// computed once for all tests.
	sharedCache = filepath.Join(dir, "cache")
	if runtime.GOOS == "windows" {
		conclint += ".exe"
	}
	build := exec.Command("go", "build", "-o", conclint, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building conclint:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// The fixture: package a has a function that locks the mutex it is given,
// b calls it with a mutex it already holds (the knowledge crosses packages
// as a fact) and sends under its lock to a receiver that needs the same
// lock, clean holds a lock without blocking.
var fixture = map[string]string{
	"a/a.go": `package a

import "sync"

// Drain waits until no one else holds mu: it locks and unlocks it.
func Drain(mu *sync.Mutex) {
	mu.Lock()
	mu.Unlock()
}
`,
	"b/b.go": `package b

import (
	"sync"

	"example.com/m/a"
)

type Store struct {
	mu     sync.Mutex
	events chan string
}

func (s *Store) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	a.Drain(&s.mu)
}

func (s *Store) Put(k string) {
	s.mu.Lock()
	s.events <- k
	s.mu.Unlock()
}

// Pending does not wait.
func (s *Store) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.events)
}

// consume is the only receiver of s.events, and it locks s.mu before
// every receive.
func (s *Store) consume() {
	for {
		s.mu.Lock()
		s.mu.Unlock()
		<-s.events
	}
}

func NewStore() *Store { return &Store{events: make(chan string)} }
`,
	"b/b_test.go": `package b

import "testing"

// The test variant of b must not change what is reported: go vet
// analyzes only "b [b.test]", conclint both.
func TestStore(t *testing.T) { _ = new(Store) }
`,
	"clean/clean.go": `package clean

import "sync"

var mu sync.Mutex

func Inc(p *int) {
	mu.Lock()
	defer mu.Unlock()
	*p++
}
`,
}

// The findings in fixture: message, and the related "locked here".
const (
	flushMsg = "call to a.Drain locks s.mu while it is already locked on this path: sync mutexes are not reentrant (self-deadlock)"
	putMsg   = "deadlock: send on channel s.events while s.mu is held, but the only receive that could end it, in (*Store).consume, must first lock s.mu: neither goroutine can proceed"
)

var wantText = "b/b.go:17:9: lockblock: " + flushMsg + "\n" +
	"\tb/b.go:15:11: s.mu first locked here\n" +
	"b/b.go:22:11: lockblock: " + putMsg + "\n" +
	"\tb/b.go:21:11: s.mu locked here\n" +
	"\tb/b.go:39:3: receive that would end the wait, in (*Store).consume\n" +
	"\tb/b.go:37:12: which first locks s.mu here\n"

func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n"}
	for k, v := range files {
		all[k] = v
	}
	for name, content := range all {
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

type result struct {
	stdout, stderr string
	code           int
}

// run runs name with args in dir, with the analysis cache cacheDir (the
// shared one if empty), and returns its output and exit status.
func run(t *testing.T, dir, cacheDir, name string, args ...string) result {
	t.Helper()
	if cacheDir == "" {
		cacheDir = sharedCache
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CONCLINT_CACHE="+cacheDir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return result{stdout.String(), stderr.String(), code}
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout:\n%s--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

func TestStandalone(t *testing.T) {
	dir := writeModule(t, fixture)
	cache := t.TempDir()
	for _, pass := range []string{"cold", "cached"} {
		r := run(t, dir, cache, conclint, "./...")
		if r.code != 1 || r.stdout != wantText || r.stderr != "" {
			t.Errorf("%s: conclint ./...: %v\nwant exit 1, stdout:\n%s", pass, r, wantText)
		}
	}
	r := run(t, dir, cache, conclint, "./clean", "./a")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("conclint ./clean ./a: %v\nwant exit 0 and no output", r)
	}
	// From a subdirectory, paths stay relative to where we are; -C
	// behaves as if started in its directory.
	r = run(t, filepath.Join(dir, "b"), cache, conclint, ".")
	if want := strings.ReplaceAll(wantText, "b/b.go", "b.go"); r.code != 1 || r.stdout != want {
		t.Errorf("conclint . in b/: %v\nwant stdout:\n%s", r, want)
	}
	r = run(t, t.TempDir(), cache, conclint, "-C", dir, "./...")
	if r.code != 1 || r.stdout != wantText {
		t.Errorf("conclint -C dir ./...: %v\nwant stdout:\n%s", r, wantText)
	}
}

func TestVet(t *testing.T) {
	dir := writeModule(t, fixture)
	r := run(t, dir, "", "go", "vet", "-vettool="+conclint, "./...")
	// vet prints the tool's findings on stderr, related positions as
	// "posn: \tmessage", and exits 1.
	want := []string{
		"b/b.go:17:9: " + flushMsg,
		"b/b.go:15:11: \ts.mu first locked here",
		"b/b.go:22:11: " + putMsg,
		"b/b.go:21:11: \ts.mu locked here",
		"b/b.go:39:3: \treceive that would end the wait, in (*Store).consume",
		"b/b.go:37:12: \twhich first locks s.mu here",
	}
	if got := vetLines(r.stderr); r.code != 1 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("go vet -vettool: %v\nwant exit 1, stderr lines:\n%s", r, strings.Join(want, "\n"))
	}
	r = run(t, dir, "", "go", "vet", "-vettool="+conclint, "./clean", "./a")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("go vet -vettool ./clean ./a: %v\nwant exit 0 and no output", r)
	}
}

// vetLines returns the diagnostic lines of go vet's stderr, without the
// "# package" headers vet may print.
func vetLines(stderr string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if line != "" && !strings.HasPrefix(line, "# ") {
			out = append(out, line)
		}
	}
	return out
}

func TestTypeError(t *testing.T) {
	files := map[string]string{
		"bad/bad.go": "package bad\n\nvar x int = \"s\"\n\nvar y = undefined\n",
	}
	for k, v := range fixture {
		files[k] = v
	}
	dir := writeModule(t, files)
	r := run(t, dir, "", conclint, "./...")
	wantErr := `conclint: example.com/m/bad: bad/bad.go:3:13: cannot use "s" (untyped string constant) as int value in variable declaration` + "\n"
	if r.code != 2 || r.stderr != wantErr || r.stdout != wantText {
		t.Errorf("conclint ./... with a broken package: %v\nwant exit 2, stderr:\n%sstdout:\n%s", r, wantErr, wantText)
	}

	// A package that imports the broken one cannot be analyzed either.
	files["user/user.go"] = "package user\n\nimport _ \"example.com/m/bad\"\n"
	dir = writeModule(t, files)
	r = run(t, dir, "", conclint, "./user")
	wantErr = `conclint: example.com/m/bad: bad/bad.go:3:13: cannot use "s" (untyped string constant) as int value in variable declaration` + "\n" +
		"conclint: example.com/m/user: not analyzed: a package it depends on has errors\n"
	if r.code != 2 || r.stderr != wantErr || r.stdout != "" {
		t.Errorf("conclint ./user: %v\nwant exit 2, stderr:\n%s", r, wantErr)
	}
}

func TestHelp(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "", conclint, "help")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("conclint help: %v", r)
	}
	passes := suite.Analyzers()
	if len(passes) == 0 {
		t.Fatal("the suite has no pass")
	}
	for _, a := range passes {
		summary := passutil.Summary(a.Name, a.Doc)
		if summary == "" {
			t.Errorf("pass %s has no summary line", a.Name)
		}
		if !strings.Contains(r.stdout, "  "+a.Name+"  ") || !strings.Contains(r.stdout, summary+"\n") {
			t.Errorf("conclint help does not list %s with its summary %q:\n%s", a.Name, summary, r.stdout)
		}
		r := run(t, dir, "", conclint, "help", a.Name)
		if r.code != 0 || r.stdout != a.Doc || r.stderr != "" {
			t.Errorf("conclint help %s: %v\nwant its Doc", a.Name, r)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := writeModule(t, fixture)
	for _, tc := range []struct {
		args    []string
		wantErr string
	}{
		{[]string{"help", "nosuchpass"}, `conclint: unknown pass "nosuchpass" (run 'conclint help' for the list)`},
		{[]string{"-nosuchflag", "./..."}, `conclint: flag provided but not defined: -nosuchflag (see 'conclint -h')`},
		{[]string{"-enable=nosuchpass", "./..."}, `conclint: -enable: unknown pass "nosuchpass" (known: ` + passNames() + `)`},
		{[]string{"./nothing/..."}, `conclint: pattern ./nothing/...: lstat ./nothing/: no such file or directory`},
		{[]string{"example.com/m/nothing/..."}, `conclint: pattern "example.com/m/nothing/..." matched no packages`},
		{[]string{"./nothing"}, `conclint: pattern ./nothing: stat ` + filepath.Join(dir, "nothing") + `: directory not found`},
	} {
		r := run(t, dir, "", conclint, tc.args...)
		if r.code != 2 || r.stderr != tc.wantErr+"\n" || r.stdout != "" {
			t.Errorf("conclint %s: %v\nwant exit 2 and the one-line error:\n%s", strings.Join(tc.args, " "), r, tc.wantErr)
		}
	}
	r := run(t, dir, "", conclint, "-h")
	for _, want := range []string{"-enable", "-disable", "-json", "-fix", "-tests", "Exit status:"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("conclint -h: %v\nwant exit 0 and a usage mentioning %s", r, want)
		}
	}
}

func passNames() string {
	var names []string
	for _, a := range suite.Analyzers() {
		names = append(names, a.Name)
	}
	return strings.Join(names, ", ")
}

// jsonOutput is the schema of -json, as docs/cli.md documents it.
type jsonOutput struct {
	Diagnostics []struct {
		Pass      string `json:"pass"`
		Category  string `json:"category"`
		Posn      string `json:"posn"`
		File      string `json:"file"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"end_line"`
		EndColumn int    `json:"end_column"`
		Message   string `json:"message"`
		Related   []struct {
			Posn    string `json:"posn"`
			File    string `json:"file"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
			Message string `json:"message"`
		} `json:"related"`
		SuggestedFixes []struct {
			Message string `json:"message"`
			Edits   []struct {
				File      string `json:"file"`
				Offset    int    `json:"offset"`
				Line      int    `json:"line"`
				Column    int    `json:"column"`
				EndOffset int    `json:"end_offset"`
				EndLine   int    `json:"end_line"`
				EndColumn int    `json:"end_column"`
				NewText   string `json:"new_text"`
			} `json:"edits"`
		} `json:"suggested_fixes"`
	} `json:"diagnostics"`
	Errors []struct {
		Package string `json:"package"`
		Message string `json:"message"`
	} `json:"errors"`
}

func TestJSON(t *testing.T) {
	files := map[string]string{"bad/bad.go": "package bad\n\nvar x int = \"s\"\n"}
	for k, v := range fixture {
		files[k] = v
	}
	dir := writeModule(t, files)
	r := run(t, dir, "", conclint, "-json", "./...")
	if r.code != 2 || r.stderr != "" {
		t.Errorf("conclint -json: %v\nwant exit 2 (a broken package) and nothing on stderr", r)
	}
	// Every key is present, and lists are [] rather than null.
	var raw map[string][]map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, r.stdout)
	}
	for _, d := range raw["diagnostics"] {
		for _, key := range []string{"pass", "posn", "file", "line", "column", "end_line", "end_column", "message", "related", "suggested_fixes"} {
			if v, ok := d[key]; !ok || v == nil {
				t.Errorf("diagnostic lacks %q: %v", key, d)
			}
		}
	}
	var out jsonOutput
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("-json output does not match the documented schema: %v\n%s", err, r.stdout)
	}
	if len(out.Diagnostics) != 2 || len(out.Errors) != 1 {
		t.Fatalf("want 2 diagnostics and 1 error, got:\n%s", r.stdout)
	}
	d := out.Diagnostics[0]
	if d.Pass != "lockblock" || d.Category != "relock" || d.Posn != "b/b.go:17:9" || d.File != "b/b.go" || d.Line != 17 || d.Column != 9 ||
		d.EndLine < d.Line || d.Message != flushMsg || len(d.Related) != 1 ||
		d.Related[0].Posn != "b/b.go:15:11" || d.Related[0].Line != 15 || d.Related[0].Message != "s.mu first locked here" {
		t.Errorf("first diagnostic: %+v", d)
	}
	if e := out.Errors[0]; e.Package != "example.com/m/bad" || !strings.HasPrefix(e.Message, `bad/bad.go:3:13: cannot use "s"`) {
		t.Errorf("error: %+v", e)
	}
}

// leakSrc leaks a goroutine when ctx is done first; goroutineleak offers
// to buffer the channel.
const leakSrc = `package leak

import "context"

// Fetch returns f's result unless ctx is done first.
func Fetch(ctx context.Context, f func() int) (int, error) {
	ch := make(chan int)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
`

func TestFix(t *testing.T) {
	dir := writeModule(t, map[string]string{"leak/leak.go": leakSrc})
	file := filepath.Join(dir, "leak", "leak.go")

	r := run(t, dir, "", conclint, "-json", "./...")
	var out jsonOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("-json: %v\n%s", err, r)
	}
	if len(out.Diagnostics) != 1 || len(out.Diagnostics[0].SuggestedFixes) != 1 {
		t.Fatalf("want one goroutineleak finding with a fix: %v", r)
	}
	fix := out.Diagnostics[0].SuggestedFixes[0]
	at := strings.Index(leakSrc, "make(chan int)") + len("make(chan int")
	if len(fix.Edits) != 1 {
		t.Fatalf("fix: %+v", fix)
	}
	if e := fix.Edits[0]; e.File != "leak/leak.go" || e.Offset != at || e.EndOffset != at || e.Line != 7 || e.Column != 21 || e.NewText != ", 1" {
		t.Errorf("edit: %+v, want \", 1\" inserted at offset %d (7:21)", e, at)
	}

	r = run(t, dir, "", conclint, "-fix", "./...")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "leak/leak.go:8:17: goroutineleak: goroutine can block forever") || r.stderr != "" {
		t.Errorf("conclint -fix: %v\nwant exit 0 (every finding fixed), the finding printed", r)
	}
	got, _ := os.ReadFile(file)
	if want := strings.Replace(leakSrc, "make(chan int)", "make(chan int, 1)", 1); string(got) != want {
		t.Errorf("after -fix:\n%s\nwant:\n%s", got, want)
	}
	r = run(t, dir, "", conclint, "./...")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("conclint ./... after -fix: %v\nwant a clean run", r)
	}
}
