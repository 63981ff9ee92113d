package kernels

import (
	"testing"
	"time"
)

// Counter joins: the owner counts the receives from channels that each
// deliver at most once (one send, by a goroutine started once, never
// closed) and returns only when the count reaches the number of
// channels, so every sender was received from (fasthttp's TestShutdown).

// Good: the return needs done == 3, and only the three cases, each on its
// own at-most-once channel, add one to done.
func counterJoin(t *testing.T, serve, client, shutdown func()) {
	serveCh, clientCh, shutdownCh := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		serve()
		serveCh <- struct{}{} // ok: received before done reaches 3
	}()
	go func() {
		client()
		clientCh <- struct{}{} // ok: likewise
	}()
	go func() {
		shutdown()
		shutdownCh <- struct{}{} // ok: likewise
	}()
	done := 0
	for {
		select {
		case <-time.After(time.Second):
			t.Fatal("timeout")
		case <-serveCh:
			done++
		case <-clientCh:
			done++
		case <-shutdownCh:
			done++
		}
		if done == 3 {
			return
		}
	}
}

// Bad: the guard counts to two, so one of the three senders may still be
// waiting when the owner returns.
func counterJoinShort(t *testing.T, serve, client, shutdown func()) {
	serveCh, clientCh, shutdownCh := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		serve()
		serveCh <- struct{}{} // want `goroutine can block forever in send on serveCh: kernels.counterJoinShort can return without receiving`
	}()
	go func() {
		client()
		clientCh <- struct{}{} // want `goroutine can block forever in send on clientCh: kernels.counterJoinShort can return without receiving`
	}()
	go func() {
		shutdown()
		shutdownCh <- struct{}{} // want `goroutine can block forever in send on shutdownCh: kernels.counterJoinShort can return without receiving`
	}()
	done := 0
	for {
		select {
		case <-time.After(time.Second):
			t.Fatal("timeout")
		case <-serveCh:
			done++
		case <-clientCh:
			done++
		case <-shutdownCh:
			done++
		}
		if done >= 2 {
			return
		}
	}
}

// Bad: two clients send on clientCh, so clientCh can deliver twice and
// done can reach 3 while shutdownCh's sender is still waiting.
func counterJoinLoop(t *testing.T, serve, client, shutdown func()) {
	serveCh, clientCh, shutdownCh := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		serve()
		serveCh <- struct{}{} // want `goroutine can block forever in send on serveCh: kernels.counterJoinLoop can return without receiving`
	}()
	for i := 0; i < 2; i++ {
		go func() {
			client()
			clientCh <- struct{}{} // want `goroutine can block forever in send on clientCh: kernels.counterJoinLoop can return without receiving`
		}()
	}
	go func() {
		shutdown()
		shutdownCh <- struct{}{} // want `goroutine can block forever in send on shutdownCh: kernels.counterJoinLoop can return without receiving`
	}()
	done := 0
	for {
		select {
		case <-time.After(time.Second):
			t.Fatal("timeout")
		case <-serveCh:
			done++
		case <-clientCh:
			done++
		case <-shutdownCh:
			done++
		}
		if done == 3 {
			return
		}
	}
}

// Bad: done is also counted outside the select, so it can reach 3 after
// two receives.
func counterJoinExtra(t *testing.T, skip bool, serve, client, shutdown func()) {
	serveCh, clientCh, shutdownCh := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		serve()
		serveCh <- struct{}{} // want `goroutine can block forever in send on serveCh: kernels.counterJoinExtra can return without receiving`
	}()
	go func() {
		client()
		clientCh <- struct{}{} // want `goroutine can block forever in send on clientCh: kernels.counterJoinExtra can return without receiving`
	}()
	go func() {
		shutdown()
		shutdownCh <- struct{}{} // want `goroutine can block forever in send on shutdownCh: kernels.counterJoinExtra can return without receiving`
	}()
	done := 0
	if skip {
		done++
	}
	for {
		select {
		case <-time.After(time.Second):
			t.Fatal("timeout")
		case <-serveCh:
			done++
		case <-clientCh:
			done++
		case <-shutdownCh:
			done++
		}
		if done == 3 {
			return
		}
	}
}

// Bad: the first case counts twice, so done can reach 2 with only a's
// value received while b's sender is still waiting.
func counterJoinByTwo(t *testing.T, fa, fb func()) {
	a, b := make(chan struct{}), make(chan struct{})
	go func() {
		fa()
		a <- struct{}{} // want `goroutine can block forever in send on a: kernels.counterJoinByTwo can return without receiving`
	}()
	go func() {
		fb()
		b <- struct{}{} // want `goroutine can block forever in send on b: kernels.counterJoinByTwo can return without receiving`
	}()
	done := 0
	for {
		select {
		case <-time.After(time.Second):
			t.Fatal("timeout")
		case <-a:
			done += 2
		case <-b:
			done++
		}
		if done >= 2 {
			return
		}
	}
}

// Bad: a is closed as well, so a receive from it can fire again and again.
func counterJoinClosed(t *testing.T, fa, fb func()) {
	a, b := make(chan struct{}), make(chan struct{})
	go func() {
		fa()
		a <- struct{}{} // want `goroutine can block forever in send on a: kernels.counterJoinClosed can return without receiving`
		close(a)
	}()
	go func() {
		fb()
		b <- struct{}{} // want `goroutine can block forever in send on b: kernels.counterJoinClosed can return without receiving`
	}()
	done := 0
	for {
		select {
		case <-time.After(time.Second):
			t.Fatal("timeout")
		case <-a:
			done++
		case <-b:
			done++
		}
		if done == 2 {
			return
		}
	}
}
