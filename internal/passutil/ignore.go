package passutil

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Suppression directives.
//
//	//conclint:ignore <pass>[,<pass>...] <reason>
//
// on the line of a finding, or on the line above it, silences the findings
// of the named passes there. The reason is required: a directive without
// one is reported as malformed (category "malformed-ignore") by each pass
// it names, and suppresses nothing. When a pass's UnusedIgnoresFlag is set
// (-<pass>.unused-ignores), the pass also reports each of its directives
// that suppressed none of its findings (category "unused-ignore").
//
// The filtering lives in Guard, which hands the pass a copy of its
// *analysis.Pass whose Report consults the directives: every diagnostic
// of a pass goes through it, Report's included, under every driver
// (standalone, go vet, golangci-lint, nogo). Its state (the directives
// parsed, which of them were used) belongs to one run of one pass on one
// package; nothing is global.

// IgnoreDirective is the prefix of a suppression comment.
const IgnoreDirective = "//conclint:ignore"

// UnusedIgnoresFlag is the name of the boolean analyzer flag that turns on
// the reporting of unused directives. AddIgnoreFlags declares it.
const UnusedIgnoresFlag = "unused-ignores"

// Categories of the diagnostics about directives themselves.
const (
	CategoryMalformedIgnore = "malformed-ignore"
	CategoryUnusedIgnore    = "unused-ignore"
)

// AddIgnoreFlags declares the -unused-ignores flag on a, unless it has it.
// The suite declares it on every pass at init.
func AddIgnoreFlags(a *analysis.Analyzer) {
	if a.Flags.Lookup(UnusedIgnoresFlag) == nil {
		a.Flags.Bool(UnusedIgnoresFlag, false, "report //conclint:ignore directives for this pass that suppress nothing")
	}
}

// Ignore is one parsed //conclint:ignore directive.
type Ignore struct {
	Pos    token.Pos // of the comment
	File   string
	Line   int
	Passes []string // as written, in order
	Reason string
}

// ParseIgnores returns the directives of a package's files, in file and
// position order. A directive with no pass list has a nil Passes.
func ParseIgnores(fset *token.FileSet, files []*ast.File) []Ignore {
	var out []Ignore
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				ig, ok := parseIgnore(c.Text)
				if !ok {
					continue
				}
				p := fset.Position(c.Slash)
				ig.Pos, ig.File, ig.Line = c.Slash, p.Filename, p.Line
				out = append(out, ig)
			}
		}
	}
	return out
}

// ParseIgnoreText parses the text of one comment ("//conclint:ignore
// ..."); ok is false when it is not a suppression directive.
func ParseIgnoreText(text string) (ig Ignore, ok bool) { return parseIgnore(text) }

func parseIgnore(text string) (Ignore, bool) {
	rest, ok := strings.CutPrefix(text, IgnoreDirective)
	if !ok {
		return Ignore{}, false
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return Ignore{}, false // //conclint:ignoreXYZ is some other directive
	}
	fields := strings.Fields(rest)
	var ig Ignore
	if len(fields) == 0 {
		return ig, true
	}
	for _, name := range strings.Split(fields[0], ",") {
		if name = strings.TrimSpace(name); name != "" {
			ig.Passes = append(ig.Passes, name)
		}
	}
	ig.Reason = strings.Join(fields[1:], " ")
	return ig, true
}

// Names reports whether the directive names pass.
func (ig Ignore) Names(pass string) bool { return slices.Contains(ig.Passes, pass) }

// Covers reports whether the directive stands on line, or the line above
// it, of file.
func (ig Ignore) Covers(file string, line int) bool {
	return ig.File == file && (ig.Line == line || ig.Line == line-1)
}

// suppressor filters the diagnostics of one run of one pass.
type suppressor struct {
	pass    *analysis.Pass
	name    string
	parsed  bool
	ignores []Ignore // those that name this pass and carry a reason
	bad     []Ignore // those that name this pass without a reason
	used    []bool
}

func newSuppressor(pass *analysis.Pass, name string) *suppressor {
	return &suppressor{pass: pass, name: name}
}

func (s *suppressor) parse() {
	if s.parsed {
		return
	}
	s.parsed = true
	for _, ig := range ParseIgnores(s.pass.Fset, s.pass.Files) {
		switch {
		case !ig.Names(s.name):
		case ig.Reason == "":
			s.bad = append(s.bad, ig)
		default:
			s.ignores = append(s.ignores, ig)
		}
	}
	s.used = make([]bool, len(s.ignores))
}

// suppressed reports whether a directive silences d, and marks it used.
// Diagnostics about directives are never suppressed.
func (s *suppressor) suppressed(d analysis.Diagnostic) bool {
	if !d.Pos.IsValid() || d.Category == CategoryMalformedIgnore || d.Category == CategoryUnusedIgnore {
		return false
	}
	s.parse()
	if len(s.ignores) == 0 {
		return false
	}
	// Lines are compared as //line directives present them (in cgo's
	// rewrite of a file, the user's lines) and as they are in the file
	// compiled (where a //line directive points into a template, whose
	// lines a directive written in the Go file does not follow).
	fset := s.pass.Fset
	p, raw := fset.PositionFor(d.Pos, true), fset.PositionFor(d.Pos, false)
	hit := false
	for i, ig := range s.ignores {
		igRaw := fset.PositionFor(ig.Pos, false)
		if ig.Covers(p.Filename, p.Line) || (Ignore{File: igRaw.Filename, Line: igRaw.Line}).Covers(raw.Filename, raw.Line) {
			s.used[i] = true
			hit = true
		}
	}
	return hit
}

// finish reports the malformed directives of this pass, and the unused
// ones when the pass's -unused-ignores flag is set.
func (s *suppressor) finish(report func(analysis.Diagnostic)) {
	if InGOROOT(s.pass) {
		return
	}
	s.parse()
	for _, ig := range s.bad {
		report(analysis.Diagnostic{
			Pos:      ig.Pos,
			Category: CategoryMalformedIgnore,
			Message:  fmt.Sprintf("malformed %s directive: a reason is required after the pass names (%s <pass> <reason>); it suppresses nothing", IgnoreDirective, IgnoreDirective),
		})
	}
	if !FlagIsTrue(s.pass.Analyzer, UnusedIgnoresFlag) {
		return
	}
	for i, ig := range s.ignores {
		if !s.used[i] {
			report(analysis.Diagnostic{
				Pos:      ig.Pos,
				Category: CategoryUnusedIgnore,
				Message:  fmt.Sprintf("unused %s directive: no %s finding on this line or the next", IgnoreDirective, s.name),
			})
		}
	}
}

// FlagIsTrue reports whether the analyzer a has a boolean flag name set
// to true.
func FlagIsTrue(a *analysis.Analyzer, name string) bool {
	if a == nil {
		return false
	}
	f := a.Flags.Lookup(name)
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return f.Value.String() == "true"
	}
	b, _ := g.Get().(bool)
	return b
}

// guardReports runs run on a copy of pass whose Report honors the
// suppression directives, then reports the directives' own problems.
func guardReports(name string, pass *analysis.Pass, run func(*analysis.Pass) (any, error)) (any, error) {
	s := newSuppressor(pass, name)
	p := *pass
	p.Report = func(d analysis.Diagnostic) {
		if s.suppressed(d) {
			return
		}
		pass.Report(d)
	}
	res, err := run(&p)
	if err == nil {
		s.finish(pass.Report)
	}
	return res, err
}
