package cfg

import (
	"fmt"
	"go/token"
	"go/types"
	"runtime"
	"slices"
	"sync"
	"weak"

	"golang.org/x/tools/go/ssa"
)

// A configuration field is set while its object is built and only read
// afterwards: a struct literal, a constructor that fills in the object it
// allocates, or a functional option (func WithAsync() Option { return
// func(o *config) { o.async = true } }) that the constructor applies. Two
// tests of such a field through the same parameter (w.config.async in a
// worker's loop, once before a goroutine is started and once before the
// return that would skip its join) see the same value.

// stableLoadKey names a load through a chain of fields from a parameter
// (w.config.async: load(&load(&w.config).async)) when every field of the
// chain is a configuration field of fn's package (configField).
func stableLoadKey(addr ssa.Value, defs *[]*ssa.BasicBlock) (string, bool) {
	path := ""
	for range 6 {
		fa, ok := addr.(*ssa.FieldAddr)
		if !ok {
			break
		}
		f := fieldOf(fa)
		if f == nil || !configField(fa.Parent(), f) {
			return "", false
		}
		path = fmt.Sprintf(".%d", fa.Field) + path
		switch x := fa.X.(type) {
		case *ssa.Parameter:
			return "p:" + x.Name() + path, true
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return "", false
			}
			path = "*" + path
			if alloc, ok := x.X.(*ssa.Alloc); ok {
				// A parameter that a closure captures is spilled to a
				// cell: the same object when the cell is written once.
				if !writtenOnceThenRead(alloc) {
					return "", false
				}
				if !slices.Contains(*defs, alloc.Block()) {
					*defs = append(*defs, alloc.Block())
				}
				return "m:" + alloc.Name() + path, true
			}
			addr = x.X
		default:
			return "", false
		}
	}
	return "", false
}

// configField reports whether the field f, of a struct of fn's package,
// is unexported (only the package writes it) and is written only where
// its object is built (packageWrites).
func configField(fn *ssa.Function, f *types.Var) bool {
	if fn == nil || fn.Pkg == nil || f.Exported() || f.Pkg() != fn.Pkg.Pkg || f.Embedded() {
		return false
	}
	w := writesOf(fn.Pkg)
	return !w.unknown && !w.mutated[f]
}

// fieldWrites records the fields of a package that some function writes
// on an object it did not build.
type fieldWrites struct {
	mutated map[*types.Var]bool
	unknown bool // a write to a field scan could not name
}

// fieldOf returns the field fa addresses, or nil when its struct is not
// known (a pointer to a type parameter).
func fieldOf(fa *ssa.FieldAddr) *types.Var {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	s, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= s.NumFields() {
		return nil
	}
	return s.Field(fa.Field)
}

// writesCache holds each package's fieldWrites while the package lives
// (weak keys: a driver that has done with a package frees its SSA).
var writesCache sync.Map // weak.Pointer[ssa.Package] → *fieldWrites

// writesOf scans the functions of pkg once.
func writesOf(pkg *ssa.Package) *fieldWrites {
	key := weak.Make(pkg)
	if w, ok := writesCache.Load(key); ok {
		return w.(*fieldWrites)
	}
	w := &fieldWrites{mutated: map[*types.Var]bool{}}
	for _, fn := range packageFuncs(pkg) {
		w.scan(fn)
	}
	got, loaded := writesCache.LoadOrStore(key, w)
	if !loaded {
		runtime.AddCleanup(pkg, func(key weak.Pointer[ssa.Package]) { writesCache.Delete(key) }, key)
	}
	return got.(*fieldWrites)
}

// scan marks the fields fn writes on an object it did not build: a store
// to the field, the field's address handed on (&c.async to flag.BoolVar),
// or a store of the whole struct, unless the object is one fn allocates
// or fn is a functional option (a closure its enclosing function
// returns).
func (w *fieldWrites) scan(fn *ssa.Function) {
	option := returnedByParent(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.FieldAddr:
				if option || builtHere(x.X) {
					continue
				}
				if !onlyLoaded(x) {
					if f := fieldOf(x); f != nil {
						w.mutated[f] = true
					} else {
						w.unknown = true // a field of a type parameter's struct: any field may be it
					}
				}
			case *ssa.Store:
				if option || builtHere(x.Addr) {
					continue
				}
				if p, ok := x.Addr.Type().Underlying().(*types.Pointer); ok {
					if s, ok := p.Elem().Underlying().(*types.Struct); ok {
						for i := range s.NumFields() {
							w.mutated[s.Field(i)] = true // a whole struct overwritten
						}
					}
				}
			}
		}
	}
}

// onlyLoaded reports whether the address fa is only loaded from, or
// leads (through further fields) only to loads and to stores of fields
// that scan judges on their own.
func onlyLoaded(fa *ssa.FieldAddr) bool {
	for _, r := range *fa.Referrers() {
		switch x := r.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
		case *ssa.FieldAddr, *ssa.DebugRef:
		case *ssa.Store:
			if x.Addr != ssa.Value(fa) {
				return false // the address itself is stored away
			}
			// The field of fa is written: only a struct field's
			// address reaches here, so the FieldAddr is the write.
			return false
		default:
			return false
		}
	}
	return true
}

// builtHere reports whether the address addr points into an object that
// the function allocates itself (a composite literal, new(T), a local).
func builtHere(addr ssa.Value) bool {
	for range 8 {
		switch x := addr.(type) {
		case *ssa.Alloc:
			return true
		case *ssa.FieldAddr:
			addr = x.X
		case *ssa.IndexAddr:
			addr = x.X
		default:
			return false
		}
	}
	return false
}

// returnedByParent reports whether fn is a closure that its enclosing
// function returns: a functional option, applied to the object being
// built.
func returnedByParent(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			ret, ok := instr.(*ssa.Return)
			if !ok {
				continue
			}
			for _, v := range ret.Results {
				if returnsClosureOf(v, fn) {
					return true
				}
			}
		}
	}
	return false
}

func returnsClosureOf(v ssa.Value, fn *ssa.Function) bool {
	for range 4 {
		switch x := v.(type) {
		case *ssa.MakeClosure:
			return x.Fn == fn
		case *ssa.Function:
			return x == fn
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		default:
			return false
		}
	}
	return false
}

// packageFuncs returns the functions declared in pkg: its functions, the
// methods of its types (generic ones too), and the closures within them.
func packageFuncs(pkg *ssa.Package) []*ssa.Function {
	var out []*ssa.Function
	seen := map[*ssa.Function]bool{}
	add := func(f *ssa.Function) {
		if f != nil && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, m := range pkg.Members {
		switch x := m.(type) {
		case *ssa.Function:
			add(x)
		case *ssa.Type:
			if named, ok := types.Unalias(x.Type()).(*types.Named); ok {
				for i := range named.NumMethods() {
					add(pkg.Prog.FuncValue(named.Method(i)))
				}
			}
		}
	}
	for i := 0; i < len(out); i++ {
		for _, anon := range out[i].AnonFuncs {
			add(anon)
		}
	}
	return out
}
