package use // want package:"inputOnly\\(Loop Panics ParseTag Recovered Ref.Check Strict Tag.Valid ref.Name\\)"

import (
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"testing"

	"nr/require"
)

// Helper ends in another package's never-returning helper.
func Helper(t require.TestingT) { // want Helper:"neverReturns\\(goexit\\)"
	require.Fail(t, "boom")
}

// Maybe returns when ok.
func Maybe(t require.TestingT, ok bool) {
	if ok {
		return
	}
	require.Fail(t, "boom")
}

// Either ends by the process or the goroutine on every path.
func Either(t testing.TB, code int) { // want Either:"neverReturns\\(goexit\\|exit\\)"
	if code > 0 {
		os.Exit(code)
	}
	t.Fatal("no code")
}

// Fatal through log.Fatal.
func Fatal(msg string) { // want Fatal:"neverReturns\\(exit\\)"
	log.Fatal(msg)
}

// Panics always panics, with nothing to recover it.
func Panics() { // want Panics:"neverReturns\\(panic\\)"
	panic("no")
}

// Recovered panics, but a deferred call may recover: may return.
func Recovered() {
	defer func() { _ = recover() }()
	panic("no")
}

// DeferredGoexit: a deferred call does not stop Goexit.
func DeferredGoexit(t require.TestingT) { // want DeferredGoexit:"neverReturns\\(goexit\\)"
	defer cleanup()
	t.FailNow()
}

// DeferredRequire: require.FailNow may also end in a panic (assert.FailNow's
// branch for a t without FailNow), which the deferred call may recover.
func DeferredRequire(t require.TestingT) {
	defer cleanup()
	require.FailNow(t, "x")
}

func cleanup() {}

// Self only calls itself: no evidence that it never returns.
func Self() {
	Self()
}

// Loop only loops: no evidence either.
func Loop() {
	for {
	}
}

// Mutual recursion with a panic on one side: the other side's call is
// taken to return.
func Ping(n int) {
	if n == 0 {
		panic("zero")
	}
	Pong(n - 1)
}

func Pong(n int) { Ping(n) }

// Generic: facts on the origin.
func Must[T any](t require.TestingT, v T, err error) T {
	if err != nil {
		require.FailNow(t, err.Error())
	}
	return v
}

// FailGeneric never returns for any T.
func FailGeneric[T any](t require.TestingT, v T) { // want FailGeneric:"neverReturns\\(goexit\\|panic\\)"
	require.FailNow(t, "x")
}

// CallsGeneric reaches FailGeneric's origin through an instantiation.
func CallsGeneric(t require.TestingT) { // want CallsGeneric:"neverReturns\\(goexit\\|panic\\)"
	FailGeneric(t, 1)
}

// Closure: a function literal that always fails, called at once.
func Closure(t require.TestingT) { // want Closure:"neverReturns\\(goexit\\)"
	fail := func() { t.FailNow() }
	fail()
}

// The input-only facts: a parse whose error says its input was wrong.

type tagOptions struct{ strict bool }

// TagOption is a functional option of ParseTag.
type TagOption func(*tagOptions)

// Strict makes ParseTag require a tag.
func Strict(o *tagOptions) { o.strict = true }

// ParseTag splits and checks a name, with the options it was handed
// (calls of them cannot fail: they have no results).
func ParseTag(name string, opts ...TagOption) (string, error) {
	var o tagOptions
	for _, opt := range opts {
		opt(&o)
	}
	_, tag, ok := strings.Cut(name, ":")
	if !ok && o.strict {
		return "", errBadName(name)
	}
	return checkTag(tag)
}

// Tag and Ref are input-only by their methods: the fact names a method
// by its receiver's base type, pointer or not, exported or not.
type Tag struct{ s string }

// Valid checks the tag.
func (t Tag) Valid() error {
	if t.s == "" {
		return errors.New("empty tag")
	}
	return nil
}

// Ref is a reference to check.
type Ref struct{ tag Tag }

// Check checks the reference's tag.
func (r *Ref) Check() error { return r.tag.Valid() }

type ref struct{ name string }

// Name is exported on an unexported type.
func (r ref) Name() string { return r.name }

func checkTag(tag string) (string, error) {
	if strings.ContainsAny(tag, " /") {
		return "", fmt.Errorf("bad tag %q", tag)
	}
	return tag, nil
}

func errBadName(name string) error { return errors.New("bad name " + name) }

// Resolve looks the name up: it may fail at run time (no fact).
func Resolve(name string) ([]string, error) {
	tag, err := ParseTag(name)
	if err != nil {
		return nil, err
	}
	return net.LookupHost(tag)
}

// Check calls a callback with results, which may do anything (no fact).
func Check(name string, valid func(string) error) error {
	return valid(name)
}

// Describe calls a method of an interface (no fact).
func Describe(s fmt.Stringer) (string, error) {
	if s == nil {
		return "", errors.New("nil")
	}
	return s.String(), nil
}

// Wait receives (no fact).
func Wait(c chan error) error { return <-c }
