package passutil_test

import (
	"go/ast"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/passutil"
)

// demo reports every call of a function named bad, through
// passutil.Report under passutil.Guard, as a suite pass does.
func newDemo() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "demo",
		Doc:      "demo: report calls of bad",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
	}
	a.Run = passutil.Guard("demo", func(pass *analysis.Pass) (any, error) {
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
			call := n.(*ast.CallExpr)
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "bad" {
				passutil.Report(pass, analysis.Diagnostic{Pos: call.Pos(), Message: "call to bad"})
			}
		})
		return nil, nil
	})
	passutil.AddIgnoreFlags(a)
	return a
}

func testdata(t *testing.T) string {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestIgnoreDirectives(t *testing.T) {
	analysistest.Run(t, testdata(t), newDemo(), "ignore")
}

func TestUnusedIgnores(t *testing.T) {
	a := newDemo()
	if err := a.Flags.Set(passutil.UnusedIgnoresFlag, "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata(t), a, "ignoreunused")
}

func TestParseIgnores(t *testing.T) {
	for _, tc := range []struct {
		text   string
		ok     bool
		passes []string
		reason string
	}{
		{"//conclint:ignore lockblock the lock is never contended", true, []string{"lockblock"}, "the lock is never contended"},
		{"//conclint:ignore a,b  why\tnot", true, []string{"a", "b"}, "why not"},
		{"//conclint:ignore lockblock", true, []string{"lockblock"}, ""},
		{"//conclint:ignore", true, nil, ""},
		{"//conclint:ignored x y", false, nil, ""},
		{"// conclint:ignore x y", false, nil, ""},
		{"//nolint:conclint", false, nil, ""},
	} {
		ig, ok := passutil.ParseIgnoreText(tc.text)
		if ok != tc.ok || ok && (ig.Reason != tc.reason || len(ig.Passes) != len(tc.passes)) {
			t.Errorf("%q: got %v %+v, want %v %v %q", tc.text, ok, ig, tc.ok, tc.passes, tc.reason)
			continue
		}
		for i := range tc.passes {
			if ig.Passes[i] != tc.passes[i] {
				t.Errorf("%q: passes %v, want %v", tc.text, ig.Passes, tc.passes)
			}
		}
	}
}
