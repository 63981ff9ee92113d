package ctxflow_test

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssatest"
)

// TestCancelUncalled: a WithCancel whose cancel is only stored in an
// unexported field that nothing reads cancels nothing; one whose field
// is read (and so may be called), kept in a local, or exported may.
func TestCancelUncalled(t *testing.T) {
	pkg := ssatest.Build(t, `package p

import "context"

type forgot struct{ cancel context.CancelFunc }
type kept struct{ cancel context.CancelFunc }
type Open struct{ Cancel context.CancelFunc }

func newForgot() *forgot {
	_, cancel := context.WithCancel(context.Background())
	return &forgot{cancel: cancel}
}

func newKept() *kept {
	_, cancel := context.WithCancel(context.Background())
	return &kept{cancel: cancel}
}

func (k *kept) Stop() { k.cancel() }

func newOpen() *Open {
	_, cancel := context.WithCancel(context.Background())
	return &Open{Cancel: cancel}
}

func local() {
	_, cancel := context.WithCancel(context.Background())
	defer cancel()
}
`)
	funcs := ssatest.Funcs(pkg)
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"newForgot", true},
		{"newKept", false},
		{"newOpen", false},
		{"local", false},
	} {
		var call *ssa.Call
		for _, b := range ssatest.Func(t, pkg, tc.fn).Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && c.Call.StaticCallee() != nil && c.Call.StaticCallee().Name() == "WithCancel" {
					call = c
				}
			}
		}
		if call == nil {
			t.Fatalf("%s: no WithCancel", tc.fn)
		}
		if got := ctxflow.CancelUncalled(call, funcs); got != tc.want {
			t.Errorf("CancelUncalled in %s = %t, want %t", tc.fn, got, tc.want)
		}
	}
}

// TestFieldStores: an unexported field set only through its address is
// known by its stores; one whose address is handed out, or whose struct
// is stored whole, is not.
func TestFieldStores(t *testing.T) {
	pkg := ssatest.Build(t, `package p

import "context"

type known struct{ ctx context.Context }
type handed struct{ ctx context.Context }
type copied struct{ ctx context.Context }

func newKnown() *known { return &known{ctx: context.Background()} }

func newHanded() *handed {
	h := &handed{}
	set(&h.ctx)
	return h
}

func set(p *context.Context) { *p = context.TODO() }

func newCopied(c copied) *copied {
	p := &copied{ctx: context.Background()}
	*p = c
	return p
}
`)
	funcs := ssatest.Funcs(pkg)
	field := func(typ string) *types.Var {
		return pkg.Pkg.Scope().Lookup(typ).Type().Underlying().(*types.Struct).Field(0)
	}
	for _, tc := range []struct {
		typ  string
		want bool
		n    int
	}{
		{"known", true, 1},
		{"handed", false, 0},
		{"copied", false, 0},
	} {
		vals, ok := ctxflow.FieldStores(field(tc.typ), pkg.Pkg, funcs)
		if ok != tc.want || len(vals) != tc.n {
			t.Errorf("FieldStores(%s.ctx) = %d values, %t; want %d, %t", tc.typ, len(vals), ok, tc.n, tc.want)
		}
	}
}
