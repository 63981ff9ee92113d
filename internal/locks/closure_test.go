package locks

import (
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
