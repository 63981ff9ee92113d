package wake_test

import (
	"go/token"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const discardSrc = `package p

type doc struct{ ctl chan int }

func (d *doc) control() {
	go func() {
		for range d.ctl {
		}
	}()
}

func open(d *doc) { d.control() }

func reopenAll(ds []*doc) {
	for _, d := range ds {
		d.control()
	}
}

func reload(d *doc) { d.control() }

type once struct{ ctl chan int }

func (o *once) control() {
	go func() {
		for range o.ctl {
		}
	}()
}

func newOnce() *once {
	o := &once{ctl: make(chan int)}
	o.control()
	return o
}
`

// TestDiscardedExample checks the evidence that a never-ending goroutine's
// starter runs many times: a starter called from three places is started
// repeatedly, and the call shown as the example is the one in a loop (not
// merely the last); a starter called once, outside a loop, gives none.
func TestDiscardedExample(t *testing.T) {
	pkg := ssatest.Build(t, discardSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))

	d := m.Discarded(goIn(t, ssatest.Func(t, pkg, "(*doc).control")))
	if d == nil || d.Kind != wake.StartedRepeatedly || d.Call == nil {
		t.Fatalf("doc.control: got %+v, want StartedRepeatedly with a call", d)
	}
	if got := d.Call.Parent().Name(); got != "reopenAll" {
		t.Errorf("doc.control: example call in %s, want the one in reopenAll's loop", got)
	}

	if d := m.Discarded(goIn(t, ssatest.Func(t, pkg, "(*once).control"))); d != nil {
		t.Errorf("once.control: got %+v, want nil (started once, from a constructor)", d)
	}
}

func goIn(t *testing.T, fn *ssa.Function) *ssa.Go {
	t.Helper()
	var found *ssa.Go
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok && (found == nil || g.Pos() < found.Pos()) {
				found = g
			}
		}
	}
	if found == nil || found.Pos() == token.NoPos {
		t.Fatalf("%s: no go statement", fn.Name())
	}
	return found
}
