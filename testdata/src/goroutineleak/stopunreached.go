package goroutineleak

import "sync"

// A stream handed out in an object whose Stop does not reach the
// goroutine that fills it: the reader stops reading once it has called
// Stop, and the goroutine blocks forever in the send it was making.

type wrapEvent struct{ name string }

// wrapSource is a watch of another package: Stop ends its Events.
type wrapSource interface {
	Events() <-chan wrapEvent
	Stop()
}

type taggedStream struct {
	inner  wrapSource
	events chan wrapEvent
}

// Bad: Stop stops only the inner watch; an event the loop holds when the
// reader leaves is never taken (the watch wrappers of client libraries).
func tagStream(inner wrapSource) *taggedStream {
	out := make(chan wrapEvent)
	go func() {
		defer close(out)
		for ev := range inner.Events() {
			ev.name = "tagged/" + ev.name
			out <- ev // want `send on out can block forever: the goroutine goroutineleak.tagStream starts sends on it with no way out, the channel is handed out in a goroutineleak.taggedStream, and \(\*goroutineleak.taggedStream\).Stop neither reads it nor stops the send: a reader that stops reading and then calls Stop leaves the goroutine blocked here \(select the send on a channel Stop closes, or drain out there\)`
		}
	}()
	return &taggedStream{inner: inner, events: out}
}

// Events hands the channel to the caller.
func (s *taggedStream) Events() <-chan wrapEvent { return s.events }

func (s *taggedStream) Stop() { s.inner.Stop() }

type pulse struct {
	c    chan int
	mu   sync.Mutex
	done bool
}

// Bad: the goroutine is a method, the channel a field the constructor
// fills; Close only marks the pulse done.
func newPulse(src <-chan int) *pulse {
	p := &pulse{c: make(chan int)}
	go p.run(src)
	return p
}

func (p *pulse) run(src <-chan int) {
	for v := range src {
		p.c <- v * 2 // want `send on p.c can block forever: the goroutine goroutineleak.newPulse starts sends on it with no way out, the channel is handed out in a goroutineleak.pulse, and \(\*goroutineleak.pulse\).Close neither reads it nor stops the send`
	}
}

func (p *pulse) C() <-chan int { return p.c }

func (p *pulse) Close() {
	p.mu.Lock()
	p.done = true
	p.mu.Unlock()
}

type drainedStream struct {
	inner  wrapSource
	events chan wrapEvent
}

// Good: the near miss: Stop drains the channel until the goroutine closes
// it, so the pending send always finds a reader.
func drainStream(inner wrapSource) *drainedStream {
	out := make(chan wrapEvent)
	go func() {
		defer close(out)
		for ev := range inner.Events() {
			out <- ev // ok: Stop drains out
		}
	}()
	return &drainedStream{inner: inner, events: out}
}

func (s *drainedStream) Events() <-chan wrapEvent { return s.events }

func (s *drainedStream) Stop() {
	s.inner.Stop()
	for range s.events {
	}
}

type stoppableStream struct {
	inner  wrapSource
	events chan wrapEvent
	done   chan struct{}
	once   sync.Once
}

// Good: the near miss: the send selects on done, which Stop closes.
func stopStream(inner wrapSource) *stoppableStream {
	s := &stoppableStream{inner: inner, events: make(chan wrapEvent), done: make(chan struct{})}
	go func() {
		defer close(s.events)
		for ev := range inner.Events() {
			select {
			case s.events <- ev: // ok: Stop closes done
			case <-s.done:
				return
			}
		}
	}()
	return s
}

func (s *stoppableStream) Events() <-chan wrapEvent { return s.events }

func (s *stoppableStream) Stop() {
	s.once.Do(func() { close(s.done) })
	s.inner.Stop()
}

type bufferedStream struct {
	events chan wrapEvent
}

// Good: the near miss: the object has no method that ends it; its readers
// read until the source ends (the producer rule's question, with no
// reader that stops in view).
func forwardStream(inner wrapSource) *bufferedStream {
	out := make(chan wrapEvent)
	go func() {
		defer close(out)
		for ev := range inner.Events() {
			out <- ev // ok: nothing shows a reader that stops
		}
	}()
	return &bufferedStream{events: out}
}

func (s *bufferedStream) Events() <-chan wrapEvent { return s.events }

type onePulse struct {
	c chan int
}

// Good: the near miss: a single send, no loop: a one-shot result the
// caller takes (the future rules' question, not this one).
func newOnePulse(f func() int) *onePulse {
	p := &onePulse{c: make(chan int, 1)}
	go func() { p.c <- f() }() // ok: buffered for its one send
	return p
}

func (p *onePulse) C() <-chan int { return p.c }

func (p *onePulse) Close() {}

type kindStream struct {
	wrapSource
	events chan wrapEvent
}

// Bad: the wrapper embeds the inner watch, whose Stop it promotes: Stop
// stops the inner watch only (the client library's own shape).
func kindOf(inner wrapSource) wrapSource {
	out := make(chan wrapEvent)
	go func() {
		defer close(out)
		for ev := range inner.Events() {
			ev.name = "kind/" + ev.name
			out <- ev // want `send on out can block forever: the goroutine goroutineleak.kindOf starts sends on it with no way out, the channel is handed out in a goroutineleak.kindStream, and \(\*goroutineleak.kindStream\).Stop neither reads it nor stops the send`
		}
	}()
	return &kindStream{wrapSource: inner, events: out}
}

func (s *kindStream) Events() <-chan wrapEvent { return s.events }
