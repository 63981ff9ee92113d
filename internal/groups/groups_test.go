package groups_test

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/groups"
	"github.com/conclint/conclint/internal/ssatest"
)

const src = `package p

import "sync"

func waits(wg *sync.WaitGroup) { wg.Wait() }

func waitsSometimes(wg *sync.WaitGroup, b bool) {
	if b {
		wg.Wait()
	}
}

func waitsDeferred(x int, wg *sync.WaitGroup) {
	defer wg.Wait()
	if x > 0 {
		return
	}
}

func waitsVia(wg *sync.WaitGroup) { waits(wg) }

func done(wg *sync.WaitGroup) { wg.Done() }

func local() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	wg.Wait()
}

func escapes() *sync.WaitGroup {
	wg := new(sync.WaitGroup)
	wg.Add(1)
	return wg
}
`

func TestWaitsOn(t *testing.T) {
	pkg := ssatest.Build(t, src)
	info := groups.NewInfo(nil)
	caller := ssatest.Func(t, pkg, "waitsVia")
	var call *ssa.Call
	for _, instr := range caller.Blocks[0].Instrs {
		if c, ok := instr.(*ssa.Call); ok {
			call = c
		}
	}
	if _, ok := info.WaitsOn(&call.Call, 0); !ok {
		t.Errorf("waits(wg) must count as a wait on wg")
	}
	for name, want := range map[string]bool{"waits": true, "waitsSometimes": false, "waitsDeferred": true, "waitsVia": true, "done": false} {
		fn := ssatest.Func(t, pkg, name)
		g := info.Follow(fn, fn.Params[len(fn.Params)-1])
		if got := info.WaitsOnEveryPath(fn, g); got != want {
			t.Errorf("%s: waits on every path = %v, want %v", name, got, want)
		}
	}
}

func TestLocal(t *testing.T) {
	pkg := ssatest.Build(t, src)
	info := groups.NewInfo(nil)
	gs := info.Local(ssatest.Func(t, pkg, "local"))
	if len(gs) != 1 || gs[0].Escape != nil {
		t.Fatalf("local: want one non-escaping group, got %+v", gs)
	}
	var methods []groups.Method
	inGoroutine := 0
	for _, op := range gs[0].Ops {
		methods = append(methods, op.Method)
		if op.InGoroutine() {
			inGoroutine++
		}
	}
	if !reflect.DeepEqual(methods, []groups.Method{groups.Add, groups.Done, groups.Wait}) || inGoroutine != 1 {
		t.Errorf("local: ops %v (%d in goroutine), want Add, Done (in goroutine), Wait", methods, inGoroutine)
	}
	gs = info.Local(ssatest.Func(t, pkg, "escapes"))
	if len(gs) != 1 || gs[0].Escape == nil {
		t.Errorf("escapes: the returned group must escape")
	}
}

func TestFactsGob(t *testing.T) {
	for _, f := range []any{&groups.WaitsFact{Params: []int{0, 2}}, &groups.DoneFact{}, &groups.BoundedWaitsFact{Params: []int{1}}, &groups.StartsFact{Params: []int{0}}, &groups.ReturnsStartedFact{Result: 1}} {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(f); err != nil {
			t.Fatal(err)
		}
		if buf.Len() > 128 {
			t.Errorf("%T encodes to %d bytes", f, buf.Len())
		}
		out := reflect.New(reflect.TypeOf(f).Elem()).Interface()
		if err := gob.NewDecoder(&buf).Decode(out); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(f, out) {
			t.Errorf("gob round trip: %v != %v", f, out)
		}
	}
}
