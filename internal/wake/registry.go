package wake

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// RetainedForProcess reports whether the goroutine that g starts serves
// an object that the process keeps for its whole life: g runs a method of
// obj (go obj.loop()) or a closure that captures it, the function that
// starts it (or, when it returns obj, each of its callers, all known)
// stores obj in a package-level registry (a sync.Map's Store or LoadOrStore, or an
// assignment to an element of a package-level map), and nothing in the
// package ever removes an entry from that registry, resets it, or
// replaces an entry from another function:
//
//	b := &Factory{...}
//	go b.refresh()               // loops on a ticker forever
//	factories.Store(key, b)      // one Factory per key, kept forever
//
// The goroutine then lives as long as the object does, which the
// registry keeps until the process exits: once per key, not once per
// call. A registry that forgets (Delete, delete, clear, a new map) drops
// the object but not its goroutine, and stays reported.
//
// A package-level variable that holds the package's one instance is a
// registry of one key (keptSingleton): dgraph's posting.Init sets
// MemLayerInstance = initMemoryLayer(...), whose metrics goroutine lives
// as long as the memory layer the package serves from. It counts when
// only the storing function sets the variable (besides the package's
// initializer and its _test.go files), nothing resets or replaces it, and
// the storing function does not read the instance it replaces first: a
// setter that stops or hands over the old instance expects to be called
// again (a reload), and a caller that calls it again drops an object whose
// goroutine runs on.
func (m *Model) RetainedForProcess(g *ssa.Go) bool {
	fn := g.Parent()
	for _, obj := range servedObjects(g) {
		if m.storesForProcess(fn, obj) {
			return true
		}
		if returns(fn, obj) && m.everyCallerStores(fn) {
			return true // a constructor whose every caller keeps the result in a registry
		}
	}
	return false
}

// servedObjects returns the objects whose goroutine g starts: the
// receiver of a method (go obj.loop()), or the values a closure captures
// (go func() { for { <-lt.ch; ... } }()), as the starter sees them.
func servedObjects(g *ssa.Go) []ssa.Value {
	if g.Call.IsInvoke() {
		return nil
	}
	switch callee := g.Call.Value.(type) {
	case *ssa.Function:
		if callee.Signature.Recv() != nil && len(g.Call.Args) > 0 {
			return []ssa.Value{g.Call.Args[0]}
		}
	case *ssa.MakeClosure:
		var objs []ssa.Value
		for _, b := range callee.Bindings {
			v := b
			if stored, ok := ssax.SingleStore(b); ok {
				v = stored // a captured variable: the value it holds
			}
			objs = append(objs, v)
		}
		return objs
	}
	return nil
}

// storesForProcess reports whether fn stores obj in a package-level
// registry that only fn adds to and nothing empties.
func (m *Model) storesForProcess(fn *ssa.Function, obj ssa.Value) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if reg := storedIn(instr, obj); reg != nil && m.onlyAddedIn(reg, fn) {
				return true
			}
			if v := storedAsSingleton(instr, obj); v != nil && m.keptSingleton(v, fn) {
				return true
			}
		}
	}
	return false
}

// storedAsSingleton returns the package-level variable that instr makes
// obj the value of (instance = obj), or nil.
func storedAsSingleton(instr ssa.Instruction, obj ssa.Value) *ssa.Global {
	st, ok := instr.(*ssa.Store)
	if !ok || stripIface(st.Val) != obj {
		return nil
	}
	return globalOf(st.Addr)
}

// keptSingleton reports whether the package-level variable v holds the
// instance fn stores for good: outside the package's initializer and its
// _test.go files (scaffolding that resets what a test set up), only fn
// stores to v, v's address goes nowhere but to loads and those stores,
// and fn reads v only after storing to it in the same block (it does not
// look at an instance it replaces).
func (m *Model) keptSingleton(v *ssa.Global, fn *ssa.Function) bool {
	for _, f := range m.calls.funcs {
		if f.Synthetic == "package initializer" {
			continue
		}
		for _, b := range f.Blocks {
			stored := false
			for _, instr := range b.Instrs {
				if !usesGlobal(instr, v) || inTestFile(instr) {
					continue
				}
				switch x := instr.(type) {
				case *ssa.Store:
					if x.Addr != ssa.Value(v) || f != fn || x.Val == ssa.Value(v) {
						return false // set by another function, or handed on
					}
					stored = true
					continue
				case *ssa.UnOp:
					if x.Op == token.MUL && x.X == ssa.Value(v) && (f != fn || stored) {
						continue // the instance read
					}
				}
				return false // the old instance read by its setter, or the variable's address handed on
			}
		}
	}
	return true
}

// returns reports whether some return of fn returns obj.
func returns(fn *ssa.Function, obj ssa.Value) bool {
	for _, ret := range ssax.Returns(fn) {
		for _, r := range ret.Results {
			if ssax.Unwrap(r) == obj {
				return true
			}
		}
	}
	return false
}

// everyCallerStores reports whether fn's callers are all known and each
// stores the result of its call in a package-level registry that only it
// adds to and nothing empties (WithThrottler(name) caching one throttler
// per name): what fn makes is kept for the life of the process.
func (m *Model) everyCallerStores(fn *ssa.Function) bool {
	calls, all := m.Callers(fn)
	if !all {
		return false
	}
	for _, call := range calls {
		res, ok := call.(*ssa.Call)
		if !ok || !m.storesForProcess(res.Parent(), res) {
			return false
		}
	}
	return true
}

// storedIn returns the package-level registry that instr stores obj in,
// or nil.
func storedIn(instr ssa.Instruction, obj ssa.Value) *ssa.Global {
	switch x := instr.(type) {
	case *ssa.Call:
		name := ssax.FullName(ssax.Callee(&x.Call))
		if (name == "(*sync.Map).Store" || name == "(*sync.Map).LoadOrStore") && len(x.Call.Args) == 3 && stripIface(x.Call.Args[2]) == obj {
			return globalOf(x.Call.Args[0])
		}
	case *ssa.MapUpdate:
		if stripIface(x.Value) == obj {
			if load, ok := x.Map.(*ssa.UnOp); ok {
				return globalOf(load.X)
			}
		}
	}
	return nil
}

// onlyAddedIn reports whether every use of the registry reg in the package
// adds to it only in fn, or reads it: no function removes an entry, clears
// it, stores a new registry in the global (outside the package's
// initializer), or hands it anywhere else.
func (m *Model) onlyAddedIn(reg *ssa.Global, fn *ssa.Function) bool {
	for _, f := range m.calls.funcs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if !m.keepsRegistry(instr, reg, f == fn) {
					return false
				}
			}
		}
	}
	return true
}

// keepsRegistry reports whether instr leaves the entries of reg in place:
// it does not use reg, or it reads it, or (when adding is true) it adds
// to it.
func (m *Model) keepsRegistry(instr ssa.Instruction, reg *ssa.Global, adding bool) bool {
	switch x := instr.(type) {
	case *ssa.Call:
		if len(x.Call.Args) == 0 || globalOf(x.Call.Args[0]) != reg {
			return !usesGlobal(instr, reg)
		}
		switch ssax.FullName(ssax.Callee(&x.Call)) {
		case "(*sync.Map).Load", "(*sync.Map).Range":
			return true
		case "(*sync.Map).Store", "(*sync.Map).LoadOrStore":
			return adding
		}
		return false // Delete, LoadAndDelete, Swap, Clear, or reg handed on
	case *ssa.MapUpdate:
		if load, ok := x.Map.(*ssa.UnOp); ok && globalOf(load.X) == reg {
			return adding
		}
	case *ssa.Store:
		if x.Addr == reg {
			return x.Parent().Synthetic == "package initializer"
		}
	case *ssa.UnOp:
		if x.X == reg && !onlyIndexed(x) {
			return false // the map handed on (to delete, clear, a callee)
		}
		return true
	}
	return !usesGlobal(instr, reg)
}

// onlyIndexed reports whether the loaded map is only read from (v, ok :=
// m[k], len(m), range) or added to.
func onlyIndexed(load *ssa.UnOp) bool {
	refs := load.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r.(type) {
		case *ssa.Lookup, *ssa.MapUpdate, *ssa.Range, *ssa.DebugRef:
		case *ssa.Call:
			if b, ok := r.(*ssa.Call).Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
				return false // delete, clear, or the map handed to a callee
			}
		default:
			return false
		}
	}
	return true
}

func usesGlobal(instr ssa.Instruction, reg *ssa.Global) bool {
	var buf [8]*ssa.Value
	for _, op := range instr.Operands(buf[:0]) {
		if op != nil && *op == ssa.Value(reg) {
			return true
		}
	}
	return false
}

// globalOf returns the package-level variable that v is the address of
// (&registry), or nil.
// storedInFieldMap returns the field when instr stores obj, as a key or a
// value, in a map held in a field of a struct declared in pkg.
func storedInFieldMap(instr ssa.Instruction, obj ssa.Value, pkg *ssa.Package) *types.Var {
	x, ok := instr.(*ssa.MapUpdate)
	obj = heldValue(obj)
	if !ok || (heldValue(stripIface(x.Value)) != obj && heldValue(stripIface(x.Key)) != obj) {
		return nil
	}
	return mapField(x.Map, pkg)
}

// heldValue returns, for a load of a local variable that is stored once
// (a variable a closure captures), the value stored; v otherwise.
func heldValue(v ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if a, isAlloc := load.X.(*ssa.Alloc); isAlloc {
			if stored, ok := ssax.SingleStore(a); ok {
				return stored
			}
		}
	}
	return v
}

// mapField returns the field a map value is loaded from, when the field
// belongs to a struct declared in pkg.
func mapField(v ssa.Value, pkg *ssa.Package) *types.Var {
	f := ssax.LoadedField(v)
	if f == nil || pkg == nil || f.Pkg() != pkg.Pkg {
		return nil
	}
	return f
}

// removesFrom reports whether some function of the package deletes from,
// or clears, the map held in field f.
func (m *Model) removesFrom(f *types.Var) bool {
	for _, fn := range m.calls.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || len(call.Call.Args) == 0 {
					continue
				}
				if bi, isBuiltin := call.Call.Value.(*ssa.Builtin); isBuiltin && (bi.Name() == "delete" || bi.Name() == "clear") && mapField(call.Call.Args[0], fn.Pkg) == f {
					return true
				}
			}
		}
	}
	return false
}

func globalOf(v ssa.Value) *ssa.Global {
	g, _ := v.(*ssa.Global)
	return g
}

func stripIface(v ssa.Value) ssa.Value {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		return mi.X
	}
	return v
}
