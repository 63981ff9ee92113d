// Package assertlike is a test-assertion library in the style of
// testify's assert (and the forks modules keep under internal/assert): its
// functions take a TestingT, the interface that stands in for *testing.T
// so that the package need not import "testing". A call of Errorf on a
// TestingT marks the running test failed (passutil.FailsTest), as on a
// *testing.T: the goroutine Soon leaves parked on its timeout is on a
// path where the test already failed, and is not reported. The same code
// that logs instead is reported (soonLogged in ../outcome.go).
package assertlike

import (
	"context"
	"time"
)

// TestingT is the part of *testing.T the assertions use.
type TestingT interface {
	Errorf(format string, args ...any)
}

// Soon fails t if callback does not return within timeout.
func Soon(t TestingT, callback func(ctx context.Context), timeout time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		callback(ctx)
		done <- struct{}{} // ok: left only after t.Errorf failed the test
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-done:
		return
	case <-timer.C:
		t.Errorf("timed out after %s", timeout)
	}
}
