// Package callees answers, once for every summary and pass of conclint,
// "what can this call site run?": the function a static call names, the
// functions a function value may hold (locals, captured variables, struct
// fields, map and slice elements, package variables, parameters, method
// values), the implementations an interface method call may reach, and the
// functions the standard library calls for you (sync.Once.Do, time and
// context AfterFunc, errgroup and WaitGroup Go, fmt's printing verbs,
// sort.Sort, json.Marshal).
//
// A function value is resolved only when every store to where it lives is
// visible to this package: a local or captured variable whose address does
// not escape, an unexported field or package variable of this package (or
// any of package main, which nothing imports), or the parameter of a
// function whose every call is in this package. Anything else leaves the
// Resolution incomplete. Interface calls resolve to the implementing types
// among this package's and its dependencies' named types, when there are
// at most maxCandidates of them.
//
// It must not decide what a call does (blocks, locks, calls Done): the
// summaries do, for each candidate, and the policy for dynamic paths
// (Agree) says when their answers count.
package callees

import (
	"go/build"
	"go/token"
	"go/types"
	"hash/maphash"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"weak"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

// maxCandidates bounds the implementations of an interface method (and
// the functions a value may hold) that a Resolution lists. On etcd and
// grpc (docs/benchmarks.md) the sets past a handful are std interfaces
// (io.Writer, error, fmt.Stringer) where "one of twenty" says nothing a
// summary could agree on.
const maxCandidates = 4

// maxSteps bounds one value walk, so that adversarial code cannot make a
// resolution run away.
const maxSteps = 256

// How says how a call reaches its callees.
type How int

const (
	// Static: the call names a function or a closure literal.
	Static How = iota
	// Value: a function value held in a variable, field, element,
	// package variable or parameter, or a method value.
	Value
	// Interface: a method called through an interface.
	Interface
	// Library: a function the standard library (or x/sync) calls for the
	// caller: the f of Once.Do(f), a String method under %v.
	Library
)

// Resolution is what one call site may run.
type Resolution struct {
	// Site is the call; for Library, the call of the library function.
	Site *ssa.CallCommon
	How  How
	// Dynamic is How != Static: a finding whose path goes through this
	// call must follow the policy of Agree.
	Dynamic bool
	// Callees are the candidates, in a deterministic order. A candidate
	// of another package has no body (Blocks == nil): its summary comes
	// from facts on its Object.
	Callees []*ssa.Function
	// Complete reports that the call runs one of Callees and nothing
	// else (for Interface: among the types this package can see).
	Complete bool
	// Go reports that the callees run in a new goroutine
	// (time.AfterFunc, errgroup.Group.Go): the call does not wait for
	// them.
	Go bool
	// Via names the library function for Library ("(*sync.Once).Do").
	Via string
	// Arg is, for Library, the value the library function calls: the
	// function value f of Once.Do(f), or the receiver of the String,
	// Error, Format, Len, Less, Swap or MarshalJSON method it calls.
	Arg ssa.Value
}

// Single returns the one candidate of a complete resolution, or nil.
func (r Resolution) Single() *ssa.Function {
	if r.Complete && len(r.Callees) == 1 {
		return r.Callees[0]
	}
	return nil
}

// Agree is the policy for dynamic paths, written once: what a summary
// says about a call holds when the call's resolution is complete and
// every candidate gives the same answer (trivially, when there is one).
// ok is false when the resolution is incomplete, empty, or the
// candidates disagree; a pass must then not report through the call.
func Agree[T comparable](r Resolution, answer func(*ssa.Function) T) (T, bool) {
	var zero T
	if !r.Complete || len(r.Callees) == 0 {
		return zero, false
	}
	first := answer(r.Callees[0])
	for _, fn := range r.Callees[1:] {
		if answer(fn) != first {
			return zero, false
		}
	}
	return first, true
}

// Analyzer builds the package's Resolver; the core summaries require it.
var Analyzer = &analysis.Analyzer{
	Name:       "callees",
	Doc:        "resolves the functions a call site may run: function values, interface methods, library callbacks (conclint core)",
	URL:        "https://github.com/conclint/conclint/blob/main/docs/architecture.md",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer},
	Run:        passutil.Guard("callees", run),
	ResultType: reflect.TypeFor[*Resolver](),
	FactTypes:  []analysis.Fact{new(CallsParamFact)},
}

func run(pass *analysis.Pass) (any, error) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	r := New(ssainfo.Pkg, ssainfo.SrcFuncs)
	Register(ssainfo.Pkg, r)
	r.paramCalls = func(f *types.Func) []ParamCall {
		var fact CallsParamFact
		if f.Pkg() == nil || f.Pkg() == pass.Pkg || !pass.ImportObjectFact(f, &fact) {
			return nil
		}
		return fact.Calls
	}
	exportParamCalls(pass, ssainfo.SrcFuncs)
	return r, nil
}

// Register makes r the Resolver that Of returns for the functions of pkg
// (the analyzer registers each package's; tests that build SSA by hand
// register theirs). Weak at both ends: the registry keeps neither the
// package's SSA nor the Resolver alive.
func Register(pkg *ssa.Package, r *Resolver) {
	if pkg == nil || r == nil {
		return
	}
	key := weak.Make(pkg)
	built.Store(key, weak.Make(r))
	runtime.AddCleanup(r, func(key weak.Pointer[ssa.Package]) { built.Delete(key) }, key)
}

// built maps each package the Analyzer ran on to its Resolver, for as
// long as the Resolver lives: the core indexes (chans, wake) that are
// handed a package's functions but not its Resolver find it here rather
// than index the package's stores again.
var built sync.Map // weak.Pointer[ssa.Package] → weak.Pointer[Resolver]

// Of returns the Resolver of the package of funcs: the one the Analyzer
// built for it in this analysis run, or else (in tests, outside a run) a
// new one over funcs.
func Of(funcs []*ssa.Function) *Resolver {
	for _, fn := range funcs {
		if fn.Pkg == nil {
			continue
		}
		if p, ok := built.Load(weak.Make(fn.Pkg)); ok {
			if r := p.(weak.Pointer[Resolver]).Value(); r != nil {
				return r
			}
		}
		break
	}
	return New(nil, funcs)
}

// Resolver resolves the call sites of one package. Its index is built
// once by New; queries memoize under a lock, so one Resolver is shared by
// every pass that runs on the package, concurrently.
type Resolver struct {
	pkg  *types.Package
	prog *ssa.Program
	// paramCalls returns which function parameters a function of another
	// package calls itself (its CallsParamFact), nil outside a run.
	paramCalls func(*types.Func) []ParamCall

	// stores: the function values stored into a location (a package
	// variable *ssa.Global, a field *types.Var, or elem{loc}: an element
	// of the map or slice at loc, where loc may also be a make site).
	stores map[any][]ssa.Value
	// holders: the stores of function values through a field's address,
	// by field (the struct each store writes into is its FieldAddr's X).
	holders map[any][]*ssa.Store
	// sources: the containers (maps, slices) stored into a location,
	// whose elements become the location's elements.
	sources map[any][]ssa.Value
	// escaped: locations whose address is taken other than to load or
	// store it: someone we cannot see may store there.
	escaped map[any]bool
	// lostElems: element types of func-valued stores into containers
	// whose location is unknown (a parameter, a call result).
	lostElems map[string]bool
	// sites: the direct calls of each function of the package, and the
	// functions also used as values (their parameters come from unseen
	// calls).
	sites *Sites

	mu     sync.Mutex
	goroot string // with a trailing separator; "" when unknown
	static bool   // a standard library package: static and own-interface calls only
	funcs  []*ssa.Function
	// index builds the store and call-site indexes once, on the first
	// query that needs them, whether or not the query holds mu
	indexOnce sync.Once
	memo      map[*ssa.CallCommon]Resolution
	impls     map[string][]types.Type // interface → implementing types
	pkgs      []*ssa.Package          // where implementations are looked for
}

type elem struct{ of any }

// New returns a Resolver over funcs, the source functions of pkg (nil
// in some tests: then the functions' package).
func New(pkg *ssa.Package, funcs []*ssa.Function) *Resolver {
	r := &Resolver{
		stores: map[any][]ssa.Value{}, holders: map[any][]*ssa.Store{}, sources: map[any][]ssa.Value{}, escaped: map[any]bool{},
		lostElems: map[string]bool{}, sites: NewSites(),
		memo: map[*ssa.CallCommon]Resolution{}, impls: map[string][]types.Type{},
	}
	if root := filepath.Clean(build.Default.GOROOT); root != "." && root != string(filepath.Separator) {
		r.goroot = root + string(filepath.Separator)
	}
	if pkg != nil {
		r.pkg, r.prog = pkg.Pkg, pkg.Prog
	} else if len(funcs) > 0 {
		r.prog = funcs[0].Prog
		if pkg = funcs[0].Pkg; pkg != nil {
			r.pkg = pkg.Pkg
		}
	}
	// Package variables are initialized in the synthetic init, which
	// buildssa's SrcFuncs leave out.
	r.funcs = ssax.WithInit(pkg, funcs)
	// In the standard library only interface calls resolve, among the
	// package's own types: its waits are a table (internal/blocking), and
	// its function values would cost every program that imports it.
	r.static = r.prog == nil || (len(funcs) > 0 && r.inGOROOTPos(funcs[len(funcs)-1].Pos()))
	return r
}

// indexStores scans the package once, on the first query that needs it
// (a package where nothing asks about a function value pays nothing).
func (r *Resolver) indexStores() { r.indexOnce.Do(r.scan) }

// scan builds the indexes (indexStores).
func (r *Resolver) scan() {
	var ops []*ssa.Value
	for _, fn := range r.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				r.index(instr)
				r.sites.Scan(instr)
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					if op != nil && *op != nil {
						r.operand(instr, *op)
					}
				}
			}
		}
	}
}

// index records the stores of function values and of containers of them.
func (r *Resolver) index(instr ssa.Instruction) {
	switch x := instr.(type) {
	case *ssa.Store:
		if isFunc(x.Val.Type()) {
			switch x.Addr.(type) {
			case *ssa.Alloc, *ssa.FreeVar:
				return // a local: followed through its referrers
			}
			for _, loc := range r.locsOf(x.Addr) {
				r.stores[loc] = append(r.stores[loc], x.Val)
			}
			if fa, ok := x.Addr.(*ssa.FieldAddr); ok {
				if f := fieldLoc(fa.X.Type(), fa.Field); f != nil {
					r.holders[f] = append(r.holders[f], x)
				}
			}
			if ia, ok := x.Addr.(*ssa.IndexAddr); ok && len(r.containerLocs(ia.X)) == 0 {
				r.lostElems[elemKey(ia.X.Type())] = true
			}
		} else if holdsFuncs(x.Val.Type()) {
			for _, loc := range r.locsOf(x.Addr) {
				r.sources[loc] = append(r.sources[loc], x.Val)
			}
		}
	case *ssa.MapUpdate:
		if isFunc(x.Value.Type()) {
			locs := r.containerLocs(x.Map)
			if len(locs) == 0 {
				r.lostElems[elemKey(x.Map.Type())] = true
			}
			for _, loc := range locs {
				r.stores[elem{loc}] = append(r.stores[elem{loc}], x.Value)
			}
		}
	}
}

// locsOf returns the locations a store through addr writes: a package
// variable, a field, or the elements of a container.
func (r *Resolver) locsOf(addr ssa.Value) []any {
	switch a := addr.(type) {
	case *ssa.Global:
		return []any{a}
	case *ssa.FieldAddr:
		if f := fieldLoc(a.X.Type(), a.Field); f != nil {
			return []any{f}
		}
	case *ssa.IndexAddr:
		var out []any
		for _, loc := range r.containerLocs(a.X) {
			out = append(out, elem{loc})
		}
		return out
	case *ssa.Alloc:
		return []any{a} // a local holding a container: its elements
	case *ssa.FreeVar:
		if b := ssax.Binding(a); b != nil {
			return r.locsOf(b)
		}
	}
	return nil
}

// containerLocs returns where the map or slice c lives: a make site, a
// package variable, a field or a local variable; nil when unknown.
func (r *Resolver) containerLocs(c ssa.Value) []any {
	switch x := c.(type) {
	case *ssa.MakeMap, *ssa.MakeSlice, *ssa.Alloc:
		return []any{x}
	case *ssa.Slice:
		return r.containerLocs(x.X)
	case *ssa.Field:
		if f := fieldLoc(x.X.Type(), x.Field); f != nil {
			return []any{f}
		}
	case *ssa.UnOp:
		switch a := x.X.(type) {
		case *ssa.Global, *ssa.FieldAddr, *ssa.Alloc, *ssa.FreeVar:
			return r.locsOf(a)
		}
	}
	return nil
}

// operand records the uses that let unseen code write a location: an
// address passed on.
func (r *Resolver) operand(instr ssa.Instruction, v ssa.Value) {
	switch x := v.(type) {
	case *ssa.Global:
		if !plainAccess(instr, v) {
			r.escaped[x] = true
		}
	case *ssa.FieldAddr:
		if isFunc(deref(x.Type())) || holdsFuncs(deref(x.Type())) {
			if !plainAccess(instr, v) {
				if f := fieldLoc(x.X.Type(), x.Field); f != nil {
					r.escaped[f] = true
				}
			}
		}
	}
}

// plainAccess reports whether instr only loads from or stores to addr
// (or takes an element or field address of it).
func plainAccess(instr ssa.Instruction, addr ssa.Value) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return true
	case *ssa.Store:
		return x.Addr == addr && x.Val != addr
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.DebugRef, *ssa.Slice:
		return true
	}
	return false
}

// Resolve returns what call may run. The Resolution of a static call has
// How Static and its one callee (none for a builtin). A nil Resolver
// (outside an analysis run) resolves static calls only.
func (r *Resolver) Resolve(call *ssa.CallCommon) Resolution {
	if !call.IsInvoke() {
		if _, ok := call.Value.(*ssa.Builtin); ok {
			return Resolution{Site: call, Complete: true}
		}
		if fn := Direct(call); fn != nil {
			return Resolution{Site: call, Callees: []*ssa.Function{fn}, Complete: true}
		}
	}
	if r == nil || (r.static && !call.IsInvoke()) || staticOnly {
		how := Value
		if call.IsInvoke() {
			how = Interface
		}
		return Resolution{Site: call, How: how, Dynamic: true}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if res, ok := r.memo[call]; ok {
		return res
	}
	var res Resolution
	if call.IsInvoke() {
		res = r.invoke(call, call.Value, call.Method)
	} else {
		res = r.values(call, call.Value, Value)
	}
	r.memo[call] = res
	return res
}

// BindsItsHolder reports whether every function value the package stores
// in the field fa addresses binds, as its free variable i, the very
// struct it is stored in: s.onEvent = func() { s.flush() }, or a setter
// (s.SetCheckpointer(func() { s.Checkpoint() }), whose body stores its
// parameter in its receiver's field) called so at every call. A call
// through the field (x.onEvent()) then runs with that free variable
// being x, or, when cell is true, the variable the closures capture (a
// cell written once, *fv being x). Every store must be visible (the
// field unexported, or of package main, its address never handed on),
// and a setter's calls all known (Sites.AllCalls); a nil stored counts
// as no closure.
func (r *Resolver) BindsItsHolder(fa *ssa.FieldAddr, i int) (bound, cell bool) {
	if r == nil || staticOnly {
		return false, false
	}
	loc := fieldLoc(fa.X.Type(), fa.Field)
	if loc == nil {
		return false, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.indexStores()
	held := r.holders[loc]
	if !r.visible(loc) || r.escaped[loc] || len(held) == 0 || len(held) != len(r.stores[loc]) {
		return false, false
	}
	kinds := 0 // bit 1: bound directly; bit 2: through a cell
	for _, st := range held {
		k := r.bindsHolder(st.Val, st.Addr.(*ssa.FieldAddr).X, i)
		if k < 0 {
			return false, false
		}
		kinds |= k
	}
	return kinds != 0 && kinds != 3, kinds == 2
}

// bindsHolder says how v, stored into a field of holder, binds holder as
// its free variable i: 0 for nil, 1 directly, 2 through a cell written
// once, -1 not at all. A parameter of a function that stores it into a
// field of another of its parameters binds its holder when every call
// passes such a closure with that holder.
func (r *Resolver) bindsHolder(v, holder ssa.Value, i int) int {
	v = ssax.Unwrap(v) // a conversion to the field's named func type
	if c, ok := v.(*ssa.Const); ok && c.IsNil() {
		return 0
	}
	if mc, ok := v.(*ssa.MakeClosure); ok {
		if i >= len(mc.Bindings) {
			return -1
		}
		return bindingOf(mc.Bindings[i], holder)
	}
	p, ok := v.(*ssa.Parameter)
	h, hok := holder.(*ssa.Parameter)
	if !ok || !hok || p.Parent() != h.Parent() {
		return -1
	}
	fn := p.Parent()
	calls, ok := r.KnownCalls(fn)
	pi, hi := slices.Index(fn.Params, p), slices.Index(fn.Params, h)
	if !ok || pi < 0 || hi < 0 {
		return -1
	}
	kinds := 0
	for _, c := range calls {
		args := c.Common().Args
		if pi >= len(args) || hi >= len(args) {
			return -1
		}
		arg := ssax.Unwrap(args[pi])
		if c, ok := arg.(*ssa.Const); ok && c.IsNil() {
			continue
		}
		mc, ok := arg.(*ssa.MakeClosure)
		if !ok || i >= len(mc.Bindings) {
			return -1
		}
		k := bindingOf(mc.Bindings[i], args[hi])
		if k < 0 || (kinds != 0 && k != kinds) {
			return -1
		}
		kinds = k
	}
	return kinds
}

// bindingOf says how a closure's binding b is the value holder: 1 when
// it is holder, 2 when it is the cell of a variable written once with
// holder loaded from it, -1 otherwise.
func bindingOf(b, holder ssa.Value) int {
	if b == holder {
		return 1
	}
	load, ok := holder.(*ssa.UnOp)
	if !ok || load.Op != token.MUL || load.X != b {
		return -1
	}
	if _, once := ssax.SingleStore(b); !once {
		return -1
	}
	return 2
}

// staticOnly is the evaluation knob CONCLINT_BENCH_STATIC_CALLS=1: every
// dynamic call is left unresolved, as before the resolver, so that a run
// with it and one without tell which findings go through a dynamic call
// (docs/evaluation.md). Not for users: it only removes findings.
var staticOnly = os.Getenv("CONCLINT_BENCH_STATIC_CALLS") != ""

// Direct returns the function a static call names (a function or a
// closure literal, through conversions and single-store variables), or
// nil: for a builtin, a method value, a function value or an interface
// call. It is Resolve's fast path: no lock, no memo, no allocation.
func Direct(call *ssa.CallCommon) *ssa.Function {
	if call.IsInvoke() {
		return nil
	}
	if fn := ssax.StaticFunction(call); fn != nil && !isBound(fn) {
		return fn
	}
	return nil
}

// Callee returns the one function call runs: the function a static call
// names, or the single candidate of a complete resolution (a function
// value, a method value, an interface method with one implementation);
// nil otherwise.
func (r *Resolver) Callee(call *ssa.CallCommon) *ssa.Function {
	if fn := Direct(call); fn != nil {
		return fn
	}
	return r.Resolve(call).Single()
}

// Reaches reports whether a call path from from can run to: through
// the calls of each function on the way (static, and dynamic ones this
// Resolver resolves, every candidate), go statements and the callbacks a
// library call runs (errgroup's Go, Once.Do) included. It gives
// up (false) after visiting limit functions.
func (r *Resolver) Reaches(from, to *ssa.Function, limit int) bool {
	seen := map[*ssa.Function]bool{from: true}
	stack := []*ssa.Function{from}
	for len(stack) > 0 && len(seen) <= limit {
		fn := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if fn == to {
			return true
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				var next []*ssa.Function
				if d := Direct(call.Common()); d != nil {
					next = append(next, d)
				} else {
					next = append(next, r.Resolve(call.Common()).Callees...)
				}
				for _, lib := range r.Implicit(call.Common()) {
					next = append(next, lib.Callees...) // g.Go(f), once.Do(f)
				}
				for _, f := range next {
					if f != nil && !seen[f] && len(f.Blocks) > 0 {
						seen[f] = true
						stack = append(stack, f)
					}
				}
			}
		}
	}
	return false
}

// Sites returns the package's call-site index (see Sites), built on first
// use; it is read-only after that and safe to share.
func (r *Resolver) Sites() *Sites {
	r.indexStores()
	return r.sites
}

// values resolves the function value v called (or handed over) at call.
func (r *Resolver) values(call *ssa.CallCommon, v ssa.Value, how How) Resolution {
	r.indexStores()
	w := &walker{r: r, seen: map[any]bool{}}
	w.value(v)
	if w.iface != nil {
		if len(w.fns) > 0 || w.lost {
			w.lost = true
		} else {
			res := r.invoke(call, w.iface.recv, w.iface.method)
			res.How = how
			if how == Value {
				res.How = Interface
			}
			res.Dynamic = true
			return res
		}
	}
	res := Resolution{Site: call, How: how, Dynamic: true, Complete: !w.lost && len(w.fns) <= maxCandidates, Callees: w.fns}
	if len(w.fns) > maxCandidates {
		res.Callees = nil
	}
	sortFuncs(res.Callees)
	return res
}

// invoke resolves the call of method on recv, an interface value.
func (r *Resolver) invoke(call *ssa.CallCommon, recv ssa.Value, method *types.Func) Resolution {
	res := Resolution{Site: call, How: Interface, Dynamic: true}
	if r.prog == nil {
		return res
	}
	var ts []types.Type
	if dyn, ok := dynamicTypes(recv, 0); ok {
		ts = dyn // the value is built here: its dynamic types are known
	} else {
		ts = r.implementations(recv.Type())
		if len(ts) == 0 || len(ts) > maxCandidates {
			return res
		}
	}
	for _, t := range ts {
		sel := r.prog.MethodSets.MethodSet(t).Lookup(method.Pkg(), method.Name())
		if sel == nil {
			return res
		}
		fn := r.prog.MethodValue(sel)
		if fn == nil {
			return res // no function for one implementation: not complete
		}
		if !slicesContains(res.Callees, fn) {
			res.Callees = append(res.Callees, fn)
		}
	}
	sortFuncs(res.Callees)
	res.Complete = len(res.Callees) > 0
	return res
}

// dynamicTypes returns the concrete types the interface value v may hold
// when every one is visible where v is made (MakeInterface, through phis
// and interface conversions).
func dynamicTypes(v ssa.Value, depth int) ([]types.Type, bool) {
	if depth > 8 {
		return nil, false
	}
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return []types.Type{x.X.Type()}, true
	case *ssa.ChangeInterface:
		return dynamicTypes(x.X, depth+1)
	case *ssa.Phi:
		var out []types.Type
		for _, e := range x.Edges {
			if c, ok := e.(*ssa.Const); ok && c.IsNil() {
				continue
			}
			ts, ok := dynamicTypes(e, depth+1)
			if !ok {
				return nil, false
			}
			for _, t := range ts {
				if !slicesContainsType(out, t) {
					out = append(out, t)
				}
			}
		}
		return out, len(out) > 0 && len(out) <= maxCandidates
	}
	return nil, false
}

// implementations returns the concrete named types T or *T (T preferred)
// declared at package level in this package or its dependencies that
// implement the interface type it; nil past maxCandidates.
func (r *Resolver) implementations(it types.Type) []types.Type {
	iface, ok := it.Underlying().(*types.Interface)
	if !ok || iface.NumMethods() == 0 {
		return nil
	}
	if named, ok := types.Unalias(it).(*types.Named); ok && named.Obj().Pkg() != r.pkg && r.inGOROOT(named.Obj()) {
		// ok: a standard interface (context.Context, io.Writer,
		// http.ResponseWriter) is implemented all over programs this
		// package cannot see; the few types it sees say nothing.
		return nil
	}
	k := types.TypeString(it, nil)
	if ts, ok := r.impls[k]; ok {
		return ts
	}
	out := r.findImpls(iface, maxCandidates)
	if len(out) > maxCandidates {
		out = nil
	}
	r.impls[k] = out
	return out
}

// findImpls returns the types that implement iface, sorted, stopping
// past limit of them.
func (r *Resolver) findImpls(iface *types.Interface, limit int) []types.Type {
	if r.pkgs == nil {
		r.pkgs = r.prog.AllPackages()
		if r.static {
			// A standard package's interfaces resolve among its own types.
			r.pkgs = []*ssa.Package{r.prog.Package(r.pkg)}
		}
	}
	// Every implementation has the interface's first method in the
	// method set of T or *T; a dependency whose filter says it has no
	// such method is skipped without looking at its types.
	name := iface.Method(0).Name()
	var out []types.Type
	for _, p := range r.pkgs {
		if p == nil || (p.Pkg != r.pkg && !methodFilter(p.Pkg).has(name)) {
			continue
		}
		scope := p.Pkg.Scope()
		for _, tname := range scope.Names() {
			tn, ok := scope.Lookup(tname).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			t, ok := tn.Type().(*types.Named)
			if !ok || types.IsInterface(t) || t.TypeParams().Len() > 0 {
				continue
			}
			switch {
			case types.Implements(t, iface):
				out = append(out, t)
			case types.Implements(types.NewPointer(t), iface):
				out = append(out, types.NewPointer(t))
			default:
				continue
			}
			if len(out) > limit {
				return out
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return types.TypeString(out[i], nil) < types.TypeString(out[j], nil) })
	return out
}

// nameFilter is a Bloom filter over the method names of a package's
// types, sized to the package: 16 bits a name (a false positive in about
// 1.5% of lookups, which only costs a scan), where a map of names cost
// grpc's generated dependencies a hundred megabytes and a fixed 4 KiB a
// package kept 4% of grpc's peak heap alive.
type nameFilter struct {
	words []uint64 // a power of two of them
	all   bool     // every name passes (embedding too deep to follow)
}

var filterSeed = maphash.MakeSeed()

// newNameFilter returns the filter of names.
func newNameFilter(names []string, all bool) *nameFilter {
	n := 1
	for n*64 < 16*len(names) {
		n *= 2
	}
	f := &nameFilter{words: make([]uint64, n), all: all}
	for _, name := range names {
		a, b := f.bits(name)
		f.words[a/64] |= 1 << (a % 64)
		f.words[b/64] |= 1 << (b % 64)
	}
	return f
}

func (f *nameFilter) bits(name string) (uint64, uint64) {
	h := maphash.String(filterSeed, name)
	size := uint64(len(f.words)) * 64
	return h % size, (h >> 32) % size
}

func (f *nameFilter) has(name string) bool {
	if f.all {
		return true
	}
	a, b := f.bits(name)
	return f.words[a/64]&(1<<(a%64)) != 0 && f.words[b/64]&(1<<(b%64)) != 0
}

// methodFilters caches methodFilter for the whole process: every package
// of a run imports the same dependencies, each from its own export data,
// and computing their method sets again for each importer cost more than
// the rest of the resolver. The key is the path and the number of
// package-level names, which tells a test variant from the package it
// extends; a collision only costs a scan.
var methodFilters sync.Map // string → *nameFilter

// methodFilter returns the filter of the method names of pkg's named
// types T and *T, promoted ones included. Names are read from
// declarations, not method sets, which would load every signature of
// every dependency.
func methodFilter(pkg *types.Package) *nameFilter {
	key := pkg.Path() + "#" + strconv.Itoa(pkg.Scope().Len())
	if f, ok := methodFilters.Load(key); ok {
		return f.(*nameFilter)
	}
	var names methodNames
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		names.addMethods(tn.Type(), 0)
	}
	f := newNameFilter(names.names, names.all)
	methodFilters.Store(key, f)
	return f
}

// methodNames collects the names of methods for a nameFilter.
type methodNames struct {
	names []string
	all   bool
}

// addMethods adds the names of the methods of t, declared or promoted
// through embedded fields; past a few levels of embedding it gives up and
// lets every name through.
func (m *methodNames) addMethods(t types.Type, depth int) {
	if depth > 3 {
		m.all = true
		return
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		for i := range n.NumMethods() {
			m.names = append(m.names, n.Method(i).Name())
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		for i := range u.NumMethods() {
			m.names = append(m.names, u.Method(i).Name())
		}
	case *types.Struct:
		for i := range u.NumFields() {
			if u.Field(i).Embedded() {
				m.addMethods(u.Field(i).Type(), depth+1)
			}
		}
	}
}

// inGOROOT reports whether obj is declared in the standard library.
func (r *Resolver) inGOROOT(obj types.Object) bool {
	if obj.Pkg() == nil {
		return true // error, comparable
	}
	return r.inGOROOTPos(obj.Pos())
}

func (r *Resolver) inGOROOTPos(pos token.Pos) bool {
	f := r.prog.Fset.File(pos)
	if f == nil {
		return false
	}
	return r.goroot != "" && strings.HasPrefix(filepath.Clean(f.Name()), r.goroot)
}

// walker collects the functions a value may hold.
type walker struct {
	r     *Resolver
	seen  map[any]bool
	fns   []*ssa.Function
	lost  bool // a source we cannot see
	steps int
	// iface is set when the value is a method value of an interface
	// (i.M): the call is an interface call.
	iface *ifaceMethod
}

type ifaceMethod struct {
	recv   ssa.Value
	method *types.Func
}

func (w *walker) visit(k any) bool {
	if w.seen[k] {
		return false
	}
	w.seen[k] = true
	w.steps++
	if w.steps > maxSteps {
		w.lost = true
		return false
	}
	return true
}

func (w *walker) add(fn *ssa.Function) {
	if fn == nil {
		// ssa has no function for it (a method of a generic type seen
		// through an instantiation it did not build): unknown.
		w.lost = true
		return
	}
	if !slicesContains(w.fns, fn) {
		w.fns = append(w.fns, fn)
	}
}

func (w *walker) value(v ssa.Value) {
	if !w.visit(v) {
		return
	}
	switch x := v.(type) {
	case *ssa.Function:
		w.add(x)
	case *ssa.MakeClosure:
		fn, ok := x.Fn.(*ssa.Function)
		if !ok {
			w.lost = true
			return
		}
		if isBound(fn) && len(x.Bindings) == 1 {
			w.method(x.Bindings[0], fn)
			return
		}
		w.add(fn)
	case *ssa.MakeInterface:
		w.value(x.X)
	case *ssa.TypeAssert:
		w.value(x.X)
	case *ssa.UnOp:
		if x.Op != token.MUL {
			w.lost = true
			return
		}
		w.load(x.X)
	case *ssa.Field:
		w.location(fieldLoc(x.X.Type(), x.Field))
	case *ssa.Index:
		w.elems(x.X)
	case *ssa.Lookup:
		w.elems(x.X)
	case *ssa.Call:
		w.returned(x, 0) // a function that returns a function literal: func worker(...) func() error { return func() error { ... } }
	case *ssa.Extract:
		switch t := x.Tuple.(type) {
		case *ssa.Call:
			w.returned(t, x.Index)
			return
		case *ssa.Lookup:
			if x.Index == 0 {
				w.elems(t.X)
				return
			}
		case *ssa.TypeAssert:
			if x.Index == 0 {
				w.value(t.X)
				return
			}
		case *ssa.Next:
			if rg, ok := t.Iter.(*ssa.Range); ok && x.Index == 2 {
				w.elems(rg.X)
				return
			}
		}
		w.lost = true
	case *ssa.Parameter:
		w.param(x)
	default:
		if !w.through(v, w.value) {
			w.lost = true
		}
	}
}

// returned follows result i of call into what the called function
// returns: a static call of a function with a body (a constructor of a
// worker closure handed to errgroup.Group.Go, an option's apply
// function). A call the walk cannot name loses the value.
func (w *walker) returned(call *ssa.Call, i int) {
	fn := Direct(&call.Call)
	if fn == nil || len(fn.Blocks) == 0 {
		w.lost = true
		return
	}
	rets := ssax.Returns(fn)
	if len(rets) == 0 {
		w.lost = true
		return
	}
	for _, r := range rets {
		if i >= len(r.Results) {
			w.lost = true
			return
		}
		w.value(r.Results[i])
	}
}

// through follows the steps that keep a value as it is (a conversion, a
// phi, a captured variable to its binding, nil) into next; it reports
// false for any other value.
func (w *walker) through(v ssa.Value, next func(ssa.Value)) bool {
	switch x := v.(type) {
	case *ssa.Const:
		if !x.IsNil() {
			w.lost = true
		}
	case *ssa.ChangeType:
		next(x.X)
	case *ssa.Phi:
		for _, e := range x.Edges {
			next(e)
		}
	case *ssa.FreeVar:
		b := ssax.Binding(x)
		if b == nil {
			w.lost = true
			return true
		}
		next(b)
	default:
		return false
	}
	return true
}

// method resolves the method value recv.M made by the bound-method
// wrapper fn.
func (w *walker) method(recv ssa.Value, fn *ssa.Function) {
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		w.lost = true
		return
	}
	if types.IsInterface(recv.Type()) {
		if w.iface != nil {
			w.lost = true
			return
		}
		w.iface = &ifaceMethod{recv: recv, method: obj}
		return
	}
	sel := fn.Prog.MethodSets.MethodSet(recv.Type()).Lookup(obj.Pkg(), obj.Name())
	if sel == nil {
		w.lost = true
		return
	}
	w.add(fn.Prog.MethodValue(sel))
}

// load follows a load from addr to the stores into it.
func (w *walker) load(addr ssa.Value) {
	switch a := addr.(type) {
	case *ssa.Alloc:
		w.local(a)
	case *ssa.FreeVar:
		if b := ssax.Binding(a); b != nil {
			w.load(b)
		} else {
			w.lost = true
		}
	case *ssa.Global:
		w.location(a)
	case *ssa.FieldAddr:
		w.location(fieldLoc(a.X.Type(), a.Field))
	case *ssa.IndexAddr:
		w.elems(a.X)
	default:
		w.lost = true
	}
}

// local follows the stores into a local variable, including those made by
// closures that capture it; an address that escapes loses it.
func (w *walker) local(a ssa.Value) {
	if !w.visit(localKey{a}) {
		return
	}
	refs := a.Referrers()
	if refs == nil {
		w.lost = true
		return
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.Store:
			if x.Addr != a || x.Val == a {
				w.lost = true
				return
			}
			w.value(x.Val)
		case *ssa.UnOp, *ssa.DebugRef:
		case *ssa.MakeClosure:
			fn, ok := x.Fn.(*ssa.Function)
			if !ok {
				w.lost = true
				return
			}
			for i, b := range x.Bindings {
				if b == a && i < len(fn.FreeVars) {
					w.local(fn.FreeVars[i])
				}
			}
		default:
			w.lost = true
			return
		}
	}
}

type localKey struct{ v ssa.Value }

// location follows the stores into a package variable or a field.
func (w *walker) location(loc any) {
	if loc == nil {
		w.lost = true
		return
	}
	if !w.visit(locKey{loc}) {
		return
	}
	if !w.r.visible(loc) || w.r.escaped[loc] {
		w.lost = true
		return
	}
	for _, v := range w.r.stores[loc] {
		w.value(v)
	}
}

type locKey struct{ loc any }

// elems follows the elements of the map or slice c.
func (w *walker) elems(c ssa.Value) {
	if w.r.lostElems[elemKey(c.Type())] {
		w.lost = true
		return
	}
	w.containers(c)
}

func (w *walker) containers(c ssa.Value) {
	if !w.visit(elem{c}) {
		return
	}
	switch x := c.(type) {
	case *ssa.MakeMap, *ssa.MakeSlice, *ssa.Alloc:
		w.elemsAt(x)
	case *ssa.Slice:
		w.containers(x.X)
	case *ssa.Field:
		w.elemsAt(fieldLoc(x.X.Type(), x.Field))
	case *ssa.UnOp:
		switch a := x.X.(type) {
		case *ssa.Global:
			w.elemsAt(a)
		case *ssa.FieldAddr:
			w.elemsAt(fieldLoc(a.X.Type(), a.Field))
		case *ssa.Alloc, *ssa.FreeVar:
			for _, loc := range w.r.locsOf(a) {
				w.elemsAt(loc)
				w.localContainers(loc)
			}
		default:
			w.lost = true
		}
	case *ssa.Call:
		if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
			for _, arg := range x.Call.Args {
				w.containers(arg)
			}
			return
		}
		w.lost = true
	default:
		if !w.through(c, w.containers) {
			w.lost = true
		}
	}
}

// localContainers follows the containers stored into a local variable
// (by its own function or by closures that capture it).
func (w *walker) localContainers(loc any) {
	if a, ok := loc.(ssa.Value); ok {
		for _, v := range ssax.StoredValues(a) {
			w.containers(v)
		}
	}
}

// elemsAt follows the elements stored at loc: a make site, a package
// variable, a field or a local variable.
func (w *walker) elemsAt(loc any) {
	if loc == nil {
		w.lost = true
		return
	}
	if !w.visit(elem{locKey{loc}}) {
		return
	}
	switch loc.(type) {
	case *ssa.Global, *types.Var:
		if !w.r.visible(loc) || w.r.escaped[loc] {
			w.lost = true
			return
		}
	}
	for _, v := range w.r.stores[elem{loc}] {
		w.value(v)
	}
	for _, c := range w.r.sources[loc] {
		w.containers(c)
	}
}

// param follows the arguments of every call of p's function, when all
// its calls are visible: an anonymous function never used as a value, or
// a function or method whose calls Sites.AllCalls knows all of (not used
// as a value, not reachable through an interface, named by no other
// package: a setter that stores its callback in a field).
func (w *walker) param(p *ssa.Parameter) {
	args, ok := w.r.ParamArgs(p)
	if !ok {
		w.lost = true
		return
	}
	for _, a := range args {
		w.value(a)
	}
}

// ParamArgs returns what every call of p's function passes for p, when
// KnownCalls knows every call and each names the function itself (a
// static call, go or defer, or a closure literal run where it is made).
func (r *Resolver) ParamArgs(p *ssa.Parameter) ([]ssa.Value, bool) {
	index := slices.Index(p.Parent().Params, p)
	if index < 0 {
		return nil, false
	}
	calls, ok := r.KnownCalls(p.Parent())
	if !ok {
		// a function literal handed to a runner: the values its calls
		// pass, each seen through the call that handed it over
		cbs, ok := CallbackCalls(p.Parent())
		if !ok {
			return nil, false
		}
		args := make([]ssa.Value, 0, len(cbs))
		for _, cb := range cbs {
			common := cb.Call.Common()
			if index >= len(common.Args) {
				return nil, false
			}
			args = append(args, cb.argAtEntry(common.Args[index]))
		}
		return args, true
	}
	args := make([]ssa.Value, 0, len(calls))
	for _, c := range calls {
		common := c.Common()
		if common.IsInvoke() || index >= len(common.Args) || common.StaticCallee() != p.Parent() {
			return nil, false
		}
		args = append(args, common.Args[index])
	}
	return args, true
}

// A Callback is a call of a function literal through the parameters it
// was handed in: Call runs it, and Entries are the calls that handed it
// down, outermost first (s.runWorker(ctx, func(ctx) {...}) in start,
// then f(ctx) in runWorker's goroutine).
type Callback struct {
	Call    ssa.CallInstruction
	Entries []ssa.CallInstruction
}

// argAtEntry returns v, an argument of the callback's call, as the
// outermost entry names it: a captured variable is its binding, and a
// parameter of a function an entry calls is that entry's argument
// (f(ctx) in runWorker passes runWorker's ctx: start's ctx at the call
// that handed the closure over, not every caller's).
func (cb Callback) argAtEntry(v ssa.Value) ssa.Value {
	for i := len(cb.Entries) - 1; i >= 0; i-- {
		if through, ok := ssax.ThroughCaptures(v); ok {
			v = through
		}
		p, ok := v.(*ssa.Parameter)
		entry := cb.Entries[i].Common()
		callee := entry.StaticCallee()
		if !ok || callee == nil || p.Parent() != callee {
			return v
		}
		j := slices.Index(callee.Params, p)
		if j < 0 || j >= len(entry.Args) {
			return v
		}
		v = entry.Args[j]
	}
	return v
}

// CallbackCalls returns every call of fn, a function literal handed as an
// argument to functions of its package that only call the parameter it
// lands in (directly, or from their own function literals that capture
// it): a task runner's f(ctx) runs the closure its caller passed. ok is
// false when the closure, or a parameter it lands in, is used any other
// way (stored, returned, handed on), or a callee is not the package's.
func CallbackCalls(fn *ssa.Function) (calls []Callback, ok bool) {
	if fn == nil || fn.Parent() == nil {
		return nil, false
	}
	var value ssa.Value = fn
	if len(fn.FreeVars) > 0 {
		refs := fn.Referrers()
		if refs == nil {
			return nil, false
		}
		var mc *ssa.MakeClosure
		for _, instr := range *refs {
			if m, isMC := instr.(*ssa.MakeClosure); isMC && m.Fn == fn {
				if mc != nil {
					return nil, false
				}
				mc = m
			}
		}
		if mc == nil {
			return nil, false
		}
		value = mc
	}
	if !callsOfValue(value, fn.Pkg, nil, &calls, 0) {
		return nil, false
	}
	return calls, len(calls) > 0
}

// callsOfValue adds to calls every call of the function value v, when
// each use of v is a call of it, a capture by a function literal that
// only calls it, or an argument to a function of pkg whose parameter is
// only used that way. entries are the calls that handed v down so far.
func callsOfValue(v ssa.Value, pkg *ssa.Package, entries []ssa.CallInstruction, calls *[]Callback, depth int) bool {
	if depth > 4 {
		return false
	}
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			common := x.Common()
			if common.Value == v && !common.IsInvoke() {
				*calls = append(*calls, Callback{Call: x, Entries: slices.Clone(entries)})
				continue
			}
			callee := common.StaticCallee()
			if callee == nil || callee.Pkg != pkg || len(callee.Blocks) == 0 {
				return false
			}
			for i, a := range common.Args {
				if a != v {
					continue
				}
				if i >= len(callee.Params) || !callsOfValue(callee.Params[i], pkg, append(slices.Clone(entries), x), calls, depth+1) {
					return false
				}
			}
		case *ssa.MakeClosure:
			for i, b := range x.Bindings {
				if b != v {
					continue
				}
				if fn, isFn := x.Fn.(*ssa.Function); !isFn || i >= len(fn.FreeVars) || !callsOfValue(fn.FreeVars[i], pkg, entries, calls, depth+1) {
					return false
				}
			}
		case *ssa.Store:
			// a variable captured by a closure lives in a cell: the
			// function value is what the cell's loads yield
			if x.Val != v || !callsOfCell(x.Addr, v, pkg, entries, calls, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// callsOfCell adds to calls every call of the function value v that a
// local variable's cell (an Alloc, or a closure's free variable bound to
// one) holds: v must be all that is stored there, and every load of it
// must lead to calls only.
func callsOfCell(cell, v ssa.Value, pkg *ssa.Package, entries []ssa.CallInstruction, calls *[]Callback, depth int) bool {
	if depth > 6 {
		return false
	}
	refs := cell.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		switch x := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if x.Addr != cell || x.Val != v {
				return false
			}
		case *ssa.UnOp:
			if x.Op != token.MUL || !callsOfValue(x, pkg, entries, calls, depth+1) {
				return false
			}
		case *ssa.MakeClosure:
			for i, b := range x.Bindings {
				if b != cell {
					continue
				}
				if fn, isFn := x.Fn.(*ssa.Function); !isFn || i >= len(fn.FreeVars) || !callsOfCell(fn.FreeVars[i], v, pkg, entries, calls, depth+1) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// KnownCalls returns every call of fn, a function of this package, when
// the scan sees them all (at least one): an anonymous function never
// used as a value, or a function or method Sites.AllCalls knows every
// call of (init and main have callers no scan sees).
func (r *Resolver) KnownCalls(fn *ssa.Function) ([]ssa.CallInstruction, bool) {
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg != r.pkg {
		return nil, false
	}
	sites := r.Sites() // ok: indexes the package's calls on first use
	var calls []ssa.CallInstruction
	if obj := fn.Object(); obj != nil {
		all, ok := sites.AllCalls(fn)
		if !ok || obj.Name() == "init" || obj.Name() == "main" {
			return nil, false
		}
		calls = all
	} else {
		if sites.Taken(fn) {
			return nil, false
		}
		calls = sites.Calls(fn)
	}
	return calls, len(calls) > 0
}

// visible reports whether every store to the package variable or field
// loc is in this package: it is declared here, and unexported or in
// package main.
func (r *Resolver) visible(loc any) bool {
	var obj types.Object
	switch x := loc.(type) {
	case *ssa.Global:
		obj = x.Object()
	case *types.Var:
		obj = x
	default:
		return true // a make site or a local
	}
	if obj == nil || obj.Pkg() == nil || obj.Pkg() != r.pkg {
		return false
	}
	return !obj.Exported() || obj.Pkg().Name() == "main"
}

// isBound reports whether fn is the wrapper ssa builds for a method value.
func isBound(fn *ssa.Function) bool {
	return fn.Synthetic != "" && len(fn.FreeVars) == 1 && fn.Object() != nil && fn.Signature.Recv() == nil &&
		len(fn.Synthetic) >= 5 && fn.Synthetic[:5] == "bound"
}

// fieldLoc is the location of field i of the struct t (or *t) is: its
// generic origin, so that stores in instantiations count; nil if none.
func fieldLoc(t types.Type, i int) any {
	if f := ssax.Field(t, i); f != nil {
		return f.Origin()
	}
	return nil
}

func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// holdsFuncs reports whether t is a map, slice or array (or a pointer to
// an array) of function values.
func holdsFuncs(t types.Type) bool {
	e := elemType(t)
	return e != nil && isFunc(e)
}

func elemType(t types.Type) types.Type {
	switch u := t.Underlying().(type) {
	case *types.Map:
		return u.Elem()
	case *types.Slice:
		return u.Elem()
	case *types.Array:
		return u.Elem()
	case *types.Pointer:
		if a, ok := u.Elem().Underlying().(*types.Array); ok {
			return a.Elem()
		}
	}
	return nil
}

func elemKey(t types.Type) string {
	if e := elemType(t); e != nil {
		return types.TypeString(e.Underlying(), nil)
	}
	return ""
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func sortFuncs(fns []*ssa.Function) {
	sort.SliceStable(fns, func(i, j int) bool {
		if fns[i].Pos() != fns[j].Pos() {
			return fns[i].Pos() < fns[j].Pos()
		}
		return fns[i].String() < fns[j].String()
	})
}

func slicesContains(fns []*ssa.Function, fn *ssa.Function) bool {
	for _, f := range fns {
		if f == fn {
			return true
		}
	}
	return false
}

func slicesContainsType(ts []types.Type, t types.Type) bool {
	for _, u := range ts {
		if types.Identical(u, t) {
			return true
		}
	}
	return false
}
