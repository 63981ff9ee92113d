package kernels

import "testing"

// A bug kernel's own code, written in a _test.go file of a package made
// only of tests: a skipped send is the kernel's bug, as it would be in a
// production file.

func electLeader(try func() bool) string {
	elected := make(chan string)
	go func() {
		if try() {
			elected <- "a"
		}
	}()
	return <-elected // want `receive from elected blocks forever when the goroutine returns without sending`
}

type syncer struct {
	synced func() bool
	ready  chan struct{}
}

func (s *syncer) run() {
	if !s.synced() {
		return
	}
	close(s.ready)
}

func (s *syncer) waitReady() {
	<-s.ready // want `receive from s.ready can block forever: its only close, in \(\*syncer\).run, is skipped`
}

func TestElectLeader(t *testing.T) {
	go electLeader(func() bool { return false })
	s := &syncer{synced: func() bool { return false }, ready: make(chan struct{})}
	s.run()
	go s.waitReady()
}

// Near miss: a test helper that takes the test waits on the test's own
// goroutine; a failed try hangs the test, which go test's timeout reports.
func electOrHang(t *testing.T, try func() bool) string {
	t.Helper()
	elected := make(chan string)
	go func() {
		if try() {
			elected <- "a"
		}
	}()
	return <-elected
}

func TestElectOrHang(t *testing.T) {
	if electOrHang(t, func() bool { return true }) != "a" {
		t.Fatal("no leader")
	}
}
