package chans

import (
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/cfg"
)

// LenGuarded reports whether the receive recv from ch runs only after a
// test that the buffer of the same channel holds a value: it is dominated
// by a block entered only through branches of comparisons that say
// len(ch) > 0 (if len(ch) > 0, n := len(ch); for i := 0; i < n; i++,
// for range n). Such a receive takes what is already buffered and does
// not wait for a sender (a single consumer draining what has
// accumulated), so it is no wait for a wake-up.
func LenGuarded(recv ssa.Instruction, ch ssa.Value) bool {
	same := func(v ssa.Value) bool { return isChan(v.Type()) && sameChannel(v, ch) }
	for d := recv.Block(); d != nil; d = d.Idom() {
		if cfg.EnteredOnlyNonEmpty(d, same) {
			return true
		}
	}
	return false
}

// sameChannel reports whether a and b are the same channel: the same
// value, or values with one identity that the index can name (not one
// from code it cannot see).
func sameChannel(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	id, ok := Origin(a)
	if !ok || id.Kind == External {
		return false
	}
	ids := Origins(b)
	for _, other := range ids {
		if other != id {
			return false
		}
	}
	return len(ids) > 0
}
