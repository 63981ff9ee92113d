package goroutineleak

// An owner and the goroutine it starts that each send first on channels
// kept in fields of the value they share.

type transport struct {
	out chan []byte
	in  chan []byte
}

func newTransport() *transport {
	return &transport{out: make(chan []byte), in: make(chan []byte)}
}

// Bad: handshake sends its hello before it takes the peer's, and the peer
// sends its own before it takes handshake's: both block forever.
func (t *transport) handshake(hello []byte) []byte {
	go t.peer()
	t.out <- hello // want `send on field out blocks forever: the goroutine \(\*transport\).handshake starts is blocked in its send on field in at the same time, and each completes the other's wait only later in its own sequence \(deadlock\)`
	return <-t.in
}

func (t *transport) peer() {
	t.in <- []byte("server-hello")
	<-t.out
}

type orderedTransport struct {
	out chan []byte
	in  chan []byte
}

func newOrderedTransport() *orderedTransport {
	return &orderedTransport{out: make(chan []byte), in: make(chan []byte)}
}

// Good: the near miss: the peer takes the hello before it answers.
func (t *orderedTransport) handshake(hello []byte) []byte {
	go t.peer()
	t.out <- hello // ok: peer receives first
	return <-t.in
}

func (t *orderedTransport) peer() {
	h := <-t.out
	t.in <- h
}

type sharedTransport struct {
	out chan []byte
	in  chan []byte
}

func newSharedTransport() *sharedTransport {
	return &sharedTransport{out: make(chan []byte), in: make(chan []byte)}
}

// Good: the near miss: another method of the package receives from out
// too, so the owner's send is not left to the peer alone.
func (t *sharedTransport) handshake(hello []byte) []byte {
	go t.peer()
	t.out <- hello // ok: take may receive it
	return <-t.in
}

func (t *sharedTransport) peer() {
	t.in <- []byte("server-hello")
	<-t.out
}

func (t *sharedTransport) take() []byte { return <-t.out }

// UseTransports keeps the transports in use.
func UseTransports() {
	_ = newTransport().handshake(nil)
	_ = newOrderedTransport().handshake(nil)
	s := newSharedTransport()
	go func() { _ = s.handshake(nil) }()
	_ = s.take()
}
