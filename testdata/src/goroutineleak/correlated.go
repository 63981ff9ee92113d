package goroutineleak

import (
	"context"
	"time"
)

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
				ch <- e // want `goroutine can block forever in send on ch: the goroutines send values until they close ch, and goroutineleak.showEventsSkewed can stop receiving before that`
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

// watchLoop runs one watch per round while there is something to watch,
// and restarts it when a registration arrives.
type watchLoop struct {
	keys     func() []string
	register chan string
	stop     chan struct{}
}

// watchOnce waits a round (or until ctx is cancelled) and signals its
// completion on done.
func (w *watchLoop) watchOnce(ctx context.Context, keys []string, done chan struct{}) {
	defer func() { // want `goroutine can block forever in send on done: \(\*watchLoop\).runUnwaited can return without receiving from it`
		done <- struct{}{}
	}()
	t := time.NewTimer(time.Second)
	select {
	case <-ctx.Done():
		t.Stop()
	case <-t.C:
	}
	_ = keys
}

// Good: a watch is started only when there are keys, a flag records it,
// and the registration case waits for it under that flag: every way round
// the loop to the next start receives, so at most one watch is
// outstanding and its completion fits the buffer when stop ends the loop.
func (w *watchLoop) run() {
	done := make(chan struct{}, 1)
loop:
	for {
		ctx, cancel := context.WithCancel(context.Background())
		keys := w.keys()
		watching := false
		if len(keys) > 0 {
			go w.watchOnce(ctx, keys, done) // ok: its completion is taken before the next one starts
			watching = true
		}
		select {
		case <-done:
			cancel()
		case <-w.register:
			cancel()
			if watching {
				<-done
			}
		case <-w.stop:
			cancel()
			break loop
		}
	}
}

// Bad: the registration case does not wait for the running watch: a
// second one starts, and when stop ends the loop two completions can be
// outstanding for a buffer of one.
func (w *watchLoop) runUnwaited() {
	done := make(chan struct{}, 1)
loop:
	for {
		ctx, cancel := context.WithCancel(context.Background())
		keys := w.keys()
		if len(keys) > 0 {
			go w.watchOnce(ctx, keys, done)
		}
		select {
		case <-done:
			cancel()
		case <-w.register:
			cancel()
		case <-w.stop:
			cancel()
			break loop
		}
	}
}

// Stop ends the watch loop: it closes stop.
func (w *watchLoop) Stop() { close(w.stop) }

func newWatchLoop(keys func() []string) *watchLoop {
	return &watchLoop{keys: keys, register: make(chan string), stop: make(chan struct{})}
}
