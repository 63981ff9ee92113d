// Package assert is testify's assert, reduced to what decides whether its
// calls return.
package assert

// TestingT is testify's: it has no FailNow, so invoking its methods
// proves nothing.
type TestingT interface {
	Errorf(format string, args ...any)
}

type failNower interface {
	FailNow()
}

// Fail reports a failure and returns false on every path.
func Fail(t TestingT, msg string) bool { // want Fail:"returnsFalse"
	t.Errorf("%s", msg)
	return false
}

// FailNow ends the test through FailNow, or panics when t has none. Its
// one return, not reachable, returns false: both facts hold.
func FailNow(t TestingT, msg string) bool { // want FailNow:"neverReturns\\(goexit\\|panic\\)" FailNow:"returnsFalse"
	Fail(t, msg)
	if t, ok := t.(failNower); ok {
		t.FailNow()
	} else {
		panic("test failed and t is missing `FailNow()`")
	}
	return false
}

// Equal may return true or false: neither fact.
func Equal(t TestingT, a, b any) bool {
	if a != b {
		return Fail(t, "not equal")
	}
	return true
}

// Errorf is a method named like the FailNow family on an interface
// without FailNow(): it returns.
func Errorf(t TestingT) {
	t.Errorf("x")
}
