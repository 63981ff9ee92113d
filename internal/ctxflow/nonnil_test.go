package ctxflow_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssatest"
)

func TestNonNil(t *testing.T) {
	pkg := ssatest.Build(t, `package p

import (
	"context"
	"errors"
	"fmt"
	"io"
)

var errSentinel = errors.New("s")
var errMaybe error

type myErr struct{}

func (*myErr) Error() string { return "" }

func open() error { return nil }

func guarded() error     { if err := open(); err != nil { return err }; return nil }
func guardedEq() error   { err := open(); if err == nil { return nil }; return err }
func wrapped() error     { err := open(); return fmt.Errorf("x: %w", err) }
func made() error        { return errors.New("x") }
func concrete() error    { var e *myErr; return e }
func sentinel() error    { return errSentinel }
func imported() error    { return io.EOF }
func unset() error       { return errMaybe }
func unguarded() error   { return open() }
func param(err error) error { return err }
func deferred() error    { defer open(); if err := open(); err != nil { return err }; return nil }
func ctxSelect(ctx context.Context, c chan int) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-c:
	}
	return nil
}
func ctxPoll(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	return nil
}
func ctxChecked(ctx context.Context) error { if ctx.Err() != nil { return ctx.Err() }; return nil }
func ctxReceived(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
func ctxOther(ctx, other context.Context) error { if other.Err() != nil { return ctx.Err() }; return nil }
func ctxUnchecked(ctx context.Context, c chan int) error {
	select {
	case <-ctx.Done():
	case <-c:
		return ctx.Err()
	}
	return nil
}
`)
	for fn, want := range map[string]bool{
		"guarded":      true,
		"guardedEq":    true,
		"wrapped":      true,
		"made":         true,
		"concrete":     true, // an interface holding a nil pointer is not nil
		"sentinel":     true,
		"imported":     true,
		"unset":        false, // never stored: nil
		"unguarded":    false,
		"param":        false,
		"deferred":     true, // through the result variable of a function with defers
		"ctxSelect":    true,
		"ctxPoll":      true,
		"ctxChecked":   true,
		"ctxReceived":  true,
		"ctxOther":     false, // another context is done
		"ctxUnchecked": false, // the other case
	} {
		got := false
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if r, ok := instr.(*ssa.Return); ok && len(r.Results) == 1 {
					if _, isConst := r.Results[0].(*ssa.Const); !isConst {
						got = got || ctxflow.NonNil(r.Results[0], r.Block())
					}
				}
			}
		}
		if got != want {
			t.Errorf("%s: NonNil = %v, want %v", fn, got, want)
		}
	}
}
