// Package helperfile is production code with one test helper file
// (statsig's go-sdk, whose util.go takes a *testing.T): the helper does
// not make the package a test helper, and its leaks are reported.
package helperfile

import "time"

type logger struct {
	tick  *time.Ticker
	flush func()
}

func newLogger(flush func()) *logger {
	l := &logger{tick: time.NewTicker(time.Minute), flush: flush}
	go l.backgroundFlush()
	return l
}

func (l *logger) backgroundFlush() {
	for range l.tick.C { // want `goroutine started by helperfile.newLogger never ends`
		l.flush()
	}
}

func (l *logger) shutdown() { l.tick.Stop() }

// Client is the SDK's client.
type Client struct{ logger *logger }

// NewClient makes a client.
func NewClient() *Client { return &Client{logger: newLogger(func() {})} }

// Shutdown shuts the client down.
func (c *Client) Shutdown() { c.logger.shutdown() }
