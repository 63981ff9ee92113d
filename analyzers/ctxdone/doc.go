// Package ctxdone defines an Analyzer that reports code which accepts a
// context.Context and then waits, loops, calls or starts goroutines in a
// way that cancelling the context cannot stop.
//
// # Analyzer ctxdone
//
// ctxdone: report waits, loops, calls and goroutines that ignore the context a function was given
//
// A context is how a Go caller says "stop": when it is cancelled (the
// client went away, the deadline passed, the server is shutting down),
// every wait made on its behalf should end and return ctx.Err(). A function
// that takes a ctx and then blocks on something that does not look at it
// keeps the caller, its goroutine and its resources pinned after the
// cancellation, often forever. This is asyncio's "task that does not handle
// CancelledError": in Go, cancellation is only delivered where the code
// selects on ctx.Done() or hands ctx to a callee.
//
// A context is "accepted" when a caller handed it over: a context.Context
// parameter, r.Context() of an *http.Request parameter, a captured ctx in a
// closure, or a context-typed struct field the function reads (s.ctx). A
// context made in the same function from context.Background or
// context.TODO, and one detached with context.WithoutCancel, is not
// accepted: it cannot be cancelled from outside (ctxtimeout deals with
// those). A struct-field context counts for selects and loops only: the
// plain waits of a long-lived object are usually ended by another of its
// goroutines that watches the context.
//
// The pass reports five things.
//
// A select with no way out on cancellation. A select with no default case,
// no case on ctx.Done() (or a channel derived from it), no timer case and
// no case on a channel that can end the wait:
//
//	for {
//		select {
//		case ev := <-s.events:
//			s.apply(ev)
//		case s.acks <- n:
//		}
//	}
//
// Add the case:
//
//	case <-ctx.Done():
//		return ctx.Err()
//
// A case is evidence of a way out, and the select is not reported, when it
// receives from ctx.Done() of any context, from a timer (time.After,
// time.Tick, a Timer's or Ticker's C), or from a channel that is closed
// somewhere in the package (a done channel closed in a defer). Weaker
// signs are accepted only in a function that observes its context
// somewhere else: a channel named like a stop signal (done, quit, stop,
// closing, shutdown, exit), a channel that escapes to code that may close
// it (an exported field, a parameter of an exported function), or a
// channel that a goroutine observing a context sends on or closes (errc <-
// srv.Serve(ctx)). A function that accepts a context promises to honour
// it; when it never looks at it, "someone may close this channel" is not
// evidence, and the select is reported:
//
//	func (s *Stream) Next(ctx context.Context) int {
//		select { // s.quit is closed by no one in this package
//		case v := <-s.events:
//			return v
//		case <-s.quit:
//			return 0
//		}
//	}
//
// A plain wait that ignores the context. A channel send or receive, a
// sync.WaitGroup or errgroup Wait, or a time.Sleep in a loop:
//
//	res := make(chan int)
//	go func() { res <- compute(<-jobs) }()
//	return <-res // the caller's ctx cannot end this
//
// Select on the wait and ctx.Done(), and give the worker a buffer of one or
// its own ctx.Done() case so that it can finish when nobody receives:
//
//	res := make(chan int, 1)
//	go func() {
//		select {
//		case j := <-jobs:
//			res <- compute(j)
//		case <-ctx.Done():
//		}
//	}()
//	select {
//	case v := <-res:
//		return v, nil
//	case <-ctx.Done():
//		return 0, ctx.Err()
//	}
//
// A send that takes a slot of a semaphore is a wait too: a buffered
// channel that nothing closes, sent a constant (struct{}{}) and given back
// by a receive in the same function, a closure of it or a function it
// defers:
//
//	l.slots <- struct{}{} // waits while every slot is held
//	defer func() { <-l.slots }()
//
// Put the send in a select with ctx.Done(). Not reported when every
// release runs in a goroutine (or closure) that observes a context: the
// slot holders take the context along, cancelling it ends their work and
// frees a slot, so the acquire waits no longer than one of them. That
// includes a goroutine started per item that acquires and releases the
// slot itself: its holders are its sibling instances, doing the same
// ctx-aware work.
//
// No wait is reported on a path where ctx.Done() was found nil (if ch :=
// ctx.Done(); ch != nil { ... } else { time.Sleep(d) }): that context can
// never be cancelled.
//
// Nor is a wait, select, loop or call reached only after ctx is done: a
// point dominated by a receive from ctx.Done(), by the body of a select
// case on ctx.Done(), or by the branch where ctx.Err() (or
// context.Cause(ctx)) is not nil. There observing ctx again would return at
// once, and the wait is the clean-up cancellation asked for:
//
//	case <-ctx.Done():
//		conn.destroy()
//		<-runDone // waits for the goroutine it just stopped
//		return ctx.Err()
//
// Only ctx itself counts: a child context (WithTimeout(ctx, d)) can be
// done on its own timeout while ctx is still live.
//
// A call to a helper that waits on every path through it (a sleep, a send
// or a receive, as the blocking summary says, across packages through its
// fact) is reported at the call when it is not handed a context and sits
// in a loop that never observes the context: a retry loop whose back-off
// helper sleeps minutes keeps going after cancellation. A loop that checks
// ctx.Err() each iteration is not reported: it notices within one wait.
//
// A join (wg.Wait, an errgroup's Wait) on goroutines started elsewhere is
// reported when the function checks the context (ctx.Err(), ctx.Done())
// only after it: the author expects cancellation there, and the join
// cannot see it. Run the join in a goroutine that closes a channel and
// select on that channel and ctx.Done(). A group made by
// errgroup.WithContext is not reported: its workers get a derived context.
// Nor is a join whose goroutines the package's wake model knows (the
// functions that call Done) when each of them ends without a context's
// help, every wait of it having a timer or a channel the package closes
// as a way out: a Stop(ctx) that closes its loops' quit channel and joins
// them waits no longer than they take to see it. A worker whose only way
// out is a ctx.Done() does not count: it was started elsewhere, with a
// context that need not be this one.
//
// Channel operations are reported only when the analysis can see the whole
// channel: a local unbuffered make that does not escape, never closed, whose
// other side is only in goroutines that can themselves wait forever on
// something else and never observe a context (or there is no other side at
// all, and the channel is made in the package: one that only arrives
// through a field or a parameter, such as a test's lock-step hook set by
// the package's tests, was made by code the package does not show, which
// keeps the other end: wake.Model.Unwakeable decides, as for
// goroutineleak's one-sided channels). The other side's waits on a channel the function itself sends on
// do not count: a server loop's wait for the next request is fed by the
// request the function sent before it waits for the reply (a request
// carrying its reply channel), nor do the other side's waits that can only
// come after its own operation on the channel (a runner that sends "started"
// and only then waits for the process to exit). WaitGroup and errgroup waits are reported
// when every goroutine of
// the group started in the function waits without bound and never observes
// a context. A goroutine's receive (or select) that a close in the package
// can end is not such a wait: workers ranging over a jobs channel that the
// function closes after its feeding loop end when it does, and the join
// waits for no more than the jobs in hand; so do workers that call a
// function ranging over the channel they hand it (wg.Go(func() {
// c.dump(output) }), close(output), wg.Wait(): kopia's index inspect),
// when that channel is one make that its function closes, or a closure
// kept in a variable whose every wait is a receive from a channel it
// captures that its maker closes (worker := func() { for h := range jobs
// { ... } }; go func() { defer wg.Done(); worker() }(): go-header's
// deleteParallel). Nor is a read, write or accept
// on a connection the goroutine sets a deadline on (SetReadDeadline before
// Read): time bounds it; nor is one sleep outside the goroutine's loops (a
// settle delay between two reads: telegraf's test gather), which ends by
// itself. time.Sleep is reported only in a loop: one
// pause outside any loop delays cancellation by its own length, which the
// author chose (a throttle after a Nack, a final sleep before exit, a
// delay the request asked for), and ends by itself; repeated, pauses add
// up without bound (a sleeping helper called in such a loop is reported at
// the call, below). In a loop it is reported unless its duration is
// known to be under one second: a constant, or a value whose range the
// pass bounds (a jitter of time.Duration(rand.IntN(100)) *
// time.Millisecond or of rand.Float64() times a constant, a back-off
// capped with min(d, 500*time.Millisecond), a pause grown from a retry
// counter tested before each increment, time.Duration(retry*10) *
// time.Millisecond in for retry := 0; retry < 12; retry++: ssax's
// counter bound), or under ten seconds in a
// loop that looks at the context in its body (a back-off capped by a
// comparison, if d > max { d = max }, as net/http's accept loop does, with
// a ctx.Done() check on its permanent-error path), or it sleeps in a loop every
// way round of which observes the context (a retry loop whose request
// takes ctx: waitexit.EveryCycleObserves) for a pause the loop does not
// grow itself (not derived by its own arithmetic from a value it carries,
// such as a back-off doubled each round: Loop.GrownInLoop; a pause that a
// retrier, a policy function or a user's error callback picks from the
// retry count is that callee's configured choice): cancellation is then
// noticed within one pause, whose length the caller configures. The call
// that picks the pause does not count as observing, though it is handed
// ctx (wait, ok := retrier.Retry(ctx, n); time.Sleep(wait)): a retrier
// that ignores ctx keeps picking pauses, and a way round whose only
// observation is that call stays reported. A retry
// branch that only sleeps and goes round again (no connection yet)
// observes nothing on that way round and stays reported. Nor does
// handing ctx to the request count when the loop leaves only once that
// request succeeds (its boolean result true, or its error nil, on every
// way out: waitexit.Loop.ExitsOnlyOnSuccess): once ctx is cancelled every
// attempt fails, and the loop sleeps and retries forever (lasso's health
// check, for { if h.ping(ctx) { return }; time.Sleep(15 * time.Second) }).
// The message says so; check ctx.Err() after a failure.
//
// A context nothing can cancel is not reported on: when every context
// the function accepts comes, through every call of it that the package
// shows (the function is unexported and never used as a value, or a
// closure), through the contexts its closures capture and through further
// such callers, only from context.Background(), context.TODO() or values
// derived from them without a cancel or a deadline
// (ctxflow.CanBeCancelledUnless), its waits ignore a context that never
// ends: a shutdown step whose only caller passes context.Background(), a
// connection handler started by a listener that its only caller runs with
// the context.Background() it made (remotedialer's proxy). One caller
// with a context it can cancel brings the reports back.
//
// A loop with no way out. A loop that no path leaves for a return (it has
// no exit, or its exits from the body only lead to panics; its own end, a
// range exhausted or a condition turned false, counts even when a panic
// follows, as in a Must helper that ranges over its errors and then
// panics; a loop nested in another, whose end leads back into the outer
// loop, is left for the outer one to be judged) and whose body never calls
// ctx.Err(), never receives from ctx.Done() and never passes a context to
// a call:
//
//	t := time.NewTicker(time.Second)
//	for {
//		<-t.C
//		s.flush()
//	}
//
// Put the ticker in a select with ctx.Done() and return from there. A
// range over a channel that is never closed never ends either, however
// its exit looks: a Timer's or Ticker's C (the runtime never closes them),
// or a channel made in the package that nothing closes and that does not
// escape (for range ticker.C { ... }). A loop that contains an already
// reported wait is not reported again.
//
// A call to an API that has a context-taking variant while a context is at
// hand, when the call waits without a bound itself (the blocking summary
// classifies it as a dial, an HTTP exchange, a database round trip, a
// process wait or a helper that waits on every path, and no Timeout of a
// local dialer or client it goes through bounds it), or its result is
// handed in the function to such a wait (http.NewRequest's request to
// client.Do, exec.Command's command to Run, through locals, their fields
// and the closures that capture them) and can carry the variant's context
// there (a struct with a context.Context field: an *http.Request, an
// *exec.Cmd; a *tls.Config from NewTLSConfigWithContext cannot, the
// context having served its construction only). A call that does not wait and
// whose result waits nowhere in the function is not reported: a
// constructor whose value goes elsewhere (a job that attaches its own
// context when it runs), a config reader whose variant only passes ctx on
// (prometheus/common's NewTLSConfig), a dial through a dialer whose Timeout
// is set. Examples: (*sql.DB).Query instead of QueryContext, Exec instead of
// ExecContext, exec.Command instead of exec.CommandContext, http.NewRequest
// instead of http.NewRequestWithContext, net.Dial instead of
// (&net.Dialer{}).DialContext, and generally any function or method M whose
// package or receiver type also has MContext, MWithContext or MCtx taking a
// context first, then M's parameters, and returning M's results. The
// variant is found through go/types, so it works for any package with no
// table. A suggested fix rewrites M(args) to MContext(ctx, args) when the
// context can be named at the call (a parameter or a captured variable,
// or r.Context() in an HTTP handler). A closure sees the contexts of the
// functions around it. Not reported: functions with no results
// ((*slog.Logger).Info vs InfoContext uses the context for values, not to
// stop a wait), a result that is given the context before use
// (req = req.WithContext(ctx), req.Cancel = ctx.Done(), also in a
// variable that a closure captures and reads back), a request sent
// only by clients whose Timeout is set (a local one, also one a closure
// uses through a captured variable, or a package-level one
// that the package's initializer sets so: the exchange ends within it,
// cancelled or not), a call in a
// deferred clean-up (defer M(...), or a closure run only by defer: it runs
// as the function returns, often because ctx was cancelled, and the
// variant handed ctx would skip the clean-up), a call that does not wait
// and whose result the function keeps beyond the call (in a field of its
// receiver, a global, a value it returns or a variable a goroutine it
// starts captures: the variant would tie the result to ctx, and
// exec.CommandContext kills a process meant to outlive the start-up
// context), a connect of a Unix socket (net.Dial, net.DialTimeout or
// (*net.Dialer).Dial on a constant Unix network, or on a variable or field
// in a branch taken only when it equals one: switch c.proto { case "unix":
// net.Dial(c.proto, c.addr) }), which the kernel queues or refuses at once
// (a TLS dial over one is reported: its handshake waits on the peer), so
// does a TCP connect to this machine (a loopback address, or an empty
// host, ":"+port, which Dial takes as the local system: kwok's port
// forward), a
// method call on a connection, or on a value made from one
// (tls.Client(raw, conf).Handshake()), that the function closes once ctx
// is done (a goroutine that closes raw on <-ctx.Done(), or
// context.AfterFunc(ctx, func() { raw.Close() }): cancelling ctx does end
// the wait, ctxflow.ClosedOnDone), and
// a call to an API of the caller's own package: a package
// that calls its own Wait with its own WaitContext in view chose it (a
// batch that must be complete
// before it is recycled), while a call to another package's API is
// reported.
//
// The fix is offered only when the variant is a drop-in. A variant returns
// as soon as its context is cancelled, and may leave the work it started
// running; if that work writes into memory the caller handed over and
// reads afterwards, swapping in the variant adds a data race. The
// criterion: no argument other than the receiver is a pointer, slice or
// map that is used again after the call. Otherwise the finding names the
// variant and the argument but offers no fix:
//
//	buf := make([]byte, 8)
//	Fill(buf)     // FillContext may return while still writing into buf
//	return buf[0] // reported, no fix
//
// A goroutine started with the context that never observes it. A go
// statement whose closure captures the accepted ctx, or whose function is
// passed it, when that function never calls Done or Err, never passes a
// context on, and can wait without bound. The function started is a
// closure, a function, or a function value that internal/callees resolves
// to one candidate (an unexported field whose every store is in the
// package):
//
//	go worker(ctx, jobs) // worker ranges over jobs and ignores ctx
//
// Functions in other packages are judged through a fact exported for every
// function that takes a context, never observes it and can wait. A read,
// write or accept on a connection that the starting function closes once
// ctx is done (go func() { <-ctx.Done(); conn.Close() }(), or
// context.AfterFunc(ctx, ...)) is not counted: cancelling ctx ends it,
// though the goroutine never looks at ctx. Nor is a Serve, Accept, read or
// write on a listener or connection held in a field or a package variable
// that another function of the package closes (a CleanUp or Stop method
// that calls s.ln.Close()): the package ends that wait as it ends a
// receive from a channel it closes, and ctx is then only the base context
// of what the goroutine serves. A Close in the goroutine itself, after
// the wait, is no way out. A closure that captures a context object of a
// concrete type (a framework's context that implements context.Context and
// carries the runtime's state) only to reach its fields (go func() {
// c.workers.Wait(); close(done) }() in c's Shutdown) is not started with a
// context: it never uses c as one (ctxflow.UsedOnlyAsStruct); reading a
// value of c, or handing c on, is using it as a context.
//
// Observing a context means calling ctx.Err(), receiving from ctx.Done()
// (plainly or in a select), passing a context to any call (or an
// *http.Request built with one: client.Do(req) is handed req's context,
// and cancelling it ends the call), or handing its
// Done channel on (storing, passing or sending it); a callee that takes the
// context is presumed to honour it, so a blocking call that is handed ctx
// is never reported.
//
// Not reported: test code, that is functions in _test.go files and
// packages that exist only for tests: an element of the import path is
// testing, testutil(s) or testhelper(s) (also with a separator:
// test-helper), or ends in "_testing", "test" (grpc_testing, httptest,
// e2etest), "mock" or "mocks" (gomock, a mock server's downloader); or a non-test file imports
// "testing" (only a test can hand it a testing.TB) or a module's test
// helper by that criterion (benchmark drivers, interop clients and mocks
// import the test services they drive), or the package is a command under
// a test or tests directory (a test driver program) or under a path
// element one of whose words begins with bench (a benchmark driver:
// benchmark/worker, benchkit-backend). Tests block on purpose, and go
// test -timeout bounds them. A package made only of _test.go files (a
// bug kernel) is a program of its own: its functions that are not tests
// and take no *testing.T or testing.TB (the kernel's workers) are code
// and are reported. Example programs (a path element example(s),
// _examples, sample(s) or _samples, or an Example function) are not
// reported either: a demo that a person runs and stops, as the other
// passes treat it (on the held-out sets such findings were judged false
// positives, the demo standard); code with no accepted context, such as
// main.main with a signal.NotifyContext of its own (the pass reads main
// packages like any other); a select with a default case; waits bounded
// by a timer.
//
// Sleeps: one outside any loop is accepted (it ends by itself); in a
// loop, a pause known to be under 1s (a constant, a bounded random
// jitter, a min with a short cap) is accepted, and one under 10s inside a
// loop that observes the context on every iteration (a polling loop
// notices cancellation within one pause).
//
// Known limits: any deadline set on a connection (SetReadDeadline too)
// bounds all its I/O in that function, writes included; a close on
// cancellation is seen only in the function that starts the goroutine
// (or closures in it), on the value it passes or captures; a wait after
// ctx.Done() of a second load of the same struct field is taken as after
// ctx's, though the field may have been reassigned in between. The
// channel model is intraprocedural and may-alias, so a
// receive from a channel that is closed anywhere, by a goroutine that may
// itself never finish, is accepted; channels that escape are accepted in
// a function that observes its context elsewhere (passing it to any call
// counts); a sender that selects on ctx.Done() rescues its receiver even
// though the receiver then waits forever; calls that block through
// interfaces or function values are not followed; a semaphore acquired
// through a helper (l.acquire()) is not seen, only the bare send; calls
// to functions that block without taking the context are reported in
// place only inside a loop that never observes it (a single such call is
// reported only when it is the body of a goroutine started with the
// context); a sleeping helper in a loop that does check the context is
// accepted whatever its pause; a struct-field context is in scope only in functions that read
// the field; a listener or connection field closed anywhere in the package
// ends the waits on that field of every object of the struct type, whether
// or not that Close is ever called.
//
// Silence a finding with a //conclint:ignore ctxdone <reason> comment.
package ctxdone
