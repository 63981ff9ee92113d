package lockblock

import "sync"

// A helper that sends only when its channel is set (if h.stop != nil):
// with a channel set it always waits, so the caller's lock is held across
// that wait whenever there is a monitor to receive.

type healthState struct {
	stop chan struct{}
}

func (h *healthState) closeMonitor() {
	if h.stop != nil {
		h.stop <- struct{}{}
	}
}

type monitored struct {
	sync.Mutex
	health *healthState
}

func probeOnce(c *monitored) {
	c.Lock()
	defer c.Unlock()
}

func monitorLoop(c *monitored, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			probeOnce(c)
		}
	}
}

func startMonitor(c *monitored) {
	if stop := c.health.stop; stop != nil {
		go monitorLoop(c, stop)
	}
}

// Bad: the monitor may be on its way to c.Lock in probeOnce when
// stateChanged takes it, and then never gets back to receive.
func stateChanged(c *monitored) {
	c.Lock()
	defer c.Unlock()
	c.health.closeMonitor() // want `deadlock: call to \(\*healthState\)\.closeMonitor, which blocks on send on channel h\.stop while c is held, but the only receive that could end it, in lockblock\.monitorLoop, must first lock c`
}

// The near miss: a helper whose guard is on another field may skip the
// send with the channel set; a caller cannot tell that it waits.

type flaggedState struct {
	enabled *bool
	stop    chan struct{}
}

func (h *flaggedState) closeMonitor() {
	if h.enabled != nil {
		h.stop <- struct{}{}
	}
}

type flaggedMonitored struct {
	sync.Mutex
	health *flaggedState
}

func flaggedMonitorLoop(c *flaggedMonitored, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			c.Lock()
			c.Unlock()
		}
	}
}

func startFlaggedMonitor(c *flaggedMonitored) {
	go flaggedMonitorLoop(c, c.health.stop)
}

func flaggedStateChanged(c *flaggedMonitored) {
	c.Lock()
	defer c.Unlock()
	c.health.closeMonitor() // ok: the send is behind a flag, not behind its own channel's nil test
}

// The near miss: the monitor does not take the caller's lock, so the
// guarded send under it finds its receiver.

type calmHealth struct {
	stop chan struct{}
}

func (h *calmHealth) closeMonitor() {
	if h.stop != nil {
		h.stop <- struct{}{}
	}
}

type calmMonitored struct {
	sync.Mutex
	health *calmHealth
}

func calmMonitorLoop(c *calmMonitored, stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
	}
}

func startCalmMonitor(c *calmMonitored) {
	go calmMonitorLoop(c, c.health.stop)
}

func calmStateChanged(c *calmMonitored) {
	c.Lock()
	defer c.Unlock()
	c.health.closeMonitor() // ok: the receiver needs no lock
}
