// Package ssax holds small, pass-agnostic helpers over go/ssa: resolving a
// captured variable back to the value stored in it, naming a value the way
// the user wrote it, and naming callees. It must not encode any judgement
// about concurrency; the packages that answer the core questions do.
package ssax

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// maxDepth bounds every walk over chains of values so that adversarial or
// huge functions cannot make a helper run away.
const maxDepth = 16

// Unwrap follows value-preserving conversions (ChangeType, ChangeInterface,
// MakeInterface, Convert between channel directions) and loads of captured
// variables that are written exactly once, returning the underlying value.
func Unwrap(v ssa.Value) ssa.Value {
	for range maxDepth {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			stored, ok := SingleStore(x.X)
			if !ok {
				return v
			}
			v = stored
		default:
			return v
		}
	}
	return v
}

// SingleStore reports the value stored into addr when addr is a local
// variable (an Alloc, typically one captured by a closure) written by
// exactly one Store and not otherwise escaping through its address.
func SingleStore(addr ssa.Value) (ssa.Value, bool) {
	stores, ok := LocalStores(addr)
	if !ok || len(stores) != 1 {
		return nil, false
	}
	return stores[0].Val, true
}

// LocalStores returns the stores into addr when addr is a local variable
// (an Alloc, typically one captured by a closure) whose other uses are
// loads and captures by closures that only read it: nothing else can
// write it or take its address.
func LocalStores(addr ssa.Value) ([]*ssa.Store, bool) {
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	refs := alloc.Referrers()
	if refs == nil {
		return nil, false
	}
	var stores []*ssa.Store
	for _, ref := range *refs {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return nil, false
			}
			stores = append(stores, r)
		case *ssa.UnOp:
			// a load
		case *ssa.MakeClosure:
			// captured: the closure only reads it unless it stores,
			// which would show up as a Store on the FreeVar, not here;
			// a closure that writes the variable makes it not local.
			if closureWrites(r, alloc) {
				return nil, false
			}
		case *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	return stores, true
}

// closureWrites reports whether the closure built by mc, or one nested in
// it, stores into the free variable bound to captured.
func closureWrites(mc *ssa.MakeClosure, captured ssa.Value) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return true
	}
	for i, b := range mc.Bindings {
		if b != captured || i >= len(fn.FreeVars) {
			continue
		}
		refs := fn.FreeVars[i].Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			switch r := ref.(type) {
			case *ssa.UnOp, *ssa.DebugRef:
			case *ssa.MakeClosure:
				if closureWrites(r, fn.FreeVars[i]) {
					return true
				}
			default:
				return true // a store, or the address escapes
			}
		}
	}
	return false
}

// Callee returns the function object a call statically targets, whether it
// is a function, a concrete method, or a method invoked on an interface.
func Callee(call *ssa.CallCommon) *types.Func {
	if call.IsInvoke() {
		return call.Method
	}
	switch f := Unwrap(call.Value).(type) {
	case *ssa.Function:
		if obj, ok := f.Object().(*types.Func); ok {
			return obj
		}
		if f.Origin() != nil {
			if obj, ok := f.Origin().Object().(*types.Func); ok {
				return obj
			}
		}
	case *ssa.MakeClosure:
		if fn, ok := f.Fn.(*ssa.Function); ok {
			if obj, ok := fn.Object().(*types.Func); ok {
				return obj
			}
		}
	}
	return nil
}

// StaticFunction returns the SSA function a call targets when it is known
// (a direct call or a closure literal), or nil.
func StaticFunction(call *ssa.CallCommon) *ssa.Function {
	if call.IsInvoke() {
		return nil
	}
	return FuncValue(call.Value)
}

// FuncValue returns the function a function value is, when it is a
// function or a closure literal (through conversions and single-store
// variables), or nil.
func FuncValue(v ssa.Value) *ssa.Function {
	switch f := Unwrap(v).(type) {
	case *ssa.Function:
		return f
	case *ssa.MakeClosure:
		fn, _ := f.Fn.(*ssa.Function)
		return fn
	}
	return nil
}

// FullName is the name of a function as (*types.Func).FullName prints it,
// with the type arguments of a generic receiver dropped.
func FullName(f *types.Func) string {
	if f == nil {
		return ""
	}
	if o := f.Origin(); o != nil {
		f = o
	}
	// The common shapes are built with one allocation: every pass asks
	// for the names of the functions a package calls, and
	// (*types.Func).FullName's type writer made this the largest source
	// of garbage in a run (bench/run.sh's peak RSS follows it).
	sig, _ := f.Type().(*types.Signature)
	if sig == nil || f.Pkg() == nil {
		return f.FullName()
	}
	recv := sig.Recv()
	if recv == nil {
		return f.Pkg().Path() + "." + f.Name()
	}
	t, star := recv.Type(), ""
	if p, ok := t.(*types.Pointer); ok {
		t, star = p.Elem(), "*"
	}
	n, ok := t.(*types.Named)
	if !ok || n.TypeParams().Len() > 0 || n.Obj().Pkg() == nil || n.Obj().Parent() != n.Obj().Pkg().Scope() {
		return f.FullName() // generic, predeclared, local or unnamed receivers
	}
	return "(" + star + n.Obj().Pkg().Path() + "." + n.Obj().Name() + ")." + f.Name()
}

// Name renders v roughly as the user wrote it: "s.mu", "t.ch", "mu",
// "pkg.Global". Values with no source name get their SSA name.
func Name(v ssa.Value) string {
	return name(v, 0)
}

func name(v ssa.Value, depth int) string {
	if depth > maxDepth {
		return "…"
	}
	switch x := v.(type) {
	case *ssa.FieldAddr:
		return name(x.X, depth+1) + "." + fieldName(x.X.Type(), x.Field)
	case *ssa.Field:
		return name(x.X, depth+1) + "." + fieldName(x.X.Type(), x.Field)
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if stored, ok := SingleStore(x.X); ok {
				return name(stored, depth+1)
			}
			return name(x.X, depth+1)
		}
		if x.Op == token.ARROW {
			return "<-" + name(x.X, depth+1)
		}
	case *ssa.Alloc:
		if x.Comment == "complit" {
			return complitName(x)
		}
		if x.Comment != "" {
			return x.Comment
		}
	case *ssa.Global:
		if x.Pkg != nil && x.Parent() == nil {
			return x.Pkg.Pkg.Name() + "." + x.Name()
		}
		return x.Name()
	case *ssa.Parameter:
		return x.Name()
	case *ssa.FreeVar:
		return x.Name()
	case *ssa.ChangeType:
		return name(x.X, depth+1)
	case *ssa.MakeInterface:
		return name(x.X, depth+1)
	case *ssa.ChangeInterface:
		return name(x.X, depth+1)
	case *ssa.IndexAddr:
		return name(x.X, depth+1) + "[…]"
	case *ssa.Call:
		if f := Callee(&x.Call); f != nil {
			return f.Name() + "()"
		}
	}
	return v.Name()
}

// complitName names the object a composite literal makes: the variable
// it is stored into, when one is, or the literal's type (&core.Order{…}).
func complitName(x *ssa.Alloc) string {
	if refs := x.Referrers(); refs != nil {
		for _, r := range *refs {
			if st, ok := r.(*ssa.Store); ok && st.Val == ssa.Value(x) {
				if v, ok := st.Addr.(*ssa.Alloc); ok && v.Comment != "" && v.Comment != "complit" {
					return v.Comment
				}
			}
		}
	}
	t := x.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return "&" + types.TypeString(t, func(p *types.Package) string { return p.Name() }) + "{…}"
}

// fieldName returns the name of field i of the struct that t (or *t) is.
func fieldName(t types.Type, i int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if s, ok := t.Underlying().(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Name()
	}
	return "?"
}

// Field returns the *types.Var of field i of the struct that t (or *t) is.
// A field of an instantiated generic struct is its generic origin, so that
// every method of the generic type names the same field.
func Field(t types.Type, i int) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if s, ok := t.Underlying().(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Origin()
	}
	return nil
}

// LoadedField returns the struct field v is loaded from (*(&x.f): s.cond,
// l.leases), or nil.
func LoadedField(v ssa.Value) *types.Var {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	fa, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	return Field(fa.X.Type(), fa.Field)
}

// GetterField returns the field that fn, a method with no other
// parameter than its pointer receiver, returns on every return: func (r
// *T) Members() *Members { return r.members }.
func GetterField(fn *ssa.Function) (*types.Var, bool) {
	if fn == nil || fn.Signature.Recv() == nil || len(fn.Params) != 1 || fn.Signature.Results().Len() != 1 || len(fn.Blocks) == 0 {
		return nil, false
	}
	var field *types.Var
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		load, ok := ret.Results[0].(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			return nil, false
		}
		fa, ok := load.X.(*ssa.FieldAddr)
		if !ok || fa.X != fn.Params[0] {
			return nil, false
		}
		f := Field(fa.X.Type(), fa.Field)
		if f == nil || field != nil && f != field {
			return nil, false
		}
		field = f
	}
	return field, field != nil
}

// ShortFuncName is a function name fit for a message: "(*Server).flush",
// "pkg.Do", "flush".
func ShortFuncName(f *types.Func) string {
	if f == nil {
		return "function"
	}
	full := FullName(f)
	if f.Pkg() != nil {
		full = strings.ReplaceAll(full, f.Pkg().Path()+".", "")
		if sig, ok := f.Type().(*types.Signature); !ok || sig.Recv() == nil {
			full = f.Pkg().Name() + "." + full
		}
	}
	return full
}

// Pos returns the best source position for instr: its own, else that of
// the value it defines, else the start of its function.
func Pos(instr ssa.Instruction) token.Pos {
	if p := instr.Pos(); p.IsValid() {
		return p
	}
	if call, ok := instr.(ssa.CallInstruction); ok {
		if p := call.Common().Pos(); p.IsValid() {
			return p
		}
	}
	if fn := instr.Parent(); fn != nil {
		return fn.Pos()
	}
	return token.NoPos
}

// ExportedAPI reports whether code in other packages can call fn by name:
// an exported function, or an exported method of an exported type.
func ExportedAPI(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Parent() != nil || !obj.Exported() {
		return false
	}
	recv := fn.Signature.Recv()
	if recv == nil {
		return true
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Exported()
}

// Unread reports whether nothing reads v: it has no referrers but debug
// references (a result dropped, _ = f(), a received value ignored).
func Unread(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return false
		}
	}
	return true
}

// DeclaredFunc is the declared function or method fn is, or the one whose
// body holds fn (a function literal's), for messages; nil when none is.
func DeclaredFunc(fn *ssa.Function) *types.Func {
	for f := fn; f != nil; f = f.Parent() {
		if obj, ok := f.Object().(*types.Func); ok {
			return obj
		}
	}
	return nil
}

// ResultValue is the value of result i of call: the call itself for a
// function with one result, its Extract otherwise (nil when nothing
// extracts it).
func ResultValue(call *ssa.Call, i int) ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		if i == 0 {
			return call
		}
		return nil
	}
	refs := call.Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// ResultUnread reports whether result i of call is never read.
func ResultUnread(call *ssa.Call, i int) bool {
	v := ResultValue(call, i)
	if v == nil {
		return call.Call.Signature().Results().Len() > 1 || i == 0
	}
	return Unread(v)
}

// Variadic returns the operands packed into the ...any slice s, by index
// (nil where unknown).
func Variadic(s ssa.Value) []ssa.Value {
	sl, ok := s.(*ssa.Slice)
	if !ok {
		return nil
	}
	alloc, ok := sl.X.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return nil
	}
	var out []ssa.Value
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok || ia.Referrers() == nil {
			continue
		}
		c, ok := ia.Index.(*ssa.Const)
		if !ok {
			continue
		}
		i, ok := constant.Int64Val(constant.ToInt(c.Value))
		if !ok || i < 0 || i > 1<<10 {
			continue
		}
		for _, st := range *ia.Referrers() {
			if st, ok := st.(*ssa.Store); ok && st.Addr == ia {
				for int(i) >= len(out) {
					out = append(out, nil)
				}
				out[i] = st.Val
			}
		}
	}
	return out
}

// SyncsOnChannel reports whether instr is a channel operation or starts
// a goroutine: a send, a receive, a select, a go statement. A function
// without one can neither wait on a channel nor start anything that does.
func SyncsOnChannel(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.Send, *ssa.Select, *ssa.Go:
		return true
	case *ssa.UnOp:
		return x.Op == token.ARROW
	}
	return false
}

// SameFieldPath reports whether a and b are one value: the same SSA
// value after conversions, loads of the same field path from one base
// (f.opts.N read twice), or the len of such values (len(items) for the
// buffer, and the len a range over items compares its index with).
func SameFieldPath(a, b ssa.Value) bool {
	a, b = Unwrap(a), Unwrap(b)
	if a == b {
		return true
	}
	if xa, ok := lenOf(a); ok {
		if xb, ok := lenOf(b); ok {
			return SameFieldPath(xa, xb)
		}
		return false
	}
	la, okA := a.(*ssa.UnOp)
	lb, okB := b.(*ssa.UnOp)
	if !okA || !okB || la.Op != token.MUL || lb.Op != token.MUL {
		return false
	}
	x, y := la.X, lb.X
	for range 8 {
		if x == y {
			return true
		}
		fx, okX := x.(*ssa.FieldAddr)
		fy, okY := y.(*ssa.FieldAddr)
		if !okX || !okY || fx.Field != fy.Field {
			return false
		}
		x, y = fx.X, fy.X
	}
	return false
}

// lenOf returns x when v is len(x).
func lenOf(v ssa.Value) (ssa.Value, bool) {
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return nil, false
	}
	if b, ok := call.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" {
		return call.Call.Args[0], true
	}
	return nil, false
}

// SameLoad reports whether a and b are one value: the same, or two loads
// of one variable (a captured value read once per use: a server read in
// each branch, an id read for the lookup and again for the delete).
func SameLoad(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, okA := a.(*ssa.UnOp)
	lb, okB := b.(*ssa.UnOp)
	return okA && okB && la.Op == token.MUL && lb.Op == token.MUL && la.X == lb.X
}
