package goroutineleak

// Channels a function of the package makes and returns, waited on by its
// caller: the goroutine the function starts is the only one that can end
// the wait.

type logTailer struct {
	open func() ([]string, error)
}

// lines streams the log's lines; a failed open returns without closing
// the channel.
func (t *logTailer) lines() <-chan string {
	out := make(chan string)
	go func() {
		ls, err := t.open()
		if err != nil {
			return
		}
		for _, l := range ls {
			out <- l
		}
		close(out)
	}()
	return out
}

// Bad: when the open fails nothing closes the channel, and the range
// waits forever.
func (t *logTailer) Count() int {
	n := 0
	for range t.lines() { // want `receive from the channel \(\*logTailer\).lines returns blocks forever when the goroutine returns without sending: only the goroutine \(\*logTailer\).lines starts can end this wait`
		n++
	}
	return n
}

// linesClosed closes the channel on every return.
func (t *logTailer) linesClosed() <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		ls, err := t.open()
		if err != nil {
			return
		}
		for _, l := range ls {
			out <- l
		}
	}()
	return out
}

// Good: the near miss: the deferred close ends the range on every path.
func (t *logTailer) CountClosed() int {
	n := 0
	for range t.linesClosed() {
		n++
	}
	return n
}
