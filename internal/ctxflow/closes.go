package ctxflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// Closes indexes the listeners and connections a package closes through
// a field or a package variable (s.ln.Close() in a CleanUp or Stop
// method): a Serve or Accept on that field or variable has a way out that
// the package controls, as a receive from a channel the package closes
// does. Build it with IndexCloses; the zero value knows no close.
type Closes struct {
	// by the field (a *types.Var of a struct) or the *ssa.Global read,
	// the functions that close it
	by map[any][]*ssa.Function
}

// IndexCloses records every call of a method Close with no argument on a
// value loaded from a field or a package variable, in funcs.
func IndexCloses(funcs []*ssa.Function) *Closes {
	c := &Closes{}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				recv, ok := closeReceiver(call.Common())
				if !ok {
					continue
				}
				if k := storageOf(recv); k != nil {
					if c.by == nil {
						c.by = map[any][]*ssa.Function{}
					}
					c.by[k] = append(c.by[k], fn)
				}
			}
		}
	}
	return c
}

// ClosedElsewhere reports whether v, a listener or connection loaded
// from a field or a package variable, is closed by a function of the
// package other than waiter and the closures in it: the wait on v in
// waiter ends when that function runs.
func (c *Closes) ClosedElsewhere(v ssa.Value, waiter *ssa.Function) bool {
	if c == nil || c.by == nil {
		return false
	}
	k := storageOf(v)
	if k == nil {
		return false
	}
	for _, fn := range c.by[k] {
		if !within(fn, waiter) {
			return true
		}
	}
	return false
}

// ServedOrAccepted returns the listener or connection that call, a wait
// of kind connection I/O (Accept, Read) or an HTTP Serve, waits on: the
// receiver of the method, or the listener argument of Serve.
func ServedOrAccepted(call ssa.CallInstruction) (ssa.Value, bool) {
	com := call.Common()
	if com.IsInvoke() {
		return com.Value, true
	}
	f := ssax.Callee(com)
	if f == nil {
		return nil, false
	}
	if api, ok := LookupAPI(f); ok {
		if api.Wait != ServeWait {
			return nil, false
		}
		for _, a := range com.Args {
			if _, isListener := namedNet(a.Type(), "Listener"); isListener {
				return a, true
			}
		}
		return nil, false
	}
	if f.Type().(*types.Signature).Recv() != nil && len(com.Args) > 0 {
		return com.Args[0], true
	}
	return nil, false
}

// namedNet reports whether t is net.<name>.
func namedNet(t types.Type, name string) (*types.Named, bool) {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "net" || n.Obj().Name() != name {
		return nil, false
	}
	return n, true
}

// storageOf returns the field or package variable v is loaded from, or
// nil.
func storageOf(v ssa.Value) any {
	v = ssax.Unwrap(v)
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	switch a := load.X.(type) {
	case *ssa.Global:
		return a
	case *ssa.FieldAddr:
		ptr, ok := a.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		st, ok := ptr.Elem().Underlying().(*types.Struct)
		if !ok || a.Field >= st.NumFields() {
			return nil
		}
		return st.Field(a.Field)
	}
	return nil
}

// within reports whether fn is g or a closure nested in g.
func within(fn, g *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn == g {
			return true
		}
	}
	return false
}
