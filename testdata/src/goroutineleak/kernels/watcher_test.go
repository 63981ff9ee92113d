package kernels

import (
	"errors"
	"testing"
)

// A progress watcher that the test starts in a goroutine of its own
// (moby#21233's pull): it returns an error at the first progress it
// cannot show, and go drops that error, so no test fails on it. The
// transfer's next progress send blocks forever. A helper in a _test.go
// file that returns an error to a caller that fails on it stays silent
// (testonlyhelper_test.go); one that only go statements start does not.

type progressUpdate struct{ current int }

type transfer struct {
	progress chan progressUpdate
	result   chan error
}

func (tr *transfer) run() {
	for i := 0; i < 3; i++ {
		tr.progress <- progressUpdate{i} // want `send on tr.progress can block forever: its only receiver, kernels.watchTransfer, can return after a value`
	}
	tr.result <- nil
}

func watchTransfer(tr *transfer) error {
	for p := range tr.progress {
		if p.current == 1 {
			return errors.New("progress output failed")
		}
	}
	return <-tr.result
}

// Bad: the watcher's error goes nowhere, and the transfer is left blocked.
func TestTransferWatched(t *testing.T) {
	tr := &transfer{progress: make(chan progressUpdate), result: make(chan error, 1)}
	go tr.run()
	go watchTransfer(tr)
}

type checkedTransfer struct {
	progress chan progressUpdate
	result   chan error
}

func (tr *checkedTransfer) run() {
	for i := 0; i < 3; i++ {
		tr.progress <- progressUpdate{i} // ok: the watcher's error fails the test
	}
	tr.result <- nil
}

func watchChecked(tr *checkedTransfer) error {
	for p := range tr.progress {
		if p.current == 1 {
			return errors.New("progress output failed")
		}
	}
	return <-tr.result
}

// Near miss: the test calls the watcher and fails on its error, so the
// transfer is parked only in a failing test.
func TestTransferChecked(t *testing.T) {
	tr := &checkedTransfer{progress: make(chan progressUpdate), result: make(chan error, 1)}
	go tr.run()
	if err := watchChecked(tr); err != nil {
		t.Fatal(err)
	}
}
