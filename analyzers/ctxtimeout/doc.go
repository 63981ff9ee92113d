// Package ctxtimeout defines an Analyzer that reports outbound network I/O
// and HTTP servers with no deadline anywhere on the path.
//
// # Analyzer ctxtimeout
//
// ctxtimeout: report network calls, HTTP clients, dials and HTTP servers that have no deadline anywhere
//
// A network peer can stop answering at any moment without closing the
// connection. A call that waits for it with no deadline then waits
// forever, and so do the goroutine, the request and often the lock behind
// it. This is the Go form of awaiting a coroutine without asyncio.wait_for:
// in Go the timeout lives in the context (context.WithTimeout), in the
// client (http.Client.Timeout), in the dialer (net.Dialer.Timeout), on the
// connection (SetDeadline) or, for a server, in http.Server's
// ReadHeaderTimeout.
//
// The pass reports four things, each with the place the deadline-less
// context, client, dialer or server was made as related information:
//
// A context with no deadline reaching a network call. The context is
// rooted in context.Background() or context.TODO() in this function, or
// comes from a helper that always returns such a context (summarized
// across packages), and passes only through WithCancel, WithValue or
// WithoutCancel (which drops a deadline) before it reaches
// (*http.Client).Do through http.NewRequestWithContext, (*net.Dialer) or
// (*tls.Dialer).DialContext, a gRPC Invoke, NewStream or generated client
// method (recognized by type: a method taking a context first and
// ...grpc.CallOption last, on a type of a package that imports grpc), or a
// function of this or another package summarized as passing its context
// parameter to one of these:
//
//	err := cc.Invoke(context.Background(), "/kv.KV/Get", req, resp) // waits forever on a stuck server
//
// A context that reaches only (*net.Dialer).DialContext bounds a TCP
// connect, which the system abandons after its own retries (minutes on
// Linux): the message says so rather than "forever". What such a helper
// does on the connection afterwards (reads with no deadline) is beyond
// the context, and beyond this check.
//
// Give the call a deadline:
//
//	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
//	defer cancel()
//	err := cc.Invoke(ctx, "/kv.KV/Get", req, resp)
//
// A database/sql ...Context method is not reported: a *sql.DB's waits are
// bounded by its driver's settings (the DSN's read and statement timeouts,
// TCP keep-alive), made where the DB is opened, as a client's Transport
// from elsewhere is trusted below; db.ExecContext(context.Background(), q)
// waits no longer than db.Exec(q), which is not reported either. (On a
// held-out set, golang-migrate's drivers gave 49 such findings, every one
// judged a false positive: docs/evaluation.md, added25.) A caller's
// deadline dropped with context.WithoutCancel before a database call is
// still reported: the code takes away the bound its caller gave it.
//
// A client with no timeout. http.Get, Head, Post and PostForm, and
// http.DefaultClient, have no timeout; nor does an http.Client built as a
// literal (&http.Client{}, var c http.Client) with no Timeout, in this
// function or in the field or package variable it is kept in, whose
// Transport is unset or an &http.Transport{...} literal with no
// ResponseHeaderTimeout (a dial timeout through its DialContext's Dialer
// or a TLSHandshakeTimeout bounds only the connection, not the wait for a
// server that accepted and stays silent). A custom RoundTripper, or a
// Transport from elsewhere, is trusted. Reported when such a client sends a request whose context has
// no deadline (client.Get, or Do with an http.NewRequest request):
//
//	resp, err := http.Get(url) // no timeout at all
//
// Share one client with a timeout, or give the request a deadline:
//
//	var client = &http.Client{Timeout: 30 * time.Second}
//	resp, err := client.Get(url)
//
// A dial with no timeout. net.Dial, tls.Dial, and Dial or
// tls.DialWithDialer with a net.Dialer that has no Timeout nor Deadline,
// when no Set(Read|Write)Deadline is called on the connection in the same
// function. The connect itself ends when the system gives up (minutes);
// what can wait forever is a read or write to a host that stopped
// answering, so a plain TCP dial whose connection is only closed (a
// reachability probe: dial, then Close) is not reported; tls.Dial is,
// as its handshake has no such bound. The fix for net.Dial(network, addr) is mechanical when the
// time package is already imported and is offered as a suggested fix:
// net.DialTimeout(network, addr, 30*time.Second).
//
// A server with no read timeout. http.ListenAndServe,
// http.ListenAndServeTLS, http.Serve and http.ServeTLS use a Server with no
// ReadHeaderTimeout and no way to set one; an http.Server literal served
// with neither ReadHeaderTimeout nor ReadTimeout set (in the literal, by a
// later assignment to the same value, or through the field it is kept in)
// lets a client that trickles its headers hold a connection and a
// goroutine forever (Slowloris):
//
//	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 10 * time.Second}
//
// Values built by constructors count like literals. A function of the
// package that returns a Server, Client, Dialer or Transport built with
// none of its bounding fields set, on every path, is summarized (across
// packages through an UnconfiguredFact on exported functions), so that
// srv := newServer(h); srv.ListenAndServe() is judged as if the caller had
// written the literal, unless the caller sets a timeout on what it got. A
// struct declared by value (d := net.Dialer{KeepAlive: ...}, or a Dialer
// returned by value) is followed through the copy SSA makes of it.
//
// Precision rules (each is a guard in the code):
//   - A context that comes in as a parameter, from a struct field, a global
//     or an unknown call is the caller's responsibility and is not
//     reported; a function that passes its context parameter to network
//     I/O is summarized instead, so that its callers passing
//     context.Background are reported (also when they call it through a
//     function-valued field every store of which is in the package, or
//     an interface with one implementation in view: internal/callees
//     resolves the call to one function; constructors and helpers that
//     return a context are followed the same way). A wrapper that adds a
//     timeout itself is not summarized, nor one that may add a deadline to
//     its caller's context on some path before the I/O (if cfg.Timeout >
//     0 { ctx, cancel = context.WithTimeout(ctx, cfg.Timeout) }, as
//     go-sql-driver/mysql's connector.Connect does): its callers'
//     context.Background leaves the bound to the setting its user
//     chooses. A deadline added only to a context the wrapper makes
//     itself (a fallback for a nil parameter) does not count.
//   - A context is reported only when no path gives it a deadline: a
//     timeout applied under a condition (a flag whose zero means "no
//     timeout") or a fallback (if ctx == nil { ctx = context.Background() })
//     is a choice made with deadlines in mind.
//   - A deadline anywhere on the path silences: WithTimeout/WithDeadline on
//     the context chain, a WithCancel whose cancel function escapes (to
//     time.AfterFunc, a goroutine, a field: a deadline in disguise),
//     signal.NotifyContext (the user interrupts), Client.Timeout or any
//     Transport, Dialer.Timeout or Deadline, SetDeadline on the connection.
//   - A client, dialer or server that comes from a parameter, from a call
//     not summarized as above, or from another package's field, or that is
//     handed to other code before use (which may configure it), is assumed
//     configured: libraries that take an
//     *http.Client from their user are fine. So is a client (server,
//     dialer) held by value in an exported field of an exported struct
//     that the package's exported API takes as a parameter (an options
//     struct, or one nested in it by value: RemotePayloadCodecOptions{
//     Client: ...}): the caller writes that field in its own literal, and
//     its zero value is the caller's choice, not one this package builds.
//     A pointer field of such a struct is judged as before, by what the
//     package stores into it (a bare &http.Client{} it always stores
//     there is reported; one substituted only for a nil field is not,
//     the nil check being a use the pass does not follow). A helper that
//     returns a
//     context only as a fallback (for a nil parameter) does not taint its
//     callers: the summary requires every return to lack a deadline.
//   - A gRPC stream (a call returning a grpc.ClientStream) is meant to live
//     as long as its context: it is reported only when its context cannot
//     be cancelled at all.
//   - The context-free variant of a context-taking API (Ping beside
//     PingContext or Prepare beside PrepareCtx, found by types) is an entry point for callers who chose
//     no context, and the package implementing an API (net/http's own Get)
//     is not reported for using it.
//   - A request to a loopback URL (http://localhost:port/..., a constant,
//     a constant prefix plus the rest, or fmt.Sprintf with a constant
//     format: http.Get, client.Get, a request of http.NewRequest sent by
//     Do) and a dial of a loopback address (127.0.0.1:+port), or of an
//     empty host (":"+port, fmt.Sprintf(":%d", port): Dial takes it as
//     the local system; kwok's port forward), talk to a server on this
//     machine, most often the program's own or its test's mock, not a
//     remote peer a network can black-hole. (A server listening on an
//     empty host listens on every interface: that is not loopback.)
//   - A server listening on a loopback address (localhost:6060, or a
//     constant loopback host plus a port, "localhost:"+port), or serving
//     a listener made in the function on such an address or on a unix
//     socket (net.Listen, tls.Listen, (*net.ListenConfig).Listen,
//     net.ListenUnix, tls.NewListener around one; a goroutine serving the
//     listener its starter made counts), is not exposed to slow clients.
//   - A dial of a Unix-domain network talks to this machine, not to a
//     remote peer: a constant "unix", "unixgram" or "unixpacket", each
//     network of a loop over such constants, or a variable or field in a
//     branch taken only when it equals one (switch c.proto { case "unix":
//     net.Dial(c.proto, c.addr) }; a call between the comparison and the
//     dial, which may change the field, voids it). Nor does a dial of a
//     connectionless network ("udp", "udp4", "ip4:icmp", or the Network()
//     of a *net.UDPAddr): it only sets the socket's default peer and
//     sends nothing, so it cannot wait on an unresponsive host. The
//     network may be a parameter of a function the package only calls
//     directly (not exported API, never used as a value), judged on the
//     constants every call passes (const network = "udp";
//     r.connect(network, url)).
//   - An exported function that dials and returns the connection, or a
//     client built from it (rpc.Dial, smtp.Dial), hands the deadlines to
//     its caller and is not reported; the wrapper's own callers are not
//     reported either (there is no fact for "returns a connection with no
//     deadline" yet: a known limit).
//   - One context with no deadline that feeds several calls in a function
//     is reported once, at its first use.
//   - Test code is not reported: _test.go files, and packages that exist
//     only for tests (a path element such as testutil, testing,
//     test-helper, or one ending in "_testing", "test", "mock" or "mocks",
//     like grpc_testing, httptest or gomock; or a
//     non-test file importing "testing" or a module's test helper, as
//     benchmark drivers and interop clients import the test services they
//     call; or a command under a test or tests directory, a test driver
//     program such as tests/stress, or under a path element one of whose
//     words begins with bench, a benchmark driver such as benchmark/worker
//     or benchkit-backend, but not workbench, or is perf, loadtest or
//     loadgen, a load generator such as a client's perf/ command, but not
//     performance, or is autobahn, the harness and report viewer of the
//     WebSocket conformance suite); go test -timeout or their harness
//     bounds them, and they talk
//     to test servers. Example code is not reported either: packages with
//     a path element example(s), _examples, sample(s) or _samples (client_golang's
//     examples/*/main.go) and Example functions of _test.go files are
//     documentation, not deployed servers and clients. Under testdata,
//     which is analyzed only when named on purpose, examples are reported.
//   - Commands: in package main, servers are reported everywhere (a
//     command that serves is a daemon), but client-side findings are not
//     reported in main.main and init (and closures in them), nor in the
//     functions of package main that only such foreground code calls
//     directly (not with a go statement, not as a value: a release tool's
//     getRelease called from main): that code runs in the foreground of a
//     process whose user sees a hang and can interrupt it. Other functions
//     of a main package may run in a daemon's loops and goroutines, and
//     are reported like library code.
//
// Known limits: a client, dialer or server whose configuration happens
// through an alias (a copy of the pointer in another variable, a slice of
// clients) is assumed configured; a context stored in a struct and loaded
// later is the struct owner's business; calls through interfaces and
// function values (other than gRPC clients) are not followed for
// summaries; http.Client.Do with an explicit context.Background request
// and a client from a field is reported only when every client stored in
// that field lacks a Timeout; a deadline set on the connection in another
// function silences a finding; a Transport kept in a field or built by
// Clone() is trusted. Tooling programs of a module whose path says nothing
// of their purpose (a test-suite reporter, the command of a test fake such
// as gofakes3's) are judged as deployed commands: no general sign tells
// them from a product's command.
//
// Silence a finding with a //conclint:ignore ctxtimeout <reason> comment.
package ctxtimeout
