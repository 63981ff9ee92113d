// Package pump is an internal package: only its module imports it, and
// whether its goroutines live once per process or pile up per call is for
// its importers to say (StartsForeverFact).
package pump

import "time"

// Start starts the process's metrics pump: main calls it once
// (goroutineleak/cmd), a handler would call it per request.
func Start(every time.Duration, record func()) { // want Start:"startsForever\\(pump.Start, range over NewTicker\\(\\).C\\)"
	go func() {
		for range time.NewTicker(every).C { // ok: left to the importers, which call Start once (cmd) or per request (reported there)
			record()
		}
	}()
}

// Run reaches its starter through an unexported helper.
func Run(every time.Duration) { startFlusher(every) } // want Run:"startsForever\\(pump.startFlusher, range over NewTicker\\(\\).C\\)"

func startFlusher(every time.Duration) {
	go func() {
		for range time.NewTicker(every).C { // ok: left to the importers of Run
		}
	}()
}

// Pump's goroutine is per object: a method is not an entry the importers
// can vouch for. It is silent by design (wake.Discarded): Pump has no
// Close, and nothing shows a Pump let go while the process runs.
type Pump struct{ every time.Duration }

func (p *Pump) Start() {
	go func() {
		for range time.NewTicker(p.every).C { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
		}
	}()
}
