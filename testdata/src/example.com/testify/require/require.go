// Package require mirrors testify's require (v1.12): its TestingT has
// FailNow, and its helpers end the test when the assertion fails.
package require

import "example.com/testify/assert"

// TestingT is testify's require.TestingT.
type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

type tHelper interface {
	Helper()
}

// FailNow fails the test at once.
func FailNow(t TestingT, failureMessage string, msgAndArgs ...any) {
	if h, ok := t.(tHelper); ok {
		h.Helper()
	}
	if assert.FailNow(t, failureMessage, msgAndArgs...) {
		return
	}
	t.FailNow()
}

// Fail fails the test at once.
func Fail(t TestingT, failureMessage string, msgAndArgs ...any) {
	if h, ok := t.(tHelper); ok {
		h.Helper()
	}
	if assert.Fail(t, failureMessage, msgAndArgs...) {
		return
	}
	t.FailNow()
}

// True fails the test at once unless value holds: it may return.
func True(t TestingT, value bool, msgAndArgs ...any) {
	if h, ok := t.(tHelper); ok {
		h.Helper()
	}
	if assert.True(t, value, msgAndArgs...) {
		return
	}
	t.FailNow()
}
