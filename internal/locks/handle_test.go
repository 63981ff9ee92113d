package locks

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/callees"
	"github.com/conclint/conclint/internal/ssatest"
)

// A lock handed to a returned object: the release Commit makes through
// tx.st.writer is, at the caller, a release of st.writer, the mutex Begin
// locked; a field the constructor does not fill from a parameter, or two
// different stores, leave the effect on the handle.
func TestThroughReturnedField(t *testing.T) {
	pkg := ssatest.Build(t, `package p
import "sync"
type Store struct{ writer sync.Mutex }
type Tx struct {
	st    *Store
	other *Store
	write bool
}
func (st *Store) Begin(write bool) *Tx {
	if write {
		st.writer.Lock()
	}
	return &Tx{st: st, other: new(Store), write: write}
}
func (st *Store) Either(a *Store) *Tx {
	if a != nil {
		return &Tx{st: a}
	}
	return &Tx{st: st}
}
func use(st *Store) {
	_ = st.Begin(true)
	_ = st.Either(nil)
}
`)
	var calls []*ssa.Call
	for _, b := range pkg.Func("use").Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				calls = append(calls, c)
			}
		}
	}
	if len(calls) != 2 {
		t.Fatalf("calls of use: %d, want 2", len(calls))
	}
	st := pkg.Func("use").Params[0]
	begin, either := calls[0], calls[1]

	base, path := throughReturnedField(begin, []string{"st", "*", "writer"}, nil)
	if base != st || !slices.Equal(path, []string{"writer"}) {
		t.Errorf("Begin(...).st.writer: got %v %v, want the argument st and [writer]", base, path)
	}
	for _, tc := range []struct {
		call *ssa.Call
		path []string
	}{
		{begin, []string{"other", "*", "writer"}}, // filled with a new Store, not a parameter
		{begin, []string{"st", "writer"}},         // no load through the field
		{either, []string{"st", "*", "writer"}},   // a different parameter on each return
	} {
		base, path := throughReturnedField(tc.call, tc.path, nil)
		if base != ssa.Value(tc.call) || !slices.Equal(path, tc.path) {
			t.Errorf("%v %v: got %v %v, want it unchanged", tc.call, tc.path, base, path)
		}
	}
}

// A release kept by the handle as a closure in a field (go-mysql-server's
// MySQLDb.Reader): the constructor's Handle names the closure's binding,
// the method that calls the field releases through it, and at the caller
// the release maps back to the constructor's argument; a field that holds
// a closure over something else maps to nothing.
func TestClosureHandle(t *testing.T) {
	pkg := ssatest.Build(t, `package p
import "sync"
type DB struct{ lock sync.RWMutex }
type R struct{ close func() }
func (db *DB) Reader() *R {
	db.lock.RLock()
	return &R{close: func() { db.lock.RUnlock() }}
}
type R2 struct{ close func() }
func (db *DB) Other(o *DB) *R2 {
	return &R2{close: func() { o.lock.RUnlock() }}
}
func (db *DB) Local() *R2 {
	x := new(DB)
	return &R2{close: func() { x.lock.RUnlock() }}
}
func (r *R) Close() {
	if r.close != nil {
		r.close()
		r.close = nil
	}
}
func use(db *DB) {
	rd := db.Reader()
	rd.Close()
}
`)
	info := newInfo(nil)
	info.calls = callees.New(pkg, ssatest.Funcs(pkg))
	for name, want := range map[string]string{
		"(*DB).Reader": "locks(takes p0/lock(r), acquires p0/lock(r), result.close.()0.*=p0)",
		"(*R).Close":   "locks(releases p0/close.()0.*.lock(r))",
	} {
		f := LocksFact(*info.Summarize(ssatest.Func(t, pkg, name)))
		if got := f.String(); got != want {
			t.Errorf("summary of %s = %q, want %q", name, got, want)
		}
	}
	for name, want := range map[string]string{"(*DB).Other": "close.()0 p1 true", "(*DB).Local": ""} {
		got := ""
		for _, h := range handleFields(ssatest.Func(t, pkg, name)) {
			got = fmt.Sprint(h.Field, " p", h.Param, " ", h.Cell)
		}
		if got != want {
			t.Errorf("handle of %s = %q, want %q", name, got, want)
		}
	}
	use := ssatest.Func(t, pkg, "use")
	fl := info.Analyze(use)
	for ret, held := range fl.HeldAtReturns() {
		if len(held) != 0 {
			t.Errorf("use holds %v at %v; Close releases the reader's read lock", held, ret)
		}
	}
}

// A lock taken through a closure in one field and released through a
// closure in another is not tracked: the two paths name the same mutex
// differently, and a held lock that only the other path releases would be
// a false "held" (the acquisition is left out, as an unknown call's is).
func TestClosureFieldsNotPaired(t *testing.T) {
	pkg := ssatest.Build(t, `package p
import "sync"
type S struct {
	mu               sync.Mutex
	lockFn, unlockFn func()
}
func New() *S {
	s := &S{}
	s.lockFn = func() { s.mu.Lock() }
	s.unlockFn = func() { s.mu.Unlock() }
	return s
}
func (s *S) Lock()   { s.lockFn() }
func (s *S) Unlock() { s.unlockFn() }
func use(s *S) {
	s.Lock()
	s.Unlock()
}
`)
	info := newInfo(nil)
	info.calls = callees.New(pkg, ssatest.Funcs(pkg))
	fl := info.Analyze(ssatest.Func(t, pkg, "use"))
	for ret, held := range fl.HeldAtReturns() {
		if len(held) != 0 {
			t.Errorf("use holds %v at %v", held, ret)
		}
	}
}
