// Package kernel is a bug kernel: a package made only of _test.go files,
// whose own code (not its tests) is judged like production code.
package kernel

import (
	"context"
	"testing"
	"time"
)

type poller struct{ polls int }

// Bad: the kernel's worker never looks at ctx.
func (p *poller) run(ctx context.Context) {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for { // want `loop never exits and never checks ctx`
		<-t.C
		p.polls++
	}
}

// Near miss: a helper taking the test is the test's own; go test's
// timeout bounds it.
func pollFor(t *testing.T, ctx context.Context, p *poller) {
	t.Helper()
	tk := time.NewTicker(time.Millisecond)
	defer tk.Stop()
	for {
		<-tk.C
		p.polls++
	}
}

func TestPoller(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &poller{}
	go p.run(ctx)
	go pollFor(t, ctx, p)
	// Near miss: the test's own loop.
	for i := 0; ; i++ {
		time.Sleep(time.Millisecond)
		if i > 3 {
			break
		}
	}
}
