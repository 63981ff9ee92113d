package driver

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"golang.org/x/tools/go/analysis"
)

// TestSARIFRegionsAndFingerprints runs -format sarif with the sleeper
// pass on lines with non-ASCII text and with twin findings: columns are
// counted in UTF-16 code units, as the log declares; a finding without an
// end runs to the end of its line; twin findings (same pass, function,
// line text and message) still get distinct fingerprints.
func TestSARIFRegionsAndFingerprints(t *testing.T) {
	files := copyFiles(sleepModule)
	files["user/user.go"] = `package user

import "example.com/m/slow"

func Use() {
	/* é😀 */ slow.Nap()
}

func Twice() {
	slow.Nap()
	slow.Nap()
}
`
	delete(files, "user/user_test.go")
	dir := writeModule(t, files)
	stdout, stderr, code := runMain(t, dir, []*analysis.Analyzer{sleeper}, "-format", "sarif", "./...")
	if code != ExitFindings || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	rep, err := sarif.FromString(stdout)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("schema: %v", err)
	}
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Results    []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
				PartialFingerprints map[string]string
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" || len(run.Results) != 3 {
		t.Fatalf("columnKind %q, %d results; want utf16CodeUnits, 3", run.ColumnKind, len(run.Results))
	}
	// "\t/* é😀 */ slow.Nap()": the call is at byte column 15; é is one
	// UTF-16 unit (two bytes), 😀 two (four bytes), so column 12. The
	// line is 24 bytes long, 21 units: the region ends at 22.
	type region = struct{ StartLine, StartColumn, EndLine, EndColumn int }
	if got, want := run.Results[0].Locations[0].PhysicalLocation.Region, (region{6, 12, 6, 22}); got != want {
		t.Errorf("region %+v, want %+v", got, want)
	}
	fps := map[string]bool{}
	for _, res := range run.Results {
		fps[res.PartialFingerprints[sarifFingerprintKey]] = true
	}
	if len(fps) != 3 {
		t.Errorf("fingerprints %v: want 3 distinct ones", fps)
	}
}

func TestSARIFFuncName(t *testing.T) {
	src := `package p
func F() {}
func (T) M() {}
func (*T) P() {}
func (g *G[K, V]) Q() {}
func (g G[K]) R() {}
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range f.Decls {
		got = append(got, sarifFuncName(d.(*ast.FuncDecl)))
	}
	want := []string{"F", "T.M", "(*T).P", "(*G).Q", "G.R"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %v, want %v", got, want)
			break
		}
	}
}

func TestResolveFormat(t *testing.T) {
	for _, tc := range []struct {
		format string
		json   bool
		want   string
		err    bool
	}{
		{"", false, "text", false},
		{"", true, "json", false},
		{"json", true, "json", false},
		{"sarif", false, "sarif", false},
		{"sarif", true, "", true},
		{"text", true, "", true},
		{"xml", false, "", true},
	} {
		opts := &options{format: tc.format, json: tc.json}
		err := resolveFormat(opts)
		if (err != nil) != tc.err || err == nil && (opts.format != tc.want || opts.json != (tc.want == "json")) {
			t.Errorf("-format %q -json=%v: got %q (json %v), err %v", tc.format, tc.json, opts.format, opts.json, err)
		}
	}
}
