package wake_test

import (
	"testing"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/wake"
)

const holderSrc = `package p

type source interface {
	Events() <-chan int
	Stop()
}

type stream struct {
	events chan int
}

func (s *stream) Stop() {}

type embedding struct {
	source
	events chan int
}

type plain struct {
	events chan int
}

func (p *plain) Events() <-chan int { return p.events }

func own() *stream {
	out := make(chan int)
	go func() { out <- 1 }()
	return &stream{events: out}
}

func promoted(in source) *embedding {
	out := make(chan int)
	go func() { out <- 1 }()
	return &embedding{source: in, events: out}
}

func none() *plain {
	out := make(chan int)
	go func() { out <- 1 }()
	return &plain{events: out}
}

func local() {
	out := make(chan int)
	go func() { out <- 1 }()
	<-out
}
`

// TestEndedHolders checks that a channel kept in a struct with a Stop (its
// own, or promoted from an embedded interface) has that holder, and one
// kept in a struct without, or in no struct, has none.
func TestEndedHolders(t *testing.T) {
	pkg := ssatest.Build(t, holderSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for name, want := range map[string]struct {
		holder   string
		promoted bool
	}{
		"own":      {"stream", false},
		"promoted": {"embedding", true},
		"none":     {"", false},
		"local":    {"", false},
	} {
		fn := ssatest.Func(t, pkg, name)
		mk := ssatest.MakeChan(t, fn)
		hs := m.EndedHolders(mk, pkg)
		got, promoted := "", false
		if len(hs) > 0 {
			got, promoted = hs[0].Type.Obj().Name(), hs[0].Promoted
			if hs[0].Method.Name() != "Stop" {
				t.Errorf("%s: method %s, want Stop", name, hs[0].Method.Name())
			}
		}
		if got != want.holder || promoted != want.promoted {
			t.Errorf("%s: holder %q (promoted %v), want %q (promoted %v)", name, got, promoted, want.holder, want.promoted)
		}
	}
}
