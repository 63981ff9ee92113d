package main

import "goroutineleak/dep"

// firstNumber runs once, from init, and stops reading another package's
// generator early: one goroutine parked for the rest of the run, not one
// more per call (checkImportedProducers: once per process).
func firstNumber() int {
	for v := range dep.Numbers(10) { // ok: once per process
		return v
	}
	return -1
}

// firstNumbers also runs once, but stops early in a loop: one more
// goroutine parked per iteration.
func firstNumbers(n int) (sum int) {
	for range n {
		for v := range dep.Numbers(10) { // want `the goroutine dep.Numbers starts to fill the channel it returns can block forever in its send on out \(producers.go:\d+:\d+\): this consumer stops receiving`
			sum += v
			break
		}
	}
	return sum
}

func init() {
	_ = firstNumber()
	_ = firstNumbers(2)
}
