package goroutineleak

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
	"github.com/conclint/conclint/internal/ssax"
)

// serveMethods are the methods of *net/http.Server that serve until the
// server is shut down, and then return http.ErrServerClosed.
var serveMethods = map[string]bool{
	"(*net/http.Server).Serve":             true,
	"(*net/http.Server).ServeTLS":          true,
	"(*net/http.Server).ListenAndServe":    true,
	"(*net/http.Server).ListenAndServeTLS": true,
}

// stopMethods are the methods that shut a *net/http.Server down: its
// Serve returns http.ErrServerClosed from then on.
var stopMethods = map[string]bool{
	"(*net/http.Server).Shutdown": true,
	"(*net/http.Server).Close":    true,
}

// shutDownAtReturn reports whether every send of g's goroutine on u's
// channel happens only when an *http.Server's Serve (ListenAndServe,
// ServeTLS, ...) returned an error other than http.ErrServerClosed
// (if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) { errc <- err }),
// and fn shuts that server down (Shutdown or Close, called or deferred)
// on its way to ret: once the server is shut down Serve returns
// ErrServerClosed, so the goroutine ends without sending. Before that,
// the owner was waiting on the channel. Only a failure of Serve in the
// moment between the owner's leaving its wait and the shutdown is left.
func (c *checker) shutDownAtReturn(fn *ssa.Function, g goroutine, u *chanUse, ret *ssa.Return) bool {
	body := c.goBody(g)
	if body == nil {
		return false
	}
	ours := startedChanOf(g, body, u.mk)
	var servers []ssa.Value // the servers, as the owner names them
	sends := 0
	for _, b := range body.Blocks {
		for _, instr := range b.Instrs {
			send, ok := instr.(*ssa.Send)
			if !ok || !ours(send.Chan) {
				continue
			}
			sends++
			srv, ok := unlessServerClosed(send.Block())
			if !ok {
				return false
			}
			servers = append(servers, ownerValue(body, g, srv))
		}
	}
	if sends == 0 {
		return false
	}
	for _, srv := range servers {
		if !c.shutsDownBefore(fn, srv, ret) {
			return false
		}
	}
	return true
}

// unlessServerClosed returns the server whose Serve's error b runs only
// unless it is http.ErrServerClosed: a block dominated by the branch of an
// if that tests the error against it (errors.Is(err, http.ErrServerClosed)
// false, err != http.ErrServerClosed true).
func unlessServerClosed(b *ssa.BasicBlock) (ssa.Value, bool) {
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok || len(d.Succs) != 2 {
			continue
		}
		err, open, ok := serverClosedTest(iff.Cond)
		if !ok {
			continue
		}
		succ := d.Succs[open]
		if succ != b && !succ.Dominates(b) {
			continue
		}
		if srv, ok := servedBy(err); ok {
			return srv, true
		}
	}
	return nil, false
}

// serverClosedTest reports whether cond tests an error against
// http.ErrServerClosed, the error it tests, and the successor (0 or 1) of
// the if taken when the error is another.
func serverClosedTest(cond ssa.Value) (err ssa.Value, open int, ok bool) {
	switch x := cond.(type) {
	case *ssa.Call:
		callee := x.Call.StaticCallee()
		if callee == nil || callee.String() != "errors.Is" || len(x.Call.Args) != 2 || !isServerClosed(x.Call.Args[1]) {
			return nil, 0, false
		}
		return x.Call.Args[0], 1, true
	case *ssa.BinOp:
		var other ssa.Value
		switch {
		case isServerClosed(x.Y):
			other = x.X
		case isServerClosed(x.X):
			other = x.Y
		default:
			return nil, 0, false
		}
		switch x.Op {
		case token.NEQ:
			return other, 0, true
		case token.EQL:
			return other, 1, true
		}
	}
	return nil, 0, false
}

// isServerClosed reports whether v is the value of http.ErrServerClosed.
func isServerClosed(v ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.Global)
	return ok && g.Pkg != nil && g.Pkg.Pkg.Path() == "net/http" && g.Name() == "ErrServerClosed"
}

// servedBy returns the server whose Serve returned err: every value err
// may be (through phis) is the result of a serve method called on one
// server.
func servedBy(err ssa.Value) (ssa.Value, bool) {
	var srv ssa.Value
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.Phi:
			for _, e := range x.Edges {
				if !walk(e) {
					return false
				}
			}
			return true
		case *ssa.Call:
			callee := x.Call.StaticCallee()
			if callee == nil || !serveMethods[callee.String()] || len(x.Call.Args) == 0 {
				return false
			}
			s := ssax.Unwrap(x.Call.Args[0])
			if srv != nil && !ssax.SameLoad(s, srv) {
				return false
			}
			srv = s
			return true
		}
		return false
	}
	if !walk(err) || srv == nil {
		return nil, false
	}
	return srv, true
}

// ownerValue returns v, a value of the goroutine's body, as the function
// that starts it names it: a captured variable's binding (and the one
// value stored in it), an argument of the go statement.
func ownerValue(body *ssa.Function, g goroutine, v ssa.Value) ssa.Value {
	return ssax.CapturedRoot(argumentFor(body, g.site, v))
}

// shutsDownBefore reports whether fn shuts the server srv down on every
// path to ret: a call of Shutdown or Close on it that dominates ret, or a
// deferred one registered before.
func (c *checker) shutsDownBefore(fn *ssa.Function, srv ssa.Value, ret *ssa.Return) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || !stopMethods[callee.String()] || len(call.Common().Args) == 0 {
				continue
			}
			if ssax.Unwrap(call.Common().Args[0]) == srv && cfg.Dominates(instr, ret) {
				return true
			}
		}
	}
	return false
}
