package groups_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/ssatest"
)

const guardSrc = `package p

import "sync"

func work() {}

func tracked(wg *sync.WaitGroup, track bool) {
	if track {
		wg.Add(1)
	}
	go func() {
		work()
		if track {
			wg.Done()
		}
	}()
}

func optional(wg *sync.WaitGroup) {
	go func() {
		work()
		if wg != nil {
			wg.Done()
		}
	}()
}

func reassigned(wg *sync.WaitGroup, track bool) {
	go func() {
		if track {
			wg.Done()
		}
	}()
	track = false
}

func computed(wg *sync.WaitGroup, f func() bool) {
	go func() {
		if f() {
			wg.Done()
		}
	}()
}
`

// goAndDones returns the go statement of fn and the Done calls of the
// closure it starts.
func goAndDones(t *testing.T, fn *ssa.Function) (*ssa.Go, []*ssa.Call) {
	t.Helper()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			body := g.Call.Value.(*ssa.MakeClosure).Fn.(*ssa.Function)
			var dones []*ssa.Call
			for _, bb := range body.Blocks {
				for _, x := range bb.Instrs {
					if c, ok := x.(*ssa.Call); ok {
						if k, m, _ := groups.MethodOf(&c.Call); k == groups.WaitGroup && m == groups.Done {
							dones = append(dones, c)
						}
					}
				}
			}
			return g, dones
		}
	}
	t.Fatalf("%s: no go statement", fn.Name())
	return nil, nil
}

func TestDoneGuards(t *testing.T) {
	pkg := ssatest.Build(t, guardSrc)
	for _, tc := range []struct {
		name           string
		guards         int
		ofDone, offEdg bool
	}{
		{"tracked", 1, false, true},
		{"optional", 1, true, false},
		{"reassigned", 0, false, false},
		{"computed", 0, false, false},
	} {
		fn := ssatest.Func(t, pkg, tc.name)
		start, dones := goAndDones(t, fn)
		gs := groups.DoneGuards(start.Call.Value.(*ssa.MakeClosure).Fn.(*ssa.Function), dones)
		if len(gs) != tc.guards {
			t.Errorf("%s: %d guards, want %d", tc.name, len(gs), tc.guards)
			continue
		}
		if len(gs) == 0 {
			continue
		}
		if gs[0].OfDone != tc.ofDone {
			t.Errorf("%s: OfDone = %v, want %v", tc.name, gs[0].OfDone, tc.ofDone)
		}
		if got := len(gs[0].OffEdges(start)) > 0; got != tc.offEdg {
			t.Errorf("%s: starter has off edges = %v, want %v", tc.name, got, tc.offEdg)
		}
	}
}

const flagSrc = `package p

import "sync"

func work() {}

func recorded(wg *sync.WaitGroup, ok bool) {
	added := false
	if ok {
		wg.Add(1)
		added = true
	}
	go func() {
		work()
		if added {
			wg.Done()
		}
	}()
}

func loose(wg *sync.WaitGroup, ok bool, v int) {
	added := false
	if ok {
		wg.Add(1)
	}
	if v > 0 {
		added = true
	}
	go func() {
		work()
		if added {
			wg.Done()
		}
	}()
}
`

// TestAddFlagOffEdges checks that a flag set true only where the starter
// adds gives the body an off edge (the goroutine was not counted in
// there), and a flag also set where no Add ran gives none.
func TestAddFlagOffEdges(t *testing.T) {
	pkg := ssatest.Build(t, flagSrc)
	for name, want := range map[string]int{"recorded": 1, "loose": 0} {
		fn := ssatest.Func(t, pkg, name)
		start, dones := goAndDones(t, fn)
		var adds []ssa.Instruction
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok {
					if k, m, _ := groups.MethodOf(&c.Call); k == groups.WaitGroup && m == groups.Add {
						adds = append(adds, c)
					}
				}
			}
		}
		if got := len(groups.AddFlagOffEdges(start, dones, adds)); got != want {
			t.Errorf("%s: %d off edges, want %d", name, got, want)
		}
	}
}
