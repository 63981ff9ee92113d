package driver

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"os"
	"slices"
	"sort"
)

// edit is one text edit of a fix, in byte offsets of the file on disk.
type edit struct {
	start, end int
	text       string
}

// applyFixes applies the first suggested fix of each finding, in the
// order of findings. A fix applies whole or not at all: one that overlaps
// an already accepted fix, or whose positions no longer match the file
// (edited since the analysis, or //line directives), is skipped with a
// warning. Identical edits from two fixes are applied once. A file that
// was gofmt-clean is gofmt'ed after editing.
//
// It returns how many findings were fixed.
func applyFixes(findings []finding, wd string) (fixed int, warnings []string, err error) {
	contents := map[string][]byte{} // original contents, read on demand
	accepted := map[string][]edit{} // per file
	read := func(file string) ([]byte, error) {
		if b, ok := contents[file]; ok {
			return b, nil
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		contents[file] = b
		return b, nil
	}
	skip := func(f finding, why string) {
		warnings = append(warnings, fmt.Sprintf("%s: %s: fix not applied: %s", posn(f.Pos, wd), f.Pass, why))
	}

findings:
	for _, f := range findings {
		if len(f.Fixes) == 0 {
			continue
		}
		fix := f.Fixes[0]
		proposed := map[string][]edit{}
		for _, te := range fix.TextEdits {
			file := te.Position.Filename
			end := te.End
			if end.Filename == "" {
				end = te.Position // an insertion
			}
			if file == "" || end.Filename != file || end.Offset < te.Position.Offset {
				skip(f, "malformed edit")
				continue findings
			}
			content, err := read(file)
			if err != nil {
				skip(f, err.Error())
				continue findings
			}
			if !matches(content, te.Position.Offset, te.Position.Line, te.Position.Column) ||
				!matches(content, end.Offset, end.Line, end.Column) {
				skip(f, "its positions do not match "+relPath(file, wd)+" (changed since it was analyzed, or a //line directive)")
				continue findings
			}
			proposed[file] = append(proposed[file], edit{te.Position.Offset, end.Offset, string(te.NewText)})
		}
		for file, edits := range proposed {
			for i, e := range edits {
				if slices.ContainsFunc(edits[:i], func(o edit) bool { return overlap(e, o) }) {
					skip(f, "its edits overlap each other")
					continue findings
				}
				if slices.ContainsFunc(accepted[file], func(o edit) bool { return conflict(e, o) }) {
					skip(f, "it overlaps another fix; run again to apply it")
					continue findings
				}
			}
		}
		for file, edits := range proposed {
			for _, e := range edits {
				if !slices.Contains(accepted[file], e) {
					accepted[file] = append(accepted[file], e)
				}
			}
		}
		fixed++
	}

	files := make([]string, 0, len(accepted))
	for file := range accepted {
		files = append(files, file)
	}
	sort.Strings(files)
	for _, file := range files {
		orig := contents[file]
		out := apply(orig, accepted[file])
		if formatted, err := format.Source(orig); err == nil && bytes.Equal(formatted, orig) {
			if formatted, err := format.Source(out); err == nil {
				out = formatted
			} else {
				warnings = append(warnings, fmt.Sprintf("%s: does not parse after the fixes: %v", relPath(file, wd), err))
			}
		}
		mode := os.FileMode(0o644)
		if fi, err := os.Stat(file); err == nil {
			mode = fi.Mode().Perm()
		}
		if err := os.WriteFile(file, out, mode); err != nil {
			return fixed, warnings, fmt.Errorf("writing fixes: %v", err)
		}
	}
	return fixed, warnings, nil
}

// matches reports whether offset lies at line:col (1-based, columns in
// bytes, as go/token counts them) in content.
func matches(content []byte, offset, line, col int) bool {
	if offset < 0 || offset > len(content) {
		return false
	}
	before := content[:offset]
	l := bytes.Count(before, []byte("\n")) + 1
	c := offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return l == line && c == col
}

// conflict reports whether two different edits cannot both be applied
// with a well-defined result: their ranges overlap, or both insert at the
// same point. Identical edits do not conflict; they are applied once.
func conflict(a, b edit) bool {
	if a == b {
		return false
	}
	return overlap(a, b) || a.start == a.end && b.start == b.end && a.start == b.start
}

// overlap reports whether the ranges of two edits intersect. Within one
// fix, insertions at the same point are fine: they apply in fix order.
func overlap(a, b edit) bool {
	return a.start < b.end && b.start < a.end
}

// apply returns content with the non-conflicting edits applied.
func apply(content []byte, edits []edit) []byte {
	edits = slices.Clone(edits)
	sort.SliceStable(edits, func(i, j int) bool {
		return cmp.Or(cmp.Compare(edits[i].start, edits[j].start), cmp.Compare(edits[i].end, edits[j].end)) < 0
	})
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(content[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(content[last:])
	return out.Bytes()
}
