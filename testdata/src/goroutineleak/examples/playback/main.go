// Command playback is an example program (its import path has an element
// examples): a demo of an API, not deployed code. A goroutine the demo
// leaves blocked parks until the person running it stops it; a wait on the
// demo's own goroutine that can never end hangs the demo, and stays
// reported.
package main

import (
	"errors"
	"fmt"
)

// play runs the playback and returns early when the caller hangs up,
// without receiving the playback's result.
func play(hangup <-chan struct{}, run func() error) error {
	finished := make(chan error)
	go func() {
		finished <- run() // ok: a goroutine of an example program, parked until the demo exits
	}()
	select {
	case err := <-finished:
		return err
	case <-hangup:
		return nil
	}
}

// waitAnswer is the near miss: the demo's own goroutine waits on a channel
// nothing sends on, so the demo hangs.
func waitAnswer() int {
	answer := make(chan int)
	return <-answer // want `receive from answer`
}

func main() {
	hangup := make(chan struct{})
	close(hangup)
	fmt.Println(play(hangup, func() error { return errors.New("done") }))
	fmt.Println(waitAnswer())
}
