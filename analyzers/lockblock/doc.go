// Package lockblock defines an Analyzer that reports waits under a mutex
// that what would end them needs, outbound I/O without a deadline under a
// shared mutex, locking a mutex that is already held, inconsistent lock
// order, and returns that leave a mutex locked.
//
// # Analyzer lockblock
//
// lockblock: report deadlocks between a mutex and a wait, stalls on I/O under a shared mutex, re-locking, lock-order inversions and locks left held
//
// A sync.Mutex protects a short critical section. If the goroutine holding
// it waits for something (a channel, a WaitGroup, a condition) and what
// would end that wait must first take the same mutex, neither goroutine can
// proceed: the program deadlocks. This is the Go form of holding an
// asyncio.Lock across an await on a task that needs the same lock.
//
// For every wait made while a mutex is held, the pass asks the wake model
// (internal/wake): who can wake this wait, and what must they acquire to
// get there? The wakes of a receive are the sends and closes of that
// channel; of a send on an unbuffered channel, its receives; of
// WaitGroup.Wait, the Done calls (a deferred one at its function's
// return) and the functions given to WaitGroup.Go; of errgroup.Group.Wait,
// the return of each function given to Go; of Cond.Wait, the Signal and
// Broadcast calls. For each wake the model computes the mutexes acquired
// on every path that leads to it since the goroutine's last pass there (in
// the same loop iteration: a lock taken once before a loop does not count),
// in its function or, when every caller of that function takes it before
// the call, in the callers.
//
// The pass reports these things.
//
// Deadlock. A wait while holding mutex L, where every operation that could
// end the wait must first lock L (a read lock on both sides does not
// conflict):
//
//	func (b *Broker) Publish(ev string) {
//		b.mu.Lock()
//		defer b.mu.Unlock()
//		b.events <- ev // run locks b.mu before every receive
//	}
//
//	func (b *Broker) run() {
//		for {
//			b.mu.Lock()
//			subs := b.subs
//			b.mu.Unlock()
//			ev := <-b.events
//			...
//
// The finding names the wait, the lock site, one wake and where its
// goroutine locks L. Wait outside the critical section: copy what you need
// under the lock, unlock, then send, receive or join.
//
// A wake that comes only after a loop that locks L counts too
// (wake.Model.AcquiredInLoopBefore): a Stop that holds s.mu while it
// waits for the loop's done (closed, deferred, as the loop returns) when
// the loop's tick branch locks s.mu. A goroutine on its way to that Lock
// when the wait begins never gets back to its stop case. The wake must be
// reachable from its function's entry only through the loop; a wake
// inside the loop is judged iteration by iteration, as above.
//
// Two more ways around count (wake.Model.AcquiredOnSomeWayAround and the
// repeated pass of wake.Model.Acquired). A select in a loop whose other
// case locks L whenever it is chosen (a tick case that expires entries
// under the mutex, a default case that probes under it): the goroutine
// may be waiting at that Lock when the holder sends, and nothing but
// which channel is ready decides that (etcd#7492). A Lock behind a branch
// on a value (a received value that is negative) stays the every-path
// rule's question. And a wake in a function that every caller calls again
// and again (a worker's loop calls syncBatch, which receives and then
// locks to record the result), when every path from the wake to the
// function's return locks L: between two passes at the wake, the worker
// goes through that Lock (kubernetes#10182). A function called once, from
// a go statement or from code the package does not show, repeats nothing.
//
// Evidence: the wait blocks without bound (no default case, timer or
// ctx.Done case, not a send on a channel made with a constant buffer) on
// every path through any callee it is reached through (a path that skips
// it only when its own channel is nil, if h.stop != nil { h.stop <- v },
// does not count: with a channel set the callee always waits, and with
// none there is no partner to deadlock with); every wake of the
// object is in the package (the channel, WaitGroup or Cond is unexported
// or declared in a _test.go file that no external test package can
// import, as a bug kernel written as one test file is,
// or only handed out in a direction that cannot wake it, such as a
// receive-only channel returned to callers); there is at least one wake
// (for a send on a channel that nothing receives from, its closes: a
// close ends the send, with a panic, and a watcher's Stop that closes the
// result channel under the lock the sender holds never gets to it,
// kubernetes#1321);
// and every one of them acquires L on every path to it. Mutexes are known
// by class (type and field), but a wake in a function that locks
// the mutex of an object its creator reached from the holder's object
// through a field (n.children[i], n.parent), captured or passed as its
// argument (go func(c *T){...}(c), or go c.refresh(&wg) when that is the
// only call of an unexported method), locks another node's, not L: a node
// is taken not to be its own child. Likewise a wake whose way to L is a
// call of the holder's own function given another value for the
// parameter whose mutex L is (check(root) holds root's lock while its
// goroutines run check(pkg) on the packages root imports) locks that
// value's mutex, not L. A receive from a
// buffered channel is not reported when it is shown to find a value in
// the buffer: a send of its own function comes before it on every path,
// or it is taken only under a test of a field that a sending function
// sets (wantConn's done flag, set where the result is sent). Any other
// receive from a buffered channel may find the buffer empty, the first
// time round, and waits like any other (grpc#1460's keepalive, which
// waits for a wake-up under the lock that the only sender takes). An object made in each iteration of a loop is a new
// object in the next one, so a lock taken later in the iteration does not
// guard its wakes. A goroutine that makes its channel and makes it known
// (stores it in a map or a shared field, sends or passes it) only after
// it took L has passed that lock before any other goroutine can hold the
// channel, so that acquisition does not count for its receive, send or
// close of it (l.mu.Lock(); e.c = make(chan T); l.expected[key] = e;
// l.mu.Unlock(); <-e.c; or a worker that publishes its done channel under
// the start-up lock and closes it, deferred, when it ends); one that takes
// L again after making the channel known, or made it known before taking
// L, still counts. A wait whose wakes
// do not need L is silent however long it may last (joining workers that
// were told to stop and never take L, for one): whether the wake comes at
// all is the leak pass's question. Cond.Wait releases its own lock c.L
// while it waits, so only the other mutexes held count, and only when c.L
// is known from sync.NewCond(&s.mu) or c.L = &s.mu (when s.mu is a
// struct that embeds the sync.Mutex, c.L is that embedded mutex: the one
// s.mu.Lock() locks).
//
// Deadlock risk through a caller's channel. A send, while holding L, on a
// channel that the package's callers hand in, when something says that a
// receiver needs L before its next receive. Either every receive the
// package makes of that channel (outside the sender) acquires L on its way
// there (the known receivers cannot take the value the sender holds L
// for; one that receives with no lock, a goroutine draining the channel,
// can, and then nothing is reported; a poll, a select with default, is
// not a receiver the sender waits for and is no evidence), or the channel
// was kept (stored by an exported function: an observer, a subscription)
// and is sent on later, on the package's own goroutine, while an exported
// function of the package locks L in a conflicting mode: the subscriber's
// goroutine, a client of the package, waits for L if it calls that
// function (to deregister, to read state) before its next receive, and
// the sender holds L until the receive: both wait forever. That function
// must lock a mutex its caller can reach (a parameter's, the receiver's,
// a global), not one of an object it makes itself, and must not be the
// producer: a function that runs the send itself (Push, whose progress
// the subscriber reads) would block the subscriber on its own channel,
// with or without L. A channel
// handed to the very call that sends on it (Collect(ch), directly or
// passed down to a helper) is not reported on the exported functions
// alone: the caller is still inside the call, its receiver is a goroutine
// it arranged for the call, and what that goroutine does is unknown. The
// same holds for a reply channel kept for one answer (read from a map
// entry that is deleted right after the send, on every path) when the
// answer is sent only inside calls of the package's exported functions
// (when the caller reports the reply, or on Close): every way to the send
// is known and none starts in a goroutine of the package, so the sender is
// the caller's goroutine, and the receiver, waiting for its one reply, a
// goroutine it arranged. A subscription, sent on again and again, stays
// reported wherever its sends run. A channel the package makes and hands
// out for its callers to receive from (an exported function or method
// returns it, a watch's ResultChan, and nothing in the package receives
// from it: wake.Model.HandedOut) is the caller's subscription too: sent
// on while L is held, with an exported function that locks L, it is
// reported the same way (a Kubernetes-style broadcaster whose watcher's
// Stop needs the broadcaster's mutex). So is one the package makes and
// keeps in an exported field that callers receive from, when nothing in
// the package receives from it (wake.Model.HandedOutField: a file
// watcher's Errors channel, filled in by New and sent on while the poller
// holds the mutex that Add and WatchedFiles take, as radovskyb/watcher
// does; a handler that calls them before its next receive deadlocks). A
// send-only field is not one callers receive from; a field the package
// drains itself has a receiver of its own, judged as above.
// Send without the lock, or with a select that can give up.
//
// Stall. Outbound I/O with no deadline the analysis can see (a context
// rooted in Background or TODO, net.Dial, http.Get on the default client,
// a command made by exec.Command) while holding a mutex that another
// function also locks: every user of that mutex waits for the network or
// the process without bound. This is a latency hazard rather than a
// deadlock. Give the I/O a deadline, or do it outside the lock. Test files
// are not checked. A DialContext on a net.Dialer or tls.Dialer is reported
// only when the dialer is a local value none of whose bounding fields
// (Timeout, Deadline, NetDialer) is set: a dialer from a field, a
// parameter or a call may carry its own Timeout. A dial of a UDP or
// Unix-domain network waits on no remote peer and is not a stall, also
// when the network is a parameter the call under the lock (or every call
// of the dialing function) binds to such a constant.
//
// Re-locking. Locking a mutex that this path already holds, directly or
// through a callee (in this package or another) that locks it, deadlocks at
// once:
//
//	func (s *Store) Put(k, v string) {
//		s.mu.Lock()
//		defer s.mu.Unlock()
//		if s.Has(k) { // Has also locks s.mu: self-deadlock
//
// Split the body into a helper that expects the lock to be held (hasLocked)
// and call that. When the callee takes the lock further down, the finding
// names the function that does and the calls that lead there, shortest
// first, with its Lock as a related position (a drop that asks Len, which
// read-locks what Drop holds). A library call that calls back into the package on this
// goroutine counts as the callback's locks: fmt printing a value whose
// String method locks it (fmt.Println("lookup", c) with c.mu held,
// cockroach#6181), Once.Do(f) with an f that locks. RLock while the same RWMutex is read-locked is reported
// separately: it deadlocks only when a writer calls Lock between the two
// RLocks, which happens under load. It is not reported when nothing can
// be that writer: no function of the package write-locks the mutex and no
// other package can name it (an unexported field, a path of unexported
// fields, or an unexported package-level variable; an embedded RWMutex
// promotes Lock to every user of the type). The finding names, as a
// related position, the package's first Lock of that mutex: a writer
// that can come between the two. A Lock after a go statement
// that hands the held mutex to the goroutine it starts (the goroutine
// unlocks it, defer lock.Unlock(), and never locks it itself) waits for
// that goroutine, a join, and is not a re-lock. Nor is a Lock after a
// closure that unlocks the mutex is handed on (a reply callback stored in
// a request that the connection's reader runs: the mutex is a one-shot
// signal, and the second Lock waits for the reply).
//
// Lock-order inversion. One path takes A then B, another takes B then A;
// two goroutines running them can each hold one and wait for the other.
// Mutexes are identified by the struct type and field that hold them (or
// the package-level variable), so the two paths may be in different
// functions. Take locks in one global order. A helper that locks a mutex
// of an object it picks itself (r := s.replicas[i]; r.mu.Lock()) takes a
// mutex its caller cannot name; at the caller it is still a mutex of its
// class (locks' class-only take), so a caller holding A orders that
// class after A, however deep the helper is (cockroach#10214). A
// callback kept in a field and called under a lock (w.onEvent() while w
// is locked) takes what the one function the field holds takes (the
// stores of the package, internal/callees: a setter method whose every
// call is in the package counts as storing its argument): a lock on what
// the closure binds is a take of that class (a cache calling its owner's
// processEvent under its own lock, while the owner locks itself, then
// the cache: kubernetes#13135). When every closure the package stores in
// the field binds the very struct it is stored in (le.cp = func() {
// le.Checkpoint() }, or le.SetCheckpointer(func() { le.Checkpoint() })
// at every call of the setter), the call locks that struct's mutex
// itself: Renew calling le.cp under le.mu re-locks it (etcd#10492). A
// closure that binds another value of the type (a parent), or an
// exported field any package may set, is not that. When the inner lock
// is taken by a callee of the package, the message names the calls that
// reach it and a related position points at that Lock; a mutex embedded
// in a struct (w.Lock() on a struct that embeds sync.Mutex) is named
// w.Mutex on both sides (go-nostr's nip60 Wallet).
//
// Held on return. A function that locks a mutex and returns early while it
// is still held, though a later return releases it: the next Lock blocks
// forever. Use defer mu.Unlock() right after Lock. The closing brace of
// a function with no result is its last return (a timer callback that
// returns early on an abort flag with the mutex locked, while falling
// off the end unlocks it: grpc#3017). Only returns reached
// from the Lock count as releases: a function every exit of which after
// the Lock holds the mutex hands it on (a goroutine that locks a mutex
// another goroutine unlocks, used as a signal), whatever an error return
// before the Lock does. A function with one return counts too when it
// locks the mutex in a loop that unlocks it on every way back to that
// Lock and leaves the loop (a break) with it locked (cockroach#584): the
// loop says the function releases what it takes (whatever its name: an
// acquire that returns read-locked when the connection is closed, and
// whose callers release nothing, is etcd#5509). A function whose callers
// unlock the mutex after the call or defer its unlock there (a
// wait-until-ready that hands the lock over), and one that code the
// package does not show may call, are not reported. A lock per key (a
// map of mutex pointers, l.m[url]) is one mutex per key: the element
// under a constant key, or under a parameter or captured variable of the
// function, wherever it is looked up, also through the helpers it is
// handed to (lockURL(url) ... unlockURL(url), hugo#3251's per-URL remote
// lock); an element under any other key is unknown and claims nothing.
// In the lock order, every element of a map or slice of mutexes is one
// mutex of its container's class ((T).m[]): hugo#3251's URLLock locked
// the key's mutex while it held the table's lock, and URLUnlock
// read-locks the table before it unlocks the key's mutex.
//
// A function entered with a mutex held (it unlocks it without locking
// it) orders what it locks before that unlock after the held mutex, when
// a lock helper of the package locks that class for its callers on every
// return (URLLock for URLUnlock): its caller holds it across the call.
// Without such a helper (syscall's releaseForkLock, which unlocks
// ForkLock when the count of forkers drops to zero) the entry state says
// who unlocks, not who holds, and orders nothing.
//
// Lock order is instance-aware: an object the function allocated and has
// not published yet orders nothing; two orders taken under a common gate
// lock (held at both, or by every caller of both) cannot deadlock; and
// where both sides only read-lock one of the two mutexes, the inversion
// is reported only if some function write-locks it (Go's RWMutex queues
// new readers behind a waiting writer, so the writer closes the cycle).
// Of the pairs of edges that close a cycle, the finding cites the one
// with fewer locks on objects their own function allocated (published
// already, but new, so the weaker witness), then the first in the file.
// A mutex wrapper's own Lock is named as the code writes it (f.mu, not
// the wrapper's inner f.mu.m).
// A Lock that a path around its loop reaches again without unlocking (a
// continue that skips the Unlock) is a re-lock.
//
// The lock state is what real code has: a function that unlocks a mutex
// before it locks it (the fooLocked and unlock-wait-relock conventions) is
// entered with it held, and its returns are compared against that; a call
// with a constant boolean argument (purge(needLock=false)) is summarized
// with the branches on it decided; a helper that locks and starts the
// goroutine that unlocks hands the lock off; a range-over-func body sees
// the locks its enclosing function holds, and its unlocks are seen there;
// mutexes are one across re-evaluated paths, constant indexes (a[0].mu)
// and indexes that are parameters or captured variables (a[i].mu, i never
// changing in the function), anonymous struct fields (mu struct{
// sync.Mutex; ... }), RLocker() and an assertion to a pointer type
// evaluated at each use (m.(*impl).mu.Lock() ... m.(*impl).mu.Unlock(),
// dolt's keymutex test), and a getter that returns the same field of its
// receiver on every return (r.Members().Lock() ... r.Members().Unlock()
// is r.members' mutex, olric's routing table); a release in a closure that another
// closure calls through the variable it captured (fail() calling
// rollback()) is the caller's release; a lock handed to a returned object
// and released through it (txn := db.Txn(true) locks db.writer, stores db
// in txn.db, and txn.Commit() unlocks txn.db.writer) is one lock, also
// when the handle's type is another package's (the lock facts say which
// parameter the returned handle keeps in which field: nri's
// BlockPluginSync and Unblock), and when the handle keeps the release as
// a closure in a field that its method calls (go-mysql-server's
// MySQLDb.Reader returns a reader whose close field is func() {
// db.lock.RUnlock() }, and Reader.Close calls it: a reader closed before
// Editor write-locks is not a read lock upgraded; under dolt's binlog
// replication, docs/evaluation.md, "Seventeenth session"); a lock that a
// method takes through the field of a struct a constructor returns
// (as itself or as an interface: newMembersAPI(c) keeps c in client,
// and Leader calls client.Do, which read-locks it) is a lock on the
// constructor's argument (etcd#6708's SetEndpoints, which holds c); and a lock
// whose Lock returns it (defer l.Lock().Unlock(), zrepl's chainlock) is
// released through the value Lock returned (the lock facts say which
// parameter a function with lock effects returns unchanged, and which
// method returns its receiver, so a builder's chained Limit(n) keeps the
// query that holds the lock); a release in a deferred call of
// a mutex the function never acquires (defer q.finish(&err), which
// unlocks what the query's constructor locked: bstore's queries in mox)
// is the function's release at every return; and an instance of another
// package's generic function or method (QueryDB[T], (*Query[T]).Exists)
// carries its origin's lock facts.
//
// Not reported: work between Unlock and Lock, TryLock, functions that
// return holding the lock on every path (lock helpers) or that take it
// for their caller (when the package shows every call, a caller
// releases it after the call with no Lock of its own in between; when
// code it does not show may call, the return that keeps it reports
// success, a nil error or true, where one that releases it reports
// failure: a try-lock; what the function is called does not count:
// vouch's auctionBlock returns its error with the read lock kept, and
// moby#17176's cleanupDeletedDevices its success, to a caller that
// releases nothing), a mutex inside an object the
// function made itself (held on return), and a mutex held on only some of
// the paths to an operation (the analysis is must-held, to stay quiet on
// conditional locking). A sleep under a lock ends by itself and is not a
// deadlock.
//
// Precision rules beyond the wait itself: reads and writes on an
// established connection are bounded by its deadlines, which the pass does
// not track, and are not stalls; a mutex that a goroutine started in the
// function unlocks is a hand-off signal, not a critical section; a callee
// that blocks only on a channel parameter does not block when the caller
// passes nil; a token received from a buffered channel that the same
// function gives back is a lock acquisition, not a wait.
//
// Known limits: channels kept in slices and maps lose their identity, so
// their wakes are unknown and waits on them are not reported (a broadcast
// to subscriber channels under a lock that the subscribers' consumers need
// is a real deadlock this pass misses); wakes in other packages are
// unknown, so a caller's goroutine draining the channel it handed to a
// call that sends under L, and calling back into L between receives, is
// missed; mutexes are identified by the struct type and field that hold
// them, so two instances of one type are one mutex for the wake model and
// for lock order; a wait reached through a dynamic call (a function value
// in a field, an interface method, a sync.Once or fmt callback) is followed
// when internal/callees resolves it to one function, and its candidates are
// named as related positions; re-locking sees through a callback field
// only as above, and lock order through one that resolves to one
// function; lock order is checked
// within a package (callees in other packages contribute the mutexes of
// their arguments through facts, but not the orders they take inside: an
// inversion between a method of one package and code of another, pebble's
// Order.GetStatus against its Authz handler, is missed); in functions of more than 2000 blocks
// (generated code) the loop re-lock check is skipped, and the entry state
// is not inferred for a mutex acquired at more than 32 places in one
// function.
//
// Silence a finding with a //conclint:ignore lockblock <reason> comment on
// its line or the line above.
package lockblock
