package ctxflow

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// This file says where a context leaves the program as outbound network
// I/O: which calls hand their context to a dial, a database round trip or
// an RPC, and which context an *http.Request carries. It judges nothing
// about deadlines; LacksDeadline and CallerContext do.

// Outbound describes a call that waits on the network for as long as its
// context allows.
type Outbound struct {
	Callee *types.Func
	// Ctx is the context argument (an element of the call's Args).
	Ctx ssa.Value
	// Recv is the receiver (the *net.Dialer, *sql.DB, gRPC client...), or
	// nil for a function.
	Recv ssa.Value
	// Stream is true for calls that open a stream (gRPC NewStream and
	// streaming client methods): their context is meant to live as long as
	// the stream, so a deadline is not expected, only a way to cancel.
	Stream bool
	// Dial is true for (*net.Dialer).DialContext and (*tls.Dialer).DialContext,
	// whose receiver may carry its own Timeout.
	Dial bool
	// Database is true for the ...Context methods of database/sql, whose
	// connections are bounded by the driver's settings (the DSN's read and
	// statement timeouts, TCP keep-alive), made where the DB is opened.
	Database bool
}

// OutboundCall reports whether c is a known context-taking network call:
// (*net.Dialer).DialContext, (*tls.Dialer).DialContext, the ...Context
// methods of database/sql,
// and gRPC calls (tls.Conn.HandshakeContext is left out: its deadline
// usually comes from SetDeadline on the underlying connection): (*grpc.ClientConn).Invoke/NewStream, the
// grpc.ClientConnInterface methods, and generated client methods —
// matched by type, not name: a method whose first parameter is a context,
// whose last is ...grpc.CallOption, on an interface or struct declared in a
// package that imports google.golang.org/grpc.
// (*http.Client).Do is not here: its context is in the request (see
// RequestContext).
func OutboundCall(c *ssa.CallCommon) (Outbound, bool) {
	fn := ssax.Callee(c)
	if fn == nil || fn.Pkg() == nil {
		return Outbound{}, false
	}
	sig := fn.Signature()
	if sig.Recv() == nil || sig.Params().Len() == 0 || !IsContext(sig.Params().At(0).Type()) {
		return Outbound{}, false
	}
	// Args holds the receiver first for a static method call, not for an
	// interface invoke.
	args := c.Args
	var recv ssa.Value
	if c.IsInvoke() {
		recv = c.Value
	} else if len(args) > 0 {
		recv, args = args[0], args[1:]
	}
	if len(args) == 0 {
		return Outbound{}, false
	}
	out := Outbound{Callee: fn, Ctx: args[0], Recv: recv}
	path, name := fn.Pkg().Path(), fn.Name()
	switch {
	case path == "net" && name == "DialContext" && isNamedPtr(sig.Recv(), "net", "Dialer"),
		path == "crypto/tls" && name == "DialContext" && isNamedPtr(sig.Recv(), "crypto/tls", "Dialer"):
		out.Dial = true
		return out, true
	case path == "database/sql" && strings.HasSuffix(name, "Context"):
		out.Database = true
		return out, true
	case isGRPCClientMethod(fn, sig):
		out.Stream = isGRPCStreamResult(sig)
		return out, true
	}
	return Outbound{}, false
}

const grpcPath = "google.golang.org/grpc"

// isGRPCClientMethod reports whether fn looks like a gRPC client call by
// its types: ...grpc.CallOption last, a receiver type declared in grpc
// itself or in a package that imports it (generated code).
func isGRPCClientMethod(fn *types.Func, sig *types.Signature) bool {
	if !sig.Variadic() {
		return false
	}
	last := sig.Params().At(sig.Params().Len() - 1).Type()
	sl, ok := last.(*types.Slice)
	if !ok || !isNamed(sl.Elem(), grpcPath, "CallOption") {
		return false
	}
	if fn.Pkg().Path() == grpcPath {
		return fn.Name() == "Invoke" || fn.Name() == "NewStream"
	}
	recv := sig.Recv().Type()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	switch recv.Underlying().(type) {
	case *types.Interface, *types.Struct:
	default:
		return false
	}
	for _, imp := range fn.Pkg().Imports() {
		if imp.Path() == grpcPath {
			return true
		}
	}
	return false
}

// isGRPCStreamResult reports whether the call returns a client stream: a
// first result with the CloseSend method of grpc.ClientStream.
func isGRPCStreamResult(sig *types.Signature) bool {
	if sig.Results().Len() == 0 {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(sig.Results().At(0).Type(), true, nil, "CloseSend")
	_, ok := obj.(*types.Func)
	return ok
}

// RequestContext reports the context an *http.Request value carries when
// it can tell: the ctx of http.NewRequestWithContext or of
// (*Request).WithContext/Clone. For http.NewRequest, whose context is
// context.Background, it returns implicit = that call and ctx = nil. ok is
// false when the request comes from somewhere it cannot see (a parameter,
// a field, a phi of several requests).
func RequestContext(req ssa.Value) (ctx ssa.Value, implicit *ssa.Call, ok bool) {
	req = ssax.Unwrap(req)
	e, isExtract := req.(*ssa.Extract)
	var c *ssa.Call
	switch {
	case isExtract:
		c, _ = e.Tuple.(*ssa.Call)
	default:
		c, _ = req.(*ssa.Call)
	}
	if c == nil {
		return nil, nil, false
	}
	fn := ssax.Callee(&c.Call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "net/http" {
		return nil, nil, false
	}
	args := c.Call.Args
	switch name := fn.Name(); {
	case name == "NewRequestWithContext" && fn.Signature().Recv() == nil && len(args) > 0:
		return args[0], nil, true
	case name == "NewRequest" && fn.Signature().Recv() == nil:
		return nil, c, true
	case (name == "WithContext" || name == "Clone") && fn.Signature().Recv() != nil && len(args) > 1:
		return args[1], nil, true
	default:
		return nil, nil, false
	}
}

// CarriesContext reports whether v, an argument, is an *http.Request that
// carries a context (http.NewRequestWithContext, (*Request).WithContext or
// Clone), seen through the variables a closure captures: a call handed
// such a request ((*http.Client).Do(req)) is handed its context, and
// cancelling that context ends the call's wait.
func CarriesContext(v ssa.Value) bool {
	if p, ok := v.Type().Underlying().(*types.Pointer); !ok || !isNamed(p.Elem(), "net/http", "Request") {
		return false
	}
	// A closure reads a captured variable through its address: *fv, where
	// fv is bound to the variable (an Alloc) of the function around it.
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fv, ok := load.X.(*ssa.FreeVar); ok {
			addr := ssax.Binding(fv)
			if addr == nil {
				return false
			}
			if v, ok = ssax.SingleStore(addr); !ok {
				return false
			}
		}
	}
	ctx, _, ok := RequestContext(v)
	return ok && ctx != nil
}
