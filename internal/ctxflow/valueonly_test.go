package ctxflow_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssatest"
)

const valueOnlySrc = `package p

import "context"

type key struct{}

func logger(ctx context.Context) any { return ctx.Value(key{}) }
func viaLogger(ctx context.Context) any { return logger(ctx) }
func checks(ctx context.Context) any {
	if ctx.Err() != nil {
		return nil
	}
	return logger(ctx)
}
func unused(ctx context.Context) any { return nil }

func use(ctx context.Context) {
	_ = ctx.Value(key{})
	_ = context.WithoutCancel(ctx)
	_ = context.Cause(ctx)
	_ = viaLogger(ctx)
	_ = checks(ctx)
	_ = unused(ctx)
	_ = ctx.Err()
}
`

func TestIgnoresCancel(t *testing.T) {
	pkg := ssatest.Build(t, valueOnlySrc)
	fn := ssatest.Func(t, pkg, "use")
	var got []bool
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				got = append(got, ctxflow.IgnoresCancel(&c.Call))
			}
		}
	}
	want := []bool{true, true, true, true, false, false, false}
	if len(got) != len(want) {
		t.Fatalf("%d calls, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d: IgnoresCancel = %v, want %v", i, got[i], want[i])
		}
	}
}
