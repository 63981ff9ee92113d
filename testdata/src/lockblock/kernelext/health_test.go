package kernelext

import (
	"sync"
	"testing"
)

// A bug kernel written as one test file (moby#28462): its exported
// getter cannot be called from any other package, so the channel it
// returns has no receivers but the package's own.

type Health struct {
	stop chan struct{}
}

func (h *Health) OpenMonitorChannel() chan struct{} { return h.stop }

func (h *Health) CloseMonitorChannel() {
	if h.stop != nil {
		h.stop <- struct{}{}
	}
}

type Container struct {
	sync.Mutex
	Health *Health
}

func handleProbeResult(c *Container) {
	c.Lock()
	defer c.Unlock()
}

func monitor(c *Container, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			handleProbeResult(c)
		}
	}
}

func StartMonitor(c *Container) {
	if stop := c.Health.OpenMonitorChannel(); stop != nil {
		go monitor(c, stop)
	}
}

// The near miss: an external test package can call the getter, so the
// channel may have receivers the package does not show.
func StateChanged(c *Container) {
	c.Lock()
	defer c.Unlock()
	c.Health.CloseMonitorChannel() // ok: the external test package may receive from the getter
}

func TestMoby28462(t *testing.T) {
	c := &Container{Health: &Health{stop: make(chan struct{})}}
	go StartMonitor(c)
	go StateChanged(c)
}
