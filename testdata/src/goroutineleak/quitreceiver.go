package goroutineleak

import (
	"errors"
	"time"
)

// The only receiver quits without a word (category receiver-quits).

var errWriteEach = errors.New("write failed")

// wsConn stands for a websocket connection: its write fails once the peer
// stops reading.
type wsConn struct{ broken bool }

func (c *wsConn) writeMsg(msg string) error {
	if c.broken {
		return errWriteEach
	}
	return nil
}

// writeEach is the only receiver of in: it returns on its first failed
// write and tells nobody.
func writeEach(in chan string, ws *wsConn) {
	for {
		select {
		case msg := <-in:
			if err := ws.writeMsg(msg); err != nil {
				return
			}
		}
	}
}

// Bad: podinfo's echo handler: the handler keeps sending what it reads
// after the writer has returned on an error.
func echo(read func() (string, error), ws *wsConn) {
	in := make(chan string)
	go writeEach(in, ws)
	for {
		msg, err := read()
		if err != nil {
			return
		}
		in <- msg // want `send on in can block forever: its only receiver, goroutineleak.writeEach, can return after a value without closing, sending or cancelling anything, and this loop keeps sending with plain sends`
	}
}

// Bad: a ticking goroutine keeps sending status after the writer quit.
func echoStatus(ws *wsConn, stop chan struct{}) {
	in := make(chan string)
	go writeEach(in, ws)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				in <- "status" // want `send on in can block forever: its only receiver, goroutineleak.writeEach, can return after a value without closing, sending or cancelling anything, and a goroutine keeps sending with plain sends`
			case <-stop:
				return
			}
		}
	}()
}

// writeUntilDone closes done when it returns, so the senders learn it is
// gone.
func writeUntilDone(in chan string, done chan struct{}, write func(string) error) {
	defer close(done)
	for msg := range in {
		if err := write(msg); err != nil {
			return
		}
	}
}

// Good: the near miss: the receiver closes done as it returns and the
// sends select on it.
func echoDone(read func() (string, error), write func(string) error) {
	in := make(chan string)
	done := make(chan struct{})
	go writeUntilDone(in, done, write)
	defer close(in)
	for {
		msg, err := read()
		if err != nil {
			return
		}
		select {
		case in <- msg: // ok: done tells the writer quit
		case <-done:
			return
		}
	}
}

// Good: the near miss: the receiver returns only on quit, which the owner
// closes after its last send.
func echoQuit(msgs []string, write func(string) error) {
	in := make(chan string)
	quit := make(chan struct{})
	go func() {
		for {
			select {
			case msg := <-in:
				_ = write(msg)
			case <-quit:
				return
			}
		}
	}()
	for _, m := range msgs {
		in <- m // ok: the receiver leaves only on quit
	}
	close(quit)
}

// Good: the near miss: the receiver takes exactly as many values as the
// owner sends.
func echoCounted(msgs []string, write func(string) error) {
	in := make(chan string)
	n := len(msgs)
	go func() {
		for i := 0; i < n; i++ {
			_ = write(<-in)
		}
	}()
	for _, m := range msgs {
		in <- m // ok: the receiver counts the values
	}
}

// Good: the near miss: the receiver keeps receiving after a failed write.
func echoKeep(read func() (string, error), write func(string) error) {
	in := make(chan string)
	go func() {
		for msg := range in {
			if err := write(msg); err != nil {
				continue
			}
		}
	}()
	defer close(in)
	for {
		msg, err := read()
		if err != nil {
			return
		}
		in <- msg // ok: the receiver never quits before the close
	}
}

// UseQuitReceiver runs the fixtures, as a package's API would.
func UseQuitReceiver(read func() (string, error), write func(string) error, ws *wsConn, msgs []string, stop chan struct{}) {
	echo(read, ws)
	echoStatus(ws, stop)
	echoDone(read, write)
	echoQuit(msgs, write)
	echoCounted(msgs, write)
	echoKeep(read, write)
}
