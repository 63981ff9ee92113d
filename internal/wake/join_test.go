package wake_test

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/chans"
	"github.com/conclint/conclint/internal/ssatest"
	"github.com/conclint/conclint/internal/ssax"
	"github.com/conclint/conclint/internal/wake"
)

const joinSrc = `package p

import "sync"

func closed(n int, f func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				errc <- err
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	<-done
}

func doneFirst(n int, f func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			err := f()
			wg.Done()
			errc <- err
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	<-done
}

func releasedByAdd(n int, f func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Add(-1)
			errc <- f()
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	<-done
}

func waiterFirst(n int, f func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- f()
		}()
	}
	<-done
}

func sentOn(n int, f func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			errc <- f()
		}()
	}
	done := make(chan struct{})
	go func() { done <- struct{}{} }()
	go func() { wg.Wait(); close(done) }()
	<-done
}

func direct(n int, f func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- f()
		}()
	}
	wg.Wait()
}

func uncounted(n int, f func() error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			errc <- f()
		}()
		wg.Add(1)
	}
	wg.Wait()
}
`

// senders returns the go statements of fn whose closure sends.
func senders(fn *ssa.Function) []ssa.CallInstruction {
	var out []ssa.CallInstruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			body := ssax.FuncValue(g.Call.Value)
			if body == nil {
				continue
			}
			for _, bb := range body.Blocks {
				for _, x := range bb.Instrs {
					if s, ok := x.(*ssa.Send); ok {
						if _, isErr := s.X.Type().Underlying().(*types.Interface); isErr {
							out = append(out, g)
						}
					}
				}
			}
		}
	}
	return out
}

func TestJoins(t *testing.T) {
	pkg := ssatest.Build(t, joinSrc)
	funcs := ssatest.Funcs(pkg)
	m := wake.New(funcs, chans.Index(funcs))
	for _, tc := range []struct {
		fn   string
		want bool
	}{
		{"closed", true},         // go func() { wg.Wait(); close(done) }() after the Add
		{"doneFirst", false},     // Done before the send
		{"releasedByAdd", false}, // Add(-1) in the worker
		{"waiterFirst", false},   // the waiter starts before the Adds
		{"sentOn", false},        // something sends on done
		{"direct", true},         // the owner's own Wait
		{"uncounted", false},     // the Add comes after the go statement
	} {
		fn := ssatest.Func(t, pkg, tc.fn)
		sites := senders(fn)
		if len(sites) == 0 {
			t.Fatalf("%s: no sender found", tc.fn)
		}
		got := false
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.UnOp:
					if ch, ok := x.X.Type().Underlying().(*types.Chan); ok && x.Op.String() == "<-" && ch.Elem().String() == "struct{}" {
						got = m.CloseJoins(x.X, sites)
					}
				case *ssa.Call:
					if ssax.FullName(ssax.Callee(&x.Call)) == "(*sync.WaitGroup).Wait" {
						got = m.WaitJoins(x, sites)
					}
				}
			}
		}
		if got != tc.want {
			t.Errorf("join in %s = %v, want %v", tc.fn, got, tc.want)
		}
	}
}
