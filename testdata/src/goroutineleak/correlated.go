package goroutineleak

// Correlated conditions: the goroutine is started under a test that the
// owner decides again before it returns; only the paths that decide it
// the same way both times can run.

// showEvents forwards events to a display stage made only when one of the
// displays that read it will run.
//
// Good: the forwarder starts only when !json || (preview && !stream), and
// when json is set the digest drains it under preview && !stream, the same
// test: no path that starts it skips its reader.
func showEvents(events <-chan int, json, preview, stream bool) int {
	var raw <-chan int
	if !json || (preview && !stream) {
		ch := make(chan int)
		go func() {
			for e := range events {
				ch <- e // ok: every path that starts the forwarder drains ch
			}
			close(ch)
		}()
		raw = ch
	}
	if json {
		if preview && !stream {
			return digest(raw)
		}
		return 0
	}
	return digest(raw)
}

// Bad: the json display drains the forwarder only under preview &&
// stream, a different test: with json, preview and !stream the forwarder
// starts and nothing reads it.
func showEventsSkewed(events <-chan int, json, preview, stream bool) int {
	var raw <-chan int
	if !json || (preview && !stream) {
		ch := make(chan int)
		go func() {
			for e := range events {
				ch <- e // want `goroutine can block forever in send on ch: it sends until ch is closed, and goroutineleak.showEventsSkewed can stop receiving before that`
			}
			close(ch)
		}()
		raw = ch
	}
	if json {
		if preview && stream {
			return digest(raw)
		}
		return 0
	}
	return digest(raw)
}

// digest sums the events until the channel is closed.
func digest(events <-chan int) int {
	n := 0
	for e := range events {
		n += e
	}
	return n
}
