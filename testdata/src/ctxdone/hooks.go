package ctxdone

import "context"

// A test hook: syncCh is set only by the package's tests (which make the
// channel and send on it to step the pool); production code leaves it
// nil. Good: the near miss: the channel only arrives through the field,
// so whoever made it (a test file, another package) keeps the other end.
type hookConfig struct {
	syncCh chan struct{}
}

type hookedPool struct{ cfg hookConfig }

func (p *hookedPool) Ping(ctx context.Context) {
	pingOnce(ctx)
	if p.cfg.syncCh != nil {
		<-p.cfg.syncCh // ok: the hook's maker sends on it
	}
}

func pingOnce(ctx context.Context) { _ = ctx }

// Bad: the package makes the channel itself, and nothing in it sends on
// it or closes it.
type madeConfig struct {
	syncCh chan struct{}
}

type madePool struct{ cfg madeConfig }

func newMadePool() *madePool { return &madePool{cfg: madeConfig{syncCh: make(chan struct{})}} }

func (p *madePool) Ping(ctx context.Context) {
	pingOnce(ctx)
	<-p.cfg.syncCh // want `receive from channel p.cfg.syncCh ignores ctx: nothing sends on it or closes it, so it blocks forever`
}

var _ = newMadePool
