package chans

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
)

const fieldSrc = `package p

type owned struct{ ch chan int }

func (o *owned) produce() { o.ch <- 1 }

func (o *owned) run() int {
	o.ch = make(chan int)
	go o.produce()
	go func() { o.ch <- 2 }()
	return <-o.ch
}

type shared struct{ ch chan int }

func (s *shared) run() int {
	s.ch = make(chan int)
	go func() { s.ch <- 1 }()
	return <-s.ch
}

func (s *shared) drain() { <-s.ch }

type twice struct{ ch chan int }

func (t *twice) run() int {
	t.ch = make(chan int)
	go func() { t.ch <- 1 }()
	return <-t.ch
}

func (t *twice) reset() { t.ch = make(chan int, 1) }

type Exported struct{ Ch chan int }

func (e *Exported) run() int {
	e.Ch = make(chan int)
	go func() { e.Ch <- 1 }()
	return <-e.Ch
}

type other struct{ ch chan int }

func (o *other) run(p *other) int {
	o.ch = make(chan int)
	go func() { p.ch <- 1 }()
	return <-o.ch
}
`

func firstMake(fn *ssa.Function) *ssa.MakeChan {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if mk, ok := instr.(*ssa.MakeChan); ok {
				return mk
			}
		}
	}
	return nil
}

func TestOwnedField(t *testing.T) {
	pkg := ssatest.Build(t, fieldSrc)
	s := Index(ssatest.Funcs(pkg))
	find := func(name string) *ssa.Function {
		for _, fn := range ssatest.Funcs(pkg) {
			if fn.Parent() == nil && fn.Signature.Recv() != nil && fn.RelString(nil) == name {
				return fn
			}
		}
		t.Fatalf("no method %s", name)
		return nil
	}
	fo, ok := s.OwnedField(firstMake(find("(*p.owned).run")))
	if !ok {
		t.Fatalf("owned.run: ownership within the method must be recognized")
	}
	if len(fo.Sites) != 2 || len(fo.Loads) != 1 {
		t.Errorf("owned.run: got %d goroutines and %d owner loads, want 2 and 1", len(fo.Sites), len(fo.Loads))
	}
	for _, name := range []string{"(*p.shared).run", "(*p.twice).run", "(*p.Exported).run", "(*p.other).run"} {
		if _, ok := s.OwnedField(firstMake(find(name))); ok {
			t.Errorf("%s: ownership must not be claimed", name)
		}
	}
}
