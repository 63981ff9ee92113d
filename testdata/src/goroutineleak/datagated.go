package goroutineleak

import "io"

// A writer goroutine that leaves its loop only on a write error.

type writerSession struct {
	w        io.WriteCloser
	outbound chan []byte
}

func newWriterSession(w io.WriteCloser) *writerSession {
	s := &writerSession{w: w, outbound: make(chan []byte, 16)}
	go s.writeLoop()
	return s
}

// Bad: writeLoop returns only after a message whose write fails; Close
// closes the writer, not outbound, so once messages stop the goroutine
// waits in the range forever.
func (s *writerSession) writeLoop() {
	for msg := range s.outbound { // want `goroutine started by goroutineleak.newWriterSession outlives its object: it waits in range over s.outbound, as it leaves only after receiving another value from s.outbound \(its other exits lie past that receive\) and nothing closes s.outbound: once the values stop, it waits there forever`
		if _, err := s.w.Write(msg); err != nil {
			return
		}
	}
}

func (s *writerSession) send(msg []byte) { s.outbound <- msg }

func (s *writerSession) Close() error { return s.w.Close() }

type closingWriterSession struct {
	w        io.WriteCloser
	outbound chan []byte
}

func newClosingWriterSession(w io.WriteCloser) *closingWriterSession {
	s := &closingWriterSession{w: w, outbound: make(chan []byte, 16)}
	go s.writeLoop()
	return s
}

// Good: the near miss: Close closes outbound, which ends the range.
func (s *closingWriterSession) writeLoop() {
	for msg := range s.outbound { // ok: Close closes outbound
		if _, err := s.w.Write(msg); err != nil {
			return
		}
	}
}

func (s *closingWriterSession) send(msg []byte) { s.outbound <- msg }

func (s *closingWriterSession) Close() error {
	close(s.outbound)
	return s.w.Close()
}

type pollingWriterSession struct {
	w        io.WriteCloser
	outbound chan []byte
	quit     chan struct{}
}

func newPollingWriterSession(w io.WriteCloser) *pollingWriterSession {
	s := &pollingWriterSession{w: w, outbound: make(chan []byte, 16), quit: make(chan struct{})}
	go s.writeLoop()
	return s
}

// Good: the near miss: the loop also leaves on quit, which Close closes,
// without another message.
func (s *pollingWriterSession) writeLoop() {
	for {
		select {
		case msg := <-s.outbound:
			if _, err := s.w.Write(msg); err != nil {
				return
			}
		case <-s.quit: // ok: Close closes quit
			return
		}
	}
}

func (s *pollingWriterSession) send(msg []byte) { s.outbound <- msg }

func (s *pollingWriterSession) Close() error {
	close(s.quit)
	return s.w.Close()
}

// UseWriterSessions keeps the sessions in use.
func UseWriterSessions(w io.WriteCloser) {
	a := newWriterSession(w)
	a.send(nil)
	_ = a.Close()
	b := newClosingWriterSession(w)
	b.send(nil)
	_ = b.Close()
	c := newPollingWriterSession(w)
	c.send(nil)
	_ = c.Close()
}

type sentinelPool struct {
	dispatch chan *[]byte
	workers  int
}

func newSentinelPool(workers int) *sentinelPool {
	p := &sentinelPool{dispatch: make(chan *[]byte, 16), workers: workers}
	for range workers {
		go p.decode()
	}
	return p
}

// Good: the near miss: each worker returns on a nil packet, and Stop
// (through stopWorkers) sends one nil per worker: the method that ends
// the pool's life wakes every worker with the value that leads out.
func (p *sentinelPool) decode() {
	for pkt := range p.dispatch { // ok: Stop sends the nil sentinel each worker returns on
		if pkt == nil {
			return
		}
		_ = len(*pkt)
	}
}

func (p *sentinelPool) submit(b []byte) { p.dispatch <- &b }

func (p *sentinelPool) Stop() { p.stopWorkers() }

func (p *sentinelPool) stopWorkers() {
	for range p.workers {
		p.dispatch <- nil
	}
}

// UseSentinelPool keeps the pool in use.
func UseSentinelPool() {
	p := newSentinelPool(2)
	p.submit([]byte("x"))
	p.Stop()
}
