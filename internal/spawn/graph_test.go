package spawn_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/waitexit"
)

const tripsSrc = `package p

func use(int) {}

func plain() {
	for i := 0; i < 3; i++ {
		use(i)
	}
}

func captured() {
	for i := 0; i < 3; i++ {
		go func() { use(i) }()
	}
}

func capturedStep() {
	for i := 10; i > 0; i -= 2 {
		go func() { use(i) }()
	}
}

func capturedBound(n int) {
	for i := 0; i < n; i++ {
		go func() { use(i) }()
	}
}

func rangeInt() {
	for range 3 {
		go use(1)
	}
}

func rangeIntCaptured() {
	for i := range 4 {
		go func() { use(i) }()
	}
}

func capturedChanged() {
	for i := 0; i < 3; i++ {
		go func() { use(i) }()
		i = i * 2
	}
}
`

// TestConstTrips checks the trip counts of counting loops, including a
// counter a closure captures (one variable per way round since Go 1.22),
// and that a loop with a bound or a step that is not a constant has none.
func TestConstTrips(t *testing.T) {
	pkg := ssatest.Build(t, tripsSrc)
	want := map[string]int{"plain": 3, "captured": 3, "capturedStep": 5, "capturedBound": -1, "capturedChanged": -1, "rangeInt": 3, "rangeIntCaptured": 4}
	for _, fn := range ssatest.Funcs(pkg) {
		n, ok := want[fn.Name()]
		if !ok || fn.Parent() != nil {
			continue
		}
		header := fn.Blocks[1]
		in := map[*ssa.BasicBlock]bool{}
		for _, b := range fn.Blocks[2:] {
			if b.Comment != "for.done" {
				in[b] = true
			}
		}
		in[header] = true
		got, ok := spawn.ConstTrips(header, in)
		if !ok {
			got = -1
		}
		if got != n {
			t.Errorf("%s: ConstTrips = %d, want %d", fn.Name(), got, n)
		}
	}
}

const latchSrc = `package p

func use(int) {}

func fail() bool { return false }

func rangeIntEarlyReturn() {
	for range 32 {
		if fail() {
			return
		}
		use(1)
	}
}

func rangeIntBreak() {
	for i := range 5 {
		if fail() {
			break
		}
		use(i)
	}
}

func rangeIntContinue() {
	for range 3 {
		if fail() {
			continue
		}
		use(1)
	}
}

func plainEarlyReturn() {
	for i := 0; i < 7; i++ {
		if fail() {
			return
		}
		use(i)
	}
}
`

// TestConstTripsLatch checks the bound of counting loops whose body has
// another exit or branch, so that a rotated loop's test (for range n)
// ends a latch block, not the header: the count is what the loop runs at
// most (iceberg-go's encoder test, whose goroutines return on their first
// error inside for range iterations).
func TestConstTripsLatch(t *testing.T) {
	pkg := ssatest.Build(t, latchSrc)
	want := map[string]int{"rangeIntEarlyReturn": 32, "rangeIntBreak": 5, "rangeIntContinue": 3, "plainEarlyReturn": 7}
	for name, n := range want {
		fn := ssatest.Func(t, pkg, name)
		loops := waitexit.LoopExits(fn)
		if len(loops) != 1 {
			t.Fatalf("%s: %d loops, want 1", name, len(loops))
		}
		in := map[*ssa.BasicBlock]bool{}
		for _, b := range loops[0].Blocks {
			in[b] = true
		}
		got, ok := spawn.ConstTrips(loops[0].Header, in)
		if !ok {
			got = -1
		}
		if got != n {
			t.Errorf("%s: ConstTrips = %d, want %d", name, got, n)
		}
	}
}
