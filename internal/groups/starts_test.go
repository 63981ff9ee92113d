package groups_test

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/ssatest"
)

const errgroupStub = `package errgroup

import "context"

type Group struct{}

func WithContext(ctx context.Context) (*Group, context.Context) { return &Group{}, ctx }
func (g *Group) Go(f func() error)                              {}
func (g *Group) Wait() error                                    { return nil }
`

const startsSrc = `package p

import (
	"context"

	"golang.org/x/sync/errgroup"
)

var kept *errgroup.Group

func starts(g *errgroup.Group, block bool) {
	if block {
		g.Go(func() error { return nil })
	}
}

func startsVia(g *errgroup.Group) { starts(g, true) }

func startsAndWaits(g *errgroup.Group) error {
	g.Go(func() error { return nil })
	return g.Wait()
}

func startsAndKeeps(g *errgroup.Group) {
	g.Go(func() error { return nil })
	kept = g
}

func returnsStarted(ctx context.Context) (context.Context, *errgroup.Group) {
	g, ctx := errgroup.WithContext(ctx)
	starts(g, true)
	return ctx, g
}

func returnsUnstarted(ctx context.Context) *errgroup.Group {
	g, _ := errgroup.WithContext(ctx)
	return g
}

func passesOn(ctx context.Context) (*errgroup.Group, context.Context) {
	ctx, g := returnsStarted(ctx)
	return g, ctx
}

func callWaits(g *errgroup.Group) { startsAndWaits(g) }

func callKeeps(g *errgroup.Group) { startsAndKeeps(g) }

func drops(ctx context.Context) context.Context {
	ctx, _ = returnsStarted(ctx)
	return ctx
}
`

// TestStarts checks the summaries behind GoVia: which helpers only start
// goroutines in their group parameter, which functions return a group
// with goroutines started in it, and the caller's view of such a call.
func TestStarts(t *testing.T) {
	pkg := ssatest.BuildWith(t, startsSrc, map[string]string{"golang.org/x/sync/errgroup": errgroupStub})
	info := groups.NewInfo(nil)
	firstCall := func(name string) *ssa.Call {
		for _, b := range ssatest.Func(t, pkg, name).Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && c.Call.StaticCallee() != nil && c.Call.StaticCallee().Pkg == pkg {
					return c
				}
			}
		}
		t.Fatalf("%s: no call of the package", name)
		return nil
	}
	for name, want := range map[string]bool{"startsVia": true, "callWaits": false, "callKeeps": false} {
		if _, got := info.StartsOn(&firstCall(name).Call, 0); got != want {
			t.Errorf("%s: its call starts goroutines in g only = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]int{"returnsStarted": 1, "returnsUnstarted": -1, "passesOn": 0} {
		fn := ssatest.Func(t, pkg, name)
		if _, got := info.ReturnsStarted(&ssa.CallCommon{Value: fn}); got != want {
			t.Errorf("%s: returns a started group at %d, want %d", name, got, want)
		}
	}
	gs := info.Local(ssatest.Func(t, pkg, "drops"))
	i := slices.IndexFunc(gs, func(g *groups.Group) bool { return g.Made != nil })
	if i < 0 {
		t.Fatalf("drops: the call of returnsStarted must make a group of the caller's, got %+v", gs)
	}
	g := gs[i]
	if len(g.Ops) != 1 || g.Ops[0].Method != groups.GoVia || !g.Ops[0].Returned || g.Escape != nil {
		t.Errorf("drops: want one GoVia op (returned), no escape; got ops %+v escape %v", g.Ops, g.Escape)
	}
	starts, complete := info.ViaStarts(g.Ops[0])
	if !complete || len(starts) != 1 || starts[0].Method != groups.Go || starts[0].Fn.Name() != "starts" {
		t.Errorf("drops: ViaStarts = %+v (complete %v), want the Go in starts", starts, complete)
	}
}
