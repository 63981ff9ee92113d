package locks

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"

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
