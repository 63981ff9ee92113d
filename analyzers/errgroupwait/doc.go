// Package errgroupwait defines an Analyzer that reports errgroup and
// sync.WaitGroup work that is started but never awaited, errors of Wait
// that are dropped, group contexts used after Wait, and Done, Add and Wait
// calls that leave a Wait hanging or returning too early.
//
// # Analyzer errgroupwait
//
// errgroupwait: report goroutines of an errgroup or WaitGroup that are not awaited, dropped Wait errors and group contexts used after Wait
//
// errgroup.Group is Go's asyncio.gather: Go starts a task, Wait awaits all
// of them and returns the first error. A WaitGroup is the bare join:
// Add before the go statement, Done when the goroutine ends, Wait to join.
// Each half without the other is a bug that the compiler cannot see.
//
// Missing Wait (missing-wait). errgroup Go or TryGo on a path that
// returns without Wait on that group: the goroutines are never awaited
// (they may outlive the function and everything it owns) and their errors
// are lost, like a task that is never awaited:
//
//	g, ctx := errgroup.WithContext(ctx)
//	for i, u := range urls {
//		g.Go(func() error { return fetch(ctx, u, &res[i]) })
//	}
//	if len(urls) > 100 {
//		return errTooMany // the goroutines above are not awaited
//	}
//	return g.Wait()
//
// Call Wait on every path (or check the condition before starting work):
//
//	if err := g.Wait(); err != nil {
//		return err
//	}
//
// A return reached only through the nil branch of an error that cannot be
// nil there is not a path (if err := run(); err != nil { ... }; return
// nil, where run is a closure whose loop leaves only with ctx.Err() after
// Done or a failure: noreturn's Fails), nor is one reached only through
// the non-nil branch of an error that is nil on every path (if err :=
// w.sync(); err != nil { return err }, where sync returns nil on every
// return: noreturn's SucceedsFact, across packages too). A return that
// skips Wait is reported only when skipping it costs something:
//   - the group's error is really lost: a goroutine can fail, and the
//     return reports no failure of its own (its error result is not
//     provably non-nil: errors.New, fmt.Errorf, a concrete error, a
//     sentinel, ctx.Err() or context.Cause(ctx) where ctx is done, or a call of an error constructor of any package that
//     fails on every return, noreturn's FailsFact; and no t.Error
//     marked the test failed), or it
//     returns the Err of the group's own context, which says
//     context.Canceled where Wait would say which goroutine failed;
//   - the group comes from errgroup.WithContext, whose context only Wait
//     cancels once every goroutine succeeded (when the group's context
//     is discarded, g, _ := errgroup.WithContext(ctx), the message says
//     what is lost instead: the goroutines may run on after the return,
//     with nothing to join or stop them): like a lost cancel
//     function, it stays tied to its parent until the parent is
//     cancelled (not when the parent is rooted in context.Background,
//     when the parent's cancel is deferred in the function, or when the
//     return is taken only once the parent or the group's context is
//     done: after <-ctx.Done(), ctx.Err() != nil, or a semaphore's
//     Acquire(ctx, n) that failed, which it does only with ctx's error
//     (containerd's images.Dispatch), or a function of the package that
//     returns nil or such an error of its context parameter and no error
//     of its own (containerd's Unpacker.fetch and its u.acquire(ctx),
//     ctxflow's failsOnlyWhenDone), and not when the failure it reports comes only from calls
//     that cannot wait, possibly wrapped: a parse, a validation, a
//     "can't happen" error, failures of the caller's input or of a broken
//     invariant rather than of the run, after which the goroutines already
//     started run to their end on their own; a dependency's parse counts
//     through noreturn's InputOnlyFact: go-containerregistry's
//     name.NewTag, with its functional options);
//   - a goroutine of the group waits on a channel that only this
//     function serves, at a point the return skips: the senders of a
//     result channel whose reading loop the return leaves block forever
//     (judged first: when it holds, the message says so, whatever else
//     the return costs).
//
// A return that hands a failure up to callers that all end the process
// on it costs nothing (noreturn's FailureEndsProcess: every call of the
// function is known, tests the error, and on a failure exits, as a
// command's action does with fmt.Fprintln(os.Stderr, err); os.Exit(1)
// or log.Fatal(err), or returns a failure to such a caller in turn):
// the goroutines, their context and what they wait for end with the
// process a moment later. A caller that logs the failure and goes on, a
// second caller that retries, or a function other packages can call
// keeps the finding.
//
// An early return that hands a failure to its caller (if err != nil {
// return err }, a wrapped error, a sentinel, ctx.Err() once ctx.Done()
// was received from) from a plain group whose goroutines wait for nothing
// the function does is not reported: the group's error would only repeat
// it, and the goroutines end on their own (their streams belong to the
// connection that failed, say). What they still do after the return is
// not judged.
//
// A path is one whose branches are decided consistently
// (cfg.ConsistentPath): a return after a Go only through a branch that
// contradicts an earlier test of the same condition is not a path, and
// neither is one that needs a growing loop counter to shrink again. A
// configuration field read twice through the same parameter
// (w.config.async) is the same condition when the package sets it only
// while the object is built (a struct literal, a constructor filling in
// what it allocates, a functional option) and nothing writes it on a
// running object: a worker that starts goroutines only when async is set
// and returns without Wait only when it is not takes no path between the
// two. A field a method changes (p.paused set by pause) is tested anew. The
// removals of containers past the expected count start once i >= n;
// the index only grows, so no later round reaches the check before it:
//
//	for i, c := range containers {
//		if i >= expected {
//			eg.Go(func() error { return remove(ctx, c) })
//			continue
//		}
//		if err := check(c); err != nil {
//			return err // not after a Go: every Go comes after every check
//		}
//	}
//
// A group that is never waited on and whose goroutines never return
// (every way out of their loops panics or exits the process, as a reader
// that panics on a read error does) is not reported: they have no error
// to lose, and a Wait would never return.
//
// The finding is at the first return that skips Wait, with the Go call
// and the group's other returns that skip it too as related information
// (one finding per group: a fix of the first leaves the others; a return
// that lies before the Go in a loop says the goroutine was started by an
// earlier round of the loop); when Wait is never called, at the first Go. The
// group must not escape: a group that is returned, stored in a field or
// global, converted to an interface, or passed to a function that is not
// known to wait on it is someone else's to wait for. A function that
// calls Wait on its group parameter on every path is summarized as a
// fact, so a call to it (in this package or another) counts as a Wait. A
// deferred Wait, or a goroutine that waits (go func() { errc <- g.Wait()
// }()), also counts.
//
// Goroutines started away from the owner count as its own. A function
// that may call Go on its group parameter and does nothing else with it
// (neither waits nor lets it escape) is summarized as a fact too, so a
// call to it starts goroutines in the caller's group (cosmos-sdk's
// ListenForQuitSignals(g, ...)), and the caller must wait:
//
//	listenForQuit(g, true, cancel) // reported when nothing waits on g
//
// A function that makes a group, may start goroutines in it, never waits
// on it and lets it escape only by returning it hands its caller
// goroutines already running; the caller is the owner, and a call that
// drops that result is reported at the call:
//
//	_, ctx := quitGroup(true) // the group quitGroup returns is dropped
//
// Both are "may" summaries: a helper that starts only on some inputs
// (when block is set) counts as starting.
//
// Deprecated functions are not reported: a function (or a literal in
// one) whose doc comment has a paragraph that begins "Deprecated: " (the
// Go convention gopls and staticcheck read) is being retired by its
// authors, who send callers elsewhere; a finding would ask them to repair
// it rather than remove it (go-ycsb's ConcurrentMap.Iter, mongo-driver's
// assert.Soon: docs/evaluation.md, "Fifteenth session"). A function that
// only mentions deprecation elsewhere in its doc stays reported.
//
// Test scaffolding. In a package whose _test.go files test code that is
// not in them (it has a file that is not a test, or it is an external
// package p_test), the groups of those files are the tests' scaffolding
// and are not reported: a Done a test's goroutine skips leaves the test's
// Wait to go test's timeout, which fails the run with every goroutine's
// stack; a goroutine a test does not wait for ends with the test binary;
// neither reaches the code the module ships. On real modules such findings
// were harmless almost without exception (docs/evaluation.md, "Test
// scaffolding"). Code of a non-test file that only the tests run (a fake
// kept there, a helper only they call: passutil.TestReach, goroutineleak's
// rule) is scaffolding too, and so is a function given a test's handle (a
// *testing.T, B or F or a testing.TB parameter, an interface named
// TestingT that the package declares, or a runner embedding one: a shared test suite kept
// in a non-test file for other packages' tests), which only a test binary
// runs. A package made only of _test.go files (a bug
// kernel) is a program of its own and is analyzed in full, as is every
// other file of a package that is not a test.
//
// Dropped error (dropped-wait-error). g.Wait() as an expression statement,
// a deferred Wait (defer g.Wait(), unless another Wait of the group reads
// the error), or err = g.Wait() overwritten before it is read: the
// first error of the group is silently lost, like
// gather(return_exceptions=True) with the results thrown away. An explicit
// discard is a choice, not a slip, and is not reported: _ = g.Wait() (which
// errcheck does not report either), or a Wait on a line whose
// golangci-lint directive silences errcheck (//nolint:errcheck // best
// effort); a directive for another linter says nothing about the error. Reported only when one of the group's
// goroutines can return a non-nil error (a group whose functions all
// return nil is a plain WaitGroup), and whose error is not also sent on a
// channel or stored before it is returned, on every path (errCh <- err;
// return err: the reader of errCh sees every error). A constant error
// (errors.New("done"), a package-level sentinel) returned after the
// goroutine sent its outcome on a channel that the waiting function
// receives from says nothing that channel does not: it only cancels the
// group once a result is in (the first of several answers wins), and is
// not counted. Nor is the Err (or context.Cause) of a context, or the
// result of a function of the package whose only error is its context's
// (nil when the work is done, context.Cause(ctx) once ctx ends): it says
// only that the context ended, which whoever ended it knows (cancel();
// _ = g.Wait() on goroutines that return gctx.Err() on shutdown). A Wait
// whose error is read back after it with context.Cause of the group's own
// context (which errgroup cancels with the first error) is not dropped. A fix is suggested when the function returns just an error:
//
//	if err := g.Wait(); err != nil {
//		return err
//	}
//
// Context after Wait (ctx-after-wait). The context returned by
// errgroup.WithContext is cancelled as soon as Wait returns; a use that can
// only run after Wait (Wait dominates it) fails at once with
// context.Canceled. The usual cause is reusing the caller's name, which
// overwrites (or, in an inner block, shadows) the caller's context:
//
//	g, ctx := errgroup.WithContext(ctx) // ctx is now the group's
//	...
//	if err := g.Wait(); err != nil {
//		return err
//	}
//	return store.Save(ctx, res) // always context.Canceled
//
// Name the group's context gctx and keep using the caller's ctx after
// Wait. A Wait reached only once the group's context is done (in the
// case <-ctx.Done() branch: eg.Wait(); return ctx.Err()) cancels nothing
// new, and the uses after it see the parent's error: not reported (the
// same test as the lost cancel above, groups.ContextDoneAt). One finding
// per group, at the first use that hands the context
// to a call (whose work then fails or is skipped), else at the first
// use; the other uses after Wait are related positions. Reported uses are those that can tell the context is cancelled:
// ctx.Done, ctx.Err, a derived context, a call that can wait (network,
// database, process, channel, or a function summarized as blocking, whose
// context-aware waits end at once with context.Canceled), a function of
// the package that observes a context, a dynamic call (it may do any of
// these), or the context stored, sent or started with. A call that
// neither waits nor looks at the context (a logger of another package,
// a lookup of a value, a constructor) behaves the same after
// cancellation and is not reported; a context made an interface value
// for a call (log.Debug(ctx, msg, keyvals...), packed into its ...any
// arguments) is judged as that call. Nor is a use that cannot see the
// cancellation:
// ctx.Value(key), context.WithoutCancel(ctx), context.Cause(ctx), a log/slog
// call (slog.ErrorContext(ctx, ...): its handlers take ctx for values, and
// a cancelled context logs the same), or a call of a function of the
// package that uses its context parameter only
// in these ways (a loggerFrom(ctx) helper), or ctx.Err() compared with
// context.Canceled (err != context.Canceled, errors.Is(err,
// context.Canceled)): a check written for the cancellation Wait makes,
// looking for another end such as the parent's deadline. Nor is a use
// reached only when Wait failed (if err := g.Wait(); err != nil { ... })
// in a group whose goroutines all return nil: that branch never runs. The message says when the name was taken from the caller's
// context. The WithContext call is related information.
//
// Go inside a limited group (go-in-limited-group). After g.SetLimit(n),
// g.Go blocks until fewer than n goroutines run. A goroutine of g that
// calls g.Go holds a slot while it waits for one: when all n do this at
// once, none can finish (deadlock). Use TryGo, or a second group for the
// inner work. The SetLimit call and the outer Go are related information.
// A goroutine of the group that calls a function of the package with the
// group, which calls Go on it (a crawler's visit(ctx, g, url) that starts
// the next visits), deadlocks the same way and is reported at that Go,
// when the group can really fill up with such waiters: the limit is 1, the
// goroutine that calls the helper is started in a loop, or the goroutines
// the helper starts call it (or Go) again. The owner may start the walk
// through the helper itself (visit(g, root), and each visit's goroutine
// visits the children with g): reported at the helper's Go when its
// goroutines call the helper again. One dispatcher goroutine that
// feeds workers which never call Go (docker compose's graph traversal,
// under SetLimit(n+1)) waits only for workers that end by themselves.
//
// Wait in the start loop (wait-in-start-loop). A Wait inside the loop
// that starts the goroutines, when the group's Adds all come before the
// loop and count more than one (wg.Add(len(items)), then for each item go
// ...; wg.Wait()): the first Wait waits for the Dones of goroutines that
// later iterations start only after it, and never returns once the loop
// runs more than once. Wait after the loop, or Add(1) in it (serial
// batches). A group with an Add in the loop is not reported.
//
// Skipped Done (skipped-done). A goroutine (started with a go statement)
// that calls wg.Done() on some paths but can return without it, typically
// an early return before a Done at the end: wg.Wait waits forever for it.
//
//	go func() {
//		v, err := load(k)
//		if err != nil {
//			return // Wait never returns
//		}
//		res[i] = v
//		wg.Done()
//	}()
//
// Put defer wg.Done() first in the goroutine. The finding is at the
// return that skips Done; a body that counts itself out of two
// WaitGroups (a start group released after its set-up, a stop group at
// its end) is judged for each one apart, each Done guarded by its own
// nil test; a call to a function that may call Done (in this
// package, or marked by a fact), to a function value that may hold one (a
// captured fail := func() {...} helper is looked into), or to a function
// value the core cannot resolve, counts as a Done, unless the WaitGroup is
// a local variable that only direct calls of its methods reach, in the
// function and the closures it calls or starts (groups.Contained): a
// callback handed in (load(k) in the goroutine) cannot reach it; paths that end in panic, os.Exit, log.Fatal, runtime.Goexit,
// t.FailNow, testify's require.FailNow, or a helper of any package that
// always ends in one of them (the core's NeverReturnsFact) are not
// returns. Only paths that can happen count (the
// counterpart model, internal/wake): a range over a ticker's channel, or
// over a channel nothing closes, never ends, so nothing falls off its end
// without Done. A Done that undoes the goroutine's own earlier Add
// (wg.Add(1); if !ok { wg.Done(); return }) is a roll-back, not the Done
// its starter is owed. A closure that calls Done and that the goroutine
// hands on (stores in a request's callback field, passes to a call, sends)
// counts as the Done from there: whoever receives the callback calls it
// once (on the response, the timeout or the cancellation); one only
// called in place does not. A goroutine that starts another which calls
// Done on the same WaitGroup hands its membership over: a worker that
// restarts itself with a fresh stack after a bounded number of rounds (go
// l.batchWriter() at its end) or hands over to a drainer of the same
// object owes no Done on that path. A body that adds to the WaitGroup
// itself may be starting a member of its own (wg.Add(1); go l.flush()),
// and stays judged. Nor is the Done of a body that is also an ordinary
// function (exported, called directly or used as a value) when the
// function that starts the goroutine never adds to that WaitGroup: go
// device.Close() after a read error runs Close, whose Done releases the
// device's reference once (a second Close returns early, and a Done there
// would drive the counter negative); nothing counted that goroutine in.
// A body only ever started as a goroutine, or started by a function that
// adds, stays judged. A Done guarded by a value fixed when the goroutine
// starts (a parameter or captured value that nothing writes again) is
// owed only where the guard holds, when the WaitGroup is that value and
// nil elsewhere (if wg != nil { wg.Done() }; a nil check of the field the
// Done is called on, if s.wg != nil { s.wg.Done() }, counts too: nothing
// waits on a nil WaitGroup), or when the starter adds
// only under the same guard (if track { wg.Add(1) } ... if track {
// wg.Done() }), or when the guard is a flag that records the Add: a
// variable of the starter, captured and only read by the goroutine,
// assigned false and, only in the blocks that add, true (added := false;
// if !eosed { wg.Add(1); added = true }; go func() { ...; if added {
// wg.Done() } }(): go-nostr's dispatchEvent), or when every Done runs
// only where a compare-and-swap that succeeds once (flag.CompareAndSwap(
// false, true)) on a flag the goroutine does not make itself succeeded:
// the goroutines that share the flag (one per resubscription) owe one
// Done between them, and the flag, not each goroutine, was counted in.
// Nor is a skipped Done reported when its WaitGroup, a
// local variable of the starting function, is waited on only with a
// bound: Wait runs in a goroutine that closes (or sends on) a channel
// when Wait returns, and that channel is received from only in a select
// with a timer, default case or the Done of a context that can be
// cancelled (not one rooted in context.Background), not in a loop (a
// ticker case that waits again is no bound), in the function itself or in
// a helper it hands the WaitGroup to, in any package (a test fixture's
// WaitWithTimeout(&wg, d)):
//
//	ch := make(chan struct{})
//	go func() { defer close(ch); wg.Wait() }()
//	select {
//	case <-ch:
//	case <-time.After(d): // the test fails with a timeout instead of hanging
//	}
//
// The skipped Done then leaks the helper's goroutine, not the waiter. A
// plain Wait, a plain receive of that channel, or a hand-over to a
// function that is not known to wait so, anywhere in the function, keeps
// the finding.
//
// Add after the waiter started (add-after-wait). wg.Add (or wg.Go) that can
// run after a goroutine that calls wg.Wait was started:
//
//	go func() { wg.Wait(); close(results) }()
//	if extra {
//		wg.Add(1) // Wait may already have returned and closed results
//		go work(results)
//	}
//
// Adds with a positive counter must happen before Wait; move the waiter
// goroutine after the last Add. A WaitGroup made in each iteration of a
// loop is a new one in the next iteration: its Add does not follow the
// last iteration's waiter. A negative Add (wg.Add(-1), gate.Add(-n)) adds
// no work: it is a Done, or the release of a gate that the goroutines
// wait on before they start together.
//
// Add counted but not started (add-count-skipped). wg.Add(len(xs))
// before a loop over xs, or wg.Add(1) in a loop body, when some path
// through the body goes round again (a continue) or leaves the loop for
// the Wait (a break) without starting the goroutine that calls Done, and
// without a Done of its own or a call that may make one:
//
//	wg.Add(len(xs))
//	for _, x := range xs {
//		if x == 0 {
//			continue // counted, never started: Wait waits forever
//		}
//		go func() { defer wg.Done(); handle(x) }()
//	}
//	wg.Wait()
//
// Call Add(1) next to the go statement (or use wg.Go), or call Done on the
// skipping path. An Add(1) in a loop nested in the one that starts the
// goroutines is not judged; neither is a WaitGroup that escapes.
//
// Add for wg.Go (add-for-go). wg.Go (Go 1.25) counts its goroutine
// itself: it adds before starting it and calls Done when it returns. An
// Add on a WaitGroup whose goroutines all start with Go, when nothing
// calls Done on it, is never matched, and Wait blocks forever. It is the
// leftover of a move from go func() { defer wg.Done(); ... }() to wg.Go:
//
//	wg.Add(1)
//	wg.Go(func() { index(d) }) // counted twice, done once
//	wg.Wait()                   // never returns
//
// Remove the Add (the suggested fix). A Done anywhere on the WaitGroup
// (the goroutine's own defer wg.Done() balances the extra Add), a
// WaitGroup that escapes, and an Add no Wait follows are not judged.
//
// Wait with no Add (wait-without-add). A Wait reached on a path where a
// goroutine that calls Done was started with no Add before it: Wait may
// return at once (the work is not awaited), and the Done then panics with
// a negative counter. Add before the go statement, or use wg.Go (Go 1.25),
// which does both. An Add on every path between the start and the Wait
// counts the goroutine too (Wait waits for it); so does a path on which
// a guard of the goroutine's Done, tested by the starter too, is off (if
// track { wg.Add(1) }; go func() { ...; if track { wg.Done() } }()). A callback closure that
// calls Done and that the function hands to a call (a subscription, a
// pool's task function) is never reported: handing it over is not when it
// runs (a pool runs it on each later Invoke, after that Invoke's Add).
// Adds made in an earlier loop over the same slice, on every iteration
// (for range tasks { wg.Add(1) }; for _, t := range tasks { go ... }),
// count too: a path that skips every Add ran that loop zero times, so the
// loop that starts the goroutines runs zero times as well
// (spawn.RangeLen). A loop over another slice, or one that adds on some
// iterations only, does not count. An Add entered only when the slice the
// loop ranges over is not empty (if len(need) > 0 { wg.Add(len(need)) })
// counts as well: on the other branch the loop starts nothing
// (cfg.EmptyBranch); a guard that allows a non-empty slice through its
// other branch (len(need) > 1) does not.
//
// A start that forgets the Add another start makes (uncounted-start). A
// goroutine body that counts itself out of a WaitGroup kept in an
// unexported struct field (a deferred wg.Done(), or a Done outside its
// loops), started in two places, one of which adds first and one of
// which does not: the package's own code says the goroutine is a member,
// and the second start forgets to count it in. A Wait may return while it
// runs, and its Done drives the counter below zero (panic: sync: negative
// WaitGroup counter):
//
//	wm.wg.Add(1)
//	go wm.worker() // in the constructor: counted
//	...
//	go wm.worker() // in spawnWorker, called by a ticker loop: not counted
//
// Add before the second go statement too. The Add is looked for in the
// starting function and, through plain calls, in its callers (three
// levels up, when the package shows every call); a spawner started as a
// goroutine owes nothing to its starter's Adds, which count what that
// starter itself starts. Not judged: a body that adds to the WaitGroup
// itself, one whose Done counts work items (inside a loop), an exported
// WaitGroup field (other packages may add), a body started only once, and
// a start by a function that calls Done on the same WaitGroup (a member
// handing its membership over to the goroutine it starts: a writer that
// restarts itself with a fresh stack).
//
// A group whose goroutines cannot fail and each call Done on a WaitGroup
// that the same function waits on (the group only bounds concurrency with
// SetLimit) is awaited through that WaitGroup: no missing Wait.
//
// Not reported: wg.Go (it adds and calls Done itself), deferred Done,
// Done inside a loop of the goroutine (it counts work items, not the
// goroutine), a WaitGroup with no Wait at all (the pass checks Wait only
// for errgroup, where the error is at stake), Go reached only from inside
// another goroutine (missing Wait is judged at starts on the function's
// own goroutine, including the body of a range-over-func loop
// and a visitor that filepath.Walk, filepath.WalkDir or fs.WalkDir, or
// the function given to sync.Once.Do: each runs in place, before the call returns),
// groups that escape, a Wait on every path, Add inside the goroutine (that
// is go vet's waitgroup check, which this pass does not duplicate), a
// deferred Wait whose error is dropped (a cleanup join on early returns),
// and Wait errors of groups whose goroutines all return nil.
//
// Known misses: an Add that follows the go statement (go f(); wg.Add(1))
// and precedes Wait is a race only if the goroutine's Done can run before
// it (a negative counter panic); it is not reported. An early return that
// reports a failure, from a plain group, is not reported even when the
// goroutines keep doing harmful work after it (writing into memory the
// caller reuses, side effects after the caller was told the operation
// failed): the pass does not judge what they do, only whether they wait
// for the function.
//
// Known limits: only groups created in the function are checked for
// missing Wait, context use and Add/Wait order (groups in struct fields
// are taken to be waited for elsewhere); the error of Wait on a group that
// is a field or parameter is not checked; g.Go reached through a helper
// function called from a limited group's goroutine is seen one call deep
// only (the helper given the group calls Go on it itself); calls
// through interfaces whose implementations are not in view are assumed not
// to call Done unless they are handed the WaitGroup (h.Finish(wg) may),
// while calls of function values are assumed to (when they can reach the
// WaitGroup); a WaitGroup Add counter is not tracked beyond
// add-count-skipped's two shapes (Add(1)
// for two goroutines is not seen). A skipped Done on a WaitGroup that is a
// field or a parameter of the starting function is reported even when
// every Wait on it has a bound (those Waits are not all in view); a
// Wait in a closure that the waiting goroutine itself starts or calls is
// not followed, and keeps the finding.
//
// Silence a finding with a //conclint:ignore errgroupwait <reason> comment.
package errgroupwait
