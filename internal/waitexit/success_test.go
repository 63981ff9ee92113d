package waitexit

import (
	"testing"

	"github.com/conclint/conclint/internal/ssatest"
)

const successSrc = `package p

import (
	"context"
	"time"
)

func pingUntilGood(ctx context.Context, ping func(context.Context) bool) {
	for {
		if ping(ctx) {
			return
		}
		time.Sleep(time.Second)
	}
}

func sendUntilNil(ctx context.Context, send func(context.Context) error) {
	for {
		if err := send(ctx); err == nil {
			return
		}
		time.Sleep(time.Second)
	}
}

func sendOrDone(ctx context.Context, send func(context.Context) error) error {
	for {
		if err := send(ctx); err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(time.Second)
	}
}

func counted(ctx context.Context, send func(context.Context) error) {
	for i := 0; i < 3; i++ {
		if send(ctx) == nil {
			return
		}
	}
}

func noContext(send func() error) {
	for {
		if send() == nil {
			return
		}
		time.Sleep(time.Second)
	}
}
`

func TestExitsOnlyOnSuccess(t *testing.T) {
	pkg := ssatest.Build(t, successSrc)
	for name, want := range map[string]bool{
		"pingUntilGood": true,
		"sendUntilNil":  true,
		"sendOrDone":    false, // leaves on the context's error too
		"counted":       false, // a counter ends it
		"noContext":     false, // the call is handed no context
	} {
		loops := LoopExits(ssatest.Func(t, pkg, name))
		if len(loops) != 1 {
			t.Fatalf("%s: %d loops", name, len(loops))
		}
		if got := loops[0].ExitsOnlyOnSuccess() != nil; got != want {
			t.Errorf("%s: exits only on success = %v, want %v", name, got, want)
		}
	}
}
