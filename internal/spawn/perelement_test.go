package spawn

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
)

const perElementSrc = `package p

type binding struct {
	name    string
	options map[string]string
}

type config struct{ listeners []binding }

type listener interface{ listen(addr string) }

func create(opts map[string]string) listener { return nil }

func start(l listener) {}

func tick() {}

// perListener starts one listener per configured binding, through a
// factory and a field of the element.
func perListener(cfg *config) {
	for _, b := range cfg.listeners {
		l := create(b.options)
		var addr string
		if a, ok := b.options["address"]; ok {
			addr = a
		}
		l.listen(addr)
	}
}

// perKey ranges over a map and hands the value on.
func perKey(m map[string]binding) {
	for _, b := range m {
		start(create(b.options))
	}
}

// byIndex counts over the slice and reads the element by index.
func byIndex(bs []binding) {
	for i := 0; i < len(bs); i++ {
		start(create(bs[i].options))
	}
}

// rounds repeats the same call: the element is not used.
func rounds(bs []binding) {
	for range bs {
		tick()
	}
}

// counted repeats the same call n times.
func counted(n int) {
	for i := range n {
		_ = i
		tick()
	}
}

// nested starts one per element, in each round of an outer loop.
func nested(cfg *config, n int) {
	for range n {
		for _, b := range cfg.listeners {
			start(create(b.options))
		}
	}
}

// fromChannel takes its elements from a channel: as many as are sent.
func fromChannel(ch chan binding) {
	for b := range ch {
		start(create(b.options))
	}
}
`

func TestPerElement(t *testing.T) {
	pkg := ssatest.Build(t, perElementSrc)
	for fn, want := range map[string]bool{
		"perListener": true,
		"perKey":      true,
		"byIndex":     true,
		"rounds":      false,
		"counted":     false,
		"nested":      false,
		"fromChannel": false,
	} {
		f := ssatest.Func(t, pkg, fn)
		found := false
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee := call.Common().StaticCallee()
				isStart := call.Common().IsInvoke() || callee != nil && (callee.Name() == "start" || callee.Name() == "tick")
				if !isStart {
					continue
				}
				found = true
				if got := PerElement(call); got != want {
					t.Errorf("PerElement(%s in %s) = %v, want %v", call, fn, got, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no call to judge", fn)
		}
	}
}
