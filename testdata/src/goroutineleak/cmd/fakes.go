package main

import "goroutineleak/dep"

// A main package's type whose exported method hands out its channel:
// once a value of it is converted to an interface and given to another
// package, that package may call the method and receive.

type lateSource struct{ updates chan struct{} }

func (l lateSource) Updates() <-chan struct{} { return l.updates }

// Good: dep's relay receives from src.updates, through Updates.
func pushLate(stop <-chan struct{}) {
	src := lateSource{updates: make(chan struct{})}
	dep.RelayUpdates(src, stop, func() {})
	src.updates <- struct{}{} // ok: dep.RelayUpdates receives it
}

type lostSource struct{ updates chan struct{} }

func (l lostSource) Updates() <-chan struct{} { return l.updates }

// Bad: the near miss: the same source, never handed to anyone.
func pushLost() {
	src := lostSource{updates: make(chan struct{})}
	src.updates <- struct{}{} // want `send on src.updates blocks forever: nothing in the package receives from it`
}
