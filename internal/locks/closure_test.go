package locks

import (
	"strings"
	"testing"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssatest"
)

// A helper closure that calls another closure through the variable it
// captured: the inner closure's release maps onto the helper's own free
// variable, and from there onto the method's receiver.
func TestSummaryThroughCapturedClosure(t *testing.T) {
	pkg := ssatest.Build(t, `package p
import "sync"
type B struct{ mu, seqMu sync.Mutex }
func (b *B) commit(n int) error {
	b.mu.Lock()
	b.seqMu.Lock()
	rollback := func() { b.seqMu.Unlock() }
	fail := func() error { rollback(); b.mu.Unlock(); return nil }
	if n > 100 { return fail() }
	b.seqMu.Unlock()
	b.mu.Unlock()
	return nil
}`)
	info := newInfo(nil)
	info.calls = callees.New(pkg, ssatest.Funcs(pkg))
	fail := ssatest.Func(t, pkg, "(*B).commit$2")
	f := LocksFact(*info.Summarize(fail))
	if got, want := f.String(), "locks(releases f1/*.mu, releases f1/*.seqMu)"; got != want {
		t.Errorf("summary of fail = %q, want %q", got, want)
	}
	commit := ssatest.Func(t, pkg, "(*B).commit")
	fl := info.Analyze(commit)
	for ret, held := range fl.HeldAtReturns() {
		if len(held) != 0 {
			t.Errorf("commit holds %v at %v; fail releases both mutexes", held, ret)
		}
	}
}

// Only Takes that another package can observe are exported: a mutex it can
// name, or one the package hands out through an exported Lock helper.
func TestObservableTakes(t *testing.T) {
	takes := []Effect{
		{Root: "p0", Path: []string{"*", "Mutex"}},                          // embedded: nameable
		{Root: "p0", Path: []string{"*", "mu"}, Class: "(p.Conn).mu"},       // handed out by Lock
		{Root: "p0", Path: []string{"*", "state"}, Class: "(p.Conn).state"}, // private
		{Root: "g:p.Registry", Path: nil},                                   // exported global
		{Root: "g:p.registry", Path: nil},                                   // unexported global
	}
	handed := map[string]bool{"(p.Conn).mu": true}
	var got []string
	for _, e := range observableTakes(takes, handed) {
		got = append(got, e.String())
	}
	want := "p0/*.Mutex p0/*.mu g:p.Registry/"
	if strings.Join(got, " ") != want {
		t.Errorf("observable takes = %q, want %q", strings.Join(got, " "), want)
	}
}
