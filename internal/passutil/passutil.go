// Package passutil holds the plumbing every conclint pass shares: iterating
// the package's SSA functions with panic containment, reading a pass's
// documentation from its doc.go, and reporting diagnostics with generated
// files filtered out in one place.
//
// It must not hold analysis logic: what blocks, which lock is held and where
// a context comes from live in their own internal packages.
package passutil

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// funcPanic carries a panic raised while one function was analyzed, so
// that Guard can name the function in the error it returns.
type funcPanic struct {
	fn    string
	value any
	stack []byte
}

// Guard wraps an analyzer's run function so that a panic becomes an error
// naming the pass and, when known, the function being analyzed. A panic in
// one package then fails that package's analysis, not the whole run. It
// also applies the //conclint:ignore directives (see ignore.go).
func Guard(name string, run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			res = nil
			if fp, ok := r.(funcPanic); ok {
				err = fmt.Errorf("internal error: pass %s panicked while analyzing %s: %v\n%s", name, fp.fn, fp.value, fp.stack)
				return
			}
			err = fmt.Errorf("internal error: pass %s panicked in package %s: %v\n%s", name, pass.Pkg.Path(), r, debug.Stack())
		}()
		return guardReports(name, pass, run)
	}
}

// EachFunc calls f for every function in funcs, tagging a panic with the
// function's name so that Guard can report it.
func EachFunc(funcs []*ssa.Function, f func(fn *ssa.Function)) {
	for _, fn := range funcs {
		callGuarded(fn, f)
	}
}

func callGuarded(fn *ssa.Function, f func(fn *ssa.Function)) {
	defer func() {
		if r := recover(); r != nil {
			if fp, ok := r.(funcPanic); ok {
				panic(fp)
			}
			panic(funcPanic{fn: fn.String(), value: r, stack: debug.Stack()})
		}
	}()
	f(fn)
}

// Report emits d unless it points into generated code (IsGenerated).
// Every conclint diagnostic goes through here so that the filter lives in
// one place. In a package that uses cgo, d is adapted to the user's source
// first (forSource).
func Report(pass *analysis.Pass, d analysis.Diagnostic) {
	if !d.Pos.IsValid() || IsGenerated(pass, d.Pos) {
		return
	}
	pass.Report(forSource(pass, d))
}

// Related is a short constructor for a RelatedInformation entry.
func Related(pos token.Pos, format string, args ...any) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: pos, Message: fmt.Sprintf(format, args...)}
}

// Doc returns the text of a pass's package comment, given the raw content
// of its doc.go. The comment is the single source of the pass's
// documentation: Analyzer.Doc, `conclint help <pass>` and docs/<pass>.md
// are all derived from it.
func Doc(docGo string) string {
	var lines []string
	inBlock := false
	for _, line := range strings.Split(docGo, "\n") {
		switch {
		case inBlock:
			if i := strings.Index(line, "*/"); i >= 0 {
				lines = append(lines, line[:i])
				inBlock = false
				continue
			}
			lines = append(lines, line)
		case strings.HasPrefix(line, "/*"):
			inBlock = true
		case strings.HasPrefix(line, "//go:build"), strings.HasPrefix(line, "package "):
			// not part of the comment
		case strings.HasPrefix(line, "// "):
			lines = append(lines, line[3:])
		case strings.HasPrefix(line, "//\t"):
			lines = append(lines, line[2:])
		case line == "//":
			lines = append(lines, "")
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n")) + "\n"
}

// Summary returns the one-line summary of a pass's documentation: the text
// after "<name>: " on the first line that starts with it.
func Summary(name, doc string) string {
	for _, line := range strings.Split(doc, "\n") {
		if rest, ok := strings.CutPrefix(line, name+": "); ok {
			return rest
		}
	}
	return ""
}

// InGOROOT reports whether the package being analyzed is part of the Go
// distribution (the standard library, cmd), judged by where its files are.
// A file cmd/cgo generated lies in the build cache; its package clause
// maps, through a //line directive, to the user's file, so that position
// is the one judged.
func InGOROOT(pass *analysis.Pass) bool {
	root := filepath.Clean(build.Default.GOROOT) + string(filepath.Separator)
	if root == string(filepath.Separator) {
		return false
	}
	for _, f := range pass.Files {
		name := pass.Fset.PositionFor(f.Package, true).Filename
		if strings.HasPrefix(filepath.Clean(name), root) {
			return true
		}
	}
	return false
}

// Markdown renders a pass's documentation (as returned by Doc) as the
// docs/<pass>.md page: doc-comment headings become Markdown headings and
// tab-indented blocks become Go code fences. The page is generated, never
// edited by hand, so the text exists once.
func Markdown(name, doc string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- Code generated from analyzers/%s/doc.go by `CONCLINT_UPDATE_DOCS=1 go test ./analyzers/suite`. DO NOT EDIT. -->\n\n", name)
	inCode := false
	for _, line := range strings.Split(strings.TrimRight(doc, "\n"), "\n") {
		isCode := strings.HasPrefix(line, "\t")
		if inCode && !isCode && line != "" {
			b.WriteString("```\n\n")
			inCode = false
		}
		switch {
		case isCode:
			if !inCode {
				trimTrailingBlank(&b)
				b.WriteString("```go\n")
				inCode = true
			}
			b.WriteString(line[1:] + "\n")
		case strings.HasPrefix(line, "# Analyzer "):
			b.WriteString("# " + strings.TrimPrefix(line, "# Analyzer ") + "\n")
		case strings.HasPrefix(line, "# "):
			b.WriteString("#" + line + "\n")
		default:
			if inCode && line == "" {
				continue
			}
			b.WriteString(line + "\n")
		}
	}
	if inCode {
		b.WriteString("```\n")
	}
	return b.String()
}

func trimTrailingBlank(b *strings.Builder) {
	s := b.String()
	if !strings.HasSuffix(s, "\n\n") {
		b.WriteString("\n")
	}
}

// InTestFile reports whether fn (or, for a closure without a position, the
// nearest enclosing function) is declared in a _test.go file.
func InTestFile(pass *analysis.Pass, fn *ssa.Function) bool {
	pos := fn.Pos()
	for f := fn; !pos.IsValid() && f.Parent() != nil; f = f.Parent() {
		pos = f.Parent().Pos()
	}
	if !pos.IsValid() {
		return false
	}
	return strings.HasSuffix(pass.Fset.File(pos).Name(), "_test.go")
}

// Deprecated reports whether fn, or the function declaration it is a
// literal of, is documented as deprecated: a paragraph of its doc comment
// begins "Deprecated: " (the Go convention that tools such as gopls and
// staticcheck read). Its authors have told its callers to move to
// something else; a finding inside it asks them to repair what they are
// retiring.
func Deprecated(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || decl.Doc == nil {
		return false
	}
	paragraphStart := true
	for _, line := range strings.Split(decl.Doc.Text(), "\n") {
		if strings.TrimSpace(line) == "" {
			paragraphStart = true
			continue
		}
		if paragraphStart && strings.HasPrefix(line, "Deprecated: ") {
			return true
		}
		paragraphStart = false
	}
	return false
}

// TestsOtherCode reports whether the _test.go files of the package of
// pass test code that is not in them: the package has a file that is not
// a test, or it is an external test package (package p_test, whose files
// all test p). Their goroutines, channels and groups are then scaffolding
// around the code under test. A package made only of _test.go files (a
// bug kernel, an integration-test directory) is a program of its own: its
// test files are the code.
func TestsOtherCode(pass *analysis.Pass) bool {
	if pass.Pkg != nil && strings.HasSuffix(pass.Pkg.Name(), "_test") {
		return true
	}
	for _, f := range pass.Files {
		if !strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") {
			return true
		}
	}
	return false
}

// KernelCode reports whether fn is the code of a package made only of
// _test.go files (a bug kernel: a program of its own, !testsOtherCode,
// see TestsOtherCode) rather than one of its tests: not a test function
// or a closure of one (TestFunction), and not a helper that takes a
// *testing.T, B or F or a testing.TB. A wait there is the kernel's own
// and is judged like one of a production file; a test's own wait hangs
// only the test, which go test's timeout reports.
func KernelCode(pass *analysis.Pass, testsOtherCode bool, fn *ssa.Function) bool {
	if testsOtherCode || !InTestFile(pass, fn) || TestFunction(pass, fn) != nil {
		return false
	}
	root := fn
	for root.Parent() != nil {
		root = root.Parent()
	}
	params := root.Signature.Params()
	for i := range params.Len() {
		if testingType(params.At(i).Type()) {
			return false
		}
	}
	return true
}

// testingType reports whether t is a type of package testing (*testing.T,
// testing.TB) or a pointer to one.
func testingType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "testing"
}

// InScaffoldingFile reports whether pos is in a _test.go file of a package
// whose tests test other code (TestsOtherCode).
func InScaffoldingFile(pass *analysis.Pass, testsOtherCode bool, pos token.Pos) bool {
	if !testsOtherCode || !pos.IsValid() {
		return false
	}
	return strings.HasSuffix(pass.Fset.File(pos).Name(), "_test.go")
}

// notTestWord lists path elements that end in "test" or "mock" and are
// words, not test helpers.
var notTestWord = map[string]bool{"latest": true, "attest": true, "contest": true, "protest": true, "hammock": true}

// TestOnlyPackage reports whether the package of pass is a helper package
// or program that exists only for tests, judged by signs a production
// package does not carry:
//   - an element of its import path names it a test helper (see
//     testPathElem: testing, testutil, grpc_testing, httptest, e2etest...);
//   - at least half of its non-test files import "testing" (its API takes
//     a *testing.T or a testing.TB, which only a test can hand it); one
//     helper file of a production package is not enough (statsig's
//     util.go beside thirty files of SDK), but it is under a test or
//     tests directory (celestia-app's test/util/testnode);
//   - one of its non-test files imports a test helper of a module (a
//     non-standard path with such an element): production code does not
//     depend on test helpers, while benchmark drivers, interop clients
//     and mocks do. The standard library's httptest and iotest do not
//     count here: production code sometimes records responses with
//     httptest.
//
// A main package counts like any other: a test driver program is test
// code; a command under a test or tests directory (tests/stress), or under
// one that names a benchmark (benchmark/worker, benchkit-backend), is one
// too. The answer is per package: passes compute it once per run and
// treat every function of such a package as test code, like those of
// _test.go files (InTestFile). The _test.go files of a package under test do not count: they
// import "testing" in every package that has tests.
func TestOnlyPackage(pass *analysis.Pass) bool {
	pkg := pass.Pkg
	if pkg == nil {
		return false
	}
	if testPath(strings.TrimSuffix(pkg.Path(), "_test")) {
		return true
	}
	if pkg.Name() == "main" && testDriverPath(pkg.Path()) {
		return true
	}
	// The import is a sign when the files that carry it are at least half
	// of the package: one helper file of a production package (statsig's
	// util.go, whose compareMetadata takes a *testing.T, beside thirty
	// files of SDK) does not make the SDK a test helper.
	files, testing := 0, 0
	for _, f := range pass.Files {
		if strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") {
			continue
		}
		files++
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if isModulePath(path) && testPath(path) {
				return true
			}
			if path == "testing" {
				testing++
				break
			}
		}
	}
	if testing > 0 && testDriverPath(pkg.Path()) {
		return true // under a test or tests directory (test/util/testnode): one such file is enough
	}
	return testing > 0 && 2*testing >= files
}

// ExampleCode reports whether fn is example code: documentation written as
// a program, not code that is deployed. It is when the package of pass has
// an import path element example, examples or _examples, or sample(s)
// (the example
// programs of a module, such as client_golang's examples/simple), or when
// fn (or the function enclosing this closure) is an Example function of a
// _test.go file, which go test compiles and runs as documentation. Passes
// whose rule is about deployed code (a server exposed to slow clients, a
// client talking to a peer that may stop answering) treat it like test
// code; a rule about what the code itself does (a wait that ignores its
// context) need not.
func ExampleCode(pass *analysis.Pass, fn *ssa.Function) bool {
	return ExamplePackage(pass) || inExampleFunc(pass, fn)
}

// ExamplePackage reports whether an element of the import path of the
// package of pass is example, examples, _examples, sample, samples or
// _samples (and none is
// testdata). The answer is per package: passes may compute it once per
// run.
func ExamplePackage(pass *analysis.Pass) bool {
	return pass.Pkg != nil && examplePath(strings.TrimSuffix(pass.Pkg.Path(), "_test"))
}

// examplePath reports whether an element of the import path names example
// programs. A path under testdata does not: the go tool leaves testdata
// out of ./..., so such a package is analyzed only when it is named on
// purpose, and its findings are what was asked for (conclint's own
// testdata/examples, the README's first command).
func examplePath(path string) bool {
	example := false
	for _, elem := range strings.Split(path, "/") {
		switch elem {
		case "example", "examples", "_examples", "sample", "samples", "_samples":
			example = true
		case "testdata":
			return false
		}
	}
	return example
}

// inExampleFunc reports whether fn, or the package-level function
// enclosing this closure, is a func ExampleXxx() of a _test.go file.
func inExampleFunc(pass *analysis.Pass, fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Signature.Recv() != nil || fn.Signature.Params().Len() != 0 || !InTestFile(pass, fn) {
		return false
	}
	name, ok := strings.CutPrefix(fn.Name(), "Example")
	if !ok {
		return false
	}
	// go test's rule: Example, Example_suffix, ExampleF, ExampleT_M, but
	// not Examples (a lowercase letter after the prefix).
	return name == "" || name[0] == '_' || !unicode.IsLower([]rune(name)[0])
}

// OwnAPI reports whether f is declared in the package being analyzed. A
// package that calls its own API (net/http's Get calling
// DefaultClient.Get, a client choosing its own Wait over its own
// WaitContext) made that choice with both in view: passes that advise on
// the use of an API report its callers in other packages, not the
// package that implements it.
func OwnAPI(pass *analysis.Pass, f *types.Func) bool {
	if f == nil {
		return false
	}
	if o := f.Origin(); o != nil {
		f = o
	}
	return f.Pkg() != nil && f.Pkg() == pass.Pkg
}

// testPath reports whether an element of the import path names a test
// helper.
func testPath(path string) bool {
	for _, elem := range strings.Split(path, "/") {
		if testPathElem(elem) {
			return true
		}
	}
	return false
}

// testDriverPath reports whether an element of the import path is test
// or tests, autobahn (the WebSocket conformance test suite, whose
// harness and report viewer WebSocket libraries ship: nbio's, gobwas/ws's),
// or names a benchmark (benchPathElem): a command there
// (tests/stress, test/interop/client, benchmark/worker, a driver's
// benchkit-backend, autobahn/reporter) is a test or benchmark driver program, run by the
// module's developers against the code under test, not a program its
// users deploy. Only commands: a library package of that name may be one
// users deploy (grpc's test/bufconn, a benchmark package of helpers).
func testDriverPath(path string) bool {
	for _, elem := range strings.Split(path, "/") {
		if elem == "test" || elem == "tests" || elem == "autobahn" || benchPathElem(elem) {
			return true
		}
	}
	return false
}

// benchPathElem reports whether a path element names a benchmark or a
// load generator: one of its words (split at '-', '_' and '.') is bench
// or begins with it (benchmark, benchmarks, benchkit), or is perf,
// loadtest or loadgen (a client's perf/ load generator). A word that only
// contains one (workbench, performance) does not.
func benchPathElem(elem string) bool {
	for _, word := range strings.FieldsFunc(elem, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		switch {
		case strings.HasPrefix(word, "bench"), word == "perf", word == "loadtest", word == "loadgen":
			return true
		}
	}
	return false
}

// testPathElem reports whether a path element names a test helper:
// testing, testutil(s), testhelper(s), also written with a separator
// (test-helper, test_utils); a name ending in "_testing" (grpc_testing,
// the test services' protos), or one ending in "test" (httptest,
// grpctest, e2etest) other than a plain word; or a mock: mock, mocks, or a
// name ending in either (gomock, jcbmock, a downloader of a server's mock
// for tests), test doubles that production code does not ship.
func testPathElem(elem string) bool {
	joined := elem
	if strings.ContainsAny(elem, "-_.") {
		joined = separators.Replace(elem)
	}
	switch joined {
	// Not testdata: the go tool leaves it out of ./... already, so a
	// package under it is analyzed only when it is named on purpose.
	case "testing", "testutil", "testutils", "testhelper", "testhelpers":
		return true
	}
	if strings.HasSuffix(elem, "_testing") {
		return true
	}
	if strings.HasSuffix(elem, "mock") || strings.HasSuffix(elem, "mocks") {
		return !notTestWord[elem]
	}
	return len(elem) > len("test") && strings.HasSuffix(elem, "test") && !notTestWord[elem]
}

// FailsTest reports whether c marks the running test or benchmark failed
// and goes on: Error, Errorf or Fail of *testing.T, *testing.B, *testing.F
// or testing.TB, or of an interface named TestingT (the stand-in for
// *testing.T of test-assertion libraries: testify's assert and require,
// gotest.tools' assert, the copies modules keep under internal/assert,
// test suites exported by a production package), which tests hand them.
func FailsTest(c *ssa.CallCommon) bool {
	return testingMethod(c, "Error", "Errorf", "Fail")
}

// FailsOrStopsTest reports whether c fails the running test: FailsTest,
// or Fatal, Fatalf or FailNow of the same receivers, which also stop it.
func FailsOrStopsTest(c *ssa.CallCommon) bool {
	return FailsTest(c) || testingMethod(c, "Fatal", "Fatalf", "FailNow")
}

// testingMethod reports whether c calls one of the methods names of
// *testing.T, B or F, testing.TB, or an interface named TestingT.
func testingMethod(c *ssa.CallCommon, names ...string) bool {
	if c.IsInvoke() {
		if !slices.Contains(names, c.Method.Name()) {
			return false
		}
		n, ok := types.Unalias(c.Value.Type()).(*types.Named)
		return ok && (n.Obj().Name() == "TestingT" || (n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "testing" && n.Obj().Name() == "TB"))
	}
	name := ssax.FullName(ssax.Callee(c))
	method, found := strings.CutPrefix(name, "(*testing.common).")
	return found && slices.Contains(names, method)
}

// separators drops the word separators of a path element (test-util,
// test_helpers, test.util).
var separators = strings.NewReplacer("-", "", "_", "", ".", "")

// isModulePath reports whether path is outside the standard library (its
// first element has a dot, as module paths do).
func isModulePath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return strings.Contains(first, ".")
}

// TestFunction returns the test, benchmark or fuzz function of a _test.go
// file that fn is, or that declares fn as a closure (at any depth): a
// package-level TestXxx, BenchmarkXxx or FuzzXxx whose only parameter is
// a *testing.T, *testing.B or *testing.F, an ExampleXxx that takes and
// returns nothing, or a test method of a suite
// (testify's suite.Run runs the methods named TestXxx that take and
// return nothing). It returns nil for any other function, a test helper
// called by tests included.
func TestFunction(pass *analysis.Pass, fn *ssa.Function) *ssa.Function {
	root := fn
	for root.Parent() != nil {
		root = root.Parent()
	}
	if !InTestFile(pass, root) {
		return nil
	}
	if sig := root.Signature; sig.Recv() != nil {
		if strings.HasPrefix(root.Name(), "Test") && sig.Params().Len() == 0 && sig.Results().Len() == 0 {
			return root
		}
		return nil
	}
	if sig := root.Signature; strings.HasPrefix(root.Name(), "Example") && sig.Params().Len() == 0 && sig.Results().Len() == 0 {
		return root // go test runs an example and compares its output
	}
	if root.Signature.Params().Len() != 1 {
		return nil
	}
	want := ""
	for prefix, typ := range testPrefixes {
		if strings.HasPrefix(root.Name(), prefix) {
			want = typ
		}
	}
	ptr, ok := root.Signature.Params().At(0).Type().(*types.Pointer)
	if want == "" || !ok {
		return nil
	}
	named, ok := ptr.Elem().(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "testing" || named.Obj().Name() != want {
		return nil
	}
	return root
}

// testPrefixes maps the name prefixes of the functions go test runs to the
// testing type of their parameter.
var testPrefixes = map[string]string{"Test": "T", "Benchmark": "B", "Fuzz": "F"}
