package plugin_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/analyzers/suite"
	"github.com/conclint/conclint/plugin"
)

// newPlugin builds the plugin as golangci-lint does: looked up by name in
// the registry, given the settings as decoded from YAML.
func newPlugin(t *testing.T, settings any) (register.LinterPlugin, error) {
	t.Helper()
	newFn, err := register.GetPlugin("conclint")
	if err != nil {
		t.Fatalf("the plugin is not registered: %v", err)
	}
	return newFn(settings)
}

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestRegisteredWithTheWholeSuite(t *testing.T) {
	for _, settings := range []any{nil, map[string]any{}} {
		p, err := newPlugin(t, settings)
		if err != nil {
			t.Fatalf("settings %#v: %v", settings, err)
		}
		if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
			t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
		}
		got, err := p.BuildAnalyzers()
		if err != nil {
			t.Fatal(err)
		}
		// Copies of the registry's passes, under the same names; the
		// registry's own are left as they are for the command line.
		if want := suite.Analyzers(); !slices.Equal(names(got), names(want)) {
			t.Errorf("settings %#v: BuildAnalyzers() = %v, want the suite %v", settings, names(got), names(want))
		}
		for _, a := range got {
			if orig := suite.Lookup(a.Name); a == orig || a.Doc != orig.Doc || !slices.Equal(a.Requires, orig.Requires) || !slices.Equal(a.FactTypes, orig.FactTypes) {
				t.Errorf("%s: not a faithful copy of the registry's analyzer", a.Name)
			}
		}
		if err := analysis.Validate(got); err != nil {
			t.Error(err)
		}
		for _, a := range got {
			// golangci-lint prefixes a finding with its analyzer's name
			// only when that name differs from the plugin's.
			if a.Name == plugin.Name {
				t.Errorf("an analyzer is named %q: golangci-lint would not say which pass found its findings", a.Name)
			}
		}
	}
}

func TestSettings(t *testing.T) {
	all := names(suite.Analyzers())
	without := func(name string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(n string) bool { return n == name })
	}
	known := strings.Join(all, ", ")
	for _, tc := range []struct {
		name     string
		settings any
		want     []string // passes, when no error
		wantErr  string
	}{
		{"enable", map[string]any{"enable": []any{"lockblock"}}, []string{"lockblock"}, ""},
		{"disable", map[string]any{"disable": []any{"lockblock"}}, without("lockblock"), ""},
		{"disable after enable", map[string]any{"enable": []any{"lockblock", all[0]}, "disable": []any{all[0]}}, []string{"lockblock"}, ""},
		{"empty lists", map[string]any{"enable": []any{}, "disable": []any{}}, all, ""},
		{"unknown key", map[string]any{"enabled": []any{"lockblock"}},
			nil, `conclint settings: unknown key "enabled" (known keys: enable, disable, blocking-functions, network-functions, deadline-context-functions, exclude)`},
		{"unknown pass", map[string]any{"disable": []any{"nosuchpass"}},
			nil, `conclint settings: disable: unknown pass "nosuchpass" (known: ` + known + `)`},
		{"wrong type", map[string]any{"enable": "lockblock"},
			nil, `conclint settings: cannot unmarshal string into key enable of type []string`},
		{"nothing left", map[string]any{"enable": []any{"lockblock"}, "disable": []any{"lockblock"}},
			nil, `conclint settings: enable: enable and disable leave no pass to run`},
		{"function list", map[string]any{"blocking-functions": []any{"(*example.com/db.Client).Call"}}, all, ""},
		{"bad function name", map[string]any{"blocking-functions": []any{"Call"}},
			nil, `conclint settings: blocking-functions: "Call" is not a qualified function name: want pkg/path.Func, (pkg/path.Type).Method or (*pkg/path.Type).Method`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := newPlugin(t, tc.settings)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("got error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.BuildAnalyzers()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(names(got), tc.want) {
				t.Errorf("passes = %v, want %v", names(got), tc.want)
			}
		})
	}
}

// TestFoldedMessages runs what the plugin hands golangci-lint on a
// fixture under x/tools' checker, as golangci-lint's runner does. The
// `// want` patterns are anchored: the message does not carry the pass
// name, which golangci-lint adds, and ends with the related position
// folded in (the real binary's output is checked by
// scripts/golangci-plugin-test.sh).
func TestFoldedMessages(t *testing.T) {
	p, err := newPlugin(t, map[string]any{"enable": []any{"lockblock"}})
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 {
		t.Fatalf("got %v, want lockblock only", names(as))
	}
	testdata, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range analysistest.Run(t, testdata, as[0], "conclintplugin") {
		for _, d := range r.Diagnostics {
			if len(d.Related) != 0 {
				t.Errorf("%s: related positions left for golangci-lint to print on their own: %v", d.Message, d.Related)
			}
		}
	}
	// The registry's pass still reports the related positions apart.
	for _, r := range analysistest.Run(new(recorder), testdata, suite.Lookup("lockblock"), "conclintplugin") {
		for _, d := range r.Diagnostics {
			if len(d.Related) != 3 || strings.Contains(d.Message, "locked here") {
				t.Errorf("the registry's lockblock changed: %q, related %v", d.Message, d.Related)
			}
		}
	}
}

// recorder collects what analysistest would report as test failures.
type recorder struct{ errs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestExclude shows settings.exclude at work in what golangci-lint runs:
// with the fixture's directory excluded (globs are relative to the
// current directory), the finding is gone.
func TestExclude(t *testing.T) {
	src, err := filepath.Abs(filepath.Join("..", "testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(src)
	count := func(settings map[string]any) int {
		p, err := newPlugin(t, settings)
		if err != nil {
			t.Fatal(err)
		}
		as, err := p.BuildAnalyzers()
		if err != nil || len(as) != 1 {
			t.Fatalf("BuildAnalyzers: %v, %v", names(as), err)
		}
		results := analysistest.Run(new(recorder), filepath.Dir(src), as[0], "conclintplugin")
		n := 0
		for _, r := range results {
			n += len(r.Diagnostics)
		}
		return n
	}
	if n := count(map[string]any{"enable": []any{"lockblock"}}); n != 1 {
		t.Errorf("without exclude: %d findings, want 1", n)
	}
	if n := count(map[string]any{"enable": []any{"lockblock"}, "exclude": []any{"conclintplugin/**"}}); n != 0 {
		t.Errorf("with exclude conclintplugin/**: %d findings, want 0", n)
	}
	// The registry's pass itself is untouched: the exclusion lives in a
	// copy, so the command line (which excludes on its own) is unaffected.
	p, _ := newPlugin(t, map[string]any{"enable": []any{"lockblock"}, "exclude": []any{"x/**"}})
	as, _ := p.BuildAnalyzers()
	if as[0] == suite.Lookup("lockblock") {
		t.Error("with exclude, BuildAnalyzers returned the registry's analyzer, not a copy")
	}
}
