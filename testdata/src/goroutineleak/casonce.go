package goroutineleak

import (
	"sync/atomic"
	"time"
)

// A goroutine started behind an atomic compare-and-swap that only the
// first call wins: one per process, the atomic form of a sync.Once.

var clockStarted atomic.Bool

func ensureClock() {
	if !clockStarted.CompareAndSwap(false, true) {
		return
	}
	go func() {
		for range time.Tick(time.Second) { // ok: started once per process
		}
	}()
}

type clockMeter struct{}

// Good: every meter (one per name, per call) shares the one clock.
func NewClockMeter(name string) *clockMeter {
	ensureClock()
	return &clockMeter{}
}

var samplerStarted atomic.Bool

func ensureSampler() {
	if !samplerStarted.CompareAndSwap(false, true) {
		return
	}
	go func() {
		for range time.Tick(time.Second) { // ok: silent by design: nothing shows its owner let go while the process runs (no Close, no repeated start)
		}
	}()
}

// Silent by design (wake.Discarded): the flag is reset, and the next
// call starts another sampler, but nothing in the package resets it while
// a sampler runs and calls again: no repeated start is shown.
func resetSampler() { samplerStarted.Store(false) }

func NewSampled(name string) *clockMeter {
	ensureSampler()
	return &clockMeter{}
}
