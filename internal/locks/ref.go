package locks

import (
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// A Ref names a mutex (or any object) as a root plus a path of field
// selections and pointer dereferences from it: s.mu is (param s, [mu]),
// s.inner.mu through an embedded or pointer field is (param s, [inner * mu]),
// a package-level mutex is (global pkg.mu, []).
//
// Two Refs with the same Key in one function denote the same mutex. Class
// is the identity shared across functions and instances: the struct type
// and field that hold the mutex, "(pkg.T).mu", or the global's name.
type Ref struct {
	Root  ssa.Value
	Path  []string
	Class string
	// Elem is, for a mutex that is an element of a map or slice (a lock
	// per key, l.m[url], which has no field class of its own), the class
	// of the container it is picked from with "[]" appended,
	// "(pkg.T).m[]": every element is one mutex to the lock order.
	Elem string
	// Name is how the user wrote it, for messages.
	Name string
}

// OrderClass is the class the lock order knows r by: its field class,
// or, for an element of a map or slice of mutexes, its container's.
func (r Ref) OrderClass() string {
	if r.Class != "" {
		return r.Class
	}
	return r.Elem
}

// Key is the identity of the Ref inside one function.
func (r Ref) Key() string {
	return rootKey(r.Root) + "/" + strings.Join(r.Path, ".")
}

func rootKey(v ssa.Value) string {
	switch x := v.(type) {
	case *ssa.Parameter:
		if fn := x.Parent(); fn != nil {
			for i, p := range fn.Params {
				if p == x {
					return "p" + strconv.Itoa(i)
				}
			}
		}
	case *ssa.FreeVar:
		if fn := x.Parent(); fn != nil {
			for i, p := range fn.FreeVars {
				if p == x {
					return "f" + strconv.Itoa(i)
				}
			}
		}
	case *ssa.Global:
		return "g:" + x.Pkg.Pkg.Path() + "." + x.Name()
	case globalRoot:
		return x.key
	}
	if v == nil {
		return "?"
	}
	return "v:" + v.Name()
}

// Identify returns the Ref of the object v points to.
func Identify(v ssa.Value) Ref {
	r := identify(v, 0)
	r.Name = ssax.Name(v)
	return r
}

func identify(v ssa.Value, depth int) Ref {
	if depth > 16 {
		return Ref{Root: v}
	}
	switch x := v.(type) {
	case *ssa.FieldAddr:
		base := identify(x.X, depth+1)
		f := ssax.Field(x.X.Type(), x.Field)
		name := "?"
		if f != nil {
			name = f.Name()
		}
		base.Path = append(append([]string(nil), base.Path...), name)
		outer := base.Class
		base.Class = fieldClass(x.X.Type(), name)
		if outer != "" && (base.Class == "" || wrapperField(x.X.Type(), name)) {
			// A field of an anonymous struct field (mu struct{ sync.Mutex;
			// ... }), or the one field of a mutex wrapper held in a field
			// (sc.mutex.internalRWMutex.RWMutex): named after the field
			// that holds the struct.
			base.Class = outer + "." + name
		}
		return base
	case *ssa.IndexAddr:
		// a[0].mu, evaluated twice, is one mutex: a constant index is
		// part of the path. Another index names an unknown element.
		// So is a[i].mu when i is a parameter or a captured variable:
		// the same element wherever the function evaluates it (a value
		// computed in the function may change from one loop iteration to
		// the next, and stays unknown).
		elem, ok := elemKey(x.Index)
		if !ok {
			return Ref{Root: v, Elem: containerClass(identify(x.X, depth+1))}
		}
		base := identify(x.X, depth+1)
		base.Path = append(append([]string(nil), base.Path...), elem)
		base.Class, base.Elem = "", containerClass(base)
		return base
	case *ssa.Extract:
		// um, ok := l.m[url]: the element, when the map holds it
		if lk, ok := x.Tuple.(*ssa.Lookup); ok && lk.CommaOk && x.Index == 0 {
			return identifyElem(v, lk, depth)
		}
	case *ssa.Lookup:
		if !x.CommaOk {
			return identifyElem(v, x, depth)
		}
	case *ssa.UnOp:
		if x.Op != token.MUL {
			break
		}
		if stored, ok := ssax.SingleStore(x.X); ok {
			return identify(stored, depth+1)
		}
		base := identify(x.X, depth+1)
		base.Path = append(append([]string(nil), base.Path...), "*")
		return base
	case *ssa.ChangeType:
		return identify(x.X, depth+1)
	case *ssa.TypeAssert:
		// x.(*T), evaluated at each use (m.(*impl).mu.Lock() ...
		// m.(*impl).mu.Unlock()), is one pointer: the one x holds. A
		// comma-ok assertion yields a tuple, and an assertion to a
		// non-pointer type copies the value, so neither is followed.
		if _, ok := x.AssertedType.Underlying().(*types.Pointer); ok && !x.CommaOk {
			return identify(x.X, depth+1)
		}
	case *ssa.MakeInterface:
		return identify(x.X, depth+1)
	case *ssa.ChangeInterface:
		return identify(x.X, depth+1)
	case *ssa.Global:
		return Ref{Root: x, Class: x.Pkg.Pkg.Path() + "." + x.Name()}
	case *ssa.Call:
		// rw.RLocker() is rw seen as a Locker of its read side.
		if len(x.Call.Args) == 1 && ssax.FullName(ssax.Callee(&x.Call)) == "(*sync.RWMutex).RLocker" {
			return identify(x.Call.Args[0], depth+1)
		}
		// r.Members(), a getter that returns the same field of its
		// receiver on every return, is that field at each call: the
		// Lock on one call's result and the Unlock on another's are one
		// mutex's
		if field, ok := ssax.GetterField(x.Call.StaticCallee()); ok && len(x.Call.Args) == 1 {
			base := identify(x.Call.Args[0], depth+1)
			base.Path = append(append([]string(nil), base.Path...), field.Name(), "*")
			base.Class = fieldClass(x.Call.Args[0].Type(), field.Name()) // as r.members is
			return base
		}
	}
	return Ref{Root: v}
}

// identifyElem identifies the mutex pointer v that the map lookup lk
// yields (m[k] for a map of mutex pointers, a lock per key): the element
// under a constant key, or under a parameter or captured variable, is one
// mutex wherever the function looks it up, in the map its root reaches
// (that a key's element may be replaced between two lookups, a lock per
// key does not do). Any other key names an unknown element.
func identifyElem(v ssa.Value, lk *ssa.Lookup, depth int) Ref {
	if _, ok := v.Type().Underlying().(*types.Pointer); !ok {
		return Ref{Root: v}
	}
	elem, ok := elemKey(lk.Index)
	if !ok {
		return Ref{Root: v, Elem: containerClass(identify(lk.X, depth+1))}
	}
	base := identify(lk.X, depth+1)
	base.Path = append(append([]string(nil), base.Path...), elem)
	base.Class, base.Elem = "", containerClass(base)
	return base
}

// containerClass is the element class of the mutexes a container holds:
// its class with "[]", or "" when the container has none.
func containerClass(container Ref) string {
	if container.Class == "" {
		return ""
	}
	return container.Class + "[]"
}

// elemKey names the element an index or key picks: a constant ("[3]",
// "[\"a\"]"), or a parameter or captured variable ("[@p1]": the same
// element wherever the function evaluates it). ok is false for any other
// value, which may change from one evaluation to the next.
func elemKey(index ssa.Value) (string, bool) {
	switch i := index.(type) {
	case *ssa.Const:
		if i.Value == nil {
			return "", false
		}
		return "[" + i.Value.ExactString() + "]", true
	case *ssa.Parameter, *ssa.FreeVar:
		return "[@" + rootKey(i) + "]", true
	}
	return "", false
}

// fieldClass names field f of the struct that t points to, by the struct's
// named type when it has one.
func fieldClass(t types.Type, field string) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if _, ok := t.(*types.Named); !ok {
		if _, ok := t.(*types.Alias); !ok {
			return ""
		}
	}
	return "(" + types.TypeString(types.Unalias(t), nil) + ")." + field
}

// wrapperField reports whether field is the one field of the struct that
// t points to, and embedded: a type that wraps a mutex and promotes its
// Lock (cilium's lock.Mutex is struct{ internalMutex }, and internalMutex
// is struct{ sync.Mutex }). The wrapper's own class would be one for every
// mutex of that type, whoever holds it; the field that holds the wrapper
// names the mutex instead.
func wrapperField(t types.Type, field string) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return ok && st.NumFields() == 1 && st.Field(0).Name() == field && wrapsMutex(st.Field(0).Type(), 0)
}

// wrapsMutex reports whether t is a sync mutex, or a struct whose one
// field (not a pointer) is one, or wraps one in turn (gvisor's Mutex is
// struct{ m CrossGoroutineMutex }, that struct{ m sync.Mutex }).
func wrapsMutex(t types.Type, depth int) bool {
	if _, ptr := t.Underlying().(*types.Pointer); ptr || depth > 4 {
		return false
	}
	if IsMutex(t) {
		return true
	}
	st, ok := t.Underlying().(*types.Struct)
	return ok && st.NumFields() == 1 && wrapsMutex(st.Field(0).Type(), depth+1)
}

// wrapperPath reports whether path, from a value of type t, selects only
// the one field of mutex wrappers (and dereferences): the mutex a
// wrapper's own method locks (i.Mutex in (*internalMutex).UnlockIgnoreTime),
// which its caller names by the field that holds the wrapper.
func wrapperPath(t types.Type, path []string) bool {
	if len(path) == 0 {
		return false
	}
	for _, p := range path {
		if p == "*" {
			ptr, ok := t.Underlying().(*types.Pointer)
			if !ok {
				return false
			}
			t = ptr.Elem()
			continue
		}
		if !wrapperField(t, p) {
			return false
		}
		if ptr, ok := t.Underlying().(*types.Pointer); ok {
			t = ptr.Elem()
		}
		t = t.Underlying().(*types.Struct).Field(0).Type()
	}
	return true
}

// Extend returns the Ref reached from r by the path of a callee's Effect.
func (r Ref) Extend(path []string, class, name string) Ref {
	out := Ref{Root: r.Root, Path: append(append([]string(nil), r.Path...), path...), Class: class}
	if out.Class == "" && len(path) == 0 {
		out.Class, out.Elem = r.Class, r.Elem
	}
	out.Name = r.Name
	if len(path) > 0 {
		out.Name = r.Name + "." + strings.Join(nonDeref(path), ".")
	}
	if name != "" && r.Name == "" {
		out.Name = name
	}
	return out
}

func nonDeref(path []string) []string {
	var out []string
	for _, p := range path {
		if p != "*" {
			out = append(out, p)
		}
	}
	return out
}

// Outlives reports whether the mutex is reached from something that
// outlives the function: a parameter, a captured variable or a global.
// A mutex inside an object the function made itself is not.
func (r Ref) Outlives() bool {
	switch r.Root.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global, globalRoot:
		return true
	}
	return false
}

// PackagePrivate reports whether the mutexes of class can only be locked
// by code of pkg: class is an unexported field (or a path of unexported
// fields) of a type declared in pkg, or an unexported package-level
// variable of pkg. An embedded sync.Mutex or RWMutex is an exported field
// (its Lock is promoted to the users of the type), and a class that is
// not known ("") is not private.
func PackagePrivate(class string, pkg *types.Package) bool {
	if class == "" || pkg == nil {
		return false
	}
	prefix := pkg.Path() + "."
	var fields string
	if strings.HasPrefix(class, "(") {
		i := strings.LastIndex(class, ").")
		if i < 0 || !strings.HasPrefix(class[1:i], prefix) {
			return false
		}
		typ := class[1+len(prefix) : i]
		if strings.ContainsAny(typ, "./()") && !strings.Contains(typ, "[") {
			return false // a type of another package whose path pkg's prefixes
		}
		fields = class[i+2:]
	} else {
		if !strings.HasPrefix(class, prefix) {
			return false
		}
		fields = class[len(prefix):]
	}
	for _, f := range strings.Split(fields, ".") {
		if f == "" || token.IsExported(f) {
			return false
		}
	}
	return true
}
