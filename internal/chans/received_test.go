package chans_test

import (
	"testing"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
)

// Received: a receive yields its channel, a select its receive cases'
// channels (not its send cases'), a send nothing.
func TestReceived(t *testing.T) {
	pkg := ssatest.Build(t, `package p
func plain(a chan int) int { return <-a }
func sel(a, b, c chan int) {
	select {
	case <-a:
	case b <- 1:
	case <-c:
	}
}
func send(a chan int) { a <- 1 }
`)
	for name, want := range map[string][]string{
		"plain": {"a"},
		"sel":   {"a", "c"},
		"send":  nil,
	} {
		fn := ssatest.Func(t, pkg, name)
		var got []string
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, ch := range chans.Received(instr) {
					got = append(got, ch.Name())
				}
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: Received = %v, want %v", name, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: Received = %v, want %v", name, got, want)
			}
		}
	}
}
