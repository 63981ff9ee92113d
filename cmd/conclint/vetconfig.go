package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/config"
)

// vetAnalyzers returns the analyzers to hand unitchecker for one go vet
// invocation: the suite, configured by the .conclint.yml found by walking
// up from the package's directory (to its module root). go vet runs the
// tool once per package, so each package reads its own configuration. A
// disabled pass is kept as a no-op (go vet may pass its flags), and
// findings in excluded files are dropped.
//
// Without a *.cfg argument (go vet asking for -flags or -V), or for a
// package with no configuration, the suite is returned as is.
func vetAnalyzers(args []string, all []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return all, nil
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return all, nil // unitchecker reports it
	}
	var cfg struct {
		Dir     string
		GoFiles []string
	}
	if json.Unmarshal(data, &cfg) != nil {
		return all, nil
	}
	dir := cfg.Dir
	if dir == "" && len(cfg.GoFiles) > 0 {
		dir = filepath.Dir(cfg.GoFiles[0])
	}
	if dir == "" {
		return all, nil
	}
	file, err := config.Find(dir)
	if err != nil || file == "" {
		return all, err
	}
	s, err := config.Load(file)
	if err != nil {
		return nil, err
	}
	if _, err := s.Apply(all); err != nil {
		return nil, err
	}
	return s.Analyzers(all)
}

// vetMain runs the go vet face.
func vetMain(args []string, all []*analysis.Analyzer) []*analysis.Analyzer {
	analyzers, err := vetAnalyzers(args, all)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	return analyzers
}

// vetVersion answers go vet's -V=full. go vet caches a package's results
// under a key that includes the tool's identity, the buildID printed here,
// but not .conclint.yml: so that editing the configuration is not hidden
// by that cache, the identity is the executable's hash combined with the
// content of the configuration found from the current directory (where go
// vet runs), as unitchecker's own -V=full would print it otherwise.
func vetVersion() {
	progname, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	h := sha256.New()
	f, err := os.Open(progname)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	if _, err := io.Copy(h, f); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	f.Close()
	if wd, err := os.Getwd(); err == nil {
		if file, _ := config.Find(wd); file != "" {
			data, _ := os.ReadFile(file)
			fmt.Fprintf(h, "\nconfig %s\n%s", file, data)
		}
	}
	fmt.Printf("%s version devel comments-go-here buildID=%02x\n", progname, string(h.Sum(nil)))
	os.Exit(0)
}
