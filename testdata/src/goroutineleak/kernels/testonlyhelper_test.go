package kernels

import (
	"context"
	"errors"
	"testing"
	"time"
)

// publishForTest is a test helper: its goroutine is left parked only when
// it returns an error, which fails the calling test.
func publishForTest(send func(int) error) error {
	confirmed := make(chan struct{})
	go func() {
		confirmed <- struct{}{} // ok: parked only on the failing path
	}()
	for i := range 3 {
		if err := send(i); err != nil {
			return errors.Join(errors.New("publish"), err)
		}
	}
	<-confirmed
	return nil
}

// publishSkipping is the near miss: it leaks on a path that returns a nil
// error, one the test passes on.
func publishSkipping(send func(int) error) error {
	confirmed := make(chan struct{})
	go func() {
		confirmed <- struct{}{} // want `goroutine can block forever in send on confirmed: kernels.publishSkipping can return without receiving`
	}()
	for i := range 3 {
		if err := send(i); err != nil {
			return nil // the caller does not learn of it
		}
	}
	<-confirmed
	return nil
}

func TestPublishForTest(t *testing.T) {
	if err := publishForTest(func(int) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if err := publishSkipping(func(int) error { return nil }); err != nil {
		t.Fatal(err)
	}
}

// dialTimeout is a kernel's dial (grpc#862): it gives up when its
// context times out, and the dialing goroutine's error then has no
// reader. The test fails unless the dial times out: the error is the
// path it drives, not a failing test.
func dialTimeout(ctx context.Context, dial func() error) error {
	ctx, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	waitC := make(chan error)
	go func() {
		if err := dial(); err != nil {
			waitC <- err // want `goroutine can block forever in send on waitC: kernels.dialTimeout can return without receiving from it`
			return
		}
		close(waitC)
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-waitC:
		return err
	}
}

func TestDialTimeout(t *testing.T) {
	err := dialTimeout(context.Background(), func() error {
		time.Sleep(10 * time.Millisecond)
		return errors.New("refused")
	})
	if err == nil {
		t.Fatal("dial did not time out")
	}
}
