package ctxtimeout

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/passutil"
	"github.com/conclint/conclint/internal/ssax"
)

//go:embed doc.go
var doc string

// Analyzer reports outbound network I/O and HTTP servers with no deadline
// anywhere.
var Analyzer = &analysis.Analyzer{
	Name:      "ctxtimeout",
	Doc:       passutil.Doc(doc),
	URL:       "https://github.com/conclint/conclint/blob/main/docs/ctxtimeout.md",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer, callees.Analyzer},
	Run:       passutil.Guard("ctxtimeout", run),
	FactTypes: []analysis.Fact{new(NetIOFact), new(NoDeadlineFact), new(UnconfiguredFact)},
}

// Diagnostic categories, one per kind of finding.
const (
	catContext = "context-without-deadline"
	catClient  = "client-without-timeout"
	catDial    = "dial-without-timeout"
	catServer  = "server-without-read-timeout"
)

type checker struct {
	pass      *analysis.Pass
	pkg       *ssa.Package
	funcs     []*ssa.Function
	resolver  *callees.Resolver
	operands  []*ssa.Value // scanGlobalUse's buffer
	netMemo   map[*ssa.Function]*netSummary
	netBusy   map[*ssa.Function]bool
	ndMemo    map[*ssa.Function]bool
	ndBusy    map[*ssa.Function]bool
	slotIndex map[types.Object]*slotInfo
	callerSet map[*types.Var]bool  // callerFields
	retMemo   map[retKey]retResult // returnsUnconfigured
	retBusy   map[retKey]bool
	testPkg   bool                   // the package exists only for tests (passutil.TestOnlyPackage)
	fgMemo    map[*ssa.Function]bool // foreground
	// extra holds the configured network and deadline-context functions
	// (.conclint.yml, or -ctxtimeout.network-functions and friends).
	extra ctxflow.Extra
}

func init() { ctxflow.AddFlags(Analyzer) }

func run(pass *analysis.Pass) (any, error) {
	if !importsAny(pass.Pkg, "net", "net/http", "database/sql", "context", "crypto/tls", grpcPath) {
		return nil, nil
	}
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{
		pass:     pass,
		pkg:      ssainfo.Pkg,
		funcs:    ssainfo.SrcFuncs,
		resolver: pass.ResultOf[callees.Analyzer].(*callees.Resolver),
		netMemo:  map[*ssa.Function]*netSummary{},
		netBusy:  map[*ssa.Function]bool{},
		ndMemo:   map[*ssa.Function]bool{},
		ndBusy:   map[*ssa.Function]bool{},
		retMemo:  map[retKey]retResult{},
		retBusy:  map[retKey]bool{},
		extra:    ctxflow.ExtraOf(pass.Analyzer),
	}
	c.testPkg = passutil.TestOnlyPackage(pass)
	passutil.EachFunc(ssainfo.SrcFuncs, func(fn *ssa.Function) {
		c.checkFunc(fn)
	})
	c.exportFacts(ssainfo.SrcFuncs)
	return nil, nil
}

const grpcPath = "google.golang.org/grpc"

// importsAny reports whether pkg imports one of paths directly or
// through a dependency (a generated gRPC client imports grpc; its users
// import only the client package).
func importsAny(pkg *types.Package, paths ...string) bool {
	seen := map[*types.Package]bool{}
	var visit func(p *types.Package) bool
	visit = func(p *types.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		for _, path := range paths {
			if p.Path() == path {
				return true
			}
		}
		for _, imp := range p.Imports() {
			if visit(imp) {
				return true
			}
		}
		return false
	}
	return visit(pkg)
}

// use is one way a call waits on the network with a context: ctx is the
// context it passes (nil when the call uses context.Background
// implicitly, as http.Get does, and then implicit is that call).
type use struct {
	ctx      ssa.Value
	implicit ssa.CallInstruction
	// what names the call for a message; leaf names the network operation
	// at the end of a chain of wrappers.
	what, leaf string
	stream     bool
	// database: the network operation is a database/sql call (Outbound.Database)
	database bool
	// other is the client or dialer that could have bounded the call and
	// does not (pos may be NoPos for http.DefaultClient).
	other    site
	hasOther bool
	// via is set for a call to a wrapper summarized as doing network I/O.
	via *types.Func
}

// outbound lists the network waits of call whose deadline can only come
// from the context it is given: the client or dialer, if any, is known to
// have no timeout of its own.
func (c *checker) outbound(call ssa.CallInstruction) []use {
	com := call.Common()
	f := ssax.Callee(com)
	if f == nil {
		return c.wrapperUse(com, nil) // a function value
	}
	if f.Pkg() == nil {
		return nil
	}
	short := funcName(f)
	if o, ok := c.extra.OutboundCall(com); ok {
		if c.ownAPI(f) {
			return nil
		}
		u := use{ctx: o.Ctx, what: short, leaf: short, stream: o.Stream, database: o.Database}
		if o.Dial {
			k := ctxflow.ConfigurableOf(o.Recv.Type()) // a net.Dialer or a tls.Dialer
			if k == nil {
				return nil
			}
			lacks, s := c.lacksTimeout(o.Recv, k, call)
			if !lacks {
				return nil // ok: the dialer may have a Timeout
			}
			u.other, u.hasOther = s, true
		}
		return []use{u}
	}
	if c.ownAPI(f) && f.Pkg().Path() == "net/http" {
		return nil
	}
	api, _ := ctxflow.LookupAPI(f)
	switch {
	case api.Wait != ctxflow.RequestWait:
	case api.RequestContext: // (*http.Client).Do
		if len(com.Args) < 2 {
			return nil
		}
		lacks, s := c.lacksTimeout(com.Args[0], api.Config, call)
		if !lacks {
			return nil // ok: the client may have a Timeout or a bounding Transport
		}
		ctx, implicit, ok := ctxflow.RequestContext(com.Args[1])
		if !ok {
			return nil // ok: a request from elsewhere carries its maker's context
		}
		u := use{ctx: ctx, what: short, leaf: short, other: s, hasOther: true}
		if implicit != nil {
			u.implicit = implicit
		}
		return []use{u}
	case api.Config != nil: // (*http.Client).Get and friends
		if len(com.Args) == 0 {
			return nil
		}
		lacks, s := c.lacksTimeout(com.Args[0], api.Config, call)
		if !lacks {
			return nil
		}
		return []use{{implicit: call, what: short, leaf: short, other: s, hasOther: true}}
	case api.DefaultClient: // http.Get and friends
		return []use{{implicit: call, what: short, leaf: short, other: site{desc: "http.DefaultClient"}, hasOther: true}}
	}
	if u := c.wrapperUse(com, f); u != nil || c.wrapper(com) != nil || com.IsInvoke() {
		return u
	}
	if fact, ok := c.importedNetIO(f); ok {
		i := fact.Param
		if f.Signature().Recv() != nil {
			i++
		}
		if arg := argFor(com, i); arg != nil {
			return []use{{ctx: arg, what: short, leaf: fact.What, stream: fact.Stream, database: fact.Database, via: f}}
		}
	}
	return nil
}

// wrapper returns the function of this package that com runs, when
// internal/callees resolves it to one: a static call, a function value
// whose every store is in view, or an interface method with one
// implementation in view. Its summaries (network wrapper, constructor of
// an unconfigured value, context with no deadline) then hold at com.
func (c *checker) wrapper(com *ssa.CallCommon) *ssa.Function {
	fn := c.resolver.Resolve(com).Single()
	if fn == nil || fn.Pkg != c.pkg || fn.Blocks == nil {
		return nil
	}
	return fn
}

// wrapperUse returns the network wait of com when it runs a wrapper of
// this package that passes its context parameter to network I/O. f is the
// callee named at the call, nil for a function value: the message then
// names the function it holds.
func (c *checker) wrapperUse(com *ssa.CallCommon, f *types.Func) []use {
	fn := c.wrapper(com)
	if fn == nil {
		return nil
	}
	s := c.netIO(fn)
	if s == nil {
		return nil
	}
	if f == nil || com.IsInvoke() {
		f, _ = fn.Object().(*types.Func)
		if f == nil {
			return nil // a closure: no name to give the wrapper
		}
	}
	i := s.param
	if com.IsInvoke() && fn.Signature.Recv() != nil {
		i-- // the invoke's Args leave the receiver out
	}
	arg := argFor(com, i)
	if arg == nil {
		return nil
	}
	return []use{{ctx: arg, what: funcName(f), leaf: s.what, stream: s.stream, database: s.database, via: f}}
}

// argFor returns the argument bound to parameter i of a static call
// (receiver first), when it is a context.
func argFor(com *ssa.CallCommon, i int) ssa.Value {
	if i < 0 || i >= len(com.Args) || !ctxflow.IsContext(com.Args[i].Type()) {
		return nil
	}
	return com.Args[i]
}

// checkFunc reports the findings of one function.
func (c *checker) checkFunc(fn *ssa.Function) {
	if c.notDeployed(fn) {
		// ok: tests and test-only packages (httptest) are bounded by go
		// test -timeout and talk to test servers; example programs are
		// documentation (see passutil.ExampleCode)
		return
	}
	client := !c.foreground(fn) && !isContextFreeVariant(fn)
	reportedOther := map[token.Pos]bool{}
	q := c.extra.Query(ctxflow.DeadlineQuery{RootLacks: c.rootLacks})
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			c.checkServe(call)
			if !client {
				continue // ok: main.main of a command the user can interrupt (see doc)
			}
			c.checkDial(call)
			for _, u := range c.outbound(call) {
				c.checkUse(call, u, q, reportedOther)
			}
		}
	}
}

// checkUse reports one network wait with no deadline.
func (c *checker) checkUse(call ssa.CallInstruction, u use, q ctxflow.DeadlineQuery, reportedOther map[token.Pos]bool) {
	if u.implicit != nil && loopbackRequest(u.implicit) {
		return // ok: a server on this machine, not a remote peer (loopbackURL)
	}
	if u.ctx == nil {
		// http.Get, client.Get, client.Do(http.NewRequest(...)): only the
		// client could bound it, and it has no Timeout.
		key := u.other.pos
		if key.IsValid() && reportedOther[key] {
			return // one finding per client and function
		}
		reportedOther[key] = true
		var msg string
		var related []analysis.RelatedInformation
		if u.other.pos.IsValid() {
			msg = fmt.Sprintf("%s with a client that has no Timeout and a request with no deadline: a server that stops responding blocks this call forever (set http.Client.Timeout, or use NewRequestWithContext with a context.WithTimeout)", u.what)
			related = append(related, passutil.Related(u.other.pos, "%s created here without Timeout", u.other.desc))
		} else {
			msg = fmt.Sprintf("%s uses http.DefaultClient, which has no timeout: a server that stops responding blocks this call forever (use a shared http.Client with Timeout set, or NewRequestWithContext with a context.WithTimeout)", u.what)
		}
		if u.implicit != nil && u.implicit != call {
			related = append(related, passutil.Related(ssax.Pos(u.implicit), "request made with http.NewRequest (context.Background)"))
		}
		passutil.Report(c.pass, analysis.Diagnostic{Pos: ssax.Pos(call), Category: catClient, Message: msg, Related: related})
		return
	}
	if u.stream && ctxflow.CanBeCancelled(u.ctx) {
		return // ok: a stream lives as long as its context; a cancellable one can be closed
	}
	lacks, origin := ctxflow.LacksDeadline(u.ctx, q)
	if !lacks || !ctxflow.AlwaysLacksDeadline(u.ctx, q) {
		// ok: some path gives it a deadline or the caller's context (a
		// timeout that is configurable, if ctx == nil { ctx = Background }):
		// report only a context that has no deadline on every path.
		return
	}
	if u.database && origin.Kind != ctxflow.WithoutCancel {
		// ok: a database/sql call's wait is bounded by its driver's
		// settings (read and statement timeouts in the DSN, keep-alive),
		// made where the DB is opened, as a client's Transport from
		// elsewhere is trusted; db.ExecContext(context.Background(), q)
		// waits no longer than db.Exec(q), which is not reported either.
		// A caller's deadline dropped with context.WithoutCancel is
		// still reported: the code takes away the bound it was given.
		return
	}
	rootDesc := describeOrigin(origin)
	op := u.what
	if u.via != nil {
		op = fmt.Sprintf("%s, which passes it to %s,", u.what, u.leaf)
	}
	consequence := "an unresponsive peer blocks this call forever"
	if u.leaf == "(*net.Dialer).DialContext" {
		// The context reaches only a TCP connect, which the system
		// abandons after its own retries: long, not forever.
		consequence = "connecting to an unresponsive host waits until the system gives up (minutes), and nothing can end it sooner"
	}
	if u.stream {
		consequence = "the stream can never be cancelled, and an unresponsive peer blocks it forever"
	}
	msg := fmt.Sprintf("%s is given a context with no deadline (%s): %s (derive it with context.WithTimeout and defer cancel())", op, rootDesc, consequence)
	if origin.Pos.IsValid() {
		if reportedOther[origin.Pos] {
			return // ok: one finding per context; its other calls are the same problem
		}
		reportedOther[origin.Pos] = true
	}
	related := []analysis.RelatedInformation{}
	if origin.Pos.IsValid() {
		related = append(related, passutil.Related(origin.Pos, "context with no deadline created here"))
	}
	if u.hasOther && u.other.pos.IsValid() {
		related = append(related, passutil.Related(u.other.pos, "%s created here without a timeout", u.other.desc))
	}
	passutil.Report(c.pass, analysis.Diagnostic{Pos: ssax.Pos(call), Category: catContext, Message: msg, Related: related})
}

// describeOrigin names the root of a deadline-less context.
func describeOrigin(o ctxflow.Origin) string {
	switch o.Kind {
	case ctxflow.Background:
		return "context.Background()"
	case ctxflow.TODO:
		return "context.TODO()"
	case ctxflow.WithoutCancel:
		return "context.WithoutCancel drops the deadline"
	}
	if f, ok := o.Object.(*types.Func); ok {
		return "from " + funcName(f) + ", which returns context.Background()"
	}
	return "rooted in context.Background()"
}

// checkDial reports net.Dial, tls.Dial and dials through a Dialer with no
// Timeout, unless the connection gets a deadline in this function.
func (c *checker) checkDial(call ssa.CallInstruction) {
	com := call.Common()
	f, api, ok := c.lookupAPI(com, ctxflow.DialWait)
	if !ok {
		return
	}
	var other site
	if api.Config != nil { // (*net.Dialer).Dial, tls.DialWithDialer
		lacks, s := c.lacksTimeout(com.Args[0], api.Config, call)
		if !lacks {
			return // ok: the Dialer may have a Timeout
		}
		other = s
	}
	v, ok := call.(*ssa.Call)
	if !ok {
		return // go/defer net.Dial(...): result unused
	}
	netArg := 0 // the network argument comes after the Dialer, if any
	if other.pos.IsValid() || f.Name() == "DialWithDialer" || f.Signature().Recv() != nil {
		netArg = 1
	}
	if netArg < len(com.Args) && ctxflow.LocalNetworkFrom(com.Args[netArg], call, c.resolver.Sites()) {
		// ok: a Unix socket on this machine, not a remote peer (also in a
		// branch taken only for a Unix network: case "unix")
		return
	}
	if netArg+1 < len(com.Args) && ctxflow.LocalDialAddr(com.Args[netArg+1]) {
		// ok: a server on this machine (localhost:port, 127.0.0.1:port),
		// not a remote peer a network can black-hole
		return
	}
	if netArg < len(com.Args) && ctxflow.ConnectionlessNetworkFrom(com.Args[netArg], call, c.resolver.Sites()) {
		// ok: a UDP or IP "connect" only sets the default peer: nothing
		// waits on the host (reads are the connection's business)
		return
	}
	if connGetsDeadline(v) {
		return // ok: SetDeadline on the connection bounds its reads and writes
	}
	if f.Name() != "Dial" || f.Pkg() == nil || f.Pkg().Path() != "crypto/tls" {
		if connOnlyClosed(v) {
			// ok: a reachability probe (dial, then close): the only wait
			// is the TCP connect, which the system gives up on (minutes);
			// no read or write can hang
			return
		}
	}
	if handedToCaller(v) {
		// ok: an exported constructor (rpc.Dial, smtp.Dial) returns the
		// connection, or a client owning it: its caller owns the deadlines.
		return
	}
	d := analysis.Diagnostic{
		Pos:      ssax.Pos(call),
		Category: catDial,
	}
	short := funcName(f)
	if other.pos.IsValid() {
		d.Message = fmt.Sprintf("%s with a Dialer that has no Timeout, and no deadline set on the connection: the connect waits until the system gives up (minutes), and a read or write to an unresponsive host can wait forever (set Dialer.Timeout, or SetDeadline on the connection)", short)
		d.Related = []analysis.RelatedInformation{passutil.Related(other.pos, "net.Dialer created here without Timeout")}
	} else if short == "net.Dial" {
		d.Message = "net.Dial has no timeout and no deadline is set on the connection: the connect waits until the system gives up (minutes), and a read or write to an unresponsive host can wait forever (use net.DialTimeout or a net.Dialer with Timeout, and SetDeadline on the connection)"
		d.SuggestedFixes = c.dialTimeoutFix(v)
	} else {
		d.Message = "tls.Dial has no timeout and no deadline is set on the connection: the TCP connect and the TLS handshake with an unresponsive host can wait forever (use tls.DialWithDialer with a net.Dialer{Timeout: ...}, or a tls.Dialer)"
	}
	passutil.Report(c.pass, d)
}

// handedToCaller reports whether the connection a dial returns leaves an
// exported function through its results, directly or as an argument of a
// call whose result is returned (return NewClient(conn), nil).
func handedToCaller(dial *ssa.Call) bool {
	fn := dial.Parent()
	for f := fn; f != nil; f = f.Parent() {
		fn = f
	}
	if fn == nil || fn.Object() == nil || !fn.Object().Exported() {
		return false
	}
	returned := func(v ssa.Value) bool {
		refs := v.Referrers()
		if refs == nil {
			return false
		}
		for _, r := range *refs {
			if _, ok := r.(*ssa.Return); ok {
				return true
			}
			if e, ok := r.(*ssa.Extract); ok && e.Referrers() != nil {
				for _, er := range *e.Referrers() {
					if _, ok := er.(*ssa.Return); ok {
						return true
					}
				}
			}
		}
		return false
	}
	if dial.Referrers() == nil {
		return false
	}
	var flows func(v ssa.Value, depth int) bool // v, or a call taking it, is returned
	flows = func(v ssa.Value, depth int) bool {
		if depth > 3 || v.Referrers() == nil {
			return false
		}
		for _, use := range *v.Referrers() {
			switch u := use.(type) {
			case *ssa.Return:
				return true
			case *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.ChangeType:
				if flows(u.(ssa.Value), depth+1) {
					return true
				}
			case *ssa.Call:
				if returned(u) {
					return true
				}
			}
		}
		return false
	}
	for _, r := range *dial.Referrers() {
		if _, ok := r.(*ssa.Return); ok {
			return true // return net.Dial(...)
		}
		if e, ok := r.(*ssa.Extract); ok && e.Index == 0 && flows(e, 0) {
			return true
		}
	}
	return false
}

// connGetsDeadline reports whether the connection returned by dial has a
// deadline set on it in this function (ctxflow.GetsDeadline).
// connOnlyClosed reports whether the connection dial returns is only
// closed (directly or deferred) or compared with nil: nothing reads or
// writes it, so no wait but the connect's can come of it.
func connOnlyClosed(dial *ssa.Call) bool {
	var conn ssa.Value
	if dial.Referrers() == nil {
		return false
	}
	for _, r := range *dial.Referrers() {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 0 {
			conn = e
		}
	}
	if conn == nil || conn.Referrers() == nil {
		return false
	}
	closed := false
	for _, r := range *conn.Referrers() {
		switch x := r.(type) {
		case *ssa.BinOp: // conn != nil
			if x.Op != token.EQL && x.Op != token.NEQ {
				return false
			}
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			com := x.Common()
			if !com.IsInvoke() || com.Value != conn || com.Method.Name() != "Close" {
				return false
			}
			closed = true
		default:
			return false
		}
	}
	return closed
}

func connGetsDeadline(dial *ssa.Call) bool {
	var conn ssa.Value = dial
	if dial.Referrers() != nil {
		for _, r := range *dial.Referrers() {
			if e, ok := r.(*ssa.Extract); ok && e.Index == 0 {
				conn = e
			}
		}
	}
	return ctxflow.GetsDeadline(conn)
}

// checkServe reports serving HTTP with no ReadHeaderTimeout nor
// ReadTimeout.
func (c *checker) checkServe(call ssa.CallInstruction) {
	com := call.Common()
	f, api, ok := c.lookupAPI(com, ctxflow.ServeWait)
	if !ok {
		return
	}
	switch api.Config {
	case nil: // http.ListenAndServe and friends: a Server made for the call
		if len(com.Args) > 0 && (ctxflow.LoopbackAddr(com.Args[0]) || localListener(com.Args[0])) {
			return // ok: a server on localhost (pprof, debug) is not exposed to slow clients
		}
		passutil.Report(c.pass, analysis.Diagnostic{
			Pos:      ssax.Pos(call),
			Category: catServer,
			Message: fmt.Sprintf("%s serves with a Server that has no ReadHeaderTimeout and no way to set one: a client that sends headers slowly holds a connection and goroutine forever (Slowloris); use &http.Server{Addr: ..., Handler: ..., ReadHeaderTimeout: ...}",
				funcName(f)),
		})
	default: // (*http.Server).ListenAndServe and friends
		if len(com.Args) == 0 {
			return
		}
		lacks, s := c.lacksTimeout(com.Args[0], api.Config, call)
		if !lacks {
			return // ok: ReadHeaderTimeout or ReadTimeout is set, or may be set where we cannot see
		}
		if srvOnLoopback(com.Args[0]) || (len(com.Args) > 1 && localListener(com.Args[1])) {
			return // ok: only local clients reach it (Serve's first argument is its listener)
		}
		passutil.Report(c.pass, analysis.Diagnostic{
			Pos:      ssax.Pos(call),
			Category: catServer,
			Message:  fmt.Sprintf("%s with no ReadHeaderTimeout nor ReadTimeout set: a client that sends headers slowly holds a connection and goroutine forever (Slowloris); set ReadHeaderTimeout", funcName(f)),
			Related:  []analysis.RelatedInformation{passutil.Related(s.pos, "http.Server created here")},
		})
	}
}

// lookupAPI returns the callee of com and what bounds it, when it is a
// context-free API of the given wait kind (ctxflow.LookupAPI) called from
// another package than its own.
func (c *checker) lookupAPI(com *ssa.CallCommon, wait ctxflow.WaitKind) (*types.Func, ctxflow.API, bool) {
	f := ssax.Callee(com)
	if f == nil || c.ownAPI(f) {
		return nil, ctxflow.API{}, false
	}
	api, ok := ctxflow.LookupAPI(f)
	return f, api, ok && api.Wait == wait
}

// srvOnLoopback reports whether the server at v is an Alloc whose Addr is
// a constant loopback address.
func srvOnLoopback(v ssa.Value) bool {
	a, ok := ssax.Unwrap(v).(*ssa.Alloc)
	if !ok || a.Referrers() == nil {
		return false
	}
	for _, r := range *a.Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		if f := ssax.Field(fa.X.Type(), fa.Field); f == nil || f.Name() != "Addr" || fa.Referrers() == nil {
			continue
		}
		for _, s := range *fa.Referrers() {
			if st, ok := s.(*ssa.Store); ok && st.Addr == fa && ctxflow.LoopbackAddr(st.Val) {
				return true
			}
		}
	}
	return false
}

// localListener reports whether v, the listener a server is handed
// (http.Serve(ln, h), srv.Serve(ln)), is one made here that only local
// clients can reach: net.Listen, tls.Listen or (*net.ListenConfig).Listen
// on a constant loopback address or on a unix socket, net.ListenUnix, or
// tls.NewListener around such a listener.
func localListener(v ssa.Value) bool {
	for range 4 {
		v = ssax.Unwrap(v)
		if through, ok := ssax.ThroughCaptures(v); ok {
			v = through // go func() { srv.Serve(ln) }(): the listener its starter bound
		}
		if e, ok := v.(*ssa.Extract); ok && e.Index == 0 {
			v = e.Tuple // the listener of (ln, err)
		}
		call, ok := v.(*ssa.Call)
		if !ok {
			return false
		}
		f := ssax.Callee(&call.Call)
		if f == nil || f.Pkg() == nil {
			return false
		}
		args := call.Call.Args
		switch name := f.FullName(); name {
		case "net.ListenUnix":
			return true
		case "net.Listen", "crypto/tls.Listen", "(*net.ListenConfig).Listen":
			if name == "(*net.ListenConfig).Listen" {
				args = args[2:] // the receiver and the context
			}
			if len(args) < 2 {
				return false
			}
			if nets, ok := ssax.ConstStrings(args[0]); ok && !slices.ContainsFunc(nets, func(n string) bool { return n != "unix" && n != "unixpacket" }) {
				return true
			}
			return ctxflow.LoopbackAddr(args[1])
		case "crypto/tls.NewListener":
			if len(args) == 0 {
				return false
			}
			v = args[0]
		default:
			return false
		}
	}
	return false
}

// loopbackURL reports whether v is an http or https URL whose host is
// this machine's loopback interface: a constant, a constant prefix plus
// the rest ("http://localhost:" + port), or fmt.Sprintf with such a
// constant format ("http://127.0.0.1:%d/ready").
func loopbackURL(v ssa.Value) bool {
	return ctxflow.ConstPrefixes(v, func(u string) bool {
		for _, scheme := range []string{"http://", "https://"} {
			if rest, ok := strings.CutPrefix(u, scheme); ok {
				return strings.HasPrefix(rest, "localhost:") || strings.HasPrefix(rest, "localhost/") || rest == "localhost" ||
					strings.HasPrefix(rest, "127.") || strings.HasPrefix(rest, "[::1]")
			}
		}
		return false
	})
}

// loopbackRequest reports whether the call that makes a request
// (http.NewRequest, http.Get, client.Get, ...) addresses a loopback URL
// (loopbackURL): the server is on this machine, most often the program's
// own or its test's, not a remote peer that a network can black-hole.
func loopbackRequest(call ssa.CallInstruction) bool {
	com := call.Common()
	urlArg := -1
	switch ssax.FullName(ssax.Callee(com)) {
	case "net/http.NewRequest", "(*net/http.Client).Get", "(*net/http.Client).Head", "(*net/http.Client).Post", "(*net/http.Client).PostForm":
		urlArg = 1
	case "net/http.NewRequestWithContext":
		urlArg = 2
	case "net/http.Get", "net/http.Head", "net/http.Post", "net/http.PostForm":
		urlArg = 0
	}
	return urlArg >= 0 && urlArg < len(com.Args) && loopbackURL(com.Args[urlArg])
}

// notDeployed reports whether fn is code that is not deployed: test code
// (in a _test.go file or in a package that exists only for tests,
// passutil.TestOnlyPackage) or example code (passutil.ExampleCode). This
// pass's rules are about deployment: a server exposed to slow clients, a
// client or dialer facing a peer that stops answering.
func (c *checker) notDeployed(fn *ssa.Function) bool {
	return c.testPkg || passutil.InTestFile(c.pass, fn) || passutil.ExampleCode(c.pass, fn)
}

// foreground reports whether fn runs only in the foreground of a command:
// it is main.main or init (isInteractiveMain), or a function of package
// main that only foreground code calls, directly and not with a go
// statement (a release tool's getRelease, called from main). The user
// sees a hang there and can interrupt it. A function used as a value, or
// started as a goroutine, may run in a daemon's loops.
func (c *checker) foreground(fn *ssa.Function) bool {
	if isInteractiveMain(fn) {
		return true
	}
	if fn.Pkg == nil || fn.Pkg.Pkg.Name() != "main" {
		return false
	}
	sites := c.resolver.Sites()
	if !c.inPlace(fn, sites) {
		return false // a goroutine (or a kept closure) of a foreground function
	}
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if c.fgMemo == nil {
		c.fgMemo = map[*ssa.Function]bool{}
	}
	if v, ok := c.fgMemo[fn]; ok {
		return v
	}
	c.fgMemo[fn] = false // a cycle of calls is not known to be foreground
	calls := sites.Calls(fn)
	fg := len(calls) > 0 && !sites.Taken(fn)
	for _, call := range calls {
		if _, ok := call.(*ssa.Go); ok || !fg || !c.inPlace(call.Parent(), sites) {
			fg = false
			break
		}
		fg = c.foreground(call.Parent())
	}
	c.fgMemo[fn] = fg
	return fg
}

// inPlace reports whether fn, if a closure, runs where it is written: it
// and the closures around it are only called directly, not started with a
// go statement or kept as a value.
func (c *checker) inPlace(fn *ssa.Function, sites *callees.Sites) bool {
	for ; fn.Parent() != nil; fn = fn.Parent() {
		if sites.Taken(fn) {
			return false
		}
		for _, call := range sites.Calls(fn) {
			if _, ok := call.(*ssa.Go); ok {
				return false
			}
		}
	}
	return true
}

// isInteractiveMain reports whether fn is main.main or a package init of
// a command, or a closure inside one: code that runs once, in the
// foreground, where the user sees a hang and can interrupt it.
func isInteractiveMain(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Pkg == nil || fn.Pkg.Pkg.Name() != "main" || fn.Signature.Recv() != nil {
		return false
	}
	return fn.Name() == "main" || fn.Name() == "init" || strings.HasPrefix(fn.Name(), "init#")
}

// funcName names f for a message with its package's name, as the user
// writes it: "http.Get", "(*sql.DB).QueryContext", "(pb.KVClient).Get".
func funcName(f *types.Func) string {
	full := ssax.FullName(f)
	if f.Pkg() != nil {
		full = strings.ReplaceAll(full, f.Pkg().Path()+".", f.Pkg().Name()+".")
	}
	return full
}

// isContextFreeVariant reports whether fn (or the function enclosing this
// closure) is the context-free variant of a context-taking sibling, as
// Ping is of PingContext: it exists for callers that chose not to pass a
// context, and the choice is theirs (ok: compatibility entry points).
func isContextFreeVariant(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	f, ok := fn.Object().(*types.Func)
	if !ok {
		return false
	}
	_, ok = ctxflow.Sibling(f)
	return ok
}

// ownAPI reports whether f is declared in the package being analyzed:
// net/http's Get calling DefaultClient.Get, or database/sql's Ping calling
// PingContext, is the implementation of the API this pass reports at its
// callers (ok: not a finding in the library itself; see passutil.OwnAPI).
func (c *checker) ownAPI(f *types.Func) bool {
	return passutil.OwnAPI(c.pass, f)
}
