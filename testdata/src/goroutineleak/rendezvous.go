package goroutineleak

// Two goroutines that each wait, first, for an operation the other makes
// only after its own first wait: a deadlock of the pair.

// Bad: each side sends first on an unbuffered channel and receives
// second.
func exchange(x int, use func(int)) {
	toWorker, fromWorker := make(chan int), make(chan int)
	go func() {
		fromWorker <- x + 1
		use(<-toWorker)
	}()
	toWorker <- x // want `send on toWorker blocks forever: the goroutine goroutineleak.exchange starts is blocked in its send on fromWorker at the same time`
	use(<-fromWorker)
}

// Good: the near miss: the owner receives first, then sends.
func exchangeOrdered(x int, use func(int)) {
	toWorker, fromWorker := make(chan int), make(chan int)
	go func() {
		fromWorker <- x + 1
		use(<-toWorker)
	}()
	use(<-fromWorker)
	toWorker <- x // ok: the worker receives after its send was taken
}

// Good: the near miss: a buffer of one lets the worker's first send
// complete alone.
func exchangeBuffered(x int, use func(int)) {
	toWorker, fromWorker := make(chan int), make(chan int, 1)
	go func() {
		fromWorker <- x + 1
		use(<-toWorker)
	}()
	toWorker <- x // ok: the worker's send went into the buffer
	use(<-fromWorker)
}
