package ctxtimeout

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssax"
)

// This file decides whether an http.Client, http.Server or net.Dialer
// value is known to carry no timeout. "Known" is the point: a value that
// comes from a parameter, from a call, or that is handed to code we do not
// see before it is used may have been configured there, and is not
// reported (ok: libraries that take a *http.Client from their user).

// site is where an unbounded value was made, for RelatedInformation.
type site struct {
	pos  token.Pos
	desc string // "http.DefaultClient", "&http.Client{} (no Timeout)"
}

// lacksTimeout reports whether v, used by instruction use, is a k value
// known to have none of k's bounding fields set, and where it was made.
func (c *checker) lacksTimeout(v ssa.Value, k *ctxflow.Configurable, use ssa.Instruction) (bool, site) {
	v = ssax.Unwrap(v)
	switch x := v.(type) {
	case *ssa.Alloc:
		return c.allocLacks(x, k, use, nil)
	case *ssa.Global:
		return c.globalLacks(x, k)
	case *ssa.UnOp:
		if x.Op != token.MUL {
			return false, site{}
		}
		switch addr := x.X.(type) {
		case *ssa.Global:
			return c.globalLacks(addr, k)
		case *ssa.FieldAddr:
			if f := ssax.Field(addr.X.Type(), addr.Field); f != nil {
				return c.slotLacks(f, k)
			}
		}
	case *ssa.FieldAddr:
		// a struct-valued field used in place: s.client.Get(...)
		if f := ssax.Field(x.X.Type(), x.Field); f != nil {
			return c.slotLacks(f, k)
		}
	case *ssa.Field:
		if f := ssax.Field(x.X.Type(), x.Field); f != nil {
			return c.slotLacks(f, k)
		}
	case *ssa.Call, *ssa.Extract:
		return c.resultLacks(x, k, use, 0)
	}
	return false, site{}
}

// valueLacks reports whether v, a k value stored into a variable, a slot
// or a result (or a pointer to one), is known to have no bounding field
// set: a literal whose fields we see (by pointer, or copied by value out
// of a local literal), or the result of a constructor summarized as
// returning one. use is the instruction that stores or returns v.
func (c *checker) valueLacks(v ssa.Value, k *ctxflow.Configurable, use ssa.Instruction, into types.Object, depth int) (bool, site) {
	if depth > 4 {
		return false, site{}
	}
	switch x := ssax.Unwrap(v).(type) {
	case *ssa.Alloc:
		if !k.Is(x.Type()) || !c.unconfigured(x, k, use, into, depth+1) {
			return false, site{}
		}
		return true, site{pos: x.Pos(), desc: k.What}
	case *ssa.UnOp:
		// A copy of a local literal (d := net.Dialer{...} is built in a
		// temporary and copied in): judge the literal; the load is a read.
		if a, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL && k.Is(a.Type()) {
			if !c.unconfigured(a, k, x, nil, depth+1) {
				return false, site{}
			}
			return true, site{pos: a.Pos(), desc: k.What}
		}
	case *ssa.Call, *ssa.Extract:
		return c.resultLacks(x, k, use, depth+1)
	}
	return false, site{}
}

// resultLacks reports whether v, the (first) result of a call, is a k
// value its callee is summarized as returning with no bounding field set
// (a constructor of this package, or UnconfiguredFact across packages),
// and the caller does not set one on it before use.
func (c *checker) resultLacks(v ssa.Value, k *ctxflow.Configurable, use ssa.Instruction, depth int) (bool, site) {
	call, ok := v.(*ssa.Call)
	if e, isExtract := v.(*ssa.Extract); isExtract {
		if e.Index != 0 {
			return false, site{}
		}
		call, ok = e.Tuple.(*ssa.Call)
	}
	if !ok || !k.Is(v.Type()) {
		return false, site{}
	}
	var s site
	if fn := c.wrapper(&call.Call); fn != nil {
		lacks, made := c.returnsUnconfigured(fn, k)
		if !lacks {
			return false, site{}
		}
		s = made
	} else {
		f := ssax.Callee(&call.Call)
		var fact UnconfiguredFact
		if call.Call.IsInvoke() || f == nil || f.Pkg() == nil || f.Pkg() == c.pass.Pkg || !c.pass.ImportObjectFact(f, &fact) || fact.What != k.What {
			return false, site{}
		}
		s = site{pos: call.Pos(), desc: k.What + " returned by " + funcName(f)}
	}
	if _, isPtr := v.Type().Underlying().(*types.Pointer); isPtr && !c.unconfigured(v, k, use, nil, depth+1) {
		return false, site{} // ok: the caller sets a timeout on what it got
	}
	if !s.pos.IsValid() {
		s.pos = call.Pos()
	}
	return true, s
}

// returnsUnconfigured reports whether fn has a k result that, on every
// return, is a literal (or a constructor's result) with no bounding field
// set and no other use that could set one: a constructor whose callers'
// values are judged as if they had built the literal themselves. nil
// results (error paths) are not values.
func (c *checker) returnsUnconfigured(fn *ssa.Function, k *ctxflow.Configurable) (bool, site) {
	key := retKey{fn, k}
	if r, done := c.retMemo[key]; done {
		return r.lacks, r.site
	}
	if c.retBusy[key] {
		return false, site{}
	}
	c.retBusy[key] = true
	res := fn.Signature.Results()
	idx := -1
	for i := 0; i < res.Len(); i++ {
		if k.Is(res.At(i).Type()) {
			idx = i
			break
		}
	}
	var out retResult
	if idx >= 0 {
		out.lacks = true
		values := 0
		for _, b := range fn.Blocks {
			if len(b.Instrs) == 0 {
				continue
			}
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || idx >= len(ret.Results) {
				continue
			}
			v := ret.Results[idx]
			if isZero(ssax.Unwrap(v)) {
				continue
			}
			lacks, s := c.valueLacks(v, k, ret, nil, 0)
			if !lacks {
				out.lacks = false
				break
			}
			if values == 0 {
				out.site = s
			}
			values++
		}
		out.lacks = out.lacks && values > 0
	}
	if !out.lacks {
		out.site = site{}
	}
	c.retMemo[key] = out
	return out.lacks, out.site
}

type retKey struct {
	fn *ssa.Function
	k  *ctxflow.Configurable
}

type retResult struct {
	lacks bool
	site  site
}

// transportLacks reports whether every value stored through fa, the
// address of a client's Transport field, is an *http.Transport literal
// (or a constructor's) with no ResponseHeaderTimeout. A RoundTripper of
// any other kind, or a Transport from elsewhere, is trusted.
func (c *checker) transportLacks(fa *ssa.FieldAddr, depth int) bool {
	refs := fa.Referrers()
	if refs == nil {
		return false
	}
	stores := 0
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != fa {
				return false
			}
			if isZero(r.Val) {
				continue // Transport: nil is DefaultTransport: no response timeout
			}
			if lacks, _ := c.valueLacks(r.Val, ctxflow.Transport, r, nil, depth+1); !lacks {
				return false
			}
			stores++
		default:
			return false // read or its address taken: configured elsewhere
		}
	}
	return stores > 0
}

func (c *checker) globalLacks(g *ssa.Global, k *ctxflow.Configurable) (bool, site) {
	if k == ctxflow.Client && ctxflow.IsDefaultClient(g) {
		return true, site{desc: "http.DefaultClient"}
	}
	if obj := g.Object(); obj != nil && obj.Pkg() == c.pass.Pkg {
		return c.slotLacks(obj, k)
	}
	return false, site{}
}

// allocLacks reports whether the k value allocated by a has no bounding
// field set anywhere in its function and does not escape to code that
// could set one. use and into are the uses already accounted for: the
// call being judged, and the slot the value is stored into.
func (c *checker) allocLacks(a *ssa.Alloc, k *ctxflow.Configurable, use ssa.Instruction, into types.Object) (bool, site) {
	if !k.Is(a.Type()) {
		return false, site{}
	}
	if !c.unconfigured(a, k, use, into, 0) {
		return false, site{}
	}
	return true, site{pos: a.Pos(), desc: k.What}
}

// unconfigured reports whether no use of the k value at addr (an Alloc, or
// the address of a struct-valued field) can set a bounding field.
func (c *checker) unconfigured(addr ssa.Value, k *ctxflow.Configurable, use ssa.Instruction, into types.Object, depth int) bool {
	if depth > 4 {
		return false
	}
	refs := addr.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		if r == use {
			continue
		}
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.FieldAddr:
			f := ssax.Field(r.X.Type(), r.Field)
			if f != nil && k == ctxflow.Client && f.Name() == "Transport" {
				if !c.transportLacks(r, depth) {
					return false // ok: a Transport that may bound the request
				}
				continue
			}
			if f != nil && k.Bounding(f.Name()) && !onlyZeroStores(r) {
				return false // ok: Timeout (or the like) is set here
			}
		case *ssa.Store:
			if r.Addr == addr {
				if isZero(r.Val) {
					continue
				}
				// A whole struct copied in: a local literal or a
				// constructor's result we can judge, else unknown.
				if lacks, _ := c.valueLacks(r.Val, k, r, nil, depth+1); !lacks {
					return false
				}
				continue
			}
			// addr itself stored somewhere
			if into == nil || !storesInto(r, into) {
				return false // ok: escapes to a variable or slot we do not follow
			}
		case *ssa.UnOp:
			// a copy of the struct; reading it sets nothing
		case ssa.CallInstruction:
			com := r.Common()
			if !isMethodOf(com, addr, k) {
				return false // ok: passed to code that may configure it
			}
		case *ssa.MakeInterface, *ssa.ChangeType:
			if !onlyUsedBy(r.(ssa.Value), use) {
				return false // ok: converted and handed on: may be configured elsewhere
			}
			// the conversion the value is stored or returned through
		case *ssa.Return:
			if _, summarizing := use.(*ssa.Return); !summarizing {
				return false // ok: returned to a caller that may configure it
			}
			// a constructor's result, judged by returnsUnconfigured
		default:
			return false // ok: captured, converted, returned: may be configured elsewhere
		}
	}
	return true
}

// onlyUsedBy reports whether use is the only instruction that uses v
// (debug references aside).
func onlyUsedBy(v ssa.Value, use ssa.Instruction) bool {
	refs := v.Referrers()
	if refs == nil || use == nil {
		return false
	}
	for _, r := range *refs {
		if _, ok := r.(*ssa.DebugRef); !ok && r != use {
			return false
		}
	}
	return true
}

// isMethodOf reports whether com calls a method of k's own package on
// addr as the receiver, addr appearing nowhere else in the call.
func isMethodOf(com *ssa.CallCommon, addr ssa.Value, k *ctxflow.Configurable) bool {
	fn := ssax.Callee(com)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != k.Pkg || fn.Signature().Recv() == nil {
		return false
	}
	if com.IsInvoke() || len(com.Args) == 0 || com.Args[0] != addr {
		return false
	}
	for _, a := range com.Args[1:] {
		if a == addr {
			return false
		}
	}
	return true
}

// onlyZeroStores reports whether every use of the field address fa
// stores a zero value (Timeout: 0 in a literal).
func onlyZeroStores(fa *ssa.FieldAddr) bool {
	refs := fa.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != fa || !isZero(r.Val) {
				return false
			}
		default:
			return false // read, or its address taken (flag.DurationVar(&c.Timeout, ...))
		}
	}
	return true
}

func isZero(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	if !ok {
		return false
	}
	if c.Value == nil {
		return true
	}
	switch c.Value.Kind() {
	case constant.Int, constant.Float:
		return constant.Sign(c.Value) == 0
	}
	return false
}

// storesInto reports whether s stores into the field or global obj.
func storesInto(s *ssa.Store, obj types.Object) bool {
	switch a := s.Addr.(type) {
	case *ssa.FieldAddr:
		return ssax.Field(a.X.Type(), a.Field) == obj
	case *ssa.Global:
		return a.Object() == obj
	}
	return false
}

// slotInfo is what the package does with one field or package-level
// variable holding a k value.
type slotInfo struct {
	stores     []ssa.Value // values stored into it (pointer-typed slots)
	configured bool        // a bounding field is set through it, or it escapes
}

// slotLacks reports whether every value the package stores into the field
// or global obj is a k value known to lack a timeout, and nothing in the
// package sets a bounding field through obj or hands it to other code.
func (c *checker) slotLacks(obj types.Object, k *ctxflow.Configurable) (bool, site) {
	if !k.Is(obj.Type()) || obj.Pkg() != c.pass.Pkg {
		return false, site{} // ok: a slot of another package is configured there
	}
	info := c.slots()[obj]
	if info == nil || info.configured {
		return false, site{}
	}
	_, isPtr := obj.Type().Underlying().(*types.Pointer)
	if !isPtr {
		if v, ok := obj.(*types.Var); ok && c.callerFields()[v] {
			// ok: a field of an options struct the caller hands in
			// (RemotePayloadCodecOptions.Client): its value is the
			// caller's, written in the caller's literal; this package
			// builds no client there
			return false, site{}
		}
		// A struct-valued slot starts as the zero value; a non-zero store
		// (a copy of a configured value) marks it configured.
		return true, site{pos: obj.Pos(), desc: k.What}
	}
	var first site
	any := false
	for _, v := range info.stores {
		v = ssax.Unwrap(v)
		if isZero(v) {
			continue // ok: s.client = nil is not a use
		}
		var lacks bool
		var s site
		if a, ok := v.(*ssa.Alloc); ok {
			lacks, s = c.allocLacks(a, k, nil, obj)
		} else {
			lacks, s = c.valueLacks(v, k, nil, obj, 0)
		}
		if !lacks {
			return false, site{}
		}
		if !any || (s.pos.IsValid() && (!first.pos.IsValid() || s.pos < first.pos)) {
			first = s
		}
		any = true
	}
	if !any {
		return false, site{}
	}
	if !first.pos.IsValid() {
		first.pos = obj.Pos() // a package-level initializer: point at the variable
	}
	return true, first
}

// callerFields returns, once per package, the fields whose values the
// package's callers supply (ssax.CallerFields).
func (c *checker) callerFields() map[*types.Var]bool {
	if c.callerSet == nil {
		c.callerSet = ssax.CallerFields(c.pass.Pkg, c.funcs)
	}
	return c.callerSet
}

// slots indexes, once per package, the stores into fields and globals and
// the ways they are used.
func (c *checker) slots() map[types.Object]*slotInfo {
	if c.slotIndex != nil {
		return c.slotIndex
	}
	c.slotIndex = map[types.Object]*slotInfo{}
	get := func(obj types.Object) *slotInfo {
		s := c.slotIndex[obj]
		if s == nil {
			s = &slotInfo{}
			c.slotIndex[obj] = s
		}
		return s
	}
	funcs := c.funcs
	if init := c.pkg.Func("init"); init != nil {
		funcs = append(funcs[:len(funcs):len(funcs)], init) // package-level initializers
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var obj types.Object
				var addr ssa.Value
				switch x := instr.(type) {
				case *ssa.FieldAddr:
					obj, addr = ssax.Field(x.X.Type(), x.Field), x
				case *ssa.Field:
					obj = ssax.Field(x.X.Type(), x.Field)
				}
				if obj == nil {
					continue
				}
				k := ctxflow.ConfigurableOf(obj.Type())
				if k == nil {
					continue
				}
				s := get(obj)
				if addr == nil {
					continue // a read of a struct-valued field
				}
				c.scanSlotAddr(addr, k, s)
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c.scanGlobalUse(instr, get)
			}
		}
	}
	return c.slotIndex
}

// scanGlobalUse records what instr does with the package-level variables
// of this package that hold a k value (globals have no referrer lists).
func (c *checker) scanGlobalUse(instr ssa.Instruction, get func(types.Object) *slotInfo) {
	c.operands = instr.Operands(c.operands[:0])
	for _, op := range c.operands {
		if op == nil {
			continue
		}
		g, ok := (*op).(*ssa.Global)
		if !ok || g.Pkg == nil || g.Pkg.Pkg != c.pass.Pkg || g.Object() == nil {
			continue
		}
		k := ctxflow.ConfigurableOf(g.Type().(*types.Pointer).Elem())
		if k == nil {
			continue
		}
		s := get(g.Object())
		_, ptrSlot := g.Type().(*types.Pointer).Elem().Underlying().(*types.Pointer)
		switch x := instr.(type) {
		case *ssa.Store:
			if x.Addr != g {
				s.configured = true // its address is stored away
			} else if ptrSlot {
				s.stores = append(s.stores, x.Val)
			} else if !isZero(x.Val) {
				s.configured = true
			}
		case *ssa.UnOp:
			if x.Op != token.MUL || (ptrSlot && !c.unconfigured(x, k, nil, nil, 0)) {
				s.configured = true
			}
		case *ssa.FieldAddr:
			f := ssax.Field(x.X.Type(), x.Field)
			if f != nil && (k.Bounding(f.Name()) && !onlyZeroStores(x) || k == ctxflow.Client && f.Name() == "Transport") {
				s.configured = true
			}
		case ssa.CallInstruction:
			if ptrSlot || !isMethodOf(x.Common(), g, k) {
				s.configured = true
			}
		case *ssa.DebugRef:
		default:
			s.configured = true
		}
	}
}

// scanSlotAddr records what the instructions using addr, the address of a
// slot, do with it: store a value, load it and configure or pass it on.
func (c *checker) scanSlotAddr(addr ssa.Value, k *ctxflow.Configurable, s *slotInfo) {
	refs := addr.Referrers()
	if refs == nil {
		return
	}
	_, ptrSlot := addr.Type().(*types.Pointer).Elem().Underlying().(*types.Pointer)
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != addr {
				s.configured = true // the slot's address is stored away
				continue
			}
			if ptrSlot {
				s.stores = append(s.stores, r.Val)
			} else if !isZero(r.Val) {
				s.configured = true
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				s.configured = true
				continue
			}
			if ptrSlot && !c.unconfigured(r, k, nil, nil, 0) {
				s.configured = true
			}
		default:
			if ptrSlot {
				s.configured = true
				continue
			}
			// the address of a struct-valued slot: s.client.Timeout = ...
			if !c.unconfigured(addr, k, nil, nil, 0) {
				s.configured = true
			}
		}
	}
}
