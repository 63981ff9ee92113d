// Package config reads conclint's configuration, the .conclint.yml file or
// golangci-lint's settings: for the conclint linter, and applies it to the
// suite. The standalone driver, the go vet face and the golangci-lint
// plugin all go through Settings.Apply, so one file means the same thing
// everywhere.
//
// The file:
//
//	# .conclint.yml
//	enable: [lockblock, goroutineleak]   # default: every pass
//	disable: [ctxdone]                   # applied after enable
//	blocking-functions:                  # calls that can wait without bound
//	  - (*example.com/db.Client).Call
//	  - example.com/x.Wait
//	network-functions:                   # calls that do network I/O
//	  - (*example.com/rpc.Conn).RoundTrip
//	deadline-context-functions:          # functions whose context result has a deadline
//	  - example.com/rpcctx.WithDefaultTimeout
//	exclude:                             # findings in these files are dropped
//	  - internal/generated/**
//	  - "**/*_mock.go"
//
// Function names are written as (*types.Func).FullName prints them. Exclude
// globs are slash-separated paths relative to the directory of the file
// (the current directory for golangci-lint settings): * and ? match within
// one path element, ** any number of elements, and a glob that matches a
// directory excludes everything below it.
//
// An unknown key, a value of the wrong shape, an unknown pass, a malformed
// function name or glob is an error naming the key (and, in a file, the
// line): configuration is never silently ignored.
//
// The lists reach the core as analyzer flags (go/analysis's own way of
// configuring a pass, which works under every driver):
// blockingfacts.blocking-functions, blockingfacts.network-functions, and
// network-functions / deadline-context-functions on every analyzer that
// declares them (ctxflow.AddFlags).
package config

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"gopkg.in/yaml.v3"

	"github.com/conclint/conclint/internal/blocking"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssax"
)

// FileName is the name of the configuration file.
const FileName = ".conclint.yml"

// Settings is the configuration. Its YAML keys (the file) and JSON keys
// (golangci-lint's settings:, decoded by register.DecodeSettings with
// unknown fields disallowed) are the same.
type Settings struct {
	Enable                   []string `yaml:"enable" json:"enable,omitempty"`
	Disable                  []string `yaml:"disable" json:"disable,omitempty"`
	BlockingFunctions        []string `yaml:"blocking-functions" json:"blocking-functions,omitempty"`
	NetworkFunctions         []string `yaml:"network-functions" json:"network-functions,omitempty"`
	DeadlineContextFunctions []string `yaml:"deadline-context-functions" json:"deadline-context-functions,omitempty"`
	Exclude                  []string `yaml:"exclude" json:"exclude,omitempty"`

	// Dir is the directory exclude globs are relative to: the file's
	// directory, set by Load. Empty means the current directory.
	Dir string `yaml:"-" json:"-"`
	// File is where the settings come from, for messages ("" for
	// settings built in code or given to golangci-lint).
	File string `yaml:"-" json:"-"`

	lines    map[string]int // key, or "key[i]", to its line in File
	excludes []*regexp.Regexp
}

// keys lists the known keys, in the order of the struct.
var keys = []string{"enable", "disable", "blocking-functions", "network-functions", "deadline-context-functions", "exclude"}

// Find looks for FileName in dir and its parents, stopping after the
// first directory that holds a go.mod (the module root) or at the root
// of the file system. It returns "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		name := filepath.Join(dir, FileName)
		if fi, err := os.Stat(name); err == nil && !fi.IsDir() {
			return name, nil
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks the syntax of a configuration file. Passes and
// function names are checked by Validate (and Apply).
func Load(file string) (*Settings, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("config: %v", err)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, fmt.Errorf("config: %v", err)
	}
	s, err := Parse(data, file)
	if err != nil {
		return nil, err
	}
	s.Dir = filepath.Dir(abs)
	return s, nil
}

// Parse decodes the YAML in data; file names it in errors.
func Parse(data []byte, file string) (*Settings, error) {
	s := &Settings{File: file, lines: map[string]int{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return s, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: the configuration must be a mapping of keys (%s)", file, root.Line, strings.Join(keys, ", "))
	}
	// Check the shape ourselves first, so that every error names the key
	// and its line; then decode with KnownFields as a second guard.
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if !slices.Contains(keys, k.Value) {
			return nil, fmt.Errorf("%s:%d: unknown key %q (known keys: %s)", file, k.Line, k.Value, strings.Join(keys, ", "))
		}
		if _, dup := s.lines[k.Value]; dup {
			return nil, fmt.Errorf("%s:%d: key %q given twice", file, k.Line, k.Value)
		}
		s.lines[k.Value] = k.Line
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		case v.Kind == yaml.SequenceNode:
			for j, e := range v.Content {
				if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
					return nil, fmt.Errorf("%s:%d: %s: element %d must be a string", file, e.Line, k.Value, j+1)
				}
				s.lines[fmt.Sprintf("%s[%d]", k.Value, j)] = e.Line
			}
		default:
			return nil, fmt.Errorf("%s:%d: %s: must be a list of strings, e.g. %s: [a, b]", file, v.Line, k.Value, k.Value)
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(s); err != nil {
		return nil, fmt.Errorf("%s: %v", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return s, nil
}

// where prefixes an error about key (element i, or -1) with its place.
func (s *Settings) where(key string, i int) string {
	line := s.lines[key]
	if i >= 0 {
		if l, ok := s.lines[fmt.Sprintf("%s[%d]", key, i)]; ok {
			line = l
		}
	}
	switch {
	case s.File != "" && line > 0:
		return fmt.Sprintf("%s:%d: %s", s.File, line, key)
	case s.File != "":
		return fmt.Sprintf("%s: %s", s.File, key)
	}
	return "conclint settings: " + key
}

// Validate checks the settings against the suite: pass names, function
// names and globs. The error names the key.
func (s *Settings) Validate(all []*analysis.Analyzer) error {
	known := map[string]bool{}
	for _, a := range all {
		known[a.Name] = true
	}
	for _, key := range []string{"enable", "disable"} {
		list := s.Enable
		if key == "disable" {
			list = s.Disable
		}
		for i, name := range list {
			if !known[name] {
				return fmt.Errorf("%s: unknown pass %q (known: %s)", s.where(key, i), name, names(all))
			}
		}
	}
	for _, kl := range []struct {
		key  string
		list []string
	}{
		{"blocking-functions", s.BlockingFunctions},
		{"network-functions", s.NetworkFunctions},
		{"deadline-context-functions", s.DeadlineContextFunctions},
	} {
		for i, name := range kl.list {
			if err := ssax.CheckFuncName(strings.TrimSpace(name)); err != nil {
				return fmt.Errorf("%s: %v", s.where(kl.key, i), err)
			}
		}
	}
	s.excludes = nil
	for i, g := range s.Exclude {
		re, err := globRegexp(g)
		if err != nil {
			return fmt.Errorf("%s: %v", s.where("exclude", i), err)
		}
		s.excludes = append(s.excludes, re)
	}
	if _, err := s.Select(all); err != nil {
		return err
	}
	return nil
}

// Select returns the passes of all that enable and disable leave, in the
// order of all.
func (s *Settings) Select(all []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range all {
		if (len(s.Enable) == 0 || slices.Contains(s.Enable, a.Name)) && !slices.Contains(s.Disable, a.Name) {
			out = append(out, a)
		}
	}
	if len(out) == 0 && len(all) > 0 {
		return nil, fmt.Errorf("%s: enable and disable leave no pass to run", s.where("enable", -1))
	}
	return out, nil
}

// Apply validates the settings, sets the configured functions on the
// analyzers of all and everything they require, and returns the selected
// passes. The flags are set on every call, also to empty lists, so that
// settings applied earlier in the process do not linger.
func (s *Settings) Apply(all []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	if err := s.Validate(all); err != nil {
		return nil, err
	}
	values := map[string]string{
		blocking.BlockingFunctionsFlag:       joinTrimmed(s.BlockingFunctions),
		ctxflow.NetworkFunctionsFlag:         joinTrimmed(s.NetworkFunctions),
		ctxflow.DeadlineContextFunctionsFlag: joinTrimmed(s.DeadlineContextFunctions),
	}
	// blocking.NetworkFunctionsFlag and ctxflow.NetworkFunctionsFlag are
	// the same name by design: one key feeds both.
	var err error
	eachAnalyzer(all, func(a *analysis.Analyzer) {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if v, ok := values[f.Name]; ok && err == nil {
				if e := f.Value.Set(v); e != nil {
					err = fmt.Errorf("%s.%s: %v", a.Name, f.Name, e)
				}
			}
		})
	})
	if err != nil {
		return nil, err
	}
	return s.Select(all)
}

// Excluded reports whether findings in file are to be dropped. file is
// absolute, or relative to the current directory.
func (s *Settings) Excluded(file string) bool {
	if s == nil || len(s.Exclude) == 0 {
		return false
	}
	if s.excludes == nil {
		for _, g := range s.Exclude {
			if re, err := globRegexp(g); err == nil {
				s.excludes = append(s.excludes, re)
			}
		}
	}
	base := s.Dir
	if base == "" {
		base, _ = os.Getwd()
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, re := range s.excludes {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

// Analyzers returns the analyzers a driver without its own exclusion or
// selection should run (go vet, nogo-like drivers): all, with the passes
// Apply did not select replaced by copies that do nothing (so that their
// flags, which go vet may pass, still exist), and with findings in excluded
// files dropped. Apply must have been called.
func (s *Settings) Analyzers(all []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	selected, err := s.Select(all)
	if err != nil {
		return nil, err
	}
	out := make([]*analysis.Analyzer, len(all))
	for i, a := range all {
		switch {
		case !slices.Contains(selected, a):
			c := *a
			c.Run = func(*analysis.Pass) (any, error) { return nil, nil }
			c.ResultType = nil
			out[i] = &c
		case len(s.Exclude) > 0:
			out[i] = s.WrapExclude(a)
		default:
			out[i] = a
		}
	}
	return out, nil
}

// WrapExclude returns a copy of a whose findings in excluded files are
// dropped. The copy shares a's Flags and requirements. A file is judged by
// both its names when a //line directive renames it: go vet prints the
// name the directive gives (cgo's: the user's file; a template's),
// golangci-lint the Go file's own name unless the directive names another
// Go file; an exclusion of either covers the finding.
func (s *Settings) WrapExclude(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	orig := a.Run
	c.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			if d.Pos.IsValid() && (s.Excluded(pass.Fset.PositionFor(d.Pos, true).Filename) ||
				s.Excluded(pass.Fset.PositionFor(d.Pos, false).Filename)) {
				return
			}
			pass.Report(d)
		}
		return orig(&p)
	}
	return &c
}

func eachAnalyzer(roots []*analysis.Analyzer, f func(*analysis.Analyzer)) {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		f(a)
		for _, r := range a.Requires {
			visit(r)
		}
	}
	for _, a := range roots {
		visit(a)
	}
}

func joinTrimmed(list []string) string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		out = append(out, strings.TrimSpace(s))
	}
	return strings.Join(out, ",")
}

func names(all []*analysis.Analyzer) string {
	var ns []string
	for _, a := range all {
		ns = append(ns, a.Name)
	}
	sort.Strings(ns)
	return strings.Join(ns, ", ")
}

// globRegexp compiles an exclude glob: * and ? within a path element, **
// across elements; a match of a directory covers what is below it.
func globRegexp(glob string) (*regexp.Regexp, error) {
	g := strings.TrimSpace(glob)
	g = strings.TrimPrefix(g, "./")
	g = strings.TrimSuffix(g, "/")
	if g == "" {
		return nil, errors.New("empty glob")
	}
	if strings.HasPrefix(g, "/") || filepath.IsAbs(g) {
		return nil, fmt.Errorf("glob %q must be relative to the configuration's directory", glob)
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(g); i++ {
		switch c := g[i]; {
		case strings.HasPrefix(g[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(g[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[' || c == ']' || c == '\\':
			return nil, fmt.Errorf("glob %q: character classes and escapes are not supported", glob)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("(?:/.*)?$")
	return regexp.Compile(b.String())
}
