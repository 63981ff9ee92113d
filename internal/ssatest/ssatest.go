// Package ssatest builds SSA for small Go programs in unit tests of the
// core packages. It is for tests only.
package ssatest

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"testing"

	"golang.org/x/tools/go/ssa"
)

// Build type-checks src (a single file of package p, importing only the
// standard library) and returns its SSA package, fully built the way
// buildssa builds it: builder mode 0, direct imports created from types.
func Build(t testing.TB, src string) *ssa.Package {
	return BuildWith(t, src, nil)
}

// BuildWith is Build with extra importable packages given as source, by
// import path (stand-ins for modules such as golang.org/x/sync/errgroup,
// which the source importer cannot find outside a module build).
func BuildWith(t testing.TB, src string, stubs map[string]string) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	std := importer.ForCompiler(fset, "source", nil)
	imp := stubImporter{fset: fset, std: std, stubs: stubs, done: map[string]*types.Package{}}
	conf := types.Config{Importer: imp}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	prog := ssa.NewProgram(fset, 0)
	for _, imp := range pkg.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	ssapkg := prog.CreatePackage(pkg, []*ast.File{f}, info, false)
	ssapkg.Build()
	return ssapkg
}

// stubImporter imports stubs from source and everything else from std.
type stubImporter struct {
	fset  *token.FileSet
	std   types.Importer
	stubs map[string]string
	done  map[string]*types.Package
}

func (i stubImporter) Import(path string) (*types.Package, error) {
	src, ok := i.stubs[path]
	if !ok {
		return i.std.Import(path)
	}
	if p, ok := i.done[path]; ok {
		return p, nil
	}
	f, err := parser.ParseFile(i.fset, path+".go", src, 0)
	if err != nil {
		return nil, err
	}
	p, err := (&types.Config{Importer: i}).Check(path, i.fset, []*ast.File{f}, nil)
	if err == nil {
		i.done[path] = p
	}
	return p, err
}

// Func returns the function or method named name ("F", "(*T).M") of pkg,
// or one of their closures ("F$1").
func Func(t testing.TB, pkg *ssa.Package, name string) *ssa.Function {
	t.Helper()
	var found *ssa.Function
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if fn.RelString(pkg.Pkg) == name || fn.Name() == name {
			found = fn
		}
		for _, anon := range fn.AnonFuncs {
			visit(anon)
		}
	}
	for _, m := range pkg.Members {
		switch m := m.(type) {
		case *ssa.Function:
			visit(m)
		case *ssa.Type:
			if named, ok := m.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
				// A generic type's methods: their generic bodies, as
				// buildssa lists them (MethodValue has none).
				for i := 0; i < named.NumMethods(); i++ {
					visit(pkg.Prog.FuncValue(named.Method(i)))
				}
				continue
			}
			mset := pkg.Prog.MethodSets.MethodSet(types.NewPointer(m.Type()))
			for i := 0; i < mset.Len(); i++ {
				if fn := pkg.Prog.MethodValue(mset.At(i)); fn != nil && fn.Pkg == pkg {
					visit(fn)
				}
			}
		}
	}
	if found == nil {
		t.Fatalf("no function %s in package", name)
	}
	return found
}

// Funcs returns the package's source functions, methods and closures, as
// buildssa's SrcFuncs would, in source order.
func Funcs(pkg *ssa.Package) []*ssa.Function {
	var out []*ssa.Function
	seen := map[*ssa.Function]bool{}
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if fn == nil || seen[fn] || fn.Pkg != pkg || fn.Synthetic != "" {
			return
		}
		seen[fn] = true
		out = append(out, fn)
		for _, anon := range fn.AnonFuncs {
			visit(anon)
		}
	}
	for _, m := range pkg.Members {
		switch m := m.(type) {
		case *ssa.Function:
			visit(m)
		case *ssa.Type:
			if named, ok := m.Type().(*types.Named); ok && named.TypeParams().Len() > 0 {
				// A generic type's methods: their generic bodies, as
				// buildssa lists them (MethodValue has none).
				for i := 0; i < named.NumMethods(); i++ {
					visit(pkg.Prog.FuncValue(named.Method(i)))
				}
				continue
			}
			mset := pkg.Prog.MethodSets.MethodSet(types.NewPointer(m.Type()))
			for i := 0; i < mset.Len(); i++ {
				visit(pkg.Prog.MethodValue(mset.At(i)))
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// MakeChan returns the last make(chan ...) of fn, in block order, and
// fails the test when fn makes no channel.
func MakeChan(t testing.TB, fn *ssa.Function) *ssa.MakeChan {
	t.Helper()
	var mk *ssa.MakeChan
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if x, ok := instr.(*ssa.MakeChan); ok {
				mk = x
			}
		}
	}
	if mk == nil {
		t.Fatalf("%s makes no channel", fn.Name())
	}
	return mk
}
