package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/passutil"
)

// -format sarif writes one SARIF 2.1.0 log, the format GitHub code
// scanning (and other code-review tools) ingest; docs/cli.md documents
// what it holds. It is built with github.com/owenrumney/go-sarif/v3, whose
// model follows the schema; everything below only fills it in.

const (
	// sarifInformationURI is the tool's home page.
	sarifInformationURI = "https://github.com/conclint/conclint"
	// sarifSrcRoot is the uriBaseId of every repository-relative URI.
	sarifSrcRoot = "%SRCROOT%"
	// sarifFingerprintKey names conclint's partial fingerprint. Bump the
	// version when what it hashes changes: the old and new values then
	// are not compared.
	sarifFingerprintKey = "conclintFingerprint/v1"
)

// writeSARIF writes out as a SARIF log with one run: one rule per pass in
// passes (those that ran), one result per finding, in output order.
// Errors become tool execution notifications, and make the invocation
// unsuccessful.
func writeSARIF(w io.Writer, name string, passes []*analysis.Analyzer, out *outcome, wd string) error {
	root := sarifRoot(wd)
	files := newSarifFiles()

	passes = append([]*analysis.Analyzer(nil), passes...)
	sort.Slice(passes, func(i, j int) bool { return passes[i].Name < passes[j].Name })
	ruleIndex := map[string]int{}
	rules := make([]*sarif.ReportingDescriptor, 0, len(passes))
	for i, a := range passes {
		ruleIndex[a.Name] = i
		rules = append(rules, sarifRule(a))
	}

	driver := sarif.NewToolComponent().
		WithName(name).
		WithVersion(sarifVersion()).
		WithInformationURI(sarifInformationURI).
		WithRules(rules)
	run := sarif.NewRun().
		WithTool(sarif.NewTool().WithDriver(driver)).
		WithColumnKind("utf16CodeUnits")
	run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
		sarifSrcRoot: *sarif.NewArtifactLocation().WithURI(sarifDirURI(root)),
	})

	occurrences := map[string]int{}
	for _, f := range out.findings {
		res := sarif.NewResult().
			WithRuleID(f.Pass).
			WithLevel("warning").
			WithMessage(sarif.NewTextMessage(sarifLinkedMessage(f)))
		if i, ok := ruleIndex[f.Pass]; ok {
			res.WithRuleIndex(i)
		}
		res.AddLocation(sarif.NewLocation().WithPhysicalLocation(files.physical(f.Pos, f.End, root)))
		for i, r := range f.Related {
			res.AddRelatedLocation(sarif.NewLocation().
				WithID(i + 1).
				WithPhysicalLocation(files.physical(r.Pos, position{}, root)).
				WithMessage(sarif.NewTextMessage(r.Message)))
		}

		// The fingerprint identifies the finding across commits: not by
		// its line number, which any edit above it changes, but by what
		// it is and where it sits: the pass, the file, the enclosing
		// function, the text of its line and the message. Identical
		// findings (same tuple) are told apart by their rank.
		uri, _ := sarifURI(f.Pos.File, root)
		key := strings.Join([]string{f.Pass, uri, files.funcAt(f.Pos), strings.TrimSpace(files.line(f.Pos)), f.Message}, "\x00")
		n := occurrences[key]
		occurrences[key]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, n))
		// (AddPartialFingerprint would write to a nil map.)
		res.WithPartialFingerprints(map[string]string{sarifFingerprintKey: hex.EncodeToString(sum[:])})

		run.AddResult(res)
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(len(out.errors) == 0)
	for _, e := range out.errors {
		inv.AddToolExecutionNotification(sarif.NewNotification().
			WithLevel("error").
			WithMessage(sarif.NewTextMessage(e.Package + ": " + firstLine(e.Message))))
	}
	for _, msg := range out.warnings {
		inv.AddToolExecutionNotification(sarif.NewNotification().
			WithLevel("warning").
			WithMessage(sarif.NewTextMessage(msg)))
	}
	run.AddInvocation(inv)

	report := sarif.NewReport()
	report.AddRun(run)
	var buf bytes.Buffer
	if err := report.PrettyWrite(&buf); err != nil {
		return fmt.Errorf("writing SARIF: %v", err)
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

// sarifRule describes a pass, all from its documentation.
func sarifRule(a *analysis.Analyzer) *sarif.ReportingDescriptor {
	summary := passutil.Summary(a.Name, a.Doc)
	if summary == "" {
		summary = firstLine(a.Doc)
	}
	rule := sarif.NewRule(a.Name).
		WithName(a.Name).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(summary)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(sarifFullDescription(a.Name, a.Doc, summary))).
		WithHelp(sarif.NewMultiformatMessageString().
			WithText(a.Doc).
			WithMarkdown(sarifMarkdown(a.Name, a.Doc))).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel("warning")).
		WithProperties(sarif.NewPropertyBag().WithTags([]string{"concurrency"}))
	if a.URL != "" {
		rule.WithHelpURI(a.URL)
	}
	return rule
}

// sarifFullDescription returns the paragraph that follows a pass's summary
// line ("<name>: ..."), which states the pitfall, on one line; the summary
// when there is none.
func sarifFullDescription(name, doc, summary string) string {
	lines := strings.Split(doc, "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, name+": ") {
			continue
		}
		var para []string
		for _, l := range lines[i+1:] {
			switch {
			case strings.TrimSpace(l) == "" && len(para) == 0:
				continue
			case strings.TrimSpace(l) == "", strings.HasPrefix(l, "\t"), strings.HasPrefix(l, "# "):
			default:
				para = append(para, strings.TrimSpace(l))
				continue
			}
			break
		}
		if len(para) > 0 {
			return strings.Join(para, " ")
		}
		break
	}
	return summary
}

// sarifMarkdown is the pass's documentation page, without the comment
// that says where it is generated from.
func sarifMarkdown(name, doc string) string {
	md := passutil.Markdown(name, doc)
	if strings.HasPrefix(md, "<!--") {
		if _, rest, ok := strings.Cut(md, "-->\n"); ok {
			md = strings.TrimLeft(rest, "\n")
		}
	}
	return md
}

// sarifVersion is conclint's version: the module version it was built at,
// or, for a build from a checkout, "devel" and the VCS revision when
// known.
func sarifVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return "devel+" + rev
}

// sarifRoot is the directory URIs are relative to: the root of the
// version-control checkout that holds wd (the nearest directory with a
// .git entry, a directory or, in worktrees and submodules, a file), as
// code scanning expects repository-relative paths; wd itself outside
// any checkout.
func sarifRoot(wd string) string {
	for dir := wd; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return wd
		}
		dir = parent
	}
}

// sarifURI returns the URI of file: relative to root (slash-separated,
// escaped) and true when it lies inside root, else an absolute file URI
// and false.
func sarifURI(file, root string) (string, bool) {
	if rel := relPath(file, root); rel != file || !filepath.IsAbs(file) {
		return (&url.URL{Path: filepath.ToSlash(rel)}).String(), true
	}
	return sarifFileURI(file), false
}

func sarifFileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func sarifDirURI(dir string) string {
	u := sarifFileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// sarifFiles reads and parses, once each, the files findings point into:
// for the text of a line, the UTF-16 columns code scanning counts in, and
// the function a finding is in.
type sarifFiles struct {
	lines map[string][]string
	funcs map[string][]sarifFunc
}

type sarifFunc struct {
	name       string
	start, end int // lines
}

func newSarifFiles() *sarifFiles {
	return &sarifFiles{lines: map[string][]string{}, funcs: map[string][]sarifFunc{}}
}

// line returns the text of p's line, "" when unknown.
func (s *sarifFiles) line(p position) string {
	lines, ok := s.lines[p.File]
	if !ok {
		if data, err := os.ReadFile(p.File); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		s.lines[p.File] = lines
	}
	if p.Line < 1 || p.Line > len(lines) {
		return ""
	}
	return strings.TrimSuffix(lines[p.Line-1], "\r")
}

// column converts p's column, in bytes, to UTF-16 code units.
func (s *sarifFiles) column(p position) int {
	line := s.line(p)
	if p.Column < 1 || p.Column-1 > len(line) {
		return p.Column
	}
	return len(utf16.Encode([]rune(line[:p.Column-1]))) + 1
}

// funcAt names the function declaration that encloses p's line, as
// "F", "T.M" or "(*T).M"; "" outside any, or when the file does not
// parse.
func (s *sarifFiles) funcAt(p position) string {
	funcs, ok := s.funcs[p.File]
	if !ok {
		fset := token.NewFileSet()
		if f, err := parser.ParseFile(fset, p.File, nil, parser.SkipObjectResolution); err == nil {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					funcs = append(funcs, sarifFunc{sarifFuncName(fd), fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line})
				}
			}
		}
		s.funcs[p.File] = funcs
	}
	for _, fn := range funcs {
		if fn.start <= p.Line && p.Line <= fn.end {
			return fn.name
		}
	}
	return ""
}

func sarifFuncName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	star := ""
	if se, ok := t.(*ast.StarExpr); ok {
		star, t = "*", se.X
	}
	switch x := t.(type) { // drop type parameters: T[K] is T
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	recv := "?"
	if id, ok := t.(*ast.Ident); ok {
		recv = id.Name
	}
	if star != "" {
		return "(*" + recv + ")." + fd.Name.Name
	}
	return recv + "." + fd.Name.Name
}

// physical is the location of [start, end) in SARIF terms. Without an
// end (end.File empty), the region runs to the end of start's line, which
// is what SARIF means by a region without an end column, spelled out.
func (s *sarifFiles) physical(start, end position, root string) *sarif.PhysicalLocation {
	loc := sarif.NewArtifactLocation()
	if uri, rel := sarifURI(start.File, root); rel {
		loc.WithURI(uri).WithURIBaseID(sarifSrcRoot)
	} else {
		loc.WithURI(uri)
	}
	region := sarif.NewRegion().WithStartLine(max(start.Line, 1))
	if start.Column > 0 {
		region.WithStartColumn(s.column(start))
	}
	switch {
	case end.File == start.File && (end.Line > start.Line || end.Line == start.Line && end.Column > start.Column):
		region.WithEndLine(end.Line)
		if end.Column > 0 {
			region.WithEndColumn(s.column(end))
		}
	case start.Line > 0:
		region.WithEndLine(start.Line)
		if line := s.line(start); line != "" {
			region.WithEndColumn(s.column(position{start.File, start.Line, len(line) + 1}))
		}
	}
	return sarif.NewPhysicalLocation().WithArtifactLocation(loc).WithRegion(region)
}

// sarifLinkedMessage is the finding's message followed by its related
// positions as SARIF embedded links ("[s.mu locked here](1)"), which code
// scanning renders as links to the related locations of the same ids:
// the whole cycle (lock, wait, wake) is visible on the alert.
func sarifLinkedMessage(f finding) string {
	if len(f.Related) == 0 {
		return f.Message
	}
	esc := strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`)
	parts := make([]string, len(f.Related))
	for i, r := range f.Related {
		parts[i] = fmt.Sprintf("[%s](%d)", esc.Replace(r.Message), i+1)
	}
	return f.Message + " (" + strings.Join(parts, "; ") + ")"
}
