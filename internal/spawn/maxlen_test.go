package spawn_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/spawn"
	"github.com/conclint/conclint/internal/ssatest"
)

const maxLenSrc = `package p

func sink([]string) {}

func appendedInLoop() {
	var ids []string
	for range 256 {
		ids = append(ids, "x")
	}
	sink(ids[2:])
}

func appendedTwice() {
	var ids []string
	for i := 0; i < 10; i++ {
		ids = append(ids, "a", "b")
	}
	sink(ids)
}

func literalResliced() {
	s := []string{"a", "b", "c", "d"}
	sink(s[1:3])
}

func made() {
	sink(make([]string, 7))
}

func appendedUnbounded(n int) {
	var ids []string
	for i := 0; i < n; i++ {
		ids = append(ids, "x")
	}
	sink(ids)
}

func appendedSlice(more []string) {
	var ids []string
	ids = append(ids, more...)
	sink(ids)
}
`

// TestMaxLen checks the constant bounds on a slice's length: a slice
// appended to in a counted loop, resliced, a literal, a make, and none
// for a loop of unknown length or an append of a slice of unknown length.
func TestMaxLen(t *testing.T) {
	pkg := ssatest.Build(t, maxLenSrc)
	want := map[string]int64{"appendedInLoop": 254, "appendedTwice": 20, "literalResliced": 2, "made": 7, "appendedUnbounded": -1, "appendedSlice": -1}
	for name, n := range want {
		fn := ssatest.Func(t, pkg, name)
		var arg ssa.Value
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok && call.Call.StaticCallee() != nil && call.Call.StaticCallee().Name() == "sink" {
					arg = call.Call.Args[0]
				}
			}
		}
		if arg == nil {
			t.Fatalf("%s: no call of sink", name)
		}
		got, ok := spawn.MaxLen(arg)
		if !ok {
			got = -1
		}
		if got != n {
			t.Errorf("%s: MaxLen = %d, want %d", name, got, n)
		}
	}
}
