// The configuration tests live beside the registry: validating settings
// needs the real passes and their flags, and nothing under internal/
// imports a pass.

package suite_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers/suite"
	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/config"
	"github.com/conclint/conclint/internal/ctxflow"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"enable: [lockblock]\nfoo: 1\n", `c.yml:2: unknown key "foo"`},
		{"blocking-function: [x.Y]\n", `c.yml:1: unknown key "blocking-function"`},
		{"enable: lockblock\n", `c.yml:1: enable: must be a list of strings`},
		{"exclude:\n  - a\n  - {b: c}\n", `c.yml:3: exclude: element 2 must be a string`},
		{"enable: [a]\nenable: [b]\n", `c.yml:2: key "enable" given twice`},
		{"- a\n", `c.yml:1: the configuration must be a mapping`},
		{"enable: [\n", `c.yml: `},
	} {
		_, err := config.Parse([]byte(tc.yaml), "c.yml")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tc.yaml, err, tc.want)
		}
	}
}

func TestValidateErrors(t *testing.T) {
	all := suite.Analyzers()
	for _, tc := range []struct{ yaml, want string }{
		{"enable: [lockblock, nosuchpass]\n", `c.yml:1: enable: unknown pass "nosuchpass" (known: `},
		{"disable:\n  - lockblok\n", `c.yml:2: disable: unknown pass "lockblok"`},
		{"blocking-functions:\n  - (*example.com/db.Client).Call\n  - Wait\n", `c.yml:3: blocking-functions: "Wait" is not a qualified function name`},
		{"network-functions: [\"(*x.T.M\"]\n", `c.yml:1: network-functions: "(*x.T.M" is not a qualified`},
		{"deadline-context-functions: [a b.C]\n", `c.yml:1: deadline-context-functions: "a b.C"`},
		{"exclude: [\"gen/[a-z]*\"]\n", `c.yml:1: exclude: glob "gen/[a-z]*": character classes`},
		{"exclude: [/abs]\n", `c.yml:1: exclude: glob "/abs" must be relative`},
		{"enable: [lockblock]\ndisable: [lockblock]\n", `enable and disable leave no pass to run`},
	} {
		s, err := config.Parse([]byte(tc.yaml), "c.yml")
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.yaml, err)
			continue
		}
		if err := s.Validate(all); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%q) = %v, want an error containing %q", tc.yaml, err, tc.want)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mod := filepath.Join(root, "mod")
	deep := filepath.Join(mod, "a", "b")
	if err := os.MkdirAll(deep, 0o777); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	// A config above the module root is not the module's.
	write(filepath.Join(root, config.FileName), "enable: [lockblock]\n")
	write(filepath.Join(mod, "go.mod"), "module example.com/m\n")
	if got, err := config.Find(deep); err != nil || got != "" {
		t.Errorf("Find without a config in the module = %q, %v; want none", got, err)
	}
	write(filepath.Join(mod, config.FileName), "enable: [lockblock]\n")
	if got, _ := config.Find(deep); got != filepath.Join(mod, config.FileName) {
		t.Errorf("Find = %q, want the module root's", got)
	}
	write(filepath.Join(mod, "a", config.FileName), "")
	if got, _ := config.Find(deep); got != filepath.Join(mod, "a", config.FileName) {
		t.Errorf("Find = %q, want the nearest", got)
	}
	s, err := config.Load(filepath.Join(mod, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if s.Dir != mod || len(s.Enable) != 1 {
		t.Errorf("Load: Dir %q Enable %v", s.Dir, s.Enable)
	}
}

func TestExcluded(t *testing.T) {
	s := &config.Settings{Dir: "/repo", Exclude: []string{"internal/gen/**", "**/*_mock.go", "vendor", "cmd/?/main.go"}}
	if err := s.Validate(suite.Analyzers()); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]bool{
		"/repo/internal/gen/a.go":      true,
		"/repo/internal/gen/x/y/a.go":  true,
		"/repo/internal/generated.go":  false,
		"/repo/db_mock.go":             true,
		"/repo/a/b/db_mock.go":         true,
		"/repo/a/b/db.go":              false,
		"/repo/vendor/x/y.go":          true,
		"/repo/vendored/y.go":          false,
		"/repo/cmd/a/main.go":          true,
		"/repo/cmd/ab/main.go":         false,
		"/elsewhere/internal/gen/a.go": false,
	} {
		if got := s.Excluded(file); got != want {
			t.Errorf("Excluded(%s) = %v, want %v", file, got, want)
		}
	}
}

// TestWrapExcludeLineDirective: a finding in a file that a //line
// directive renames is excluded by a glob on either name (go vet prints
// the directive's, golangci-lint and conclint the Go file's own for a
// template, the user's file for cgo's output).
func TestWrapExcludeLineDirective(t *testing.T) {
	fset := token.NewFileSet()
	src := "package p\n\n//line /repo/tmpl/page.tmpl:40:1\nvar x = 1\n"
	f, err := parser.ParseFile(fset, "/repo/tmpl/page.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	pos := f.Decls[0].Pos()
	for _, tc := range []struct {
		exclude string
		want    bool
	}{
		{"tmpl/page.go", true},
		{"**/*.tmpl", true},
		{"other.go", false},
	} {
		s := &config.Settings{Dir: "/repo", Exclude: []string{tc.exclude}}
		a := s.WrapExclude(&analysis.Analyzer{
			Name: "demo",
			Doc:  "demo",
			Run: func(pass *analysis.Pass) (any, error) {
				pass.Report(analysis.Diagnostic{Pos: pos, Message: "finding"})
				return nil, nil
			},
		})
		reported := false
		if _, err := a.Run(&analysis.Pass{Fset: fset, Files: []*ast.File{f}, Report: func(analysis.Diagnostic) { reported = true }}); err != nil {
			t.Fatal(err)
		}
		if excluded := !reported; excluded != tc.want {
			t.Errorf("exclude %q: excluded = %v, want %v", tc.exclude, excluded, tc.want)
		}
	}
}

// TestApply checks that the lists reach the core's flags and that the
// selection is the configured one.
func TestApply(t *testing.T) {
	s, err := config.Parse([]byte(`
disable: [lockblock]
blocking-functions: ["(*example.com/db.Client).Call", example.com/x.Wait]
network-functions: ["(*example.com/rpc.Conn).RoundTrip"]
`), "c.yml")
	if err != nil {
		t.Fatal(err)
	}
	all := suite.Analyzers()
	selected, err := s.Apply(all)
	t.Cleanup(func() { (&config.Settings{}).Apply(all) })
	if err != nil {
		t.Fatal(err)
	}
	if len(selected) != len(all)-1 {
		t.Errorf("selected %d passes, want %d", len(selected), len(all)-1)
	}
	for _, a := range selected {
		if a.Name == "lockblock" {
			t.Errorf("lockblock selected although disabled")
		}
	}
	if got := blocking.Analyzer.Flags.Lookup(blocking.BlockingFunctionsFlag).Value.String(); got != "(*example.com/db.Client).Call,example.com/x.Wait" {
		t.Errorf("blockingfacts.%s = %q", blocking.BlockingFunctionsFlag, got)
	}
	if got := blocking.Analyzer.Flags.Lookup(blocking.NetworkFunctionsFlag).Value.String(); got != "(*example.com/rpc.Conn).RoundTrip" {
		t.Errorf("blockingfacts.%s = %q", blocking.NetworkFunctionsFlag, got)
	}

	// Any analyzer that declares ctxflow's flags receives the lists.
	a := &analysis.Analyzer{Name: "ctxuser", Doc: "ctxuser: x", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	ctxflow.AddFlags(a)
	s2 := &config.Settings{NetworkFunctions: []string{"example.com/rpc.Call"}, DeadlineContextFunctions: []string{"example.com/rpcctx.WithDefaultTimeout"}}
	if _, err := s2.Apply([]*analysis.Analyzer{a}); err != nil {
		t.Fatal(err)
	}
	extra := ctxflow.ExtraOf(a)
	if extra.Network.String() != "example.com/rpc.Call" || extra.Deadline.String() != "example.com/rpcctx.WithDefaultTimeout" {
		t.Errorf("ctxflow extra = %q, %q", extra.Network, extra.Deadline)
	}
}

// TestGolangciSettings decodes settings as golangci-lint's
// register.DecodeSettings does (JSON, unknown fields disallowed).
func TestGolangciSettings(t *testing.T) {
	decode := func(raw map[string]any) (config.Settings, error) {
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(raw); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(&buf)
		dec.DisallowUnknownFields()
		var s config.Settings
		err := dec.Decode(&s)
		return s, err
	}
	s, err := decode(map[string]any{"enable": []any{"lockblock"}, "blocking-functions": []any{"example.com/x.Wait"}, "exclude": []any{"gen/**"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Enable) != 1 || len(s.BlockingFunctions) != 1 || len(s.Exclude) != 1 {
		t.Errorf("decoded %+v", s)
	}
	if _, err := decode(map[string]any{"blocking-function": []any{"x.Y"}}); err == nil || !strings.Contains(err.Error(), `"blocking-function"`) {
		t.Errorf("unknown key: err = %v, want one naming the key", err)
	}
	s.Enable = []string{"nosuch"}
	if err := s.Validate(suite.Analyzers()); err == nil || !strings.Contains(err.Error(), `conclint settings: enable: unknown pass "nosuch"`) {
		t.Errorf("Validate = %v", err)
	}
}
