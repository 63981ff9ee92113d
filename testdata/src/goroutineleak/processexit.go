package goroutineleak

import (
	"errors"
	"fmt"
	"log"
	"os"
)

// A failure handed to callers that all end the process on it: the sender
// the early return leaves behind ends with the process a moment later (a
// command's action). A caller that logs the failure and goes on keeps it.

var errNoAgent = errors.New("agent not running")

// startAgentCmd starts a waiter, then fails before receiving from it;
// its only caller exits on the failure.
func startAgentCmd(wait func() error, ready func() bool) error {
	done := make(chan error)
	go func() {
		done <- wait() // ok: the early return's failure ends the process
	}()
	if !ready() {
		return errNoAgent
	}
	return <-done
}

func agentMain(wait func() error, ready func() bool) {
	if err := startAgentCmd(wait, ready); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// startAgentLogged: the same, but its caller, a supervisor, logs the
// failure and starts again: every failed start leaves a waiter behind.
func startAgentLogged(wait func() error, ready func() bool) error {
	done := make(chan error)
	go func() {
		done <- wait() // want `goroutine can block forever in send on done`
	}()
	if !ready() {
		return errNoAgent
	}
	return <-done
}

func superviseAgent(wait func() error, ready func() bool, tries int) {
	for range tries {
		if err := startAgentLogged(wait, ready); err != nil {
			log.Print(err)
		}
	}
}
