// Package assert mirrors testify's assert (v1.12) in what decides whether
// its calls return: Fail reports and returns false, FailNow ends the test
// through FailNow or panics.
package assert

// TestingT is testify's: no FailNow in its method set.
type TestingT interface {
	Errorf(format string, args ...any)
}

type failNower interface {
	FailNow()
}

type tHelper interface {
	Helper()
}

// Fail reports a failure; it returns false.
func Fail(t TestingT, failureMessage string, msgAndArgs ...any) bool {
	if h, ok := t.(tHelper); ok {
		h.Helper()
	}
	t.Errorf("%s", failureMessage)
	return false
}

// FailNow reports a failure and ends the test.
func FailNow(t TestingT, failureMessage string, msgAndArgs ...any) bool {
	if h, ok := t.(tHelper); ok {
		h.Helper()
	}
	Fail(t, failureMessage, msgAndArgs...)
	if t, ok := t.(failNower); ok {
		t.FailNow()
	} else {
		panic("test failed and t is missing `FailNow()`")
	}
	return false
}

// True reports a failure unless value holds.
func True(t TestingT, value bool, msgAndArgs ...any) bool {
	if !value {
		return Fail(t, "Should be true", msgAndArgs...)
	}
	return true
}
