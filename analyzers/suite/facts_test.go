package suite_test

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/conclint/conclint/analyzers/suite"
)

// Bounds on the facts the suite exports, so that they stay cheap to ship
// between packages (go vet's vetx files, Bazel nogo's fact files on remote
// executors): each fact, and all the facts of one package, measured as
// those drivers encode them: one gob stream per package, so that a type's
// description is paid once (the size of a fact is what it adds to the
// stream).
const (
	maxFactBytes       = 1 << 10
	maxPackageFactSize = 64 << 10
)

// TestFactsForNogo runs the whole suite over the fixtures of every pass
// and checks, for every fact exported by any analyzer in the suite's
// closure (blockingfacts, lockfacts, the passes' own...), that it
// gob-encodes, decodes to an equal value, stays small, and that two runs
// encode the same facts identically. This is what Bazel's nogo (and go
// vet) rely on: facts cross process boundaries gob-encoded.
func TestFactsForNogo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyzes every fixture twice")
	}
	// Every fact type the suite can export, transitively.
	factTypes := map[reflect.Type]string{}
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, f := range a.FactTypes {
			factTypes[reflect.TypeOf(f)] = a.Name
		}
		for _, r := range a.Requires {
			visit(r)
		}
	}
	for _, a := range suite.Analyzers() {
		visit(a)
	}
	if len(factTypes) == 0 {
		t.Fatal("the suite declares no fact types")
	}

	first := encodeAllFacts(t, factTypes)
	second := encodeAllFacts(t, factTypes)
	if len(first) == 0 {
		t.Fatal("no facts exported over the fixtures")
	}
	keys := slices.SortedFunc(maps.Keys(first), factKey.compare)
	for _, k := range keys {
		if !bytes.Equal(first[k], second[k]) {
			t.Errorf("fact %s: encoding differs between two runs (nondeterministic)", k)
		}
	}
	for k := range second {
		if _, ok := first[k]; !ok {
			t.Errorf("fact %s: exported by the second run only (nondeterministic)", k)
		}
	}

	// Which fact types the fixtures exercise; blockingfacts and lockfacts
	// must be among them, or this test proves nothing about them.
	exercised := map[string]int{}
	for k := range first {
		exercised[k.factType]++
	}
	for typ, analyzer := range factTypes {
		n := exercised[typ.String()]
		t.Logf("%s (%s): %d facts", typ, analyzer, n)
		if n == 0 && (analyzer == "blockingfacts" || analyzer == "lockfacts") {
			t.Errorf("no %s fact exported over the fixtures", typ)
		}
	}
}

type factKey struct{ pkg, obj, factType string }

func (k factKey) String() string { return fmt.Sprintf("%s %s %s", k.pkg, k.obj, k.factType) }

func (a factKey) compare(b factKey) int {
	return cmp.Or(cmp.Compare(a.pkg, b.pkg), cmp.Compare(a.obj, b.obj), cmp.Compare(a.factType, b.factType))
}

// encodeAllFacts analyzes the fixtures with the suite and returns the gob
// encoding of every fact exported, keyed by package, object and type,
// after checking the round trip and the size bounds.
func encodeAllFacts(t *testing.T, factTypes map[reflect.Type]string) map[factKey][]byte {
	t.Helper()
	testdata, err := filepath.Abs(filepath.Join(root, "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, a := range suite.Analyzers() {
		patterns = append(patterns, a.Name+"/...")
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   filepath.Join(testdata, "src"),
		Env:   append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze(suite.Analyzers(), pkgs, &checker.Options{Sequential: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[factKey][]byte{}
	perPackage := map[string]int{}
	streams := map[string]*bytes.Buffer{}
	encoders := map[string]*gob.Encoder{}
	add := func(pkg *types.Package, obj string, fact analysis.Fact) {
		if _, ok := factTypes[reflect.TypeOf(fact)]; !ok {
			return // a fact of the standard analyzers (ctrlflow...), not ours
		}
		key := factKey{pkg.Path(), obj, reflect.TypeOf(fact).String()}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(fact); err != nil {
			t.Errorf("fact %s: gob encoding: %v", key, err)
			return
		}
		enc := bytes.Clone(buf.Bytes())
		decoded := reflect.New(reflect.TypeOf(fact).Elem()).Interface().(analysis.Fact)
		if err := gob.NewDecoder(&buf).Decode(decoded); err != nil {
			t.Errorf("fact %s: gob decoding: %v", key, err)
			return
		}
		if !reflect.DeepEqual(decoded, fact) {
			t.Errorf("fact %s: round trip changed it: %#v became %#v", key, fact, decoded)
		}
		stream := streams[pkg.Path()]
		if stream == nil {
			stream = new(bytes.Buffer)
			streams[pkg.Path()], encoders[pkg.Path()] = stream, gob.NewEncoder(stream)
		}
		// Prime the stream with the type, as a driver's first fact of that
		// type would, then measure what this fact adds.
		before := stream.Len()
		if err := encoders[pkg.Path()].Encode(fact); err != nil {
			t.Errorf("fact %s: gob stream encoding: %v", key, err)
			return
		}
		if size := stream.Len() - before; size > maxFactBytes && size > len(enc)-typeOverhead(fact) {
			t.Errorf("fact %s: %d bytes encoded, more than %d", key, size, maxFactBytes)
		}
		if prev, dup := out[key]; dup && !bytes.Equal(prev, enc) {
			// The same package analyzed twice (p and p [p.test]) must
			// export the same facts about its non-test objects.
			t.Logf("fact %s differs between package variants", key)
		}
		out[key] = enc
	}
	goroot := map[string]bool{} // the standard library: see below
	for act := range g.All() {
		if act.Package.Module == nil && !strings.Contains(act.Package.PkgPath, ".") && !isFixture(act.Package.PkgPath) {
			goroot[act.Package.PkgPath] = true
		}
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
			continue
		}
		own := act.Package.Types
		for _, of := range act.AllObjectFacts() {
			if of.Object.Pkg() == own {
				// Several funcs are called init: the position tells them apart.
				posn := act.Package.Fset.Position(of.Object.Pos())
				obj := fmt.Sprintf("%s at %s:%d:%d", types.ObjectString(of.Object, nil), filepath.Base(posn.Filename), posn.Line, posn.Column)
				add(own, obj, of.Fact)
			}
		}
		for _, pf := range act.AllPackageFacts() {
			if pf.Package == own {
				add(own, "package", pf.Fact)
			}
		}
	}
	for pkg, stream := range streams {
		perPackage[pkg] = stream.Len()
	}
	for pkg, n := range perPackage {
		if n > maxPackageFactSize && !goroot[pkg] {
			t.Errorf("package %s: %d bytes of facts, more than %d", pkg, n, maxPackageFactSize)
		}
	}
	// The standard library's facts are computed once per build, not per
	// user package; they are bounded more loosely, and logged.
	for pkg := range goroot {
		if n := perPackage[pkg]; n > 4*maxPackageFactSize {
			t.Errorf("standard package %s: %d bytes of facts, more than %d", pkg, n, 4*maxPackageFactSize)
		} else if n > maxPackageFactSize {
			t.Logf("standard package %s: %d bytes of facts", pkg, n)
		}
	}
	return out
}

// isFixture reports whether path is a fixture package of a pass.
func isFixture(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	for _, a := range suite.Analyzers() {
		if a.Name == first {
			return true
		}
	}
	return false
}

// typeOverhead is the size of the type description gob sends before the
// first value of fact's type.
func typeOverhead(fact analysis.Fact) int {
	var one, two bytes.Buffer
	enc := gob.NewEncoder(&two)
	zero := reflect.New(reflect.TypeOf(fact).Elem()).Interface()
	gob.NewEncoder(&one).Encode(zero)
	enc.Encode(zero)
	first := two.Len()
	enc.Encode(zero)
	return first - (two.Len() - first)
}
