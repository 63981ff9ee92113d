package main

import "testing"

// Messages as the passes word them (analyzers/<pass>), one or more per
// category: a change of wording that the table no longer recognises
// shows up here, or as "unclassified" in a summary.
func TestCategory(t *testing.T) {
	for _, tc := range []struct{ pass, msg, want string }{
		{"lockblock", "lock order inversion: a.mu is locked while b.mu is held here, but elsewhere b.mu is locked while a.mu is held; two goroutines taking these paths can deadlock", "lock-order"},
		{"lockblock", "return with s.mu still locked, though later returns unlock it: the next Lock of s.mu blocks forever (use defer to unlock)", "held-on-return"},
		{"lockblock", "Read-locks rwm while it is already read-locked on this path: if a writer calls Lock in between, both wait forever (recursive read locking)", "recursive-rlock"},
		{"lockblock", "call to (*T).reset locks c while it is already locked on this path: sync mutexes are not reentrant (self-deadlock)", "relock"},
		{"lockblock", "Locks mu for writing while it is read-locked on this path: Lock waits for the read lock this goroutine holds (deadlock)", "relock"},
		{"lockblock", "send on channel c while t.mu is held: every goroutine that needs t.mu waits until it completes, which may be never", "blocking-under-lock"},
		{"lockblock", "wg.Wait while s.mu is held (and 2 other mutexes): every goroutine that needs s.mu waits until it completes, which may be never", "blocking-under-lock"},
		{"goroutineleak", "producer goroutine can block forever in send on ch: (*w).Watch returns the channel and a consumer that stops receiving early leaves it blocked; select on ctx.Done() or a done channel (goroutine leak)", "producer-no-exit"},
		{"goroutineleak", "goroutine can block forever in send on ch: f can return without receiving from it and ch has capacity 0 (goroutine leak)", "abandoned-sender"},
		{"goroutineleak", "goroutine can block forever in receive from ch: f can return without sending on or closing ch, and nothing else can (goroutine leak)", "abandoned-receiver"},
		{"goroutineleak", "goroutine can block forever in wg.Wait: f can return after wg.Add without calling Done or starting the goroutines that do (goroutine leak)", "blocked-sync"},
		{"goroutineleak", "goroutine can block forever in mu.Lock: f can return holding mu, which is local to it, so nothing can unlock it (goroutine leak)", "blocked-sync"},
		{"goroutineleak", "goroutine can block forever in c.Wait: f can return without Signal or Broadcast and without changing what it waits for (goroutine leak)", "blocked-sync"},
		{"errgroupwait", "g.Go starts a goroutine but g.Wait is never called: nothing waits for it to finish and its error is lost (like a task that is never awaited)", "missing-wait"},
		{"errgroupwait", "return without g.Wait after g.Go started a goroutine: it is not awaited on this path and its error is lost", "missing-wait"},
		{"errgroupwait", "error from g.Wait is dropped: the first error of the group's goroutines is silently lost", "dropped-wait-error"},
		{"errgroupwait", "ctx is used after g.Wait returned, but it is the context of errgroup.WithContext, cancelled when Wait returns: this sees context.Canceled", "ctx-after-wait"},
		{"errgroupwait", "g.Go called from a goroutine of g, which has a limit: Go blocks until a slot frees, and when every running goroutine of the group waits here none can finish (deadlock); use TryGo or a separate group", "go-in-limited-group"},
		{"errgroupwait", "wg.Add may run after a goroutine waiting on wg was started: if the counter is zero, Wait may already have returned and this work is not awaited (Add must happen before Wait)", "add-after-wait"},
		{"errgroupwait", "wg.Wait with no wg.Add before the goroutine calling wg.Done was started on this path: Wait may return at once, and Done then panics with a negative counter", "wait-without-add"},
		{"errgroupwait", "goroutine returns here without calling wg.Done, which it calls on other paths: wg.Wait waits forever for it (use defer wg.Done())", "skipped-done"},
		{"ctxtimeout", "grpc.NewClient is given a context with no deadline (context.Background()): a server that stops responding blocks it forever (derive it with context.WithTimeout and defer cancel())", "context-without-deadline"},
		{"ctxtimeout", "http.Get uses http.DefaultClient, which has no timeout: a server that stops responding blocks this call forever (use a shared http.Client with Timeout set, or NewRequestWithContext with a context.WithTimeout)", "client-without-timeout"},
		{"ctxtimeout", "c.Do with a client that has no Timeout and a request with no deadline: a server that stops responding blocks this call forever (set http.Client.Timeout, or use NewRequestWithContext with a context.WithTimeout)", "client-without-timeout"},
		{"ctxtimeout", "net.Dial has no timeout and no deadline is set on the connection: connecting to or talking with an unresponsive host can wait forever (use net.DialTimeout or a net.Dialer with Timeout, and SetDeadline on the connection)", "dial-without-timeout"},
		{"ctxtimeout", "tls.Dial has no timeout and no deadline is set on the connection: the TCP connect and the TLS handshake with an unresponsive host can wait forever (use tls.DialWithDialer with a net.Dialer{Timeout: ...}, or a tls.Dialer)", "dial-without-timeout"},
		{"ctxtimeout", "d.Dial with a Dialer that has no Timeout, and no deadline set on the connection: connecting to or talking with an unresponsive host can wait forever (set Dialer.Timeout, or SetDeadline on the connection)", "dial-without-timeout"},
		{"ctxtimeout", "http.Serve serves with a Server that has no ReadHeaderTimeout and no way to set one: a client that sends headers slowly holds a connection and goroutine forever (Slowloris); use &http.Server{Addr: ..., Handler: ..., ReadHeaderTimeout: ...}", "server-without-read-timeout"},
		{"ctxdone", "select has no case for ctx.Done(): it keeps waiting after ctx is cancelled (add case <-ctx.Done())", "select-without-done"},
		{"ctxdone", "select {} blocks forever and ignores ctx (wait on <-ctx.Done() instead)", "select-without-done"},
		{"ctxdone", "loop never exits and never checks ctx: it keeps running after ctx is cancelled (return when <-ctx.Done() fires or ctx.Err() != nil)", "loop-ignores-context"},
		{"ctxdone", "call to net.Dial ignores ctx: cancelling ctx does not stop it (use (*net.Dialer).DialContext(ctx, ...))", "context-variant"},
		{"ctxdone", "goroutine started with ctx never observes it: it may wait forever on receive from ch and keeps running after ctx is cancelled (select on <-ctx.Done() there)", "goroutine-ignores-context"},
		{"ctxdone", "time.Sleep ignores ctx: cancelling ctx does not end the sleep (select on <-ctx.Done() and a time.Timer's C)", "wait-ignores-context"},
		{"ctxdone", "receive from ch ignores ctx: nothing sends on it or closes it, so it blocks forever (select on it and <-ctx.Done())", "wait-ignores-context"},
		{"lockblock", "malformed //conclint:ignore directive: a reason is required after the pass names (//conclint:ignore <pass> <reason>); it suppresses nothing", "malformed-ignore"},
		{"ctxdone", "unused //conclint:ignore directive: no ctxdone finding on this line or the next", "unused-ignore"},
		{"lockblock", "a wording nobody knows", "unclassified"},
	} {
		if got := category(diagnostic{Pass: tc.pass, Message: tc.msg}); got != tc.want {
			t.Errorf("category(%s, %q) = %s, want %s", tc.pass, tc.msg, got, tc.want)
		}
	}
	// A category in the JSON wins over the wording, without the pass prefix.
	if got := category(diagnostic{Pass: "lockblock", Category: "lockblock/deadlock", Message: "send on channel c while t.mu is held: every goroutine that needs t.mu"}); got != "deadlock" {
		t.Errorf("category with a JSON category = %s, want deadlock", got)
	}
}

func TestRelPath(t *testing.T) {
	strip := []string{"/b/out/tools/modcache", "/usr/local/go/src"}
	for _, tc := range []struct{ file, want string }{
		{"out/tools/modcache/github.com/!i!b!m/sarama@v1.61.1/mocks/x.go", "mocks/x.go"},
		{"/b/out/tools/modcache/go.etcd.io/etcd/server/v3@v3.6.16/embed/etcd.go", "embed/etcd.go"},
		{"/b/out/tools/modcache/github.com/hashicorp/raft@v1.8.0/api.go", "api.go"},
		{"/usr/local/go/src/sync/rwmutex_test.go", "sync/rwmutex_test.go"},
		{"evalsum/main.go", "evalsum/main.go"},
		{"/elsewhere/x.go", "/elsewhere/x.go"},
	} {
		if got := relPath(tc.file, "/b", strip); got != tc.want {
			t.Errorf("relPath(%q) = %q, want %q", tc.file, got, tc.want)
		}
	}
}
