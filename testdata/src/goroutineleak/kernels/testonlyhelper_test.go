package kernels

import (
	"errors"
	"testing"
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
