package lockblock

import (
	"net"
	"sync"
	"time"
)

// Good: a mutex whose every critical section waits exists to serialize
// that wait (one writer at a time on a pipe); it guards no other state.
type pipeWriter struct {
	wrMu sync.Mutex
	wrCh chan []byte
	done chan struct{}
}

func (p *pipeWriter) Write(b []byte) {
	p.wrMu.Lock()
	defer p.wrMu.Unlock()
	p.wrCh <- b // ok: p.wrMu serializes writers; no section of it is quiet
}

func (p *pipeWriter) WriteTwice(b []byte) {
	p.wrMu.Lock()
	p.wrCh <- b // ok: same mutex, same purpose
	p.wrCh <- b
	p.wrMu.Unlock()
}

// Good: writes on a connection under the mutex that serializes them.
type framer struct {
	mu    sync.Mutex
	conn  net.Conn
	count int
}

func (f *framer) WriteFrame(b []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.count++
	_, err := f.conn.Write(b) // ok: connection I/O is bounded by its deadlines
	return err
}

func (f *framer) Count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.count
}

// Good: a mutex handed to a goroutine that unlocks it is a signal.
func HandOff() {
	var mu sync.Mutex
	mu.Lock()
	go func() {
		time.Sleep(time.Millisecond)
		mu.Unlock()
	}()
	mu.Lock() // ok: the goroutine unlocks it
	mu.Unlock()
}

// Good: buffered result channels kept in a slice (every make of this
// channel type in the package is buffered).
type flight struct {
	mu      sync.Mutex
	waiters []chan result
	n       int
}

type result struct{ v int }

func (f *flight) Wait() chan result {
	ch := make(chan result, 1)
	f.mu.Lock()
	f.waiters = append(f.waiters, ch)
	f.mu.Unlock()
	return ch
}

func (f *flight) Finish(v int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, w := range f.waiters {
		w <- result{v} // ok: each waiter channel has room for its one result
	}
}

func (f *flight) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// Good: a channel used as a lock: the token is taken and given back.
type sharedMem struct {
	mu    sync.Mutex
	memMu chan []byte
	calls int
}

func newSharedMem() *sharedMem {
	s := &sharedMem{memMu: make(chan []byte, 1)}
	s.memMu <- make([]byte, 64)
	return s
}

func (s *sharedMem) Use() {
	s.mu.Lock()
	defer s.mu.Unlock()
	mem := <-s.memMu // ok: acquiring a token, like a second mutex
	defer func() { s.memMu <- mem }()
	s.calls++
}

func (s *sharedMem) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}
