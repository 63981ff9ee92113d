// Package goroutineleak defines an Analyzer that reports goroutines that
// can block forever on a channel or a sync primitive because the function
// that started them can return without doing its half of the exchange.
//
// # Analyzer goroutineleak
//
// goroutineleak: report goroutines that can block forever on a channel or sync primitive whose other end may never come
//
// A goroutine is a task that nobody awaits by default. When it sends a
// result on an unbuffered channel and the function that started it has
// already returned (a timeout, ctx.Done(), an early error return, the
// first of several results), the send waits forever: the goroutine, its
// stack and everything it references leak. The same happens to a
// goroutine that receives from, or ranges over, a channel its owner
// forgets to close on some path. This is the Go form of asyncio's "task
// never awaited" and "timeout fires, the task keeps running".
//
// The pass reasons about the owner: the function that makes a channel and
// starts goroutines sharing it. For each goroutine it uses a summary of
// its body (a closure or a named function or method, in this package or,
// through facts, in another): how many plain sends it makes on each
// channel it gets, whether it waits to receive (once, or in a range loop
// until close), whether its sends sit in a select with another way out,
// whether every send lies in a loop (it sends until something stops it),
// whether it closes the channel or hands it on. A call of a helper that
// only hands the channel to goroutines it starts and returns
// (watchNext(next, ch), whose body is go func() { out <- next() }()) is a
// start too, in this package or through the helper's fact: the owner's
// path counts it as a goroutine, not as a send of its own.
//
// Abandoned sender. Along every path from the make to a return, the pass
// adds the sends of the goroutines started and subtracts the receives
// made; a return reached with more values pending than the buffer holds is
// a leak:
//
//	ch := make(chan int)
//	go func() { ch <- work() }() // blocks forever after the timeout
//	select {
//	case v := <-ch:
//		return v, nil
//	case <-ctx.Done():
//		return 0, ctx.Err()
//	}
//
// Only paths a run can take count (wake.Model.Impossible): not the
// non-nil branch of an error that a call cannot return (if err :=
// f.flush(); err != nil { return err }, where flush returns nil on every
// return: noreturn's SucceedsFact), nor a select case on a channel
// nothing can wake, nor the closed exit of a range over a channel
// nothing closes.
//
// When the owner does receive on the way to that return, but fewer times
// than the goroutines can send beyond the buffer (first error wins: three
// senders, one receive, a buffer of one), the message says how many
// receives the return comes after and how many values the goroutines can
// send. A receive in a select's case counts on the returns its case
// leads to. For goroutines started one per loop iteration, the return
// the message names is one after a receive when there is one (the first
// answer taken, the rest left: the path a run takes), rather than a
// timeout's return that takes nothing (vouch's "first" strategies). A
// goroutine started in a branch that an index test takes in one
// iteration only (if i+1 == len(cmds), the index moving by a constant
// step and the other side the same on every iteration: cfg.OnceEdge) is
// one goroutine per run of the loop, not one per iteration.
//
// The function of a time.AfterFunc whose timer is dropped (nothing can
// Stop it) is such a goroutine too: it runs on its own once the duration
// has passed, and a send there on an unbuffered channel that the caller
// stopped receiving from blocks it forever (a deadline that fires after a
// poll succeeded). A timer the caller keeps and stops (defer t.Stop())
// is not judged: its function runs only if it fired first.
//
// The finding sits at the goroutine's first send on the channel; its
// other plain sends there are related positions (a handler that fails on
// two branches blocks in whichever it takes), and the return it names
// says when the owner reaches it only once its context is done.
//
// A sender is not reported when the owner closes the channel as it
// returns (a deferred close registered before the go statement): a send
// still pending then panics (send on closed channel), it does not block.
//
// A receive in a select case counts on the path through that case only,
// including a case with an empty body that falls through to code the
// other cases share (go/ssa gives such a case no block of its own; its
// receive is counted on the case's edge):
//
//	select {
//	case <-done:
//	case <-timer.C:
//		log.Errorf("timed out") // then returns: the worker's send blocks
//	}
//
// Buffer the channel to the number of senders (a suggested fix is offered
// when the make is local and the count is known: the most sends the
// goroutines can make, so none is offered for a goroutine that sends in a
// loop) or give the send a ctx.Done() case:
//
//	ch := make(chan int, 1)
//	go func() { ch <- work() }() // always finds room
//
// A goroutine is reported only for a return that it can still be running
// at (reachable from its go statement): goroutines started after the
// last return that leaves values behind are not, and the message names a
// return that follows the goroutine's start, along a path that decides
// its branches consistently (cfg.ConsistentPath): a goroutine started
// under a test (if !json || (preview && !stream)) whose only reader runs
// under the same test, decided again before the return, leaves nothing
// behind. Conditions are compared by value: the same SSA value, a field
// of it, a comparison of such operands, or a load from a local written
// once where it is made (a struct parameter's fields); a value redefined
// by a loop is a new value on the next iteration. Where several
// goroutines share the channel, the count itself is kept path by path
// along such consistent paths (cfg.ConsistentCount), stopping where a
// loop makes a new channel: two readers started under !stateless and
// after it, received from under !stateless and right after the second
// start, leave the first behind only at a return between its start and
// its receive, and that is the return the message names. On that count
// a goroutine started at most once per way round its loop counts where it
// starts, and the path follows the way round: a select case on a timer's
// channel fires once per arming (time.NewTimer, Reset; a helper that
// returns a timer whose value it took, t := time.NewTimer(0); <-t.C;
// return t, never fires), so a run restarted by a timer armed only after
// the previous run's error was taken (mediamtx's static source handler)
// leaves at most one run, whose error the return takes unless the loop is
// between runs; a first timer armed already can start a second run while
// the first goes on, and is reported. The same count catches an
// early return between the spawn and the receive, and the "first error wins" fan-in: goroutines started in a loop
// and a receive loop that returns on the first error it receives. A
// constant buffer is not presumed sized to a loop of goroutines: a buffer
// of one for one goroutine per task leaves all but two blocked when the
// first result is all the owner takes; a loop with a constant trip count
// is counted (three goroutines, a buffer of three: silent), a range over
// a slice literal or an array too (one resolver per family of
// []string{"udp4", "udp6"}, a buffer of two: silent).
//
// A goroutine that sends in a loop on a channel that a goroutine closes
// (the range protocol: every plain send it makes lies in a loop, and the
// consumer takes every value only by receiving until the close) is left
// blocked by an owner that leaves its receive loop any other way: a
// return on the value it looked for, a break, a select on another
// channel. A producer with a send outside its loops (an error or result
// sent on the way out, which a consumer may stop at) is not counted so,
// nor is one whose owner has a second loop that receives until the close
// (a drain on the error path: which paths reach it depends on values,
// if err != nil { for range results {} }, that the count does not follow).
// A send in a loop that a close of the channel follows on every way back
// to it (if first { loaded <- err; close(loaded) }) blocks at most once: a
// second run panics on the closed channel (spawn's once-sends; dapr's
// jwkscache, whose buffer of one then holds it). So does a send in a loop
// that a flag guards: it lies past the false branch of a test of a
// boolean the loop carries, every way from the send back to that test
// sets the flag, and nothing clears it (if won { continue }; won = true;
// winner <- c: netbird's race dialer, whose buffer of one holds it).
//
//	for _, x := range xs { ch <- x }; close(ch) // in the goroutine
//	for v := range ch { if v > limit { return v } } // the rest never sent
//
// Abandoned pipeline (category abandoned-pipeline). The same range
// protocol between two goroutines the owner starts (go statements,
// WaitGroup.Go or errgroup's Go) on a channel it makes and does not touch
// again: the producer sends in a loop, with no select, and closes the
// channel when done; the consumer, the only receiver, ranges over it and
// can return before the close (on the error of one value). Its next send
// blocks the producer forever, and a Wait for the two never returns. Send
// in a select on the group's context (the errgroup pipeline's form), or
// drain the channel before the consumer returns. A consumer that keeps the
// error and goes on receiving, drains the channel before it returns, or
// leaves on a count it keeps (n++; if n == len(ids)) is not reported;
// neither goroutine may be started in a loop, and the buffer must be a
// constant. The consumer's receive may be one case of a select with no
// default (a batcher that also flushes on a timer, juniper's BatchFunc):
// then the returns it reaches from that case's body count (a failed
// flush after a value), not those of the select's other cases (a stop
// channel the owner may close only once the producer is done). The
// channel may also be kept in a struct the owner makes and reached
// through its field, when both goroutines load it from that value
// (moby#21233's pull: tr := &transfer{progress: make(chan P)}; go
// tr.run(); go watch(tr), where watch returns on a failed write), and
// the receiver-quits rule below reads it the same way.
//
//	g.Go(func() error { defer close(items); for _, id := range ids { items <- fetch(id) }; return nil })
//	g.Go(func() error { for it := range items { if err := use(it); err != nil { return err } }; return nil })
//
// The owner's side of it: the owner feeds the channel with plain sends in
// a loop and closes it, and every goroutine that receives from it (the
// workers of a pool) ranges over it and can return before the close.
// Once each has quit on an error, the owner blocks forever in its next
// send. Let the workers keep the error and go on receiving, or select the
// send on a done channel that a failure closes. The buffer is a constant,
// or one slot per worker: make(chan T, n) for workers started in a loop
// run n times (for range n, i < n, the same value or the same field path
// read again), which holds n values once the workers have quit, however
// many are sent; a feed loop run the same n times fits in it and is not
// reported, nor is a buffer sized otherwise at run time (len(items)).
//
//	for i := 0; i < n; i++ { go worker(jobs, errs) } // returns on its first error
//	for _, j := range batch { jobs <- j }            // blocks once every worker has quit
//
// The consumer may also be a function the owner hands the channel to
// (wake.Model.CalleeStopsEarly): the owner starts the producer, which
// sends in a loop and closes the channel, and calls consume(ch), which
// ranges over it and can return from inside its loop (gnark's NewWitness
// and its witness's Fill). The call takes some values, not all, and the
// owner's return after it leaves the producer blocked. The callee is
// followed through its own calls and closures, and an interface method
// whose one implementation the package shows counts too; a callee that
// stops only after a value that matched a constant tag (the stream's
// end) does not. When the callee reports each early stop with an error
// and returns the nil constant only once its range loop has ended, the
// owner's branch on a nil error received everything:
//
//	go func() { defer close(values); for _, x := range xs { values <- x } }()
//	if err := w.fill(values); err != nil { // fill returns on a bad value
//		return nil, err // the producer blocks in its next send
//	}
//
// The same holds for a channel the owner keeps in a struct it makes and
// hands to a helper that ranges over the field (wake.Model.HelperStopsEarly;
// moby#21233's pull progress: p := &pull{updates: make(chan progress)};
// go p.run(); return show(p), where show returns on a failed write and
// run blocks in its next send on p.updates).
//
// Abandoned receiver. A goroutine that receives from a channel (or ranges
// over it) that only its owner sends on or closes, when the owner has a
// path to a return that neither sends nor closes (for a range: does not
// close). Close it in a defer. A path that first receives from another
// channel whose every send and close the goroutine makes after it last
// touches the first (its error, reported once its range is over) is not
// such a path: the goroutine no longer waits.
//
// Producer with no consumer exit. A function returns a channel that a
// goroutine it started fills in a loop with plain sends: a consumer that
// stops early leaves the producer blocked. Take a context and select on
// ctx.Done() (or a done channel) in the producer.
//
// When every consumer is in the package (the function is unexported, only
// called, never used as a value nor reached through an interface), the
// consumers are checked instead (wake.DrainedToClose): the producer is
// silent when, at every call, every path from the call keeps receiving
// from the result until it sees the channel closed (the closed exit of a
// range or of a comma-ok receive, in a select or not, and a nil test of a
// channel variable that only the closed path sets to nil), or hands the
// channel to a goroutine or function that does so from its entry. A
// consumer that returns, breaks out of its loop, sets the variable to nil
// before the close or calls the producer again is the evidence that
// leaves the finding in place; a consumer that hands the channel to code
// the walk cannot follow (a function of another package, a function
// value, a field) is no evidence either way, and a producer with no stop
// in view is silent (wake.KnownConsumerStops). That holds for an exported
// producer too: its consumers are its importers, and a generator whose
// every consumer drains it is not a leak (the held-out sets' false
// positives: netlink's ParseAttributes, podman's GetBlobAt reached through
// an interface, whose consumers keep a drain-everything contract). The
// package exports a ProducerFact on it instead, and each importer judges
// its own calls (wake.Model.ConsumerStop): a call whose consumer stops
// receiving before the close, or drops the channel, is reported at the
// call, with the producer's send named and the stop as related position
// (swarmkit's watch API handler returning while store.WatchFrom still
// sends). In a function that runs once per process only a call in a loop
// is. A consumer that returns once it has received from another channel
// the producer returns, which the producer sends on or closes only once it
// is done with the one it fills (its error, sent as it returns, or a
// deferred close: wake.Model.LastWord; cgroups' EventChan and containerd's
// oom watcher), stops after the producer did. A test of a package with
// production code that stops early is no
// evidence (test scaffolding, below: swarmkit's CallbackWatch, whose
// tests stop reading while its production callers hand the channel on).
// Nor is a consumer that nothing shows runs (wake.Evidence: an unexported
// function that nothing calls, hands on or starts, such as x/build's
// disabled _WatchPod): dead code stops nothing. A consumer's
// return on the producer's error is no stop when the producer hands out
// no channel with an error (return nil, err: podman's getBlobAt; the
// fact carries it for an importer):
//
//	func squares(n int) <-chan int { ... } // unexported: all consumers known
//
//	for v := range squares(n) { // receives until the close: silent
//		sum += v
//	}
//
// A forwarding stage is not reported either when no consumer in view
// stops early: a producer that loops receiving from a source until the
// source is closed, where the source is a channel parameter of the
// function (its caller holds it) or what a call handed a context derived
// from the function's own context parameter returned, and that closes
// the channel when it ends (wake.ForwardsCallerSource). Its caller ends
// the source, by closing it or by cancelling, and the contract is to end
// the source and drain to the close, as a watch API documents it:
//
//	func WatchKey(ctx context.Context, w Watcher, key string) <-chan string {
//		events := w.Watch(ctx, key) // closed once ctx ends
//		out := make(chan string, 10)
//		go func() {
//			defer close(out)
//			for ev := range events {
//				out <- ev.Key // silent: cancel, then drain out
//			}
//		}()
//		return out
//	}
//
// The same stage over a source no context of the caller's ends (a
// subscription) stays reported.
//
// A stage that sends only what it receives (the value, a field of it, a
// struct literal that holds it: StampedEvent{Event: e, Seq: n};
// wake.ForwardsReceived) passes on its source's protocol, and a consumer
// that stops right after a value that matched a constant tag, before the
// next receive (if e.Type == CancelEvent { return }), stops where a
// source that sends its terminal value last ends: that stop is no
// evidence against the stage. The same stop on the channel of a producer
// that makes the values itself is evidence: a source that sends a
// failure event and goes on is reported.
//
//	for e := range stamp(events) { // stamp forwards events: silent
//		if e.Type == CancelEvent {
//			return
//		}
//	}
//
// Channels in struct fields. A method that makes a channel into an
// unexported field (s.results = make(chan T)), starts a goroutine that
// uses the field (a closure, or go s.produce()) and receives from it is
// judged like a local channel, with the same three categories:
//
//	func (f *fetcher) fetch(ctx context.Context) (int, error) {
//		f.results = make(chan int) // make(chan int, 1) fixes it
//		go f.produce()             // f.results <- f.work()
//		select {
//		case v := <-f.results:
//			return v, nil
//		case <-ctx.Done():
//			return 0, ctx.Err()
//		}
//	}
//
// This needs ownership to be clear within the method: the field holds
// only that make in the whole package, the channel escapes nowhere, and
// every send, receive or close of it is in the method, in the body of a
// goroutine it starts, or in a helper it calls, through the same value's
// field. A helper (q.add(v), defer q.finish()) is a function or method of
// the package that the method hands the value to, that loads the field
// from that parameter, and that nothing else calls (an exported method
// that calls it lets other code close the channel: silent); it counts as
// its send, receive or close at the call. A helper that hands the value
// on to another one is not followed.
//
// Blocked on a sync primitive (category blocked-sync). A goroutine that
// waits on a WaitGroup, a Cond or a Mutex that its owner made, when the
// owner can return without the counterpart:
//
//	var wg sync.WaitGroup
//	wg.Add(len(items))
//	go func() { wg.Wait(); close(out) }() // blocks forever
//	for _, it := range items {
//		if err := check(it); err != nil {
//			return err // the rest of the workers never start
//		}
//		go func() { defer wg.Done(); out <- work(it) }()
//	}
//
// Count with wg.Add(1) just before each go statement, after anything that
// can fail, or release what was counted (defer wg.Done()) on the error
// path. For WaitGroup the pass looks for a path through an Add, then the
// waiter's go statement, to a return on which no Done runs and no
// goroutine that calls Done is started; a loop that starts such
// goroutines is taken to start one per count, so only a return inside it,
// before its go statement, is the early exit. For Cond: a goroutine whose
// Wait runs on every path, or whose wait loop reads only local variables
// of the owner (in every condition that leaves it, their len or cap too:
// for len(items) == 0 && !closed), and an owner path from the spawn to a return with no
// Signal or Broadcast and no write to those variables; broadcast in a
// defer. A lost wakeup: a Cond kept in a struct field, waited on in a
// loop that a boolean field of the struct ends (for len(q.items) == 0 &&
// !q.closed { q.cond.Wait() }), and a function of the package that sets
// that field to its ending value (q.closed = true) with no Signal or
// Broadcast of that Cond anywhere in it or in the package's functions it
// calls: the waiters are not woken by it. A function that wakes the Cond
// on some paths is not judged on the paths that skip it (they often have
// no waiter: nats' Conn.close signals only the subscriptions a goroutine
// waits for), except the waiting function itself when it wakes the Cond
// too, as a barrier's participants wake each other: a path from its store
// to a return without a wake (an aborting participant that returns
// without the Broadcast the last arrival makes; a deferred Broadcast
// covers every path) is reported. A waiting function that wakes nobody
// may be the only waiter, and a store into a struct the function makes is
// not counted. Nor is a helper whose every caller (all of them known)
// wakes the Cond on every path after calling it, itself or in its own
// callers, two levels up (RecvData calls recvDataOrderedLocked, which
// sets eof, directly and through processOOOPacketsLocked, then
// broadcasts under the same lock): the waiters see the flag when the
// caller wakes them; a caller that can return without the wake keeps the
// report. Nor is a wait whose function starts a goroutine of its own that
// wakes the Cond (go func() { <-ctx.Done(); q.cond.Broadcast() }()): the
// waiter has arranged its own wakeup, and its wait ends with its
// context, as a wait with a ctx.Done() case does.
// Signal for Broadcast: a function that sets such a flag to its ending
// value (g.opened = true) and wakes the Cond only with Signal, when the
// flag is a latch (the waiting function never sets it back) and no
// waiter passes the wakeup on, wakes one waiter; the others sleep on
// although their condition holds. Reported when the waiting function is
// exported (any number of goroutines may wait in it), with a fix:
// Broadcast. A token that the one woken waiter takes (t.ready = false
// after its loop) is Signal's case and is not reported.
// A stuck flag: a function that sets such a flag to the value that keeps
// the waiters waiting (c.loading = true), is the package's only function
// that sets it back, and can return without doing so (a failed load that
// returns its error): every later wait for the flag blocks forever. One
// that sets it back in a deferred call, or leaves that to another
// function (a finish callback a loader calls), is not reported.
// A skipped flag, the Cond form of the field signal: a wait loop whose
// only way out is such a flag (for !p.activated { p.cond.Wait() }: no
// other condition, no return inside), when one function is the only one
// that sets it to its ending value, never sets it back, and can return
// without setting it, by the field signal's rules of what is a skip (not
// a branch on the object's own state; a return that hands its caller an
// error only when its path records something the waiter reads after its
// loop, p.err = err with return p.err after the loop, moby#30408): a
// Broadcast on that path only sends the waiters back to Wait. A loop that
// also ends on the failure (for !p.activated && p.err == nil) is not
// reported. A condition checked before the lock (moby#29733): a Wait on a
// Cond field made once, not in a loop, after a branch on the same
// struct's state read before the Cond's lock was taken (if !p.activated
// { p.cond.L.Lock(); p.cond.Wait() }), with no branch between the Lock
// and the Wait, when a function that wakes the Cond (in the counterpart
// model) stores a field the branch read: it can store and wake between
// the check and the Lock, and the Wait misses that wakeup. Check under
// the lock, in a loop around Wait. A check repeated under the lock, one
// made with a lock held, or of a field no waker stores is not reported.
// For Mutex: a local mutex (var mu sync.Mutex) that the owner
// holds when it starts a goroutine that locks it first thing, and still
// holds at a return: nothing can unlock it any more; defer mu.Unlock().
// The finding points at the Wait or Lock in the goroutine (at the go
// statement when the waiting body is a named function, through the
// WaitsFact of internal/groups), with the go statement, the Add or Lock
// and the return as related information.
//
// One-sided channel (category one-sided-channel). A receive from (or a
// range over) a channel that nothing in the package sends on or closes, a
// send on an unbuffered channel that nothing receives from, a select none
// of whose cases anything can wake, a Cond.Wait on a Cond that nothing
// signals or broadcasts. A function's sends (or receives) on one such
// channel make one finding, at the first, with the others related:
//
//	type gate struct{ ready chan struct{} }
//
//	func newGate(f func()) *gate {
//		g := &gate{ready: make(chan struct{})}
//		go func() { <-g.ready; f() }() // nothing ever closes g.ready
//		return g
//	}
//
// These are queries over the counterpart model (internal/wake): the wait's
// wakes are all known (the channel is made in the package, escapes
// nowhere, and a channel handed to a callee or a goroutine is followed
// through the parameter it is bound to) and there is none. A getter that
// returns the same field on every return (func (b *buf) Get() <-chan T {
// return b.c }) yields that field at every call, exported or not; what
// its callers in other packages may do is the direction it returns (a
// receive-only channel cannot be sent on or closed there, grpc#1275).
// What a _test.go file declares is exported to nobody when its directory
// has no external test package (package p_test): only the package's own
// tests can call it (a bug kernel written as one test file). A channel field
// that nothing in the package ever sets (unexported, of a struct the
// package declares, its address only ever loaded from: no store, no struct
// literal naming it, no &s.ch handed on) is nil in every value, and a send
// or receive on it blocks forever (wake.Model.NilField): the constructor
// that forgot to make it. A select case on it is never taken. A wait is
// reported only with evidence that it runs (wake.Evidence): its function
// is started by a go statement, is main, init, a test binary's Test,
// Benchmark, Fuzz, Example or TestMain, is exported API outside _test.go
// files, or is called (directly, through a dynamic call the core
// resolves, or as a callback handed to a call) by a function that runs. A
// method that only implements an interface for code the package does not
// show, such as a test stub's hook that the tests never trigger, gives no
// evidence and stays silent. A receive that runs only after a test that
// the same channel's buffer holds a value (if len(ch) > 0, or
// n := len(ch); for i := 0; i < n; i++) takes what is buffered and waits
// for no one (chans.LenGuarded). A wait whose every wake is made by the
// waiting goroutine itself, only after that wait (go func() { <-done;
// work(); close(done) }(), a closure started once per call of the function
// that makes done), is reported too: no other goroutine can wake it
// (wake.Model.WokenOnlyBySelfAfter).
//
// Receive after every value was taken (category over-receive). The owner
// receives from a channel it made and shares only with the goroutines it
// started, on some path from their start, more often than they can send
// in all (a one-shot result received twice; a result taken in a select
// and received again after it):
//
//	ch := make(chan int, 1)
//	go func() { ch <- fetch() }()
//	select {
//	case v := <-ch:
//		use(v)
//	case <-time.After(time.Second):
//	}
//	return <-ch // after the first case, nothing is left to receive
//
// The count is per path (cfg.MostBefore): receives on paths that exclude
// each other do not add up, and a receive on the select's timeout path is
// the first. Not judged: a goroutine that sends in a loop, closes the
// channel, sends in a select with other cases or receives too; an owner
// that sends, closes or hands the channel to a callee; receives in a loop.
//
// A timer's value received twice (category timer-received-twice). A
// time.Timer sends one value per arming (NewTimer, Reset). A blocking
// receive from t.C that some path reaches after the timer's value was
// already taken (a receive, a select case), with no t.Reset in between,
// waits forever. The usual form is the drain idiom after a select whose
// timer case fired: Stop returns false once the value was taken, and the
// drain waits for a second value that never comes:
//
//	for {
//		select {
//		case <-t.C:
//			flush()
//		case ev := <-events:
//			add(ev)
//		}
//		if !t.Stop() {
//			<-t.C // blocks forever after the first case
//		}
//		t.Reset(d)
//	}
//
// Re-arm the timer in its own case, record that it fired (if !fired &&
// !t.Stop()), or drain without waiting: select { case <-t.C: default: }
// (the suggested fix for the drain after Stop; since Go 1.23 a stopped
// timer holds no stale value, and t.Stop() alone is enough). A helper
// of the package that drains its timer parameter before any Reset
// (resetTimer(t, d)) counts as the drain at its call. Only timers nothing
// else can re-arm are judged: one the function makes with time.NewTimer
// (or captures from the function that made it) and hands to nothing but
// its channel, Stop, Reset and such helpers; or an unexported field that
// no other function resets, replaces or hands on (a constructor filling a
// fresh struct aside). A timer shared with a method that may Reset it
// from another goroutine (a Kick) can be re-armed while the drain waits.
// Paths are decided consistently (cfg.ConsistentPath): a flag set in the
// timer's case and tested before the drain keeps that path out. A drain
// that a test of the buffer guards (if !t.Stop() && len(t.C) > 0 { <-t.C
// }, chans.LenGuarded) takes a value only when one is waiting and does
// not count.
//
// Send before the channel is shared (category unshared-send). A send on
// an unbuffered channel that the function made, on a path where nothing
// has handed the channel on yet: no goroutine was started with it, no
// call, store, closure, interface or return received it (errC :=
// make(chan error); if err != nil { errC <- err; return errC }). The
// sending goroutine is the only one that holds the channel, and it waits
// in the send, so nothing can ever receive (moby#33293). A channel kept in
// a variable that a closure captures lives in a cell, and the send goes
// through it: the closure that binds the cell is the hand-off, so an early
// send before the go func() { errC <- run() }() that would serve it is
// reported; a cell whose address is handed on counts as shared, and one
// also assigned another channel is not judged. A hand-off on an
// earlier round of a loop counts as before. The suggested fix buffers
// the channel by one when the send is the only such send and not in a
// loop.
//
// Mutual wait (category mutual-wait). The owner and a goroutine it starts
// each block, first, on an operation only the other completes, and the
// other makes it only later in its own sequence: both send first on
// unbuffered channels, then receive (a deadlock of the pair):
//
//	go func() { fromWorker <- x; use(<-toWorker) }()
//	toWorker <- x // the worker is blocked in its own send
//	use(<-fromWorker)
//
// The channels are the owner's, with a constant capacity, and only the
// owner and that goroutine use them, by plain sends, receives and closes.
// Both sequences are straight-line code (from the go statement, and from
// the goroutine's entry), run in lock step: a send on an unbuffered
// channel meets a receive, a buffered one fills up to its capacity, a
// receive takes a buffered value or sees a close. A branch, a select, a
// loop, a defer, another go statement or a wait on another channel ends a
// sequence, and nothing is claimed past it. Reported in main and tests
// too: the pair hangs whatever runs it. Two goroutines the owner starts
// (closures, each once, outside loops) are paired the same way, from
// their entries, on the channels only they use: two pumps that each send
// their greeting before taking the other's. Channels kept in unexported
// fields of one value that the owner shares with the goroutine it starts
// (go t.peer(), a method of the package) are paired too: t.out <- hello;
// <-t.in in the owner while peer sends on t.in first. A field counts when
// every send, receive and close of its channels in the package is in the
// owner or the goroutine's function, the field holds only channels made
// with one constant capacity, which escape nowhere, and both functions
// load it from that one value only.
//
// A WaitGroup's Wait is a mutual wait too when it joins a goroutine
// (wake.Model.WaitJoins: counted by an Add before its start, a deferred
// Done) that can return only through a plain receive from a channel
// (every way from its entry to a return passes it: a range over jobs, a
// receive before its work), and every wake of that channel (a send or a
// close, all known and all the owner's) is reachable from the goroutine's
// start only through the Wait, and none can come before the Wait (a
// queue filled and closed before the workers start is closed already). A
// goroutine that returns only once the
// channel is closed (a range whose exit leads to every return) waits for
// the close alone: jobs sent before the Wait do not end it, so the feed,
// then wg.Wait(), then close(jobs) deadlocks too (a worker handed the
// channel as a parameter is judged on the channel its go statement
// passes). The Wait in the loop that starts the workers, with the jobs
// fed and closed after the loop, is the common form:
//
//	for i := 0; i < n; i++ {
//		wg.Add(1)
//		go func() { defer wg.Done(); for j := range jobs { do(j) } }()
//		wg.Wait() // blocks forever: jobs is fed only after the loop
//	}
//
// A Wait per batch of goroutines that need nothing from the owner, or
// one after the feed, is not reported.
//
// The same order across methods: a Stop that waits for its workers (a
// WaitGroup kept in a field, an errgroup) before it closes the stop
// channel they wait for. A member of the Wait (a function whose deferred
// Done, or whose return for errgroup's Go, the Wait's wakes in the
// counterpart model name) counts when every way from its entry to its
// end passes a receive from one channel (wake.Model.ReturnGates: a plain
// receive, a select whose only way out is that case, or a call of a
// function the member runs, such as the task a runner was handed, that
// has one), and every wake of that channel is known and comes only after
// the Wait (wake.Model.WakesOnlyAfter): in the Wait's function after it
// on every path (a close deferred there runs at its return), or in a
// function that calls it, before the wake on every path (Stop calling
// Quiesce). One such member is enough: the Wait waits for all of them
// (cockroach#1055):
//
//	func (s *Stopper) Stop() {
//		s.wg.Wait() // blocks forever: the workers return on <-s.stopper
//		close(s.stopper)
//	}
//
// The channel may be a context's Done (wake.Model.CancelsOnlyAfter): a
// context made by context.WithCancel on a parent nothing can cancel
// (context.Background, TODO), kept in a field or a local, whose every
// cancel call (through the field or variable it is kept in, a deferred
// one included) comes after the Wait: `defer cancel()` then wg.Wait()
// for workers that return on <-ctx.Done(). A parent that can be
// cancelled (the caller's context) ends the workers with it, and is not
// reported: a Run that lasts as long as its context.
//
// Nor does a context that nothing can cancel at all (every chain of it
// rooted in context.Background or TODO, through fields and parameters
// whose values the package shows, and WithCancels whose cancel nothing
// calls: ctxflow.CanBeCancelledUnless) ever end a worker that returns
// only once it is done: the Wait for it blocks forever (cockroach#24808's
// compactor, which the stopper runs with context.Background(), so Stop
// waits for it forever). A parameter of a function literal handed to a
// runner (s.RunWorker(ctx, func(ctx context.Context) {...})) holds what
// the runner passes at its call, as the call that handed the literal
// over names it (callees.CallbackCalls). A gate held by a task that a
// shared runner may run among others is not judged: another caller's
// task may be the one this Wait waits for.
//
// A worker that can also end another way (its context's Done, a channel
// closed elsewhere, a Cancel method that closes the same channel) and a
// Stop that closes first and then waits are not reported.
//
// Stop, then join a sender: the owner receives in a loop from an
// unbuffered channel it makes and that only it receives from, fed by a
// goroutine it starts that sends with plain sends in a loop; the owner
// leaves that loop another way than the channel's close (a stop request),
// and then waits for the goroutine to end, with no receive of the channel
// after the wait. Once the goroutine has a value in hand it needs the
// owner to receive it, and the owner needs it to end (telebot's
// Bot.Start, whose poller checks its stop channel only between rounds):
//
//	go func() { poll(updates, stop); close(stopped) }() // poll: for { ...; updates <- u }
//	for {
//		select {
//		case u := <-updates:
//			handle(u)
//		case <-quit:
//			close(stop)
//			<-stopped // blocks forever while poll is sending
//			return
//		}
//	}
//
// The wait is a WaitGroup's or errgroup's Wait that joins the goroutine,
// or a plain receive from a channel the owner makes that only the
// goroutine closes, as it ends. The goroutine is started once, neither
// receives from nor closes the channel, makes no send on it in a select,
// and receives nothing the owner sends (a worker answering the owner's
// requests has no value in hand once the owner took the last answer); a
// loop the owner leaves on a count (n++; if n == len(ids)) is not
// judged. Drain the channel while waiting, or let the goroutine's send
// select on the stop signal.
//
// The mirror: a Wait (a WaitGroup's that WaitJoins proves, or an
// errgroup Group's for the functions given to its Go) that joins a
// goroutine making a plain send (in its body, or in a function of the
// package it calls with the channel) on an unbuffered channel the owner
// makes,
// when every receive of that channel is the owner's and reachable from
// the goroutine's start only through the Wait. Results collected after
// the Wait: the first goroutine to send blocks, so the Wait never returns.
// A goroutine that sends only on success blocks on that path. Buffer the
// channel to the number of goroutines, or receive while they run (close
// it from a goroutine that waits). A buffered channel is judged when its
// buffer can fill before the Wait returns, with plain sends only: one
// slot per goroutine (make(chan error, len(views)) for one goroutine per
// view, the loop counted by the same len) while one goroutine can send
// two values along one path (a failed delete, then a failed create); or
// a constant capacity, with the goroutines started in a loop whose trip
// count has no constant bound that fits (errc := make(chan error, 1) for
// one goroutine per server, each of which may fail; a range over a slice
// appended to 256 times and resliced by two fits a buffer of 256, through
// spawn.MaxLen), or one goroutine that
// can send more than it holds. Only the goroutines one Wait joins count (a
// loop that holds the start but not the Wait), and a goroutine's sends in
// a loop with a constant trip count count that many times (fifty
// goroutines of ten sends fit a buffer of five hundred). Senders that
// close the channel are not judged: a second send then panics, it does
// not wait. The acquire of a weighted semaphore's
// whole weight (sem.Acquire(ctx, n) on sem := semaphore.NewWeighted(n))
// joins the goroutines that release a unit in a deferred call, as a Wait
// does (wake.SemaphoreJoins): a bounded pool's join. It returns when its
// context is cancelled, so the message says it waits until then; the
// senders stay blocked either way. A send in a select whose only
// other cases wait for a context's Done (case results <- s: case
// <-gctx.Done(): return gctx.Err()) counts too: the Wait then returns
// only once that context is cancelled (a failure of another goroutine,
// the caller's cancel), never with the results; a select with any other
// way out is not judged.
//
//	for _, t := range targets { g.Go(func() error { ...; results <- s; return nil }) }
//	if err := g.Wait(); err != nil { ... } // blocks forever
//	close(results)
//	for s := range results { ... }
//
// Receiver that quits without a word (category receiver-quits). The
// owner makes a channel and starts one goroutine that receives from it;
// that goroutine can return right after a value (on the error of handling
// it: a failed write), and on the way out it closes nothing, sends
// nothing, cancels nothing and calls no Done, so nobody learns that it is
// gone; the owner, or another goroutine it started, sends on the channel
// with plain sends in a loop. The next send blocks forever (podinfo's
// websocket echo: the handler keeps sending what it reads after the
// writer returned on a write error):
//
//	go writeEach(in, ws) // returns on its first failed write
//	for {
//		msg, err := read()
//		...
//		in <- msg // blocks forever once writeEach has returned
//	}
//
// Have the receiver close a done channel (deferred) that the sends select
// on, or keep receiving after the error. The receiver must be the only
// one, started once (not in a loop), by the owner of a channel with a
// constant buffer that reaches no code the model does not follow; its exit
// must come from the receive's own continuation (a select case on another
// channel, such as a quit the owner closes after its last send, is not
// one), not from a counted loop (for i := 0; i < n; i++), and, for a
// range, not from the close. A receiver that calls a function value or a
// function of the package that may wake someone is taken to tell; calls
// of other packages (the connection's write, a logger) are taken not to.
// A pipeline whose producer closes the channel is the abandoned-pipeline
// rule's, reported once.
//
// Goroutine that waits for itself (category self-join). A goroutine
// calls, on its own object, a function that waits for that goroutine to
// end: the read loop closes c.done (or calls c.wg.Done()) only as it
// returns, in a defer, and on a read error it calls c.Close, which waits
// for c.done (or c.wg.Wait()). Nothing else can end that wait, so the
// loop blocks forever, and so does everyone who waits for it:
//
//	func (c *conn) loop() {
//		defer close(c.done)
//		for {
//			if err := c.read(); err != nil {
//				c.Close() // blocks forever: Close waits for this loop
//				return
//			}
//		}
//	}
//	func (c *conn) Close() { c.once.Do(func() { close(c.quit); <-c.done }) }
//
// The goroutine is the function of a go statement; the object is one of
// its parameters or captured variables (its receiver, usually), and the
// call hands it on as it is (calls of the package, followed four deep,
// through methods, helpers, closures and the function a sync.Once runs).
// The wait is a plain receive, or a select whose every case receives such
// a channel, or a WaitGroup Wait. A channel counts when every send and
// close of it in the package is that one deferred close (a
// defer func() { close(c.done) }() counts too); a WaitGroup, when the
// goroutine's every Done on it is deferred (it counts in the group, so
// Wait cannot return before it does). A deferred call counts when it was
// registered after the deferred close or Done (defers run last in, first
// out). Not reported: a call in a new goroutine (go c.Close()), a wait
// with a timeout or another case, a close made before the call, and a
// call on another object of the same type (a node that stops its
// children: each child's own goroutine ends its wait). A call through an
// interface or a function value on another object (a callback of the
// connection's handler that closes the connection) is not followed, since
// the object it reaches cannot be told apart from another (wake.Model.
// SelfJoins).
//
// Skipped send (category skipped-send). A wait of the owner (a receive,
// or a select of receives with no other way out) on channels it makes,
// when every send and close of them is in the one goroutine it starts
// before the wait, and that goroutine can return without any of them (a
// campaign that sends only when it wins): on that path the owner waits
// forever.
//
//	go func() {
//		if try() {
//			elected <- id
//		}
//	}()
//	<-elected // blocks forever when try fails
//
// The same holds when a function of the package makes the channel,
// starts the goroutine and returns the channel, and the owner calls it
// once for the wait (for l := range t.lines(), where lines' goroutine
// returns on a failed open without closing): the index follows a channel
// through the results of a function whose every call it sees (unexported,
// not used as a value: chans.Result), so the goroutine is still the only
// one that can end the wait.
//
// A range (a receive until the close) counts only the close: when the
// goroutine that alone closes the channel also starts workers that send
// on it at most once each (no send on a cycle of their bodies, started
// only by go statements there), and it can return without sending or
// closing (on a cancelled context, before its close), the workers' last
// values come and the range waits forever (projectdiscovery's
// GetAnyAliveProxy: each probe cancels the context once it has sent, dead
// or alive, so when every proxy is dead the producer returns before its
// close). A deferred close, or workers that send in a loop, keep it
// silent (skippedclose.go). A receive that runs only once the buffer
// holds a value (if len(ch) > 0 { err := <-ch }: chans.LenGuarded) takes
// that value and does not wait (troubleshoot's listenErr).
//
// A wait the owner reaches only after a comma-ok receive (or select case)
// found another channel closed and empty, where that receive is the
// other channel's only one and the goroutine alone sends on and closes
// it, is not left waiting on a path the goroutine takes only after it
// sent on the other channel: the owner took that value and never comes
// to the wait. The goroutine tells the paths by a flag set only after
// such a send (cfg.FlagEdges). This is the winner-or-error protocol:
//
//	go func() {
//		var won bool
//		for r := range results { if r.err == nil && !won { won = true; winner <- r.conn } }
//		if !won { errc <- errNone } // skipped only once winner was sent on
//		close(winner)
//	}()
//	if c, ok := <-winner; !ok { return nil, <-errc } // reached only when nothing was sent
//
// A flag also set where nothing is sent on the other channel keeps the
// finding.
//
// Two ways out of the goroutine's loop come only after a send, and a
// path that avoids every send cannot take them: the close of a channel
// the goroutine ranges over, when every close of it is the owner's and
// comes where the owner can no longer reach the wait (a worker answering
// the owner's requests, for r := range reqs { resps <- do(r) }, with
// close(reqs) after the owner's last receive of resps); and the test of a
// loop that runs a constant number of times, at least once, and sends on
// every round (for i := 0; i < 3; i++ { out <- v(i) } read by three
// receives). A counted loop that sends on some rounds only keeps the
// finding.
//
// A goroutine that gives up its send also skips it: a blocking select
// that sends in one case and in another receives from a context's Done
// (or from a stop channel, which is only ever closed) lets the goroutine
// pass without waking the owner, and the owner, which does not watch
// that context, waits forever once it is done:
//
//	go func() {
//		select {
//		case ch <- fetch():
//		case <-ctx.Done(): // the goroutine gives up
//		}
//	}()
//	return <-ch // blocks forever once ctx is done: select on ctx.Done() here too
//
// A context that nothing can cancel before the wait (its parent is
// Background and its only cancel comes after the wait:
// wake.Model.CancelsOnlyAfter), a stop channel closed only after it
// (wake.Model.WakesOnlyAfter), a give-up case that still sends, a
// deferred close, and a select with a default case (it skips only when
// the buffer already holds a value) keep it silent (giveup.go).
//
// Its field form: a wait on a channel kept in a struct field whose every
// send is in such a select, in goroutines the package starts (no
// exported way to call them), each giving up and then returning, and
// nothing closes the channel: once the context is done no send comes
// again, and a wait that does not watch it blocks forever (grpc#1275: a
// stream's Read after its RPC was cancelled). A wait that selects on the
// context too, a deliverer that closes the channel as it returns, and a
// send in an exported method (a caller may still push) keep it silent.
//
// A test of a captured variable that holds the channel until the
// goroutine has sent (first := make(chan struct{}); go func() { for { if
// first != nil { first <- struct{}{}; first = nil }; ... } }(); <-first,
// mox's session ticket refresher) is not taken on its nil side before a
// send: the variable is written once before the go statement, with the
// channel, captured by no other closure, and written in the goroutine
// only after a send on every path (spawn.StartValueEdges). A goroutine
// that clears it before it sends, or whose send waits on more than the
// variable, keeps the finding.
//
// Send (or close) on every path, or defer the close. Not reported: a
// goroutine started in a loop or more than once, a body also called
// directly, a channel made anew per iteration or that the package's
// index cannot tell from another one (a field of a type several
// functions fill, a worker's parameter other calls bind), a deferred
// send or close, a path that panics or ends the process, and code of
// _test.go files (a test that waits for its own mock server, which
// returns early on an error, hangs; go test's timeout reports it with
// every stack: the tune half's nats tests).
//
// A signal kept in a field is judged the same way across methods (also
// category skipped-send): a plain receive (or a select whose other cases
// nothing can wake) on a channel in a struct field, when the package only
// closes it, at one place in one function, and that function has a path
// from its entry to a return with no close. A wait that starts once the
// function has returned that way blocks forever: Kubernetes' CRD
// registration controller, whose Run returns when the caches fail to sync
// before it closes the channel WaitForInitialSync waits on.
//
//	func (c *controller) Run(stop <-chan struct{}) {
//		if !cache.WaitForCacheSync(stop, c.synced) {
//			return // c.ready stays open
//		}
//		close(c.ready)
//		<-stop
//	}
//
//	func (c *controller) WaitForInitialSync() { <-c.ready } // blocks forever
//
// The closing function is the goroutine or method whose execution runs
// the close; a function that closes on every path (a helper markReady, a
// deferred closure) passes the question to its caller when all its
// callers are known and lie in one function. Close on every path (defer
// the close), or give the wait another case (a context, a stop channel).
// Only a return that skips the close silently counts: one with no error
// result, or one whose error result is nil (it reports success). A return
// that hands its caller a non-nil error (a Join or a Listen that failed)
// tells the caller the signal will not come, and a program gives up on
// the object there (olric's routing table and server, added187), unless
// the failing path records the outcome in a field that the waiting
// function reads once its wait is over (c.err = err; return err, with
// <-c.ready; return c.err): the failure was meant for the waiter too,
// and the waiter never gets past the receive to read it. The
// finding names the first such return; the others are related positions.
// Not reported: a channel that another function of the package, or code
// outside it (an exported field), can close or send on; a return decided
// by the object's own state (if s.closed { return }, if
// !s.stopped.CompareAndSwap(false, true) { return }, if _, ok :=
// h.subs[s]; ok: an earlier call closed it, or there is nothing to
// signal) or taken once a receive found the channel closed (select { case
// <-s.done: default: close(s.done) }); a range or comma-ok receive (a
// stream's values, not a signal); a wait in the closing function itself,
// in a test file or in code that runs once per process.
//
// Unanswered request (category unanswered-request). A client that makes
// a reply channel, puts it in a field of a request, sends the request to
// a server loop and waits for the answer with a plain receive, when the
// only sends and closes of that field's channels are the server's, on
// the request it received, and a path from that receive comes back for
// the next request (or returns) without answering: the client waits
// forever.
//
//	for r := range s.reqs {
//		v, ok := s.m[r.key]
//		if !ok {
//			continue // r.reply is never answered
//		}
//		r.reply <- v
//	}
//
// Answer on every path (an error value, a close). Not reported: a server
// that hands the request or its reply channel to anything (a call, a
// goroutine, a store, another channel: whoever gets it may answer), a
// field whose channels several functions answer on, a client that sends
// its request on a channel the server does not receive from, a client
// whose wait is a select with another case, a return reached only on
// paths that contradict themselves, and tests (a test's own server).
//
// Send blind to stop (category stop-blind-send). A goroutine's loop that
// leaves when a stop channel is closed (a select case on a channel the
// package only closes), but only in its select, while it also sends,
// outside that select, on an unbuffered channel the package hands out and
// never reads itself (a Samples() accessor returns it): once the owner
// closes stop and the reader is gone, the goroutine blocks in the send
// forever and never sees stop.
//
//	case <-t.C:
//		p.out <- p.fetch() // blocks forever once the reader left
//
// Select on stop around the send too. A buffered channel (a queue), or
// one the package reads itself, is not reported; nor is a goroutine
// started by a function that runs once per process, or by a _test.go
// file's code. A package whose only reads of the channel are its
// callers' requests counts as handing it out (onDemandReads: each read
// one receive, not in a loop, in an exported function or method that no
// go statement starts and whose name does not end an object's life,
// such as func (w *watcher) Next() int { return <-w.result }): once the
// caller calls Stop and stops asking, nothing reads. A Stop or Close
// that reads the channel drains it.
//
// The same send with no stop at all, in an object whose Stop does not
// reach it (same category): a goroutine's loop sends with a plain send on
// an unbuffered channel that the function starting it makes, stores in a
// field of a struct type the package declares, and hands out (an Events()
// accessor), when that type has a method that ends an object's life
// (Close, Stop, as for never-ends below) and nothing in the package reads
// the channel or closes it outside the goroutine. A reader stops reading
// once it has called Stop (a watch.Interface's contract), and the value
// the loop holds then is never taken (wake.Model.EndedHolders):
//
//	out := make(chan Event)
//	go func() {
//		for ev := range inner.ResultChan() {
//			out <- ev // blocks forever once the reader called Stop
//		}
//	}()
//	return &watcher{inner: inner, events: out} // Stop stops only inner
//
// Drain the channel in Stop (for range w.events {}) or select the send on
// a channel Stop closes. A type with no such method gives no sign that
// its readers stop early and is the producer rule's question above.
//
// The receiving mirror (same category): the loop sees stop only in a
// select (often a poll with a default), and waits outside it in a plain
// receive from a channel that nothing closes and whose every sender is a
// select that also waits on the same stop channel (a Notify that gives
// up once the watcher is stopped): after the close, nothing comes, and
// the goroutine waits in the receive forever, never back at its check.
//
//	select { case <-w.done: return; default: }
//	ev := <-w.events // Notify selects on w.done: after Stop, no event comes
//
// Receive in the select on stop.
//
// The stop may also be a context the package makes with WithCancel and
// cancels itself (a Stop that calls w.cancel()): its Done closes then
// (wake.Model.CancelSites). A context the caller passes is the caller's
// business, and not judged. And the goroutine need not loop (same
// category): one that waits once, in a select that gives up on the stop,
// and after another case sends, outside any select, on an unbuffered
// channel it hands out, blocks in that send once the stop comes after the
// case was taken (kubernetes#25331's watch, whose error result is sent
// after Stop):
//
//	select {
//	case err := <-wc.errChan:
//		wc.resultChan <- toEvent(err) // blocks forever once the reader stopped
//	case <-wc.ctx.Done():
//	}
//
// In a package made only of _test.go files (a bug kernel), a channel that
// nothing in the package reads counts as handed out, and the kernel's
// test starting the kernel's own goroutine counts as its program doing
// so.
//
// Goroutine that never ends (category never-ends). A goroutine whose loop
// comes back forever to a channel wait: a range over a channel that
// nothing closes (a ticker's channel, time.Tick, is never closed: Stop
// does not close it), a for/select whose only way out is a case on a
// channel nothing wakes, a for loop with no exit at all, started by code
// that runs per object or per request (a constructor, a method, a
// handler): every call leaves one more goroutine running, with no Close or
// Stop that reaches it:
//
//	func newRefresher() *refresher {
//		r := &refresher{}
//		t := time.NewTicker(time.Second)
//		go func() {
//			for range t.C { r.refresh() } // never ends
//		}()
//		return r
//	}
//
// Give the loop a stop case (case <-r.stop: return) that a Close method
// closes. A loop with no exit whose select has a case on ctx.Done() that
// does not leave (case <-ctx.Done(): ticker.Stop(), with no return) spins
// once ctx is cancelled, as that case is then ready every time; the
// message says so.
//
// A loop whose only ways out lie past a receive of another value (for
// msg := range s.outbound { if err := write(msg); err != nil { return } },
// on a channel nothing closes: wake.Model.DataGatedWait) waits there
// forever once the values stop. It is reported only when the object has
// a method that ends its life and does not reach the goroutine (a Close
// that closes the connection but not outbound): the goroutine outlives
// its object. A method that sends on the channel, itself or through the
// functions it calls, reaches the goroutine (wake.Model.SentFrom): a Stop
// that sends each worker the nil it returns on ends the loop.
//
// Such a loop is reported only where the package shows its owner let go
// while the process runs (wake.Discarded): the object the goroutine
// serves (the receiver of the starting method, what the closure captures,
// the type the constructor returns) has a method that ends its life
// (Close, Stop, Shutdown, Terminate, Disconnect, Release, Dispose,
// Destroy, Quit, Teardown, or the same unexported: an internal logger's
// shutdown that its client's Shutdown calls) which does not reach the
// goroutine; the
// starter serves a request (*http.Request, http.ResponseWriter, net.Conn),
// is called in a loop, from two places, or both called and handed on as a
// value; the object is kept in a package-level registry that other code
// removes it from, or in a map held in a field of the package's struct
// that some function deletes from or clears (a hub's subscriptions, whose
// cancel deletes the entry but leaves the pump running; also when the
// entry is the subscriber's channel itself, b.subs[id] = ch with go func()
// { for m := range ch { ... } }(), and nothing closes the map's channels:
// a close through a lookup or a range of the map, close(b.subs[id]),
// reaches every channel stored in it, and ends the loop), or whose key the
// starter stores there and hands the goroutine (go l.keepAlive(id) after
// l.leases[id] = ttl, where Revoke deletes l.leases[id]); or everything the goroutine takes from its starter was
// made by that call and is kept by nothing else (a ticker the call stops,
// a channel only the call reads), so that the goroutine outlives the call
// it served; or the goroutine takes a ticker or timer that its starter
// made and stops (t := time.NewTicker(d); defer t.Stop(); go func() { for
// range t.C { s.sample() } }()): the starter ends the ticking with the
// call, Stop does not close t.C, and the loop waits forever, whatever
// else it takes from the call (wake.Discarded, stoppedTicker). Without such evidence a loop that never ends is a service the
// package means to run for the life of the process (a metrics ticker
// started by a component's constructor, a cache's janitor, a limiter's
// refill loop, a type with no Close at all): the package gives no way to
// end it, and its users keep one per process. On the held-out sets of the
// seventh to tenth sessions such findings were 22 of 30 judged false
// positives; of the eight risks, four had a Close or a close case that
// does not reach the goroutine, and four (fiber's stores, moby's trust
// provider) were weak: types with no Close (docs/evaluation.md). The model decides which control-flow edges can be taken (the
// "closed" exit of a receive loop on a channel nothing closes, a select
// case on a channel nothing wakes cannot) and whether the goroutine's body,
// through the functions of the package it calls, can reach a return.
// Process-lifetime goroutines stay silent: those started by main.main,
// init or a test binary's TestMain, by an unexported function that only
// they call outside loops, by a function the process runs at most once
// (one used only as the function of Do on a package-level sync.Once,
// wherever Do is called: initOnce.Do(func() { go refreshClock() })), or
// whose loop waits only on package-level channels (one service goroutine
// per process, such as a package's event loop behind a sync.Once). A
// Once that is a field of an object runs once per object, and a function
// also called directly runs per call: both stay reported. In package main, which nothing imports, a go
// statement outside loops in a function that runs at most once per
// process is process-lifetime too (wake.SpawnedOnce): every known caller
// calls it outside a loop from such a function, and a function that
// library code calls back (a command's Run function, a closure kept in a
// command table) counts as once unless it serves a request (a parameter
// of type *http.Request, http.ResponseWriter or net.Conn) or is a method
// that only an interface call the package does not show reaches. The
// same goroutine started per loop iteration or per request is reported.
// A command's action in a CLI framework is process-lifetime in any
// package (wake.CommandAction): a function with a parameter of the
// framework's invocation type (*cobra.Command, *cli.Context of urfave/cli
// v1 and v2, *cli.Command of v3, *kingpin.ParseContext,
// *fisk.ParseContext, *kong.Context) is the body of the one command the
// process was invoked with, wherever the command tree is declared (cobra
// commands usually live in package cmd, not main), unless the package
// calls it in a loop; what it calls outside loops is process-lifetime
// too. So is a function that parses the process's own flags (flag.Parse)
// or reads its arguments (os.Args[1:], os.Args[i] for i >= 1, or os.Args
// handed to a parser; not os.Args[0], the program's name), directly or
// through a helper of its package it calls (wake.ParsesCommandLine): only
// a program's entry does that, whatever its name (containerd's RunShim,
// rootlesskit's Child and Parent, which re-execute the program with
// os.Args[1:]). So is a function that installs the process's signal
// handlers (os/signal's Notify or NotifyContext, itself or through a
// function it calls, of its package or of another that carries
// noreturn's HandlesSignalsFact: knative's queue-proxy Main, whose
// signals.NewContext may run once per process). So is a function that
// may replace the process with another program (syscall.Exec or
// x/sys/unix's Exec, directly or through a helper of its package:
// wake.ReplacesProcess): a library call inside a
// long-running process never may, as it would end that process (lima's
// instance.Start, which execs the host agent in limactl start's foreground
// mode). So is the Start of a Runnable the package hands to a
// controller-runtime manager's Add outside loops (wake.ManagerRunnable:
// mgr.Add(upgrade.New(mgr))): the manager starts each of its runnables
// once and cancels Start's context only as it stops, with the process,
// so a goroutine Start abandons when that context is done is one, at
// shutdown (gatekeeper's upgrade manager). One runnable added per
// iteration of a loop, or a Start nothing hands to a manager, stays
// reported. A call from the package's own _test.go
// files does not make a process-lifetime function per-call: it is test
// scaffolding.
//
// An internal package's starter is judged by its importers: when the
// goroutine that never ends is started, outside loops, from the package's
// exported functions only (no receiver, not used as a value: Start(),
// RunApp(ctx)), the package exports a StartsForeverFact on them instead
// of reporting (wake.Model.ImporterEntries). Only the module's own
// packages can import an internal package, so they are analyzed too: a
// call from main, init, a command's action or a helper only they call
// (wake.Model.SpawnedOnce) starts one goroutine for the process and is
// silent; a call that runs per request or per iteration is reported at
// the call ("call of pump.Run starts a goroutine (by pump.startFlusher)
// that never ends ..."); an internal importer's own entries carry the fact
// on; a test's call is scaffolding, in the importers and in the internal
// package's own tests (a benchmark that calls Start per round does not
// make Start a leak of the package). A method of an internal package's
// type starts one goroutine per object and stays reported where it is.
//
// Any package's per-call finding is settled over the whole run when the
// standalone driver runs the pass (internal/percall; go vet and
// golangci-lint see one package at a time and print it as before): a
// goroutine that a function abandons on a channel it makes outside its
// loops, or starts outside its loops and never stops, is one goroutine
// per call of the function. When every path to the function comes,
// outside loops, from the package's exported functions or methods
// (wake.Model.CallerEntries: Listen of a listener, Start of a service),
// only the callers can tell one goroutine for the process from one per
// request, so the pass marks those entries (PerCallFact) and each
// importer in the run records how it calls them: once per process (from
// main, init, a command's action, outside loops: wake.Model.SpawnedOnce),
// more often (in a loop, in a closure handed on as a handler or a
// callback, from code whose callers are unknown; a closure called, started
// or handed to a runner that runs it once, errgroup's Go, WaitGroup.Go or
// Once.Do, directly or as the result of a function whose every call does
// so, g.Go(startServer(ctx)), runs once), or once per call of its
// own exported entries, which their callers judge in turn. A function
// literal on the way that runs once per run of the function it is
// declared in (a goroutine a constructor starts to build a component:
// wake.Model.OncePerParentRun) is called as often as that function, and
// its callers judge it; a literal handed on as a value (a builder given
// to a registry) is not. Calls of an entry from its own package (a
// command's action beside the exported flow it runs) are recorded too,
// as an importer's would be. The driver
// drops the finding when the calls in the run settle it as once per
// process: some call is known and none runs more often. A library
// analyzed alone (nothing in the run calls its API) keeps its findings,
// and so does a program analyzed without its main packages: run
// conclint ./... on the module to let main speak. Calls from tests and
// example programs say nothing about the program and are not recorded.
//
// A call through an interface counts as a call of each entry it may run:
// each candidate of the call resolver (the types the value may hold, or
// the implementations in view) that carries the fact, and, since an
// importer cannot name a method of an unexported type, each
// entry that its package converts to that interface (a factory returning
// its unexported listener as a Listener: PerCallInterfacesFact). A
// goroutine that never ends (a ticker loop, a loop that serves its
// channel) is a worker, not waste: start-up code that starts one per
// element of its configuration (a call in a range over a slice or map
// that hands the element, or a value made from it, to the call:
// spawn.PerElement) starts a bounded number, once, and that settles it
// like a call from main. A goroutine left blocked is one more per element,
// and a loop that repeats the same start (for range n, an element left
// unused) is one more per round: both stay reported. So one listener per
// configured address, built by a router's start-up through a factory and
// an interface, is silent when the program's main is in the run.
//
// A function that runs once per process (ProcessLifetime) is not
// reported for the goroutines it abandons on a channel it makes outside
// its loops (a loader's goroutine left on its send when the wait for it
// times out): that is one goroutine for the rest of the run, not one more
// per call. The same function called in a loop (once per plugin, per
// argument), or a channel made per iteration of its own loop, stays
// reported. In a main package an exported function is no API (no other
// package can import it), so its calls in view are all of them: rqlited's
// HandleSignals, which main calls once, runs once per process.
//
// Nor is a sender left behind by a return that hands a failure to callers
// that all end the process on it (noreturn's EndsProcessAt: every call of
// the function is known, tests the error, and on a failure exits with
// os.Exit or log.Fatal, or returns a failure to such a caller): the
// sender ends with the process a moment later. A caller that logs the
// failure and tries again keeps the finding.
//
// A set-up function's goroutine serves the package (wake.SetUpService):
// a package-level function that takes nothing (no receiver, no
// parameters: StartUpdater()) starts a goroutine that takes nothing from
// the call either (a closure with no free variables, or a function given
// constants and package-level values); such a function is called by the
// program's start-up, usually in another package the analysis cannot see.
// The package must agree: it does not use the function as a value, calls
// it outside loops and at most once per caller, and only from set-up code
// (main, init, or another function that takes nothing). The same function
// called by a method or a handler, or in a loop, stays reported. A
// goroutine that can end the process (its body, or a function on the way
// down to its loop, calls os.Exit, log.Fatal or a helper that always
// ends in one) supervises the process, however it is started (a prefork
// child watching its parent): it is meant to live until it ends the
// process, and stays silent (wake.EndsProcess); the same watch that only
// logs stays reported.
//
// Deprecated functions are not reported: a function (or a literal in
// one) whose doc comment has a paragraph that begins "Deprecated: " (the
// Go convention gopls and staticcheck read) is being retired by its
// authors, who send callers elsewhere; a finding would ask them to repair
// it rather than remove it (go-ycsb's ConcurrentMap.Iter, mongo-driver's
// assert.Soon: docs/evaluation.md, "Fifteenth session"). A function that
// only mentions deprecation elsewhere in its doc stays reported.
//
// Test scaffolding is not reported. In a package whose _test.go files
// test code that is not in them (the package has a file that is not a
// test, or is an external package p_test), a goroutine that a test, a
// test helper or a mock of those files starts (a go statement's body, or a
// function handed to WaitGroup.Go or errgroup's Go) and leaves blocked, or
// running forever (the package's never-ending worker, started by a test
// for each case: fixchain's TestPostServer), parks until the test binary
// exits: it neither hangs nor
// fails the test, and it is not code the module ships (goleak reports it
// where a module wants that). On real modules such findings were harmless
// almost without exception (docs/evaluation.md, "Test scaffolding"). What
// stays reported in those files: a wait on the test's own goroutine (the
// test hangs): in a test or a helper it calls, or in a closure that it
// calls itself or hands to t.Run; a closure handed anywhere else (a
// library's "run this command" function, a callback) runs where the callee
// decides, and is the scaffolding's. A test or a helper of those files
// that returns and leaves a goroutine blocked on a channel it made is not
// reported either, even when the goroutine runs the package's own code
// (a test takes the one value it checks from the package's reader and
// returns): the abandoning is the test's choreography, and the same
// reader abandoned by the package's own code stays reported. Any other
// wait in the package's own files (one nothing can wake, one its own
// functions abandon) stays reported, whoever started the goroutine,
// unless only the tests can run that code: a fake kept in a non-test file (a fake clock that
// only _test.go files make, a helper only they call; passutil.TestReach,
// a reachability closure from the package's exported API, init and main)
// is scaffolding too, and so is a function given a test's handle (a
// *testing.T, B or F or a testing.TB parameter, an interface named
// TestingT that the package declares, or a runner embedding one: a shared test suite kept
// in a non-test file), which only a test binary runs. That needs the package's tests in view, as go vet
// and conclint analyze a package that has tests (its test variant);
// analyzed without them (-tests=false), such a fake is dead code and is
// reported. Example programs (an import path element example, examples,
// _examples, sample or samples: documentation written as a program) are
// treated alike: a goroutine the demo starts and leaves blocked parks
// until the person running it stops it, and is not reported; a wait on
// the demo's own goroutine hangs the demo and stays reported.
//
// A package made only of _test.go files (a bug kernel, an integration-test
// directory) is a program of its own and its tests are analyzed as code.
// Its functions that are not tests (not a test function or a closure of
// one, no *testing.T, B, F or testing.TB parameter: a kernel's types and
// workers) are judged like those of a production file by every check,
// the skipped send, the unanswered request and the lost wakeup too, which
// leave a test's own wait to go test's timeout. The tests themselves are judged with two
// rules for what a test leaves parked there on purpose. A test's
// own choreography is not reported: a closure that a test
// function (TestXxx, BenchmarkXxx, FuzzXxx, ExampleXxx of a _test.go file, or a
// suite's TestXxx method that takes nothing) starts
// with its own go statement, left parked on a channel the same test
// function made (go func(o chan bool) { l.Serve(); o <- true }(o) with no
// <-o). The leak is real but the test's: one goroutine parked until the
// test binary exits, which neither hangs nor fails the test (goleak
// reports it where a module wants that). It stays reported when the code
// under test takes part: the blocked goroutine is a function or method of
// the package (a bug kernel's worker), the channel comes from the code
// under test (a field, a result), or the test's own goroutine is the one
// that blocks (the test hangs). The same holds for a test's own closure
// that never ends (a loop over a mock clock's ticker): it idles until the
// test binary exits; a function or method of the package that a test
// starts and that never ends stays reported. This costs recall on kernels written
// entirely as closures inside one test function.
//
// A goroutine that never ends is not reported when the function that
// starts it never returns either (a blocking reporter that ranges forever
// over the channel its own ticker goroutine feeds: the goroutine lives as
// long as the call; a server's entry whose every error exits the process,
// as (*http.Server).Serve and ListenAndServe return only with an error:
// rolesanywhere-credential-helper's Serve, added205), nor when a package-level flag guards its go
// statement, the guarded code sets it, and nothing in the package resets
// it (if !arbiter.started { arbiter.started = true; go arbiter.tick() }: a
// hand-written sync.Once, wake.Model.StartedOnceByFlag), or the atomic
// form (if !started.CompareAndSwap(false, true) { return }; go tick(), on
// a package-level atomic.Bool or integer that nothing else stores to); a
// flag that something resets stays reported. Nor when the goroutine runs a method of
// an object that the starting function stores in a package-level registry
// (a sync.Map, a map) from which nothing in the package ever removes an
// entry (go b.refresh(); factories.Store(key, b): one per key, kept for the
// process, wake.Model.RetainedForProcess), or a closure that captures it,
// or when the starter returns the object and every caller (all known)
// stores the result in such a registry (a constructor behind
// WithThrottler(name), which caches one per name); a registry that forgets
// (Delete, delete, clear) drops the object but not its goroutine, and a
// constructor some caller keeps for itself starts one per call: both stay
// reported. A package-level variable that holds the package's one instance
// is a registry of one key: MemLayerInstance = initMemoryLayer(size) in
// dgraph's posting.Init, when only that setter sets the variable (besides
// the package's initializer and its tests), nothing resets or replaces
// it, and the setter does not look at the instance it replaces first (a
// reload that does expects to be called again: reported).
//
// Nor is a never-ending goroutine that example code starts (an Example
// function of a _test.go file, or a package under examples/): an example
// shows how to start a service for the life of the program (go
// metrics.Graphite(...)), and go test never runs an Example without an
// Output comment.
//
// In such a package, a test helper that leaves a sender unreceived only
// on a return that hands back a non-nil error is not reported: the error
// fails the calling test, and one goroutine parked on a failing run
// neither hangs nor fails it further (as a leak after t.Error is not). A
// helper that leaks on a return of a nil error, or of no error, stays
// reported. A helper kept in a non-test file is judged like production
// code: the package is also analyzed without its tests. So is a helper a
// call of which drops its error (go watch(tr); a test that calls it as a
// statement, or assigns its error to _): no test fails on that error. Nor
// is a helper one of whose calls fails the test when the error is nil
// (if err == nil { t.Fatal(...) }): that test passes on the error, which
// is the path it drives on purpose (grpc#862's kernel dials with a
// timeout and fails unless the dial times out).
//
// A package that exists only for tests (passutil.TestOnlyPackage: an
// import path element such as testutil, test-helper or one ending in
// test or mock(s), or a
// non-test file that imports "testing" or a module's test helper) is not
// analyzed outside its _test.go files: its fakes and mocks park
// goroutines that hang and fail nothing (an in-memory cluster provider's
// ticker loop that Shutdown stops but never ends). _test.go files, of any
// package, are analyzed as above.
//
// A worker that may skip its own Done (returns before it) is errgroupwait's
// skipped-done, reported at that return; here any goroutine that calls
// Done counts as releasing, so the same bug is reported once, there.
//
// A goroutine that receives from ctx.Done() where ctx can never be
// cancelled (every chain of it is rooted in context.Background or TODO,
// through WithValue and WithoutCancel only: ctxflow.CanBeCancelled, the
// context the goroutine captures or the argument its go statement passes)
// blocks there forever: Done of such a context is nil. So does a loop
// whose only way out (every return lies past it) is a select case on
// such a ctx.Done(). A context.WithCancel whose cancel function nothing in
// the package calls cancels nothing (ctxflow.CancelUncalled: the cancel is
// dropped, or only stored in an unexported field that no function of the
// package reads, as when a Stop closes its own channel and forgets
// h.cancel, or put into a map kept in such a field whose values no
// function of the package reads, as when a Revoke deletes the lease's
// cancel without calling it): derived from Background, its context can never be cancelled
// either. Reported as never-ends, under the same rules (silent when
// started once per process), with the WithCancel as a related position.
// Nor does a cancel function read back only by the goroutine itself, once
// the context is done (rows.awaitDone: <-ctx.Done(); rs.close(), where
// close, called from nowhere else, calls rs.cancel; cockroach#13755),
// when that goroutine is the context's only one (the WithCancel and the
// go statement in one function, outside its loops, the only start of
// the goroutine's function). Nor does a cancel function kept only in a
// field of an object that the starter makes, hands to the goroutine (which
// only reads the object's fields) and returns, when every call of the
// starter drops that result: no code can reach the object to call the
// method that cancels (a transaction begun and dropped without Rollback,
// cockroach#13197). A parent that is the caller's context keeps
// it cancellable, unless the package shows every call of the function
// (an unexported function, callees.Resolver.KnownCalls) and each passes
// a context that cannot be cancelled (cleanupWhenDone(ctx, f) called only
// with context.Background()): the parameter is what they pass. A context
// read back from an unexported field (<-s.ctx.Done()) is followed to the
// values the package stores into that field, when those are all it can
// hold (ctxflow.FieldStores: its address only stored through, no whole
// struct copied in).
//
// A result kept in a field (a job that one method starts and another
// awaits): a goroutine that sends on an unexported field's channel, made unbuffered everywhere, never closed and
// never escaping, when every receive from that field in the package is a
// select's case in a function (not the starter, not the goroutine) that
// can return through another case of that select (ctx.Done(), a
// timeout; a return before a plain receive is often guarded by state
// that says no sender runs, runtime/pprof's StopCPUProfile): once the
// waiter gives up, nothing takes the result (c.resultc <- c.compact() with
// Await returning on ctx.Done()). The send may lie in the goroutine's
// loop: a dispatcher that hands each reply to the request waiting for it,
// through the request's field, stops for good in that send once a waiter
// has given up, and every later reply waits behind it (go-nostr's relay
// read loop and the COUNT reply its countInternal stops waiting for). A
// waiter that blocks until the result comes, or a buffer that holds it,
// is not reported; nor is a start made once per process.
//
// A future (the function's goroutine sends a fixed number of values, more
// than the buffer holds, on the channel it returns) is reported at each
// call in the package that drops the channel (the call as a statement, _
// = fetchAsync(f)): nothing can receive from it, and the goroutine stays
// blocked in its send (wake.Model.DroppingCalls). So is a call that
// keeps the channel in a local and can return without receiving from it
// (indexed := s.indexAsync(d); if err := s.put(d); err != nil { return
// err }; return <-indexed: wake.Model.SkippingCalls), when the caller uses
// the channel only by receiving from it and no call that never returns
// cuts the path. A select that names the channel receives only through
// the channel's own case: a path through another case (the timer, the
// ctx.Done() of a caller that gives up) goes on without receiving, and
// the goroutine's send waits forever (select { case v := <-fetch(): ...;
// case <-ctx.Done(): return ctx.Err() }). The buffer fix covers both; a test's call is scaffolding, and a call made
// once per process outside loops leaves one goroutine for the run.
//
// The asyncio analog: await the task or cancel it; in Go, make sure every
// goroutine has a receiver for what it sends, or a cancellation case.
//
// Precision rules (silent): a send that fits in the buffer; a send or
// receive in a select with another case or a default; a channel that
// escapes (stored in a field, map or slice, passed to an unknown or
// dynamic call, sent on a channel, converted to an interface) or that a
// goroutine both sends on and receives from; owners that also send on a
// channel their goroutines send on; buffers sized at run time
// (make(chan T, len(xs))); a goroutine started in a loop whose every way
// round back to the spawn receives its result, or passes only a select
// whose spawning case has its channel set to nil until that receive
// re-arms it (tick = nil; go check()), or whose ways round that skip the
// receive contradict a flag that records the start (watching := false;
// if len(keys) > 0 { go watch(done); watching = true }; ...; if watching
// { <-done }: cfg.ConsistentCycle), counts once per entry into the
// loop: at most one is outstanding; a goroutine's sends counted beyond
// one only when every finishing path makes them; receive loops left by
// their header (not a select's case there: a for loop with no condition
// has its body as its header, and a case that returns on a stop channel
// is not the loop running out, grpc#660), by a range seeing the channel closed, or by a counter
// condition that does not look at the received value (nor at a field of
// it: for r := range out { if r.err != nil { return r.err } } is the early
// exit of "first error wins"), or skipped by the
// zero-trip guard of a rotated loop (for range n); goroutines started in a
// loop whose send is guarded by a condition on state they share (a
// counter through sync/atomic, a variable declared outside the loop: the
// last to arrive signals) count as one sender, not one per iteration,
// while a send guarded only by a goroutine's own values (if err :=
// fetch(k); err != nil { errc <- err }: each may fail) counts once per
// goroutine (spawn.OwnGates); paths that end in a call that never returns (panic,
// os.Exit, log.Fatal, t.Fatal, t.Skip, FailNow on any interface that has
// it, testify's require.FailNow and require.Fail, and any helper of any
// package that always ends in one of them: the core's NeverReturnsFact),
// and paths on which a test already failed (t.Error, t.Errorf,
// t.Fail, on a *testing.T, a testing.TB or an interface named TestingT,
// a test-assertion library's stand-in for one: passutil.FailsTest); sends or closes that
// happen before the spawn (semaphores); a loop that sends or closes is
// assumed to run; a goroutine with one outcome (it sends its error or
// closes done, then returns; nothing else wakes either; a literal it
// defers counts as part of it, and a send there that runs only when
// recover() returns non-nil needs a panic, so it does not follow a send
// after which nothing can panic: `defer func() { if recover() != nil {
// failed <- true } }(); result <- v`) when every return
// of the owner passes a select on exactly those channels, or a case of a
// select on one of them (a select that also waits for a timeout, whose
// timeout case then waits for the pair); a return that cancels, by a
// defer run on every path to it, the context a watchdog goroutine waits
// on before its send (select { case <-time.After(d): ch <- errTimeout;
// case <-ctx.Done(): }): the goroutine leaves on ctx.Done() unless its
// timer fired before the return; a return that shuts down, by a call on
// every path to it or a deferred one, the *http.Server whose Serve's
// error the goroutine sends only when it is not http.ErrServerClosed
// (if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
// errc <- err }): once shut down, Serve returns ErrServerClosed and the
// goroutine ends without sending (a return that leaves the server
// serving, or shuts another down, stays reported); a return
// reached only after a join of the senders (wake.WaitJoins,
// wake.CloseJoins): a wg.Wait on that path, or a receive (a select case)
// from a channel that nothing sends on and that is closed only after such
// a Wait (go func() { wg.Wait(); close(done) }()), where every Done of
// the WaitGroup is deferred on every path of a goroutine it counts (so it
// runs after that goroutine's sends), each sender is among them, and an
// Add in the owner comes before each go statement; a return reached
// only past a guard on a join counter (done := 0; each select case
// <-serveCh, <-clientCh, ... does done++; if done == 3 { return }) that
// needs it to have counted as many receives as there are channels, when
// the counter starts at a constant and is only incremented by one, once
// per receive from its own channel, and each channel can deliver at most
// once (made once, one send by a goroutine started once, not in a loop,
// never closed, not handed on): then every sender was received from; a
// guard that needs fewer, a counter changed elsewhere or by more than
// one, or a channel that can deliver twice stays reported; a return
// reached only past a guard that a count of outstanding goroutines is
// back at its start (pending := 0; pending++ beside each go statement;
// pending-- after each receive of an outcome; if pending == 0 { return }
// before the receiving loop, or its exit for pending > 0), when each
// goroutine makes at most one send over the channels received from (one
// outcome) and nothing else sends on them: the receives then match the
// starts (a start that is not counted stays reported); a receive
// skipped only when a flag records that one was made (stopped := false;
// case <-stop: stopped = true; ... if !stopped { <-stop }; return: a
// boolean that starts false and is set true only after a receive, as
// internal/cfg.FlagEdges finds it) counts as made on the edge around it,
// while a flag also set where no receive was made stays reported; goroutines
// started by main.main and init; a generator
// that sends a fixed number of values (a future) or whose owner receives;
// an unexported generator whose consumers are out of view (it is used as
// a value, handed to a broadcaster of another package, or reached
// through an interface), or handed by its callers to code the walk cannot
// follow, when no consumer the package shows stops early
// (wake.KnownConsumerStops): there is no evidence that any does, while a
// generator other packages can call (an exported function, or an exported
// method, even of an unexported type handed out through an exported
// interface) is consumed by users, for whom stopping early is ordinary
// use, and stays reported (not in a main package, which no other
// package imports: its exported names are judged like unexported ones);
// for fields: an exported field, a field that may hold another channel
// (another make, a parameter), any use of the field outside the owner and
// the goroutines it starts, a goroutine that loads the field of another
// value; for sync primitives: a WaitGroup, Cond or Mutex that reaches any
// call other than its own methods (passed, stored, returned; for a
// WaitGroup, except to a worker that may call Done), a deferred
// Done, Signal, Broadcast or Unlock registered before the spawn, an
// Add(len(xs)) with no return inside the loop that starts the workers (it
// may add zero), a waiter started before the Add (its Wait may find
// the counter at zero), a waiter that also calls Add or Done, a Wait or Lock the
// goroutine makes on some paths only, an owner that waits itself, a
// closure that unlocks the mutex without having locked it (a hand-off),
// a goroutine started before the owner took the lock, and a return
// reached only through a receive (or a select case) from a channel whose
// every close or send is the waiter's own, after its Wait (go func() {
// wg.Wait(); close(finished) }(); select { case <-finished: return ... }):
// the Wait has returned by then.
//
// For one-sided channels and never-ending goroutines (silent): a channel
// that arrives only through a field or parameter and is made nowhere in
// the package (a test file or another package made it and keeps the other
// end), a parameter of an exported or address-taken function or one no
// call in the package binds, a send on a channel that may be closed (it
// panics instead), a Cond held in a variable of pointer type; a goroutine
// that loops forever without a channel wait (busy or sleeping loops), or
// whose body is reached through a function value the resolver cannot pin
// to one function (go f.loop() with a field that only ever holds one
// method is followed); a receive from a channel
// made for that receive alone, <-make(chan T) or an unexported
// package-level variable that only its initializer stores and only that
// receive reads (var chPause = make(chan struct{}); func Pause() {
// <-chPause }), a local made for that receive alone in a _test.go
// method that only interface calls reach (a fake handler that must never
// answer, so that a test can check a timeout: c := make(chan struct{});
// <-c), or from a nil channel: the
// block-forever idiom, like select {} (a mock plugin process parking until
// it is killed); a test or helper that blocks its own caller so is still
// reported (the test hangs); a goroutine that waits only on channels that
// os/signal.Notify feeds: signals belong to the process, and their handler
// serves it for its whole life; a Cond or WaitGroup whose pointer is
// stored in another field or variable (r.resc = n.c1): its wakes under the
// other name are not all known; a field filled from such a value (p :=
// &call{wait: wait}, with wait.Broadcast() on the local) is woken by the
// wakes of what was stored in it, or is unknown when that value has no
// name the index keeps; a Cond field that nothing in the package ever
// sets is nil, and a Wait on it would panic, not block.
//
// Known false positives (docs/evaluation.md): a generator whose consumers
// can be outside the package (an exported function or method) is reported
// even when every consumer the package shows ranges to the end, since an
// external or future consumer may stop early; so is a test helper whose
// buffer holds every value the tests make it send (the bound is in the
// peer's behaviour, a number of packets, not in the code); so is a
// pipeline whose stages stop at a terminal value that every producer
// forwards last (pulumi's display stages, which end at the engine's
// CancelEvent): a protocol on the values, not on the channel, which the
// model does not read.
//
// Known false positives of never-ends: a goroutine started once per
// process behind a guard the model does not read (if started { return })
// from a function with parameters, such as a test helper command run in a
// child process; an object with a Stop that does not reach its goroutine,
// made once per process by another package (yggdrasil's TUN adapter).
// Of abandoned senders: a return reached only when a service's lifetime
// context is cancelled, at shutdown (mimir's usage tracker), which a
// package's analysis cannot tell from a per-request cancellation.
//
// Known misses of never-ends, by design: a loop that never ends in a
// constructor of a type with no Close, made once in view (a test that
// makes one object): without evidence that the owner is let go, it is
// taken as a service kept for the life of the process.
//
// Known misses: in package main, a goroutine started from a callback that
// a library calls repeatedly without a request parameter (a filepath.Walk
// visitor, a handler of another protocol) is taken as started once; a
// one-sided wait in a function reached only through a function value the
// core cannot resolve (a hook kept in an exported field) has no evidence
// that it runs and is not reported; a closure started by
// (*sync.WaitGroup).Go (Go 1.25) counts as a goroutine for the channel
// checks (abandoned sender, abandoned receiver), not yet for never-ends
// and one-sided channels.
//
// Known limits: channels held in slices or maps are not followed, nor
// field channels made in one method (a constructor) and used by
// goroutines started in another, nor fields handed to a function as a
// parameter (the escape makes the pass silent); WaitGroups are followed
// only when made in the owner and never passed to a function other than a
// waiting one or, from the owner itself, to a function that may call
// Done (go worker(&wg, x) counts as starting a goroutine that calls
// Done); a Cond is followed
// only through closures, a Mutex only as a local variable, not as a field
// of a local struct; Add counts are not summed (wg.Add(2) with one Done
// on the path is not seen); a loop's trip count is
// known only for a counter from one constant to another, so goroutines
// started by other loops that all send are counted as unbounded; calls
// through interfaces and function values count only when the core
// resolves them and every candidate does the same with the channel
// (otherwise unknown, silent); the
// position of a send in another package is not known, so such findings
// point at the go statement.
//
// Silence a finding with a //conclint:ignore goroutineleak <reason> comment.
package goroutineleak
