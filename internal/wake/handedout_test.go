package wake_test

import (
	"testing"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const handedOutSrc = `package p

type Watcher struct {
	Events chan int
	Out    chan<- int
	errs   chan error
}

type Drained struct {
	Events chan int
}

func exported() *Watcher {
	return &Watcher{Events: make(chan int)}
}

func sendOnly() *Watcher {
	return &Watcher{Out: make(chan int)}
}

func unexported() *Watcher {
	return &Watcher{errs: make(chan error)}
}

func drained() *Drained {
	d := &Drained{Events: make(chan int)}
	go func() {
		for range d.Events {
		}
	}()
	return d
}

func notMade(w *Watcher, c chan int) {
	w.Events = c
}
`

// TestHandedOutField checks that a channel the package makes and keeps in
// an exported, receivable field that nothing in the package receives from
// is handed out there, and that a send-only field, an unexported field
// and a channel the package drains itself are not.
func TestHandedOutField(t *testing.T) {
	pkg := ssatest.Build(t, handedOutSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for name, want := range map[string]string{
		"exported":   "Events",
		"sendOnly":   "",
		"unexported": "",
		"drained":    "",
	} {
		fn := ssatest.Func(t, pkg, name)
		mk := ssatest.MakeChan(t, fn)
		got := ""
		if fld, ok := m.HandedOutField(mk); ok {
			got = fld.Name()
		}
		if got != want {
			t.Errorf("%s: handed out in %q, want %q", name, got, want)
		}
	}
}
