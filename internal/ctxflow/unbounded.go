package ctxflow

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssax"
)

// This file holds, once, what the standard library's network APIs bound
// their waits by when no context does: which calls have no timeout at all
// (net.Dial, http.ListenAndServe, http.Get on the DefaultClient), and which
// are bounded only by the configuration of a value (an http.Client's
// Timeout, a net.Dialer's Timeout, an http.Server's ReadHeaderTimeout).
// ctxtimeout judges the values; Unbounded answers for passes that only
// need to know that a call provably has no deadline (lockblock's stall).

// Configurable is a type whose values carry their own bound on the waits
// made through them, set by some of their fields.
type Configurable struct {
	Pkg, Name string
	// Fields are the bounding fields: setting any of them to a non-zero
	// value (or letting anything else touch them) counts as a deadline.
	Fields []string
	What   string // for messages: "http.Client"
}

var (
	// Client bounds requests by Timeout, or by a Transport (see
	// Transport).
	Client = &Configurable{"net/http", "Client", []string{"Timeout", "Transport"}, "http.Client"}
	// Server bounds the wait for a request's headers.
	Server = &Configurable{"net/http", "Server", []string{"ReadHeaderTimeout", "ReadTimeout"}, "http.Server"}
	// Dialer bounds a dial.
	Dialer = &Configurable{"net", "Dialer", []string{"Timeout", "Deadline"}, "net.Dialer"}
	// TLSDialer bounds its dials through NetDialer.
	TLSDialer = &Configurable{"crypto/tls", "Dialer", []string{"NetDialer"}, "tls.Dialer"}
	// Transport bounds a request only by ResponseHeaderTimeout: a dial
	// timeout (its DialContext's Dialer) or TLSHandshakeTimeout end the
	// connection phases, not the wait for a server that accepted and
	// stays silent. It is judged only as the Transport of a client.
	Transport = &Configurable{"net/http", "Transport", []string{"ResponseHeaderTimeout"}, "http.Transport"}
)

// Is reports whether t is k's struct type or a pointer to it.
func (k *Configurable) Is(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return isNamed(t, k.Pkg, k.Name)
}

// Bounding reports whether setting field bounds k's waits.
func (k *Configurable) Bounding(field string) bool { return slices.Contains(k.Fields, field) }

// ConfigurableOf returns the configurable type t is (or points to), among
// those held in variables and fields: a client, server or dialer (a
// Transport is judged only through its client).
func ConfigurableOf(t types.Type) *Configurable {
	for _, k := range []*Configurable{Client, Server, Dialer, TLSDialer} {
		if k.Is(t) {
			return k
		}
	}
	return nil
}

// WaitKind says what an API waits for.
type WaitKind int

const (
	// DialWait connects to a host (and talks with it through the
	// connection it returns).
	DialWait WaitKind = iota + 1
	// RequestWait sends an HTTP request and waits for its response.
	RequestWait
	// ServeWait serves HTTP: each connection waits for its client.
	ServeWait
	// ProcessWait waits for a child process.
	ProcessWait
)

// API is what a context-free network or process call is bounded by.
type API struct {
	Wait WaitKind
	// Config is the type of the value, the receiver or the first argument,
	// whose fields alone can bound the wait; nil when nothing can
	// (net.Dial, http.ListenAndServe, http.Get).
	Config *Configurable
	// DefaultClient: the request goes through http.DefaultClient, which
	// has no Timeout.
	DefaultClient bool
	// RequestContext: the request's own context may bound it
	// ((*http.Client).Do; see RequestContext).
	RequestContext bool
}

var apis = map[string]API{
	"net.Dial":                             {Wait: DialWait},
	"crypto/tls.Dial":                      {Wait: DialWait},
	"(*net.Dialer).Dial":                   {Wait: DialWait, Config: Dialer},
	"crypto/tls.DialWithDialer":            {Wait: DialWait, Config: Dialer},
	"net/http.Get":                         {Wait: RequestWait, DefaultClient: true},
	"net/http.Head":                        {Wait: RequestWait, DefaultClient: true},
	"net/http.Post":                        {Wait: RequestWait, DefaultClient: true},
	"net/http.PostForm":                    {Wait: RequestWait, DefaultClient: true},
	"(*net/http.Client).Get":               {Wait: RequestWait, Config: Client},
	"(*net/http.Client).Head":              {Wait: RequestWait, Config: Client},
	"(*net/http.Client).Post":              {Wait: RequestWait, Config: Client},
	"(*net/http.Client).PostForm":          {Wait: RequestWait, Config: Client},
	"(*net/http.Client).Do":                {Wait: RequestWait, Config: Client, RequestContext: true},
	"net/http.ListenAndServe":              {Wait: ServeWait},
	"net/http.ListenAndServeTLS":           {Wait: ServeWait},
	"net/http.Serve":                       {Wait: ServeWait},
	"net/http.ServeTLS":                    {Wait: ServeWait},
	"(*net/http.Server).ListenAndServe":    {Wait: ServeWait, Config: Server},
	"(*net/http.Server).ListenAndServeTLS": {Wait: ServeWait, Config: Server},
	"(*net/http.Server).Serve":             {Wait: ServeWait, Config: Server},
	"(*net/http.Server).ServeTLS":          {Wait: ServeWait, Config: Server},
	"(*os/exec.Cmd).Run":                   {Wait: ProcessWait},
	"(*os/exec.Cmd).Wait":                  {Wait: ProcessWait},
	"(*os/exec.Cmd).Output":                {Wait: ProcessWait},
	"(*os/exec.Cmd).CombinedOutput":        {Wait: ProcessWait},
}

// LookupAPI returns what the call to f is bounded by when it is one of
// the context-free network or process APIs of the standard library.
func LookupAPI(f *types.Func) (API, bool) {
	if f == nil {
		return API{}, false
	}
	a, ok := apis[ssax.FullName(f)]
	return a, ok
}

// Unbounded reports whether the outbound call c (a dial, an HTTP request, a
// database round trip, a process wait) provably has no deadline, and why:
// its context is rooted in Background or TODO with no deadline on any chain,
// or the API has none (net.Dial, http.Get on the default client, a command
// from exec.Command). A call whose deadline may come from a caller, a
// client's or dialer's configuration or a connection is not: absence of
// evidence is not evidence here.
func Unbounded(c *ssa.CallCommon) (why string, ok bool) {
	if o, ok := OutboundCall(c); ok && o.Dial && !unconfiguredLocal(o.Recv, ConfigurableOf(o.Recv.Type()), 0) {
		return "", false // ok: the dialer's Timeout or Deadline may bound it whatever the context
	}
	for _, a := range c.Args {
		if IsContext(a.Type()) {
			if AlwaysLacksDeadline(a, DeadlineQuery{}) {
				return "its context has no deadline", true
			}
			return "", false
		}
	}
	f := ssax.Callee(c)
	api, ok := LookupAPI(f)
	if !ok {
		return "", false
	}
	switch {
	case api.Wait == DialWait && api.Config == nil:
		return ssax.FullName(f) + " has no timeout", true
	case api.DefaultClient:
		return "http.DefaultClient has no timeout", true
	case api.Wait == RequestWait && api.Config == Client && !api.RequestContext:
		if g, ok := ssax.Unwrap(loadedGlobal(c.Args[0])).(*ssa.Global); ok && IsDefaultClient(g) {
			return "http.DefaultClient has no timeout", true
		}
	case api.Wait == ProcessWait:
		if call, ok := ssax.Unwrap(c.Args[0]).(*ssa.Call); ok && ssax.FullName(ssax.Callee(&call.Call)) == "os/exec.Command" {
			return "a command made by exec.Command cannot be cancelled or timed out", true
		}
	}
	return "", false
}

// IsDefaultClient reports whether g is net/http's DefaultClient, which has
// no Timeout.
func IsDefaultClient(g *ssa.Global) bool {
	return g.Pkg != nil && g.Pkg.Pkg.Path() == "net/http" && g.Name() == "DefaultClient"
}

// loadedGlobal returns the global that v is loaded from, or v.
func loadedGlobal(v ssa.Value) ssa.Value {
	if u, ok := v.(*ssa.UnOp); ok {
		if g, ok := u.X.(*ssa.Global); ok {
			return g
		}
	}
	return v
}

// unconfiguredLocal reports whether v is a local k value (var d net.Dialer,
// d := net.Dialer{KeepAlive: x}) none of whose bounding fields is ever
// set: every use of it is an access to another field, a zeroing store or
// a call of one of its own methods. Anything else (a field, a parameter, a
// value handed to a function that may configure it) may carry a timeout.
func unconfiguredLocal(v ssa.Value, k *Configurable, depth int) bool {
	a, ok := ssax.Unwrap(v).(*ssa.Alloc)
	if !ok || depth > 3 || k == nil || !k.Is(a.Type()) {
		return false
	}
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
			// a copy read out configures nothing here
		case *ssa.FieldAddr:
			f := ssax.Field(a.Type(), r.Field)
			if f == nil || k.Bounding(f.Name()) {
				return false
			}
		case *ssa.Store:
			if r.Addr != a {
				return false // the dialer escapes into memory
			}
			switch val := r.Val.(type) {
			case *ssa.Const: // zeroing
			case *ssa.UnOp:
				// d := net.Dialer{...} is built in a temporary and copied in
				lit, ok := val.X.(*ssa.Alloc)
				if !ok || val.Op != token.MUL || lit == a || !unconfiguredLocal(lit, k, depth+1) {
					return false
				}
			default:
				return false // a copy of another dialer may carry a timeout
			}
		case ssa.CallInstruction:
			com := r.Common()
			f := ssax.Callee(com)
			if com.IsInvoke() || f == nil || len(com.Args) == 0 || com.Args[0] != a || !k.Is(f.Signature().Recv().Type()) {
				return false // a function that may configure it
			}
			for _, arg := range com.Args[1:] {
				if arg == a {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// globalLoaded returns the package-level variable that v is loaded from
// (Client.Do where var Client = &http.Client{...}), or nil.
func globalLoaded(v ssa.Value) *ssa.Global {
	load, ok := ssax.Unwrap(v).(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	g, _ := load.X.(*ssa.Global)
	return g
}

// initializedWithTimeout reports whether the package's initializer stores
// in g, once, a k value whose Timeout is set (var Client =
// &http.Client{Timeout: 5 * time.Second}): the package configured its
// shared client with a bound. A variable set elsewhere too, or not by a
// literal, is not known to be bounded.
func initializedWithTimeout(g *ssa.Global, k *Configurable) bool {
	init := g.Pkg.Func("init")
	if init == nil {
		return false
	}
	var stored ssa.Value
	for _, b := range init.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == g {
				if stored != nil {
					return false
				}
				stored = st.Val
			}
		}
	}
	return stored != nil && globalLoaded(stored) == nil && TimeoutSet(stored, k)
}

// TimeoutSet reports whether v is a local k value, or a package-level one
// that the package's initializer sets so (initializedWithTimeout), (c := &http.Client{Timeout:
// 10 * time.Second}) whose first bounding field (a client's Timeout, a
// dialer's Timeout) is given a value that is not a constant zero: positive
// evidence that the waits made through it are bounded.
func TimeoutSet(v ssa.Value, k *Configurable) bool {
	if g := globalLoaded(v); g != nil {
		return initializedWithTimeout(g, k)
	}
	a, ok := capturedLocal(v).(*ssa.Alloc)
	if !ok || k == nil || !k.Is(a.Type()) || len(k.Fields) == 0 {
		return false
	}
	for _, r := range *a.Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		if f := ssax.Field(a.Type(), fa.Field); f == nil || f.Name() != k.Fields[0] {
			continue
		}
		for _, u := range *fa.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == fa {
				if c, ok := st.Val.(*ssa.Const); !ok || !c.IsNil() && constant.Sign(c.Value) != 0 {
					return true
				}
			}
		}
	}
	return false
}

// capturedLocal follows v through the free variables of closures to the
// value the enclosing function bound (a client made there and used in a
// closure it runs), and through captured variables that are stored once.
func capturedLocal(v ssa.Value) ssa.Value {
	if r, ok := ssax.ThroughCaptures(v); ok {
		return r
	}
	return v
}

// BoundedByConfig reports whether c is a dial or request made through a
// local dialer or client whose Timeout is set (ctxflow.TimeoutSet): the
// wait ends within it, cancelled or not.
func BoundedByConfig(c *ssa.CallCommon) bool {
	api, ok := LookupAPI(ssax.Callee(c))
	return ok && api.Config != nil && len(c.Args) > 0 && TimeoutSet(c.Args[0], api.Config)
}
