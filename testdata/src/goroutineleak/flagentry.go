package goroutineleak

import (
	"flag"
	"time"
)

var shimDebug = flag.Bool("shim-debug", false, "log every tick")

func parseShimFlags() { flag.Parse() }

// Good: RunShim parses the process's own flags, as only a program's entry
// does (a library's main in all but name): its ticker lives as long as
// the process.
func RunShim(tick func(bool)) {
	parseShimFlags()
	startShimTicker(tick)
}

// startShimTicker is called by RunShim, and by the package's own test
// (flagentry_test.go), whose call is scaffolding.
func startShimTicker(tick func(bool)) {
	go func() {
		for range time.Tick(time.Minute) { // ok: started by the program's entry (and a test)
			tick(*shimDebug)
		}
	}()
}

// Silent by design (wake.Discarded): the same loop from an ordinary
// library call, one more goroutine per call, but nothing shows a second
// call: a service its caller starts for the life of the process.
func RunTicker(tick func(bool)) {
	go func() {
		for range time.Tick(time.Minute) { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
			tick(false)
		}
	}()
}
