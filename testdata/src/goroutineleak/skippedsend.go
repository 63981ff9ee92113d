package goroutineleak

// An owner that waits for the one goroutine that can answer it.

type elector struct {
	id       string
	tryLease func(string) bool
}

type campaignResult struct {
	elected chan string
	lost    chan struct{}
}

func (e *elector) campaign(c *campaignResult) {
	if e.tryLease(e.id) {
		c.elected <- e.id
	}
}

// Bad: when tryLease fails, campaign returns without sending on elected
// or closing lost: the select waits forever.
func (e *elector) run() bool {
	c := &campaignResult{elected: make(chan string, 1), lost: make(chan struct{})}
	go e.campaign(c)
	select { // want `select blocks forever when \(\*elector\).campaign returns without sending: only the goroutine \(\*elector\).run starts can end this wait, and it has a path to a return with no send or close`
	case <-c.elected:
		return true
	case <-c.lost:
		return false
	}
}

type fairElector struct {
	id       string
	tryLease func(string) bool
}

type fairResult struct {
	elected chan string
	lost    chan struct{}
}

func (e *fairElector) campaign(c *fairResult) {
	if e.tryLease(e.id) {
		c.elected <- e.id
		return
	}
	close(c.lost)
}

// Good: the near miss: a failed campaign closes lost.
func (e *fairElector) run() bool {
	c := &fairResult{elected: make(chan string, 1), lost: make(chan struct{})}
	go e.campaign(c)
	select { // ok: every path of campaign sends or closes
	case <-c.elected:
		return true
	case <-c.lost:
		return false
	}
}

// Good: the near miss: the result is closed by a deferred close, on
// every return.
func fetchOrNothing(fetch func() (string, bool)) (string, bool) {
	out := make(chan string, 1)
	go func() {
		defer close(out)
		if v, ok := fetch(); ok {
			out <- v
		}
	}()
	v, ok := <-out // ok: the deferred close ends the wait
	return v, ok
}

// UseElectors keeps the electors in use.
func UseElectors(try func(string) bool) {
	_ = (&elector{id: "a", tryLease: try}).run()
	_ = (&fairElector{id: "b", tryLease: try}).run()
	_, _ = fetchOrNothing(func() (string, bool) { return "", false })
}

// Good: the near miss: the receive runs only once the buffer holds the
// goroutine's failure (troubleshoot's listenErr): it never waits.
func pollListenFailure(listen func() error, tries int) error {
	listenErr := make(chan error, 1)
	go func() {
		if err := listen(); err != nil {
			listenErr <- err
		}
	}()
	for range tries {
		if len(listenErr) > 0 {
			return <-listenErr // ok: the buffer holds a value here
		}
	}
	return nil
}

// UsePollListenFailure keeps it in use.
func UsePollListenFailure() error { return pollListenFailure(func() error { return nil }, 3) }
