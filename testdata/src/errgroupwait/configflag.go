package errgroupwait

import (
	"golang.org/x/sync/errgroup"
)

// A configuration field tested twice: set while the config is built (a
// functional option), read by a worker before it starts a goroutine and
// again before the return that would skip the join.

type pollConfig struct{ async bool }

type pollOption func(*pollConfig)

func withAsyncPolls() pollOption { return func(c *pollConfig) { c.async = true } }

type poller struct {
	config *pollConfig
	paused bool
	stopCh chan struct{}
	ticks  chan int
}

func newPoller(opts ...pollOption) *poller {
	c := &pollConfig{}
	for _, o := range opts {
		o(c)
	}
	return &poller{config: c, stopCh: make(chan struct{}), ticks: make(chan int)}
}

func (p *poller) poll(int) error { return nil }

// Good: async never changes once the config is built, so the return
// without Wait is taken only when no goroutine was started.
func (p *poller) pollLoop() error {
	var g errgroup.Group
	var err error
	for {
		select {
		case <-p.stopCh:
			if p.config.async {
				return g.Wait()
			}
			return err // ok: only when async is false, and then nothing was started
		case t := <-p.ticks:
			if p.config.async {
				g.Go(func() error { return p.poll(t) })
			} else if perr := p.poll(t); perr != nil {
				err = perr
			}
		}
	}
}

// pause changes paused on a running poller.
func (p *poller) pause() { p.paused = true }

// Bad: paused can change between the two tests (pause), so the return can
// follow a start.
func (p *poller) pollUnlessPaused() error {
	var g errgroup.Group
	var err error
	for {
		select {
		case <-p.stopCh:
			if !p.paused {
				return g.Wait()
			}
			return err // want `return without g.Wait after g.Go started a goroutine in an earlier round of the loop: it is not awaited on this path and its error is lost`
		case t := <-p.ticks:
			if !p.paused {
				g.Go(func() error { return p.poll(t) })
			} else if perr := p.poll(t); perr != nil {
				err = perr
			}
		}
	}
}
