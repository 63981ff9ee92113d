package errgroupwait

import "sync"

// restartingLog's writer restarts itself with a fresh stack after a
// bounded number of rounds: the goroutine it starts takes over its
// membership of wg and calls Done when the log stops.
type restartingLog struct {
	wg   sync.WaitGroup
	stop chan struct{}
	in   chan int
}

func newRestartingLog() *restartingLog {
	l := &restartingLog{stop: make(chan struct{}), in: make(chan int)}
	l.wg.Add(1)
	go l.writer()
	return l
}

// Good: the return without Done starts the writer again, which owes it.
func (l *restartingLog) writer() {
	for range 1000 {
		select {
		case <-l.stop:
			l.wg.Done()
			return
		case v := <-l.in:
			println(v)
		}
	}
	go l.writer() // ok: the new goroutine calls l.wg.Done
}

func (l *restartingLog) Close() {
	close(l.stop)
	l.wg.Wait()
}

// handingLog's writer hands over to a drainer of the same object that
// calls Done on the same WaitGroup.
type handingLog struct {
	wg   sync.WaitGroup
	stop chan struct{}
	in   chan int
}

func newHandingLog() *handingLog {
	l := &handingLog{stop: make(chan struct{}), in: make(chan int)}
	l.wg.Add(1)
	go l.writer()
	return l
}

// Good: the drainer it starts on overflow calls l.wg.Done for it.
func (l *handingLog) writer() {
	for range 1000 {
		select {
		case <-l.stop:
			l.wg.Done()
			return
		case v := <-l.in:
			println(v)
		}
	}
	go l.drain()
}

func (l *handingLog) drain() {
	<-l.stop
	l.wg.Done()
}

func (l *handingLog) Close() {
	close(l.stop)
	l.wg.Wait()
}

// countingLog's writer starts a flusher that counts itself in with its
// own Add: the flusher's Done balances that Add, not the writer's.
type countingLog struct {
	wg   sync.WaitGroup
	stop chan struct{}
	in   chan int
}

func newCountingLog() *countingLog {
	l := &countingLog{stop: make(chan struct{}), in: make(chan int)}
	l.wg.Add(1)
	go l.writer()
	return l
}

// Bad: the writer's own Done is lost on the way out of the loop.
func (l *countingLog) writer() {
	for range 1000 {
		select {
		case <-l.stop:
			l.wg.Done()
			return
		case v := <-l.in:
			println(v)
		}
	}
	l.wg.Add(1)
	go l.flush()
} // want `goroutine returns here without calling l.wg.Done`

func (l *countingLog) flush() {
	defer l.wg.Done()
	println("flushed")
}

func (l *countingLog) Close() {
	close(l.stop)
	l.wg.Wait()
}

// idleLog's writer starts a goroutine that owes nothing to wg.
type idleLog struct {
	wg   sync.WaitGroup
	stop chan struct{}
	in   chan int
}

func newIdleLog() *idleLog {
	l := &idleLog{stop: make(chan struct{}), in: make(chan int)}
	l.wg.Add(1)
	go l.writer()
	return l
}

// Bad: the goroutine it starts never calls Done: Close waits forever.
func (l *idleLog) writer() {
	for range 1000 {
		select {
		case <-l.stop:
			l.wg.Done()
			return
		case v := <-l.in:
			println(v)
		}
	}
	go l.report()
} // want `goroutine returns here without calling l.wg.Done`

func (l *idleLog) report() { println("rounds done") }

func (l *idleLog) Close() {
	close(l.stop)
	l.wg.Wait()
}
