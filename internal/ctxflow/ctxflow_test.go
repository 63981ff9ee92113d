package ctxflow

import (
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ssatest"
)

// errgroupStub stands in for golang.org/x/sync/errgroup, which the source
// importer cannot find outside a module build.
const errgroupStub = `package errgroup
import "context"
type Group struct{}
func WithContext(ctx context.Context) (*Group, context.Context) { return nil, ctx }
`

const src = `package p

import (
	"context"
	"net/http"
	"os/signal"
	"time"

	"golang.org/x/sync/errgroup"
)

func sink(ctx context.Context) {}
func unknown() context.Context

type server struct{ ctx context.Context }

var global = context.Background()

func background() { sink(context.Background()) }
func todo()       { sink(context.TODO()) }
func param(a, ctx context.Context) { sink(ctx) }
func field(s *server) { sink(s.ctx) }
func fromGlobal() { sink(global) }
func fromCall() { sink(unknown()) }
func request(w http.ResponseWriter, r *http.Request) { sink(r.Context()) }

func cancelOnBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink(ctx)
}

func timeoutOnBackground() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	sink(context.WithValue(ctx, "k", 1))
}

func deadlineDropped() {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now())
	defer cancel()
	sink(context.WithoutCancel(ctx))
}

func detachParam(ctx context.Context) { sink(context.WithoutCancel(ctx)) }

func valueOnBackground() { sink(context.WithValue(context.Background(), "k", 1)) }

func cancelOverDetached(ctx context.Context) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	sink(ctx)
}

func phi(ctx context.Context, b bool) {
	if b {
		ctx = context.Background()
	}
	sink(ctx)
}

func phiBothTimed(b bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if b {
		ctx = context.WithValue(ctx, "k", 1)
	}
	sink(ctx)
}

func group() {
	_, ctx := errgroup.WithContext(context.TODO())
	sink(ctx)
}

func notify() {
	ctx, stop := signal.NotifyContext(context.Background())
	defer stop()
	sink(ctx)
}

func closure() {
	ctx := context.Background()
	func() { sink(ctx) }()
}

func capturedAndReassigned(parent context.Context) {
	ctx := parent
	set := func() { ctx = context.TODO() }
	set()
	func() { sink(ctx) }()
}

func loop(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx = context.WithValue(ctx, "k", i)
	}
	sink(ctx)
}

func done(ctx context.Context, b bool) {
	ch := ctx.Done()
	var other chan struct{}
	var either <-chan struct{} = other
	if b {
		either = ctx.Done()
	}
	captured := ctx.Done()
	func() { <-captured }()
	select {
	case <-ch:
	case <-either:
	case <-other:
	}
}

func generic[C context.Context](c C) { sink(c) }

type myCtx struct{ context.Context }

func customDone(c myCtx) { <-c.Done() }

func scope(a int, ctx context.Context, r *http.Request) {
	rc := r.Context()
	func() { sink(ctx) }()
	sink(rc)
}
`

// build builds src as buildssa would, with the errgroup stub importable.
func build(t *testing.T) *ssa.Package {
	t.Helper()
	return ssatest.BuildWith(t, src, map[string]string{"golang.org/x/sync/errgroup": errgroupStub})
}

// sinkArg returns the argument of the first call to sink in fn or its
// closures.
func sinkArg(t *testing.T, fn *ssa.Function) ssa.Value {
	t.Helper()
	for _, f := range append([]*ssa.Function{fn}, fn.AnonFuncs...) {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok {
					if callee := c.Call.StaticCallee(); callee != nil && callee.Name() == "sink" {
						return c.Call.Args[0]
					}
				}
			}
		}
	}
	t.Fatalf("no call to sink in %s", fn)
	return nil
}

func TestQuestions(t *testing.T) {
	pkg := build(t)
	for _, tc := range []struct {
		fn              string
		origins         []Kind
		mayLackDeadline bool
		lackKind        Kind // origin kind reported by MayLackDeadline
		canBeCancelled  bool
	}{
		{"background", []Kind{Background}, true, Background, false},
		{"todo", []Kind{TODO}, true, TODO, false},
		{"param", []Kind{Param}, false, 0, true},
		{"field", []Kind{Field}, false, 0, true},
		{"fromGlobal", []Kind{Global}, false, 0, true},
		{"fromCall", []Kind{Call}, false, 0, true},
		{"request", []Kind{Request}, false, 0, true},
		{"cancelOnBackground", []Kind{Background}, true, Background, true},
		{"timeoutOnBackground", []Kind{Background}, false, 0, true},
		{"deadlineDropped", []Kind{Background}, true, WithoutCancel, false},
		{"detachParam", []Kind{Param}, true, WithoutCancel, false},
		{"valueOnBackground", []Kind{Background}, true, Background, false},
		{"cancelOverDetached", []Kind{Param}, true, WithoutCancel, true},
		{"phi", []Kind{Param, Background}, true, Background, true},
		{"phiBothTimed", []Kind{Background}, false, 0, true},
		{"group", []Kind{TODO}, true, TODO, true},
		{"notify", []Kind{Background}, true, Background, true},
		{"closure", []Kind{Background}, true, Background, false},
		{"capturedAndReassigned", []Kind{Param, TODO}, true, TODO, true},
		{"loop", []Kind{Param}, false, 0, true},
		{"generic", []Kind{Param}, false, 0, true},
	} {
		t.Run(tc.fn, func(t *testing.T) {
			v := sinkArg(t, pkg.Func(tc.fn))
			var kinds []Kind
			for _, o := range Origins(v) {
				kinds = append(kinds, o.Kind)
			}
			if !equal(kinds, tc.origins) {
				t.Errorf("Origins = %v, want %v", kinds, tc.origins)
			}
			lacks, o := MayLackDeadline(v)
			if lacks != tc.mayLackDeadline || (lacks && o.Kind != tc.lackKind) {
				t.Errorf("MayLackDeadline = %v, %v; want %v, %v", lacks, o.Kind, tc.mayLackDeadline, tc.lackKind)
			}
			if lacks && !o.Pos.IsValid() {
				t.Errorf("MayLackDeadline origin has no position")
			}
			if got := CanBeCancelled(v); got != tc.canBeCancelled {
				t.Errorf("CanBeCancelled = %v, want %v", got, tc.canBeCancelled)
			}
		})
	}
}

func TestNilValue(t *testing.T) {
	if o := Origins(nil); len(o) != 0 {
		t.Errorf("Origins(nil) = %v, want none", o)
	}
	if lacks, _ := MayLackDeadline(nil); lacks {
		t.Errorf("MayLackDeadline(nil) = true, want false")
	}
	if _, ok := IsDoneChannel(nil); ok {
		t.Errorf("IsDoneChannel(nil) = true, want false")
	}
}

func TestOriginObjects(t *testing.T) {
	pkg := build(t)
	o := Origins(sinkArg(t, pkg.Func("param")))[0]
	if o.Object == nil || o.Object.Name() != "ctx" {
		t.Errorf("param origin object = %v, want ctx", o.Object)
	}
	o = Origins(sinkArg(t, pkg.Func("field")))[0]
	if o.Object == nil || o.Object.Name() != "ctx" || !o.Pos.IsValid() {
		t.Errorf("field origin = %v at %v, want field ctx", o.Object, o.Pos)
	}
	o = Origins(sinkArg(t, pkg.Func("fromGlobal")))[0]
	if o.Object == nil || o.Object.Name() != "global" {
		t.Errorf("global origin object = %v, want global", o.Object)
	}
}

func TestIsDoneChannel(t *testing.T) {
	pkg := build(t)
	fn := pkg.Func("done")
	ctx := fn.Params[0]
	sel := findInstr[*ssa.Select](fn)
	want := []bool{true, true, false} // ch, either (one phi edge), other
	for i, st := range sel.States {
		got, ok := IsDoneChannel(st.Chan)
		if ok != want[i] || (ok && got != ctx) {
			t.Errorf("case %d: IsDoneChannel = %v, %v; want %v, %v", i, got, ok, want[i], ctx)
		}
	}
	recv := findRecv(fn.AnonFuncs[0]) // <-captured
	if got, ok := IsDoneChannel(recv.X); !ok || got != ctx {
		t.Errorf("captured: IsDoneChannel = %v, %v; want %v", got, ok, ctx)
	}
	custom := pkg.Func("customDone")
	if got, ok := IsDoneChannel(findRecv(custom).X); !ok || got == nil {
		t.Errorf("customDone: IsDoneChannel = %v, %v; want the myCtx receiver", got, ok)
	}
	if _, ok := IsDoneChannel(custom.Params[0]); ok {
		t.Errorf("a context is not a done channel")
	}
}

func TestIsContext(t *testing.T) {
	pkg := build(t)
	for _, tc := range []struct {
		t    types.Type
		want bool
	}{
		{pkg.Func("param").Params[1].Type(), true},
		{pkg.Func("customDone").Params[0].Type(), true}, // embeds context.Context
		{types.NewPointer(pkg.Func("customDone").Params[0].Type()), true},
		{pkg.Func("field").Params[0].Type(), false}, // *server holds a context but is not one
		{types.Typ[types.Int], false},
	} {
		if got := IsContext(tc.t); got != tc.want {
			t.Errorf("IsContext(%v) = %v, want %v", tc.t, got, tc.want)
		}
	}
}

func TestContextsInScope(t *testing.T) {
	pkg := build(t)
	fn := pkg.Func("scope")
	got := ContextsInScope(fn)
	if len(got) != 2 || got[0] != fn.Params[1] {
		t.Fatalf("ContextsInScope(scope) = %v, want [ctx, r.Context()]", got)
	}
	if o := Origins(got[1]); len(o) != 1 || o[0].Kind != Request {
		t.Errorf("second context in scope = %v, want r.Context()", got[1])
	}
	closure := ContextsInScope(fn.AnonFuncs[0])
	if len(closure) != 1 || closure[0] != fn.AnonFuncs[0].FreeVars[0] {
		t.Errorf("ContextsInScope(closure) = %v, want its free var ctx", closure)
	}
	if got := ContextsInScope(pkg.Func("background")); len(got) != 0 {
		t.Errorf("ContextsInScope(background) = %v, want none", got)
	}
}

func findInstr[T ssa.Instruction](fn *ssa.Function) T {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if x, ok := instr.(T); ok {
				return x
			}
		}
	}
	var zero T
	return zero
}

func findRecv(fn *ssa.Function) *ssa.UnOp {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.ARROW {
				return u
			}
		}
	}
	return nil
}

func equal(a, b []Kind) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
