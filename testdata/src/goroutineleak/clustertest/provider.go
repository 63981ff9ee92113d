// Package clustertest is an in-memory fake of a cluster provider that
// only tests use: a package that exists for tests (its import path ends
// in "test", passutil.TestOnlyPackage), whose parked goroutines hang and
// fail nothing. goroutineleak does not report in it; the same code in a
// production package is reported (ttlReporter in ../neverends.go).
package clustertest

import "time"

// Provider reports a member's TTL while the fake cluster runs.
type Provider struct {
	ticker *time.Ticker
	ttls   int
}

// StartMember starts the TTL report loop of one member.
func (p *Provider) StartMember(every time.Duration) {
	p.ticker = time.NewTicker(every)
	go func() {
		for range p.ticker.C { // ok: a test fake's goroutine
			p.ttls++
		}
	}()
}

// Shutdown stops the ticker; its C is never closed.
func (p *Provider) Shutdown() { p.ticker.Stop() }
