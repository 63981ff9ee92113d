package ctxflow_test

import (
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/ctxflow"
	"github.com/conclint/conclint/internal/ssatest"
)

func TestCarriesContext(t *testing.T) {
	pkg := ssatest.Build(t, `package p

import (
	"context"
	"net/http"
)

func with(ctx context.Context, c *http.Client) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "/", nil)
	c.Do(req)
}

func captured(ctx context.Context, c *http.Client) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "/", nil)
	go func() { c.Do(req) }()
}

func rebound(ctx context.Context, c *http.Client, r *http.Request) { c.Do(r.WithContext(ctx)) }

func without(c *http.Client) {
	req, _ := http.NewRequest("GET", "/", nil)
	c.Do(req)
}

func param(c *http.Client, req *http.Request) { c.Do(req) }
`)
	for fn, want := range map[string]bool{
		"with":       true,
		"captured$1": true,
		"rebound":    true,
		"without":    false, // context.Background, implicitly: nothing to hand on
		"param":      false, // the caller's request: not seen
	} {
		var got bool
		for _, b := range ssatest.Func(t, pkg, fn).Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok {
					if f := c.Call.StaticCallee(); f != nil && f.Name() == "Do" {
						got = ctxflow.CarriesContext(c.Call.Args[1])
					}
				}
			}
		}
		if got != want {
			t.Errorf("%s: CarriesContext = %v; want %v", fn, got, want)
		}
	}
}
