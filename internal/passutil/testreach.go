package passutil

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// TestReach answers, for the functions of one package, whether only its
// tests can run a function: a fake clock, a mock server or a test helper
// kept in a non-test file (a fake source that only _test.go files make, a
// utils.go helper that only they call). Such code is test scaffolding
// wherever it is written.
//
// The answer comes from a reachability closure over the package's
// production code (a rapid type analysis restricted to one package): the
// roots are its exported functions, the exported methods of its exported
// types, init and main; a reachable function makes reachable every
// function it refers to (calls, values, closures) and every method of a
// type it makes (an allocation, a composite literal, a conversion to an
// interface, a zero value), and of the types that type embeds. A function
// no root reaches runs only when a test calls it: the package analyzed
// without its tests has no caller of it at all. Reflection and linkname
// are not seen; the closure errs toward reachable wherever it is unsure
// (any method of an exported type is a root). The answer needs the
// package's tests: in a package analyzed without them it is always false.
type TestReach struct {
	pass  *analysis.Pass
	funcs []*ssa.Function
	// prod and all hold the outermost functions that the production roots
	// reach, and that they or the tests reach; built on first use.
	prod, all map[*ssa.Function]bool
}

// NewTestReach returns a TestReach over funcs, the package's source
// functions (buildssa's SrcFuncs, closures included).
func NewTestReach(pass *analysis.Pass, funcs []*ssa.Function) *TestReach {
	return &TestReach{pass: pass, funcs: funcs}
}

// OnlyTests reports whether only the package's tests can run fn (or the
// function that declares fn as a closure): it is declared in a file that
// is not a test, the package's tests reach it, and no production root
// does. Code nothing reaches (dead code, a fixture) is not known to be
// the tests'. A function given a test's handle (a *testing.T, B or F, a
// testing.TB, an interface named TestingT, or a runner that embeds one:
// a shared test suite kept in a non-test file so that other packages'
// tests can run it) runs only in a test binary, whoever calls it.
func (r *TestReach) OnlyTests(fn *ssa.Function) bool {
	root := outermost(fn)
	if InTestFile(r.pass, root) || root.Synthetic != "" || root.Object() == nil {
		return false
	}
	if takesTestHandle(root) {
		return true
	}
	if r.prod == nil {
		r.prod, r.all = r.build(false), r.build(true)
	}
	return r.all[root] && !r.prod[root]
}

// takesTestHandle reports whether fn has a parameter that is a test's
// handle: *testing.T, *testing.B, *testing.F or testing.TB, an interface
// named TestingT that fn's own package declares (the stand-in for
// *testing.T of a shared test suite the package exports), or a struct, or
// pointer to one, that embeds such a handle (the suite's runner wrapping
// its T). An assertion library's TestingT (testify's) is not enough: its
// helpers are called from production code too.
func takesTestHandle(fn *ssa.Function) bool {
	var pkg *types.Package
	if fn.Pkg != nil {
		pkg = fn.Pkg.Pkg
	}
	for _, p := range fn.Params {
		if isTestHandle(p.Type(), pkg, true) {
			return true
		}
	}
	return false
}

func isTestHandle(t types.Type, pkg *types.Package, embedders bool) bool {
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	if obj.Pkg() != nil && obj.Pkg().Path() == "testing" {
		switch obj.Name() {
		case "T", "B", "F", "TB":
			return true
		}
	}
	if _, isIface := named.Underlying().(*types.Interface); isIface && obj.Name() == "TestingT" && obj.Pkg() == pkg && pkg != nil {
		return true
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok || !embedders {
		return false
	}
	for i := range st.NumFields() {
		if f := st.Field(i); f.Embedded() && isTestHandle(f.Type(), pkg, false) {
			return true
		}
	}
	return false
}

func outermost(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	return fn
}

// build returns the closure from the production roots, and with
// withTests from every function of the _test.go files too.
func (r *TestReach) build(withTests bool) map[*ssa.Function]bool {
	reachable := map[*ssa.Function]bool{}
	methods := map[*types.TypeName][]*ssa.Function{}
	made := map[*types.TypeName]bool{}
	var queue []*ssa.Function
	mark := func(fn *ssa.Function) {
		fn = outermost(fn)
		if !reachable[fn] {
			reachable[fn] = true
			queue = append(queue, fn)
		}
	}
	for _, fn := range r.funcs {
		if fn.Parent() != nil {
			continue
		}
		if InTestFile(r.pass, fn) {
			if withTests {
				mark(fn)
			}
			continue
		}
		obj, _ := fn.Object().(*types.Func)
		if obj == nil {
			mark(fn) // a package initializer
			continue
		}
		recv := fn.Signature.Recv()
		if recv != nil {
			if n := namedOf(recv.Type()); n != nil {
				methods[n.Obj()] = append(methods[n.Obj()], fn)
				if n.Obj().Exported() && obj.Exported() {
					mark(fn)
				}
			} else {
				mark(fn)
			}
			continue
		}
		if obj.Exported() || obj.Name() == "init" || obj.Name() == "main" {
			mark(fn)
		}
	}
	var makeType func(t types.Type)
	makeType = func(t types.Type) {
		n := namedOf(t)
		if n == nil || made[n.Obj()] {
			return
		}
		made[n.Obj()] = true
		for _, m := range methods[n.Obj()] {
			mark(m)
		}
		makeParts(n.Underlying(), makeType)
	}
	for tn, ms := range methods {
		if tn.Exported() {
			made[tn] = true // another package can make one
			for _, m := range ms {
				mark(m)
			}
		}
	}
	if len(r.funcs) > 0 && r.funcs[0].Pkg != nil {
		if init := r.funcs[0].Pkg.Func("init"); init != nil {
			mark(init) // package-level variable initializers
		}
	}
	var buf [8]*ssa.Value
	for len(queue) > 0 {
		root := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, fn := range withClosures(root) {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					switch x := instr.(type) {
					case *ssa.Alloc:
						makeType(x.Type())
					case *ssa.MakeInterface:
						if !asserted(x.X) {
							makeType(x.X.Type())
						}
					}
					for _, op := range instr.Operands(buf[:0]) {
						if op == nil || *op == nil {
							continue
						}
						switch v := (*op).(type) {
						case *ssa.Function:
							if n := recvNamed(v); n != nil && methods[n.Obj()] != nil {
								continue // ok: runs once a value of its type is made (makeType)
							}
							mark(v)
						case *ssa.Const:
							makeType(v.Type())
						}
					}
				}
			}
		}
	}
	return reachable
}

// asserted reports whether v is the result of a type assertion: a value
// that existed before, under another type (if f, ok := c.(*fake); ok {
// return f }), which makes nothing new.
func asserted(v ssa.Value) bool {
	switch x := v.(type) {
	case *ssa.TypeAssert:
		return true
	case *ssa.Extract:
		_, ok := x.Tuple.(*ssa.TypeAssert)
		return ok
	case *ssa.ChangeType:
		return asserted(x.X)
	}
	return false
}

// makeParts calls makeType for the types made along with a value of
// underlying type u: struct fields and array elements held by value, and
// the types a struct embeds by pointer (whose methods its own method set
// promotes).
func makeParts(u types.Type, makeType func(types.Type)) {
	switch t := u.(type) {
	case *types.Struct:
		for i := range t.NumFields() {
			f := t.Field(i)
			if _, isPtr := types.Unalias(f.Type()).(*types.Pointer); isPtr && !f.Embedded() {
				continue
			}
			makeType(f.Type())
			if _, named := types.Unalias(f.Type()).(*types.Named); !named {
				makeParts(f.Type().Underlying(), makeType)
			}
		}
	case *types.Array:
		makeType(t.Elem())
		makeParts(t.Elem().Underlying(), makeType)
	}
}

// recvNamed returns the named type of fn's receiver, or nil.
func recvNamed(fn *ssa.Function) *types.Named {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if recv := fn.Signature.Recv(); recv != nil {
		return namedOf(recv.Type())
	}
	return nil
}

func withClosures(fn *ssa.Function) []*ssa.Function {
	out := []*ssa.Function{fn}
	for i := 0; i < len(out); i++ {
		out = append(out, out[i].AnonFuncs...)
	}
	return out
}

func namedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// OnlyTestsAt reports OnlyTests for the innermost function whose syntax
// contains pos (a diagnostic's position), and false when none does.
func (r *TestReach) OnlyTestsAt(pos token.Pos) bool {
	fn := EnclosingFunc(r.funcs, pos)
	return fn != nil && r.OnlyTests(fn)
}

// EnclosingFunc returns the innermost function of funcs whose syntax
// contains pos, or nil.
func EnclosingFunc(funcs []*ssa.Function, pos token.Pos) *ssa.Function {
	var best *ssa.Function
	for _, fn := range funcs {
		syn := fn.Syntax()
		if syn == nil || pos < syn.Pos() || pos >= syn.End() {
			continue
		}
		if best == nil || syn.End()-syn.Pos() < best.Syntax().End()-best.Syntax().Pos() {
			best = fn
		}
	}
	return best
}
