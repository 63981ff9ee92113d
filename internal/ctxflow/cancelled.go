package ctxflow

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssax"
)

// Done says, for one function and one context, which points run only
// after the context was seen cancelled. Build it once per function
// (AfterDone) and ask At for each instruction: the answer costs a map
// lookup, so huge functions stay linear.
type Done struct {
	ctx    ssa.Value
	blocks map[*ssa.BasicBlock]bool // every instruction runs after ctx is done
	recvs  map[*ssa.BasicBlock]bool // the block receives from ctx.Done()
}

// AfterDone computes Done for ctx in fn: a point is after ctx is done when
// it is dominated by a receive from ctx.Done(), by the body of a select
// case receiving from ctx.Done(), or by the branch where ctx.Err() (or
// context.Cause(ctx), or the error of a call that fails only with ctx's
// error: a semaphore's Acquire(ctx, n)) is not nil. A wait there cannot ignore ctx: ctx is
// already done, observing it again would return at once, and such code is
// the clean-up that cancellation asked for (stop a worker, then wait for
// it to return). Only ctx itself counts, not a context derived from it: a
// child can be done (its own timeout) while ctx is not.
func AfterDone(ctx ssa.Value, fn *ssa.Function) *Done {
	d := &Done{ctx: ctx, blocks: map[*ssa.BasicBlock]bool{}, recvs: map[*ssa.BasicBlock]bool{}}
	if ctx == nil || fn == nil || len(fn.Blocks) == 0 {
		return d
	}
	for _, b := range fn.DomPreorder() {
		for _, x := range b.Instrs {
			if receivesDone(x, ctx) {
				d.recvs[b] = true
				break
			}
		}
		idom := b.Idom()
		if idom == nil {
			continue
		}
		// preorder: the idom has been decided
		if d.blocks[idom] || d.recvs[idom] || doneSide(idom, ctx) == b {
			d.blocks[b] = true
		}
	}
	return d
}

// At reports whether instr runs only after ctx was seen cancelled.
func (d *Done) At(instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil {
		return false
	}
	if d.blocks[b] {
		return true
	}
	if !d.recvs[b] {
		return false
	}
	for _, x := range b.Instrs {
		if x == instr {
			return false
		}
		if receivesDone(x, d.ctx) {
			return true // ok: after <-ctx.Done() in this block
		}
	}
	return false
}

// DoneAt reports whether instr runs only after ctx was seen cancelled (see
// AfterDone), for a single question; ask a Done for many.
func DoneAt(ctx ssa.Value, instr ssa.Instruction) bool {
	if instr.Block() == nil {
		return false
	}
	return AfterDone(ctx, instr.Parent()).At(instr)
}

// receivesDone reports whether instr is a plain receive from ctx.Done().
func receivesDone(instr ssa.Instruction, ctx ssa.Value) bool {
	u, ok := instr.(*ssa.UnOp)
	if !ok || u.Op != token.ARROW {
		return false
	}
	c, ok := IsDoneChannel(u.X)
	return ok && SameContext(c, ctx)
}

// doneSide returns the successor of d, entered only from d, that its final
// If takes when ctx is done: the body of a select case on ctx.Done(), or
// the branch where ctx.Err() != nil. It returns nil when d ends otherwise.
func doneSide(d *ssa.BasicBlock, ctx ssa.Value) *ssa.BasicBlock {
	if len(d.Instrs) == 0 || len(d.Succs) != 2 || d.Succs[0] == d.Succs[1] {
		return nil
	}
	iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) {
		return nil
	}
	x, y := cmp.X, cmp.Y
	if _, ok := x.(*ssa.Const); ok {
		x, y = y, x
	}
	k, ok := y.(*ssa.Const)
	if !ok {
		return nil
	}
	var side *ssa.BasicBlock
	switch {
	case selectsDone(x, k, ctx):
		// t = extract sel #0; if t == i: the body of case i
		if cmp.Op == token.EQL {
			side = d.Succs[0]
		}
	case k.IsNil() && isErrOf(x, ctx):
		side = d.Succs[1] // ctx.Err() == nil is false
		if cmp.Op == token.NEQ {
			side = d.Succs[0] // ctx.Err() != nil is true
		}
	}
	if side == nil {
		return nil
	}
	for _, p := range side.Preds {
		// a loop that starts right at the side (for !drained() { ... })
		// is entered again only from its own body, which side dominates
		if p != d && !side.Dominates(p) {
			return nil // ok: the side can be entered another way
		}
	}
	return side
}

// selectsDone reports whether x is the chosen index of a select and the
// case k receives from ctx.Done().
func selectsDone(x ssa.Value, k *ssa.Const, ctx ssa.Value) bool {
	e, ok := x.(*ssa.Extract)
	if !ok || e.Index != 0 || k.Value == nil || k.Value.Kind() != constant.Int {
		return false
	}
	sel, ok := e.Tuple.(*ssa.Select)
	if !ok {
		return false
	}
	i, exact := constant.Int64Val(k.Value)
	if !exact || i < 0 || int(i) >= len(sel.States) {
		return false
	}
	st := sel.States[i]
	if st.Dir != types.RecvOnly {
		return false
	}
	c, ok := IsDoneChannel(st.Chan)
	return ok && SameContext(c, ctx)
}

// isErrOf reports whether v is ctx.Err() or context.Cause(ctx), or the
// error of a call that fails only with ctx's error (failsOnlyWhenDone).
func isErrOf(v ssa.Value, ctx ssa.Value) bool {
	return isErrOfDepth(v, ctx, 0)
}

func isErrOfDepth(v ssa.Value, ctx ssa.Value, depth int) bool {
	call, ok := ssax.Unwrap(v).(*ssa.Call)
	if !ok {
		return false
	}
	if c, ok := IsContextCall(&call.Call, "Err"); ok {
		return SameContext(c, ctx)
	}
	if c, ok := failsOnlyWhenDone(&call.Call, depth); ok {
		return SameContext(c, ctx)
	}
	if c, ok := contextCause(call); ok {
		return SameContext(c, ctx)
	}
	return false
}

// maxWrapDepth bounds how many wrappers failsOnlyWhenDone looks through.
const maxWrapDepth = 3

// failsOnlyWhenDone returns the context of a call whose only error is
// that context's: (*semaphore.Weighted).Acquire ("on failure, returns
// ctx.Err()"), or a function of the package whose one result is an error
// and that returns, on every return, either nil or such an error of one
// of its context parameters (func (u *U) acquire(ctx) error { if
// u.limiter == nil { return nil }; return u.limiter.Acquire(ctx, 1) }).
// Its error is not nil only once the context is done.
func failsOnlyWhenDone(c *ssa.CallCommon, depth int) (ssa.Value, bool) {
	if c.IsInvoke() {
		return nil, false
	}
	if len(c.Args) >= 2 && ssax.FullName(ssax.Callee(c)) == "(*golang.org/x/sync/semaphore.Weighted).Acquire" {
		return c.Args[1], true
	}
	fn := ssax.StaticFunction(c)
	if fn == nil || len(fn.Blocks) == 0 || depth >= maxWrapDepth || len(fn.Params) != len(c.Args) {
		return nil, false
	}
	res := fn.Signature.Results()
	if res.Len() != 1 || !types.Identical(res.At(0).Type(), types.Universe.Lookup("error").Type()) {
		return nil, false
	}
	var ctxParam *ssa.Parameter
	fails := false
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		for _, r := range resultValues(ret.Results[0]) {
			if k, ok := r.(*ssa.Const); ok && k.IsNil() {
				continue
			}
			p := errParam(fn, r, depth+1)
			if p == nil || ctxParam != nil && p != ctxParam {
				return nil, false // an error of its own, or of another context
			}
			ctxParam, fails = p, true
		}
	}
	if !fails {
		return nil, false
	}
	for i, p := range fn.Params {
		if p == ctxParam {
			return c.Args[i], true
		}
	}
	return nil, false
}

// FailsOnlyWhenDone returns the context of a call whose only error is
// that context's (see failsOnlyWhenDone): its error says only that the
// context ended.
func FailsOnlyWhenDone(c *ssa.CallCommon) (ssa.Value, bool) {
	return failsOnlyWhenDone(c, 0)
}

// resultValues returns the values a returned r may be: r itself, or, for
// a named result that a deferred call forces into a variable (func f()
// (err error) { defer ...; return g() }), every value stored into it. A
// variable whose address is taken for anything else is r itself.
func resultValues(r ssa.Value) []ssa.Value {
	stores, ok := ssax.ResultStores(r)
	if !ok {
		return []ssa.Value{r}
	}
	out := make([]ssa.Value, 0, len(stores))
	for _, st := range stores {
		out = append(out, st.Val)
	}
	return out
}

// errParam returns the context parameter of fn whose error r is (see
// isErrOf), or nil.
func errParam(fn *ssa.Function, r ssa.Value, depth int) *ssa.Parameter {
	for _, p := range fn.Params {
		if IsContext(p.Type()) && isErrOfDepth(r, p, depth) {
			return p
		}
	}
	return nil
}

// SameContext reports whether a and b are the same context: the same
// value, two loads of one struct field of one base (s.ctx read twice), two
// loads of one captured variable, or r.Context() of one request.
func SameContext(a, b ssa.Value) bool {
	a, b = capturedRoot(a), capturedRoot(b)
	if a == b {
		return true
	}
	switch a := a.(type) {
	case *ssa.UnOp:
		b, ok := b.(*ssa.UnOp)
		if !ok || a.Op != token.MUL || b.Op != token.MUL {
			return false
		}
		return sameAddr(a.X, b.X)
	case *ssa.Field:
		b, ok := b.(*ssa.Field)
		return ok && a.Field == b.Field && SameContext(a.X, b.X)
	case *ssa.Call:
		b, ok := b.(*ssa.Call)
		if !ok || len(a.Call.Args) != 1 || len(b.Call.Args) != 1 {
			return false
		}
		fa, fb := ssax.StaticFunction(&a.Call), ssax.StaticFunction(&b.Call)
		return fa != nil && fa == fb && fa.Name() == "Context" && ssax.Unwrap(a.Call.Args[0]) == ssax.Unwrap(b.Call.Args[0])
	}
	return false
}

// capturedRoot is ssax.CapturedRoot: a closure's ctx is its parent's.
func capturedRoot(v ssa.Value) ssa.Value { return ssax.CapturedRoot(v) }

// sameAddr reports whether two addresses are the same variable: one
// value, or one field of one base.
func sameAddr(a, b ssa.Value) bool {
	a, b = capturedRoot(a), capturedRoot(b)
	if a == b {
		return true
	}
	fa, ok := a.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	fb, ok := b.(*ssa.FieldAddr)
	if !ok || fa.Field != fb.Field {
		return false
	}
	if sameAddr(fa.X, fb.X) {
		return true
	}
	// two loads of one pointer variable (s := *sp; s.ctx)
	la, ok := ssax.Unwrap(fa.X).(*ssa.UnOp)
	lb, ok2 := ssax.Unwrap(fb.X).(*ssa.UnOp)
	return ok && ok2 && la.Op == token.MUL && lb.Op == token.MUL && sameAddr(la.X, lb.X)
}

// ClosedOnDone reports whether fn, or a function nested in it, calls
// Close on v (a connection, a listener, a file) at a point reached only
// after ctx is done (DoneAt: go func() { <-ctx.Done(); conn.Close() }()),
// or in a function handed to context.AfterFunc(ctx, ...). A wait on v in
// any goroutine is then ended by cancelling ctx even if that goroutine
// never looks at ctx.
func ClosedOnDone(ctx, v ssa.Value, fn *ssa.Function) bool {
	v = capturedRoot(v)
	var visit func(f *ssa.Function, afterFunc bool, depth int) bool
	visit = func(f *ssa.Function, afterFunc bool, depth int) bool {
		if f == nil || depth > maxSteps {
			return false
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				com := call.Common()
				if recv, ok := closeReceiver(com); ok && capturedRoot(recv) == v && (afterFunc || DoneAt(ctx, instr)) {
					return true
				}
				if g := afterFuncOf(com, ctx); g != nil && visit(g, true, depth+1) {
					return true
				}
			}
		}
		for _, anon := range f.AnonFuncs {
			if visit(anon, afterFunc, depth+1) {
				return true
			}
		}
		return false
	}
	return visit(fn, false, 0)
}

// closeReceiver returns the receiver of a call to a method Close that
// takes no argument.
func closeReceiver(com *ssa.CallCommon) (ssa.Value, bool) {
	if com.IsInvoke() {
		return com.Value, com.Method.Name() == "Close" && len(com.Args) == 0
	}
	f := ssax.StaticFunction(com)
	if f == nil || f.Signature.Recv() == nil || f.Name() != "Close" || len(com.Args) != 1 {
		return nil, false
	}
	return com.Args[0], true
}

// afterFuncOf returns the function that com, a call to
// context.AfterFunc(ctx, f), runs when ctx is done.
func afterFuncOf(com *ssa.CallCommon, ctx ssa.Value) *ssa.Function {
	f := ssax.StaticFunction(com)
	if f == nil || f.Pkg == nil || f.Pkg.Pkg.Path() != "context" || f.Name() != "AfterFunc" || len(com.Args) != 2 || !SameContext(com.Args[0], ctx) {
		return nil
	}
	return ssax.FuncValue(com.Args[1])
}

// ToleratesCanceled reports whether call is ctx.Err() whose result is
// compared with context.Canceled (err != context.Canceled, errors.Is(err,
// context.Canceled)): a check written for the cancellation Wait makes.
func ToleratesCanceled(call *ssa.Call) bool {
	if !call.Call.IsInvoke() || call.Call.Method.Name() != "Err" || call.Referrers() == nil {
		return false
	}
	isCanceled := func(v ssa.Value) bool {
		if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
			if g, ok := u.X.(*ssa.Global); ok && g.Pkg != nil && g.Pkg.Pkg.Path() == "context" && g.Name() == "Canceled" {
				return true
			}
		}
		return false
	}
	for _, r := range *call.Referrers() {
		switch r := r.(type) {
		case *ssa.BinOp:
			if isCanceled(r.X) || isCanceled(r.Y) {
				return true
			}
		case *ssa.Call:
			if ssax.FullName(ssax.Callee(&r.Call)) == "errors.Is" && len(r.Call.Args) == 2 && isCanceled(r.Call.Args[1]) {
				return true
			}
		}
	}
	return false
}

// CancelledAtReturn reports whether the function of ret defers, on every
// path to ret, the cancel function of the context ctx (a value of that
// function, or a closure's captured copy of it): returning there cancels
// it.
func CancelledAtReturn(ctx ssa.Value, ret *ssa.Return) bool {
	fn := ret.Parent()
	v := ctx
	for range 6 { // through the closures that captured it
		v = ssax.Unwrap(v)
		if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
			if fv, ok := u.X.(*ssa.FreeVar); ok {
				if stored, ok := ssax.SingleStore(ssax.Binding(fv)); ok {
					v = stored
					continue
				}
			}
		}
		if fv, ok := v.(*ssa.FreeVar); ok {
			v = ssax.Binding(fv)
			continue
		}
		break
	}
	ext, ok := v.(*ssa.Extract)
	if !ok || ext.Index != 0 || ext.Parent() != fn {
		return false
	}
	for _, r := range *ext.Tuple.Referrers() {
		cancel, ok := r.(*ssa.Extract)
		if !ok || cancel.Index != 1 {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if d, ok := instr.(*ssa.Defer); ok && ssax.Unwrap(d.Call.Value) == ssa.Value(cancel) && cfg.Dominates(d, ret) {
					return true
				}
			}
		}
	}
	return false
}
