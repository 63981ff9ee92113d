// Package assertlike is a test-assertion library in the style of
// testify's assert (and the forks modules keep under internal/assert): its
// functions take a TestingT, the interface that stands in for *testing.T
// so that the package need not import "testing". Only tests call it: a
// package that declares a TestingT interface exists for tests
// (passutil.TestOnlyPackage), and the goroutine its Soon leaves parked on
// a timeout, after failing the test, hangs nothing that ships. The same
// code in a production package is reported (soonLogged in ../outcome.go).
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
		done <- struct{}{} // ok: a test-assertion package
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
