package waitexit_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/waitexit"
)

const countedSrc = `package p

type opts struct{ N int }
type fsck struct{ opts opts }

func rangeN(n int) {
	ch := make(chan int, n)
	for range n {
		go func() { <-ch }()
	}
}

func classic(n int) {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		go func() { <-ch }()
	}
}

func (f *fsck) field() {
	ch := make(chan int, f.opts.N)
	for range f.opts.N {
		go func() { <-ch }()
	}
}

func other(n, m int) {
	ch := make(chan int, n)
	for range m {
		go func() { <-ch }()
	}
}

func items(xs []int) {
	ch := make(chan int, len(xs))
	for range xs {
		go func() { <-ch }()
	}
}

func otherItems(xs, ys []int) {
	ch := make(chan int, len(ys))
	for range xs {
		go func() { <-ch }()
	}
}
`

// TestCountedBy checks that a go statement in a loop run n times is
// counted by the buffer size n (len(xs) for a range over xs too), and one
// in a loop of another bound is not.
func TestCountedBy(t *testing.T) {
	pkg := ssatest.Build(t, countedSrc)
	for name, want := range map[string]bool{"rangeN": true, "classic": true, "(*fsck).field": true, "other": false, "items": true, "otherItems": false} {
		var fn *ssa.Function
		for _, f := range ssatest.Funcs(pkg) {
			if f.RelString(pkg.Pkg) == name {
				fn = f
			}
		}
		if fn == nil {
			t.Fatalf("no function %s", name)
		}
		var mk *ssa.MakeChan
		var g *ssa.Go
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.MakeChan:
					mk = x
				case *ssa.Go:
					g = x
				}
			}
		}
		if got := waitexit.CountedBy(fn, g.Block(), mk.Size); got != want {
			t.Errorf("%s: CountedBy = %v, want %v", name, got, want)
		}
	}
}
