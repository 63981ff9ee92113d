// Package drivertest runs analyzers through conclint's driver on a
// module written for a test: what analysistest cannot show, such as a
// package reported from its test variant only, as go vet does.
package drivertest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/driver"
)

// Run writes files (slash paths relative to the module root) into a new
// module example.com/m (or the module that files["go.mod"] declares: a
// replace directive may point at a stub module written with it), runs the driver with analyzers on ./... there
// (fresh cache), and returns its stdout, stderr and exit status.
func Run(t *testing.T, analyzers []*analysis.Analyzer, files map[string]string) (stdout, stderr string, code int) {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("CONCLINT_CACHE", t.TempDir())
	var out, errs bytes.Buffer
	cfg := driver.Config{Name: "conclint", Analyzers: analyzers, Stdout: &out, Stderr: &errs}
	code = driver.Main(cfg, []string{"-C", dir, "./..."})
	return out.String(), errs.String(), code
}
