package idioms

import (
	"sync"
)

// 60. hand-over-hand locking down a linked list
type ListNode struct {
	mu   sync.Mutex
	val  int
	next *ListNode
}

func (head *ListNode) Find(v int) bool {
	cur := head
	cur.mu.Lock()
	for cur.next != nil {
		nx := cur.next
		nx.mu.Lock()
		cur.mu.Unlock()
		cur = nx
		if cur.val == v {
			cur.mu.Unlock()
			return true
		}
	}
	cur.mu.Unlock()
	return false
}

// 61. a closed flag guarding sends: senders hold the lock, the receiver
// never takes it
type Sink struct {
	mu     sync.Mutex
	closed bool
	ch     chan int
}

func NewSink() *Sink {
	s := &Sink{ch: make(chan int)}
	go func() {
		for v := range s.ch {
			_ = v
		}
	}()
	return s
}

func (s *Sink) Put(v int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.ch <- v
	return true
}

func (s *Sink) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.ch)
	}
}

// 62. readers on both sides: a read lock held while waiting for a sender
// that only read-locks
type Feed struct {
	mu   sync.RWMutex
	cfg  string
	data chan string
}

func NewFeed() *Feed {
	f := &Feed{data: make(chan string)}
	go func() {
		for {
			f.mu.RLock()
			c := f.cfg
			f.mu.RUnlock()
			f.data <- c
		}
	}()
	return f
}

func (f *Feed) Next() string {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return <-f.data
}

// 63. a pending-reply map: the reply is sent after unlocking, or under
// the lock on a reply channel with a buffer of one
type Mux struct {
	mu      sync.Mutex
	pending map[int]chan string
	next    int
}

func (m *Mux) Register() (int, <-chan string) {
	ch := make(chan string, 1)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pending == nil {
		m.pending = map[int]chan string{}
	}
	m.next++
	m.pending[m.next] = ch
	return m.next, ch
}

func (m *Mux) Deliver(id int, s string) {
	m.mu.Lock()
	ch := m.pending[id]
	delete(m.pending, id)
	m.mu.Unlock()
	if ch != nil {
		ch <- s
	}
}

func (m *Mux) DeliverLocked(id int, s string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if ch, ok := m.pending[id]; ok {
		ch <- s
		delete(m.pending, id)
	}
}

// 64. Stop holds the lock, closes quit and waits for workers that never
// lock
type Ticker struct {
	mu      sync.Mutex
	quit    chan struct{}
	wg      sync.WaitGroup
	stopped bool
	ticks   chan int
}

func NewTicker(n int) *Ticker {
	t := &Ticker{quit: make(chan struct{}), ticks: make(chan int, 1)}
	for i := range n {
		t.wg.Add(1)
		go func() {
			defer t.wg.Done()
			for {
				select {
				case <-t.quit:
					return
				case t.ticks <- i:
				}
			}
		}()
	}
	return t
}

func (t *Ticker) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	t.stopped = true
	close(t.quit)
	t.wg.Wait()
}

// 65. a semaphore channel acquired under a lock, released without it
type Limiter struct {
	mu    sync.Mutex
	sem   chan struct{}
	count int
}

func NewLimiter(n int) *Limiter { return &Limiter{sem: make(chan struct{}, n)} }

func (l *Limiter) Acquire() {
	l.mu.Lock()
	l.count++
	l.mu.Unlock()
	l.sem <- struct{}{}
}

func (l *Limiter) Release() {
	<-l.sem
	l.mu.Lock()
	l.count--
	l.mu.Unlock()
}

// 66. same-type nested locks, parent before child, every path
type Dir struct {
	mu     sync.Mutex
	parent *Dir
	files  int
}

func (d *Dir) AddFile() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.files++
}

func (d *Dir) MoveUp() {
	p := d.parent
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	d.mu.Lock()
	defer d.mu.Unlock()
	p.files += d.files
	d.files = 0
}

// 67. a Cond whose L is given in a composite literal
type Mailbox struct {
	mu   sync.Mutex
	cond *sync.Cond
	msgs []string
}

func NewMailbox() *Mailbox {
	m := &Mailbox{}
	m.cond = &sync.Cond{L: &m.mu}
	return m
}

func (m *Mailbox) Recv() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(m.msgs) == 0 {
		m.cond.Wait()
	}
	s := m.msgs[0]
	m.msgs = m.msgs[1:]
	return s
}

func (m *Mailbox) Send(s string) {
	m.mu.Lock()
	m.msgs = append(m.msgs, s)
	m.mu.Unlock()
	m.cond.Signal()
}

// 68. a worker goroutine per object that takes its own lock; the owner
// waits on the object's done channel after unlocking
type Task struct {
	mu     sync.Mutex
	status string
	done   chan struct{}
}

func StartTask(f func()) *Task {
	t := &Task{done: make(chan struct{})}
	go func() {
		defer close(t.done)
		t.mu.Lock()
		t.status = "running"
		t.mu.Unlock()
		f()
		t.mu.Lock()
		t.status = "done"
		t.mu.Unlock()
	}()
	return t
}

func (t *Task) Status() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.status
}

func (t *Task) Wait() string {
	<-t.done
	return t.Status()
}
