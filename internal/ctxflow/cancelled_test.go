package ctxflow

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
)

const afterDoneSrc = `package p

import "context"

func wait() {}

func afterRecv(ctx context.Context)  { <-ctx.Done(); wait() }
func beforeRecv(ctx context.Context) { wait(); <-ctx.Done() }

func selectCase(ctx context.Context, ch chan int) {
	select {
	case <-ctx.Done():
		wait()
	case <-ch:
	}
}

func otherCase(ctx context.Context, ch chan int) {
	select {
	case <-ctx.Done():
		return
	case <-ch:
		wait()
	}
}

func merged(ctx context.Context, ch chan int) {
	select {
	case <-ctx.Done():
	case <-ch:
	}
	wait()
}

func errNotNil(ctx context.Context) {
	if ctx.Err() != nil {
		wait()
	}
}

func errNil(ctx context.Context) {
	if ctx.Err() == nil {
		wait()
	}
}

func errNilElse(ctx context.Context) {
	if err := ctx.Err(); err == nil {
		return
	} else {
		wait()
	}
}

func child(ctx context.Context) {
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	<-c.Done()
	wait()
}
`

func TestAfterDone(t *testing.T) {
	pkg := ssatest.Build(t, afterDoneSrc)
	want := map[string]bool{
		"afterRecv": true, "beforeRecv": false, "selectCase": true, "otherCase": false, "merged": false,
		"errNotNil": true, "errNil": false, "errNilElse": true, "child": false,
	}
	for name, want := range want {
		fn := ssatest.Func(t, pkg, name)
		var call ssa.Instruction
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && c.Call.StaticCallee() != nil && c.Call.StaticCallee().Name() == "wait" {
					call = c
				}
			}
		}
		if call == nil {
			t.Fatalf("%s: no call to wait", name)
		}
		if got := AfterDone(fn.Params[0], fn).At(call); got != want {
			t.Errorf("%s: AfterDone(ctx).At(wait()) = %v, want %v", name, got, want)
		}
		if got := DoneAt(fn.Params[0], call); got != want {
			t.Errorf("%s: DoneAt = %v, want %v", name, got, want)
		}
	}
}
