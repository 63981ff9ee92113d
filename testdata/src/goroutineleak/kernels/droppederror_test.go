package kernels

import (
	"context"
	"testing"
	"time"
)

// A round trip abandoned on a done context (grpc's classic shape): the
// helper returns ctx.Err() and leaves its goroutine's send unreceived. A
// test that fails on that error (a checked call) makes the leak a failing
// run's; a test that calls the helper and ignores what it returns does
// not, and the kernel's bug stays reported.

type roundTripper struct{ delay time.Duration }

func (r *roundTripper) do() int { time.Sleep(r.delay); return 1 }

func callDropped(ctx context.Context, r *roundTripper) (int, error) {
	done := make(chan int)
	go func() {
		done <- r.do() // want `goroutine can block forever in send on done: kernels.callDropped can return without receiving from it`
	}()
	select {
	case v := <-done:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Bad: the test ignores the error, so nothing fails when the goroutine
// is left behind.
func TestCallDropped(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	callDropped(ctx, &roundTripper{delay: time.Millisecond})
}

func callChecked(ctx context.Context, r *roundTripper) (int, error) {
	done := make(chan int)
	go func() {
		done <- r.do() // ok: parked only when the test fails on ctx.Err()
	}()
	select {
	case v := <-done:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Near miss: the test fails on the error the abandoning path returns.
func TestCallChecked(t *testing.T) {
	if _, err := callChecked(context.Background(), &roundTripper{delay: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
}
