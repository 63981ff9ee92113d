package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// A baseline records the findings of a codebase at one point in time, so
// that later runs report only the new ones. A finding is keyed by what
// survives unrelated edits: the pass, the file (relative to the baseline's
// directory), the function it is in (or, outside any function, the
// trimmed text of its line) and the message with positions stripped.
// Line numbers are not part of the key, so a finding that moves because
// code above it changed stays known. Identical keys are counted: a third
// identical finding in a function that had two is new.

const baselineVersion = 1

type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Pass    string `json:"pass"`
	File    string `json:"file"`
	Scope   string `json:"scope"` // "func F", "func (*T).M", or "line: <text>"
	Message string `json:"message"`
	Count   int    `json:"count"`
}

type baselineKey struct{ pass, file, scope, message string }

// positionsInMessage matches "file.go:12:3" and "file.go:12" in messages.
var positionsInMessage = regexp.MustCompile(`(\.go):\d+(?::\d+)?`)

// keyer computes keys, parsing each file once.
type keyer struct {
	dir   string // the baseline's directory
	files map[string]*scopes
}

type scopes struct {
	lines []string
	funcs []funcRange // in source order
}

type funcRange struct {
	start, end int // lines
	name       string
}

func newKeyer(baselineFile string) *keyer {
	return &keyer{dir: filepath.Dir(baselineFile), files: map[string]*scopes{}}
}

func (k *keyer) key(f finding) baselineKey {
	file := f.Pos.File
	if rel, err := filepath.Rel(k.dir, file); err == nil && filepath.IsAbs(file) {
		file = rel
	}
	return baselineKey{
		pass:    f.Pass,
		file:    filepath.ToSlash(file),
		scope:   k.scope(f.Pos.File, f.Pos.Line),
		message: positionsInMessage.ReplaceAllString(f.Message, "$1"),
	}
}

// scope names the innermost top-level function declaration around line,
// else the line's trimmed text.
func (k *keyer) scope(file string, line int) string {
	s, ok := k.files[file]
	if !ok {
		s = parseScopes(file)
		k.files[file] = s
	}
	name := ""
	for _, fr := range s.funcs {
		if fr.start <= line && line <= fr.end {
			name = fr.name
		}
	}
	if name != "" {
		return "func " + name
	}
	if line >= 1 && line <= len(s.lines) {
		return "line: " + strings.TrimSpace(s.lines[line-1])
	}
	return "line: ?"
}

func parseScopes(file string) *scopes {
	s := &scopes{}
	src, err := os.ReadFile(file)
	if err != nil {
		return s
	}
	s.lines = strings.Split(string(src), "\n")
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if f == nil {
		return s
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		s.funcs = append(s.funcs, funcRange{
			start: fset.Position(fd.Pos()).Line,
			end:   fset.Position(fd.End()).Line,
			name:  funcDeclName(fd),
		})
	}
	return s
}

// funcDeclName renders "F", "(T).M" or "(*T).M".
func funcDeclName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	star := ""
	if st, ok := t.(*ast.StarExpr); ok {
		star, t = "*", st.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	name := "?"
	if id, ok := t.(*ast.Ident); ok {
		name = id.Name
	}
	return fmt.Sprintf("(%s%s).%s", star, name, fd.Name.Name)
}

func writeBaseline(file string, findings []finding) error {
	k := newKeyer(file)
	counts := map[baselineKey]int{}
	for _, f := range findings {
		counts[k.key(f)]++
	}
	doc := baselineFile{Version: baselineVersion, Findings: []baselineEntry{}}
	for key, n := range counts {
		doc.Findings = append(doc.Findings, baselineEntry{Pass: key.pass, File: key.file, Scope: key.scope, Message: key.message, Count: n})
	}
	slices.SortFunc(doc.Findings, func(a, b baselineEntry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Pass, b.Pass), cmp.Compare(a.Scope, b.Scope), cmp.Compare(a.Message, b.Message))
	})
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, append(data, '\n'), 0o666); err != nil {
		return fmt.Errorf("-write-baseline: %v", err)
	}
	return nil
}

// applyBaseline returns the findings the baseline does not account for,
// in their order.
func applyBaseline(file string, findings []finding) ([]finding, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("-baseline: %v", err)
	}
	var doc baselineFile
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("-baseline: %s: %v", file, err)
	}
	if doc.Version != baselineVersion {
		return nil, fmt.Errorf("-baseline: %s: unsupported version %d (want %d); rewrite it with -write-baseline", file, doc.Version, baselineVersion)
	}
	budget := map[baselineKey]int{}
	for _, e := range doc.Findings {
		budget[baselineKey{e.Pass, e.File, e.Scope, e.Message}] += e.Count
	}
	k := newKeyer(file)
	var out []finding
	for _, f := range findings {
		key := k.key(f)
		if budget[key] > 0 {
			budget[key]--
			continue
		}
		out = append(out, f)
	}
	return out, nil
}
