package main_test

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/conclint/conclint/analyzers/suite"
)

// TestExamples keeps README's first command true: on the shipped examples,
// every pitfall's bad.go gets a finding of its own pass, no good.go gets
// any, and the exit status is 1.
func TestExamples(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, root, "", conclint, "./testdata/examples/...")
	if r.code != 1 {
		t.Fatalf("conclint ./testdata/examples/...: %v\nwant exit 1", r)
	}
	line := regexp.MustCompile(`(?m)^testdata/examples/([a-z]+)/([a-z]+)\.go:\d+:\d+: ([a-z]+): `)
	found := map[string]bool{} // "pass/file/reporting pass"
	for _, m := range line.FindAllStringSubmatch(r.stdout, -1) {
		found[m[1]+"/"+m[2]+"/"+m[3]] = true
		if m[2] == "good" {
			t.Errorf("a finding in %s/good.go: %s", m[1], m[0])
		}
	}
	for _, a := range suite.Analyzers() {
		if !found[a.Name+"/bad/"+a.Name] {
			t.Errorf("no %s finding in testdata/examples/%s/bad.go:\n%s", a.Name, a.Name, r.stdout)
		}
	}
}
