package suite_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/conclint/conclint/analyzers/suite"
	"github.com/conclint/conclint/internal/passutil"
)

var root = filepath.Join("..", "..")

// TestEveryPassIsComplete proves each registered pass has its name as its
// package, a doc with a summary line, a URL, fixtures with both bad
// (`// want`) and good cases, and a docs page generated from its doc.go.
func TestEveryPassIsComplete(t *testing.T) {
	if len(suite.Analyzers()) == 0 {
		t.Fatal("the suite is empty")
	}
	update := os.Getenv("CONCLINT_UPDATE_DOCS") != ""
	for _, a := range suite.Analyzers() {
		t.Run(a.Name, func(t *testing.T) {
			if !regexp.MustCompile(`^[a-z]+$`).MatchString(a.Name) {
				t.Errorf("name %q is not a lowercase word", a.Name)
			}
			if _, err := os.Stat(filepath.Join(root, "analyzers", a.Name, "doc.go")); err != nil {
				t.Errorf("analyzers/%s/doc.go: %v", a.Name, err)
			}
			if passutil.Summary(a.Name, a.Doc) == "" {
				t.Errorf("doc has no %q summary line", a.Name+": ")
			}
			if a.URL != suite.DocURL(a.Name) {
				t.Errorf("URL = %q, want %q", a.URL, suite.DocURL(a.Name))
			}
			if suite.Lookup(a.Name) != a {
				t.Errorf("Lookup(%q) does not return the pass", a.Name)
			}
			checkFixtures(t, filepath.Join(root, "testdata", "src", a.Name))
			page := filepath.Join(root, "docs", a.Name+".md")
			want := passutil.Markdown(a.Name, a.Doc)
			if update {
				if err := os.WriteFile(page, []byte(want), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := os.ReadFile(page)
			if err != nil {
				t.Fatalf("docs page: %v (regenerate with CONCLINT_UPDATE_DOCS=1 go test ./analyzers/suite)", err)
			}
			if string(got) != want {
				t.Errorf("docs/%s.md is out of date with analyzers/%s/doc.go (regenerate with CONCLINT_UPDATE_DOCS=1 go test ./analyzers/suite)", a.Name, a.Name)
			}
		})
	}
}

// checkFixtures requires at least one bad case and one good case.
func checkFixtures(t *testing.T, dir string) {
	var bad, good int
	want := regexp.MustCompile(`// want `)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".go" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		bad += len(want.FindAll(src, -1))
		good += len(regexp.MustCompile(`// ok`).FindAll(src, -1))
		return nil
	})
	if err != nil {
		t.Fatalf("fixtures: %v", err)
	}
	if bad == 0 || good == 0 {
		t.Errorf("fixtures in %s: %d bad cases (// want), %d good cases (// ok); need both", dir, bad, good)
	}
}
