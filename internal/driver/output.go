package driver

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// writeText prints one finding per line, "file:line:col: pass: message",
// each related position below it on an indented line.
func writeText(w io.Writer, findings []finding, wd string) {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		fmt.Fprintf(bw, "%s: %s: %s\n", posn(f.Pos, wd), f.Pass, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(bw, "\t%s: %s\n", posn(r.Pos, wd), r.Message)
		}
	}
	bw.Flush()
}

func posn(p position, wd string) string {
	if p.File == "" {
		return "-"
	}
	return fmt.Sprintf("%s:%d:%d", relPath(p.File, wd), p.Line, p.Column)
}

// The JSON schema, documented in docs/cli.md. Every field is always
// present (zero when unknown) and every list is [] rather than null, so
// consumers need no special cases. Add fields; never rename or remove.
type jsonOutput struct {
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Errors      []jsonError      `json:"errors"`
}

type jsonDiagnostic struct {
	Pass           string    `json:"pass"`
	Category       string    `json:"category"`
	Posn           string    `json:"posn"`
	File           string    `json:"file"`
	Line           int       `json:"line"`
	Column         int       `json:"column"`
	EndLine        int       `json:"end_line"`
	EndColumn      int       `json:"end_column"`
	Message        string    `json:"message"`
	Related        []jsonRel `json:"related"`
	SuggestedFixes []jsonFix `json:"suggested_fixes"`
}

type jsonRel struct {
	Posn    string `json:"posn"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	File      string `json:"file"`
	Offset    int    `json:"offset"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndOffset int    `json:"end_offset"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	NewText   string `json:"new_text"`
}

type jsonError struct {
	Package string `json:"package"`
	Message string `json:"message"`
}

func writeJSON(w io.Writer, out *outcome, wd string) error {
	doc := jsonOutput{Diagnostics: []jsonDiagnostic{}, Errors: []jsonError{}}
	for _, f := range out.findings {
		d := jsonDiagnostic{
			Pass:           f.Pass,
			Category:       f.Category,
			Posn:           posn(f.Pos, wd),
			File:           relPath(f.Pos.File, wd),
			Line:           f.Pos.Line,
			Column:         f.Pos.Column,
			EndLine:        f.End.Line,
			EndColumn:      f.End.Column,
			Message:        f.Message,
			Related:        []jsonRel{},
			SuggestedFixes: []jsonFix{},
		}
		if f.End.File == "" {
			d.EndLine, d.EndColumn = f.Pos.Line, f.Pos.Column
		}
		for _, r := range f.Related {
			d.Related = append(d.Related, jsonRel{
				Posn:    posn(r.Pos, wd),
				File:    relPath(r.Pos.File, wd),
				Line:    r.Pos.Line,
				Column:  r.Pos.Column,
				Message: r.Message,
			})
		}
		for _, fix := range f.Fixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, e := range fix.TextEdits {
				end := e.End
				if end.Filename == "" {
					end = e.Position
				}
				jf.Edits = append(jf.Edits, jsonEdit{
					File:      relPath(e.Position.Filename, wd),
					Offset:    e.Position.Offset,
					Line:      e.Position.Line,
					Column:    e.Position.Column,
					EndOffset: end.Offset,
					EndLine:   end.Line,
					EndColumn: end.Column,
					NewText:   string(e.NewText),
				})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		doc.Diagnostics = append(doc.Diagnostics, d)
	}
	for _, e := range out.errors {
		doc.Errors = append(doc.Errors, jsonError{Package: e.Package, Message: e.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
