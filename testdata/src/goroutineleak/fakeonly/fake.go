// Package fakeonly exists for tests: every file takes a *testing.T, and
// the goroutine its fake parks fails nothing.
package fakeonly

import (
	"testing"
	"time"
)

type fakeLogger struct{ tick *time.Ticker }

func newFakeLogger(t *testing.T) *fakeLogger {
	t.Helper()
	l := &fakeLogger{tick: time.NewTicker(time.Minute)}
	go func() {
		for range l.tick.C { // ok: a test-only package's fake
		}
	}()
	return l
}

func (l *fakeLogger) shutdown() { l.tick.Stop() }
