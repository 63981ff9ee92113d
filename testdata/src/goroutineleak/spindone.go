package goroutineleak

import (
	"context"
	"sync/atomic"
	"time"
)

// A loop with no exit whose case on ctx.Done() does not leave: once the
// context is cancelled the goroutine spins (polaris' leader probe).

type leaderProbe struct {
	alive  int32
	ping   func() error
	cancel context.CancelFunc
}

func (p *leaderProbe) Serve(ctx context.Context) {
	ctx, p.cancel = context.WithCancel(ctx)
	go p.check(ctx)
}

func (p *leaderProbe) Close() { p.cancel() }

func (p *leaderProbe) check(ctx context.Context) {
	ticker := time.NewTicker(time.Second)
	for {
		select { // want `goroutine started by \(\*leaderProbe\).Serve never ends: its loop has no exit, and once ctx is done its case on ctx.Done\(\) is ready every time and does not leave, so the loop spins`
		case <-ctx.Done():
			ticker.Stop()
		case <-ticker.C:
			if p.ping() != nil {
				atomic.StoreInt32(&p.alive, 0)
			} else {
				atomic.StoreInt32(&p.alive, 1)
			}
		}
	}
}

// Near miss: the case on ctx.Done() returns.
type leaderProbeReturning struct {
	alive  int32
	ping   func() error
	cancel context.CancelFunc
}

func (p *leaderProbeReturning) Serve(ctx context.Context) {
	ctx, p.cancel = context.WithCancel(ctx)
	go p.check(ctx)
}

func (p *leaderProbeReturning) Close() { p.cancel() }

func (p *leaderProbeReturning) check(ctx context.Context) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			if p.ping() != nil {
				atomic.StoreInt32(&p.alive, 0)
			} else {
				atomic.StoreInt32(&p.alive, 1)
			}
		}
	}
}
