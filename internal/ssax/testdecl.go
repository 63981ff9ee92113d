package ssax

import (
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// HiddenTestDecl reports whether obj, though exported, cannot be named by
// any other package: it is declared in a _test.go file of a package whose
// directory has no external test package (no _test.go file with package
// p_test). A _test.go file is compiled only into its own package's test
// binary, and only an external test package in the same directory could
// import what it declares; a bug kernel written as one test file is such
// a package. The directory is read once per run (package clauses only).
func HiddenTestDecl(fset *token.FileSet, obj types.Object) bool {
	if obj == nil || obj.Pkg() == nil || !obj.Pos().IsValid() {
		return false
	}
	f := fset.File(obj.Pos())
	if f == nil || !strings.HasSuffix(f.Name(), "_test.go") {
		return false
	}
	return !hasExternalTests(filepath.Dir(f.Name()), obj.Pkg().Name())
}

var externalTests sync.Map // directory + "\x00" + package name -> bool

// hasExternalTests reports whether dir holds a _test.go file of package
// name_test. An unreadable directory counts as having one: the
// declarations may be visible, as exported ones are.
func hasExternalTests(dir, name string) bool {
	key := dir + "\x00" + name
	if v, ok := externalTests.Load(key); ok {
		return v.(bool)
	}
	found := externalTestsIn(dir, name)
	externalTests.Store(key, found)
	return found
}

func externalTestsIn(dir, name string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.PackageClauseOnly)
		if err != nil {
			return true
		}
		if file.Name.Name == name+"_test" {
			return true
		}
	}
	return false
}
