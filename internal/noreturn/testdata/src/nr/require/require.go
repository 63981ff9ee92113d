// Package require is testify's require, reduced: its TestingT has FailNow,
// so invoking t.FailNow ends the goroutine.
package require

import "nr/assert"

type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

// FailNow: assert.FailNow never returns (a fact across packages), so the
// return after it is not reachable.
func FailNow(t TestingT, msg string) { // want FailNow:"neverReturns\\(goexit\\|panic\\)"
	if assert.FailNow(t, msg) {
		return
	}
	t.FailNow()
}

// Fail: assert.Fail returns false on every path, so only the false edge
// of the branch runs, and it calls t.FailNow.
func Fail(t TestingT, msg string) { // want Fail:"neverReturns\\(goexit\\)"
	if assert.Fail(t, msg) {
		return
	}
	t.FailNow()
}

// Equal: assert.Equal may return true: a return is reachable.
func Equal(t TestingT, a, b any) {
	if assert.Equal(t, a, b) {
		return
	}
	t.FailNow()
}

// Fatalf is the FailNow family on require.TestingT by name: Fatalf is not
// one of its methods, so a helper named so is judged by its body.
func Fatalf(t TestingT, msg string) { // want Fatalf:"neverReturns\\(goexit\\)"
	t.Errorf("%s", msg)
	t.FailNow()
}
