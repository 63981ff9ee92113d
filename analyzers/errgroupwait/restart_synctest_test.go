package errgroupwait_test

import (
	"sync"
	"testing"
)

// Mirrors of testdata/src/errgroupwait/restart.go: a writer that restarts
// itself after a bounded number of rounds hands its membership to the new
// goroutine, and Close returns; one that starts a goroutine owing nothing
// leaves Close waiting forever.

type restartingWriter struct {
	wg     sync.WaitGroup
	stop   chan struct{}
	in     chan int
	rounds int
	handOn bool // restart itself (true) or start a goroutine that owes nothing
}

func newRestartingWriter(handOn bool) *restartingWriter {
	l := &restartingWriter{stop: make(chan struct{}), in: make(chan int), rounds: 2, handOn: handOn}
	l.wg.Add(1)
	go l.writer()
	return l
}

func (l *restartingWriter) writer() {
	for range l.rounds {
		select {
		case <-l.stop:
			l.wg.Done()
			return
		case <-l.in:
		}
	}
	if l.handOn {
		go l.writer()
		return
	}
	go func() {}()
	//conclint:ignore errgroupwait the runtime proof runs this bad pattern on purpose
}

func (l *restartingWriter) Close() {
	close(l.stop)
	l.wg.Wait()
}

func TestRestartAtRunTime(t *testing.T) {
	for _, tc := range []struct {
		name   string
		handOn bool
	}{{"restarts itself", true}, {"starts a goroutine owing nothing", false}} {
		run := func() {
			l := newRestartingWriter(tc.handOn)
			for i := range 5 {
				l.in <- i // the third crosses a restart, or blocks for good once the writer is gone
				if !tc.handOn && i == 1 {
					break
				}
			}
			l.Close()
		}
		if tc.handOn {
			wantClean(t, "restart/"+tc.name, run)
		} else {
			wantLeak(t, "restart/"+tc.name, run)
		}
	}
}
