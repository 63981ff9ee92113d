package driver

import (
	"encoding/gob"
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// The runner (honnef.co/go/tools/lintcmd/runner, v0.8.2) drops the error
// an analyzer returns: the analyzer and everything that requires it are
// skipped, but nothing reaches Result.Errors, and the package's results
// are cached as if all went well. A panic in an analyzer kills the
// process. Neither is acceptable for conclint, so the driver runs
// instrumented copies of the analyzers:
//
//   - a panic becomes an error naming the pass and the package;
//   - an error is reported as a diagnostic of category errorCategory, so
//     that it lands in the cached results of an initial package and a
//     rerun served from the cache fails the same way;
//   - an error is also exported as a package fact (errorFact), because on
//     a dependency, analyzed only for its facts, the runner discards
//     diagnostics; depErrors reports those facts in the initial packages
//     that import the failing one.
//
// The copies, not the originals, are handed to the runner, so the
// process-wide analyzers (buildssa, ctrlflow, ...) are never modified.

// errorCategory marks a diagnostic that carries an analysis error.
const errorCategory = "conclint/internal-error"

// errorFact records that an analyzer failed on the package it is attached
// to; Msg names the pass. The runner keys package facts by package and type, so when several
// analyzers fail on one package, one of their errors survives: enough to
// fail the run, and the others show once it is fixed.
type errorFact struct {
	Pass string
	Msg  string
}

func (*errorFact) AFact() {}

func (f *errorFact) String() string { return f.Msg }

func init() {
	// The runner gob-encodes facts behind an interface; it registers the
	// FactTypes of the analyzers it runs, and errorFact belongs to none.
	gob.RegisterName("github.com/conclint/conclint/internal/driver.errorFact", &errorFact{})
}

// analysisError is what an errorCategory diagnostic's message encodes.
type analysisError struct {
	Package string `json:"package"`
	Message string `json:"message"`
}

func errorDiagnostic(pkg, msg string) analysis.Diagnostic {
	b, _ := json.Marshal(analysisError{Package: pkg, Message: msg})
	return analysis.Diagnostic{Category: errorCategory, Message: string(b)}
}

func decodeError(msg string) (analysisError, bool) {
	var e analysisError
	if err := json.Unmarshal([]byte(msg), &e); err != nil {
		return analysisError{}, false
	}
	return e, true
}

// depErrors reports the errorFacts of the dependencies of an initial
// package. It declares no fact types, so the runner runs it only on the
// initial packages.
var depErrors = &analysis.Analyzer{
	Name: "conclintdeperrors",
	Doc:  "conclintdeperrors: report analysis errors that happened in dependencies",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, pf := range pass.AllPackageFacts() {
			if ef, ok := pf.Fact.(*errorFact); ok && pf.Package != pass.Pkg {
				pass.Report(errorDiagnostic(pf.Package.Path(), ef.Msg))
			}
		}
		return nil, nil
	},
}

// instrument returns copies of roots, and of everything they require,
// whose Run contains panics and reports errors as described above.
func instrument(roots []*analysis.Analyzer) []*analysis.Analyzer {
	copies := map[*analysis.Analyzer]*analysis.Analyzer{}
	origOf := map[*analysis.Analyzer]*analysis.Analyzer{}
	var copyOf func(a *analysis.Analyzer) *analysis.Analyzer
	copyOf = func(a *analysis.Analyzer) *analysis.Analyzer {
		if c, ok := copies[a]; ok {
			return c
		}
		c := new(analysis.Analyzer)
		*c = *a
		copies[a] = c
		origOf[c] = a
		c.Requires = make([]*analysis.Analyzer, len(a.Requires))
		for i, req := range a.Requires {
			c.Requires[i] = copyOf(req)
		}
		c.Run = func(pass *analysis.Pass) (any, error) {
			return runInstrumented(a, origOf, pass)
		}
		return c
	}
	out := make([]*analysis.Analyzer, len(roots))
	for i, a := range roots {
		out[i] = copyOf(a)
	}
	return out
}

func runInstrumented(orig *analysis.Analyzer, origOf map[*analysis.Analyzer]*analysis.Analyzer, pass *analysis.Pass) (res any, err error) {
	// The analyzer's code looks its inputs up by the original analyzers
	// (pass.ResultOf[buildssa.Analyzer]), not by our copies.
	resultOf := make(map[*analysis.Analyzer]any, len(pass.ResultOf))
	for c, r := range pass.ResultOf {
		if o, ok := origOf[c]; ok {
			resultOf[o] = r
		} else {
			resultOf[c] = r
		}
	}
	p := *pass
	p.Analyzer = orig
	p.ResultOf = resultOf
	p.Report = func(d analysis.Diagnostic) {
		// The output attributes a finding to a pass by its category; a
		// category of the pass's own stays recognizable under its name.
		if d.Category != "" && d.Category != orig.Name && !strings.HasPrefix(d.Category, orig.Name+"/") {
			d.Category = orig.Name + "/" + d.Category
		}
		pass.Report(d)
	}
	if p.ReadFile == nil {
		// The runner leaves ReadFile unset; other drivers allow the
		// package's own files, and so do we.
		p.ReadFile = packageFileReader(&p)
	}

	defer func() {
		if r := recover(); r != nil {
			res = nil
			err = fmt.Errorf("internal error: pass %s panicked in package %s: %v\n%s", orig.Name, pass.Pkg.Path(), r, debug.Stack())
		}
		if err != nil {
			res = nil
			msg := err.Error()
			if !strings.Contains(firstLine(msg), "pass "+orig.Name+" ") {
				msg = orig.Name + ": " + msg
			}
			pass.Report(errorDiagnostic(pass.Pkg.Path(), msg))
			pass.ExportPackageFact(&errorFact{Pass: orig.Name, Msg: msg})
			// Returning the error makes the runner skip the analyzers
			// that need this one's result.
			err = fmt.Errorf("%s", msg)
		}
	}()
	return orig.Run(&p)
}

// packageFileReader returns a ReadFile that allows the files of the
// package being analyzed, as the x/tools drivers do.
func packageFileReader(pass *analysis.Pass) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		allowed := slices.Contains(pass.OtherFiles, name) || slices.Contains(pass.IgnoredFiles, name)
		for _, f := range pass.Files {
			if pass.Fset.File(f.FileStart).Name() == name {
				allowed = true
			}
		}
		if !allowed {
			return nil, fmt.Errorf("ReadFile %s: not a file of package %s", name, pass.Pkg.Path())
		}
		return os.ReadFile(name)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
