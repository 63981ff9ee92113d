package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"honnef.co/go/tools/lintcmd/runner"
)

// cgo switched off.
//
// When cgo is disabled (CGO_ENABLED=0, or no C compiler where the go tool
// looks for one), the go tool leaves every file that imports "C" out of
// its package, as if a build constraint excluded it. go list then drops a
// package made only of such files from a ./... pattern without a word,
// and a package that also has other files loses those files quietly: the
// run would say "clean" about code it never saw. checkCgo lists the
// patterns once more with cgo on (go list reads file headers only; it
// runs neither cgo nor a compiler) and says so: a package left out
// entirely is an error, files left out of an analyzed package a warning
// (that is the usual, deliberate pure-Go build with a !cgo fallback).

// checkCgo adds to out what a run with cgo disabled did not analyze. It
// costs one `go env` when cgo is enabled.
func checkCgo(opts *options, wd string, results []runner.Result, out *outcome, addError func(pkgError)) error {
	enabled, err := goEnv(wd, "CGO_ENABLED")
	if err != nil {
		return err
	}
	if enabled != "0" {
		return nil
	}
	cgoPkgs, err := listCgoFiles(opts, wd)
	if err != nil {
		return err
	}
	analyzed := map[string]bool{}
	for _, res := range results {
		if res.Initial && !res.Failed && !res.Skipped {
			analyzed[res.Package.PkgPath] = true
		}
	}
	for _, p := range cgoPkgs {
		files := make([]string, len(p.CgoFiles))
		for i, f := range p.CgoFiles {
			files[i] = relPath(filepath.Join(p.Dir, f), wd)
		}
		if analyzed[p.ImportPath] {
			out.warnings = append(out.warnings, fmt.Sprintf("%s: files that import \"C\" not analyzed, cgo is disabled (CGO_ENABLED=0 or no C compiler): %s", p.ImportPath, strings.Join(files, ", ")))
			continue
		}
		msg := "not analyzed: its files import \"C\" and cgo is disabled (CGO_ENABLED=0 or no C compiler): " + strings.Join(files, ", ")
		// Replace go list's "build constraints exclude all Go files",
		// which does not say why.
		out.errors = slices.DeleteFunc(out.errors, func(e pkgError) bool {
			return e.Package == p.ImportPath && strings.Contains(e.Message, "build constraints exclude all Go files")
		})
		addError(pkgError{Package: p.ImportPath, Message: msg})
	}
	return nil
}

// goEnv returns the value of one go env variable, as the go tool sees it
// in dir.
func goEnv(dir, name string) (string, error) {
	cmd := exec.Command("go", "env", name)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v: %s", name, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(b)), nil
}

// listedPackage is what listCgoFiles reads of go list -json.
type listedPackage struct {
	ImportPath string
	Dir        string
	CgoFiles   []string
}

// listCgoFiles returns the packages matching the patterns, as go list sees
// them with cgo enabled, that have files importing "C".
func listCgoFiles(opts *options, wd string) ([]listedPackage, error) {
	args := append([]string{"list", "-e", "-json=ImportPath,Dir,CgoFiles"}, buildFlags(opts)...)
	args = append(args, "--")
	args = append(args, opts.patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = wd
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go list with cgo enabled: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var out []listedPackage
	dec := json.NewDecoder(&stdout)
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list with cgo enabled: %v", err)
		}
		if len(p.CgoFiles) > 0 {
			out = append(out, p)
		}
	}
	return out, nil
}

// buildFlags returns the go build flags of the run.
func buildFlags(opts *options) []string {
	if opts.tags == "" {
		return nil
	}
	return []string{"-tags=" + opts.tags}
}
