package idioms

import (
	"sync"
)

// 37. recursive RLock through a helper that RLocks, with no writer anywhere
// between (a read-mostly table written only at init under Lock)
type Table struct {
	mu   sync.RWMutex
	rows map[int]string
}

func (t *Table) Row(i int) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rows[i]
}

// 38. a child that calls back into its parent only after unlocking itself
type Parent struct {
	mu   sync.Mutex
	kids []*Kid
	n    int
}

type Kid struct {
	mu     sync.Mutex
	parent *Parent
	dirty  bool
}

func (p *Parent) Add(k *Kid) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.kids = append(p.kids, k)
}

func (p *Parent) FlushAll() {
	p.mu.Lock()
	kids := append([]*Kid(nil), p.kids...)
	p.mu.Unlock()
	for _, k := range kids {
		k.Flush()
	}
}

func (k *Kid) Flush() {
	k.mu.Lock()
	was := k.dirty
	k.dirty = false
	k.mu.Unlock()
	if was {
		k.parent.mu.Lock()
		k.parent.n++
		k.parent.mu.Unlock()
	}
}

// 39. a mutex embedded in a struct, methods promoted
type SafeSet struct {
	sync.Mutex
	m map[string]struct{}
}

func (s *SafeSet) Add(k string) {
	s.Lock()
	defer s.Unlock()
	if s.m == nil {
		s.m = map[string]struct{}{}
	}
	s.m[k] = struct{}{}
}

func (s *SafeSet) Len() int {
	s.Lock()
	defer s.Unlock()
	return len(s.m)
}

// 40. a lock released on every branch including a panic-safe defer in a loop body
type Batch struct {
	mu    sync.Mutex
	items []string
}

func (b *Batch) Drain(f func(string)) {
	for {
		b.mu.Lock()
		if len(b.items) == 0 {
			b.mu.Unlock()
			return
		}
		it := b.items[0]
		b.items = b.items[1:]
		b.mu.Unlock()
		f(it)
	}
}

func (b *Batch) Push(s string) {
	func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.items = append(b.items, s)
	}()
}

// 41. a worker that holds its lock while sending to a buffered channel
// sized to the number of workers (cap >= senders), drained after Wait
func Fan(n int, f func(int) error) []error {
	errs := make(chan error, n)
	var mu sync.Mutex
	seen := 0
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(i); err != nil {
				mu.Lock()
				seen++
				errs <- err
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	var out []error
	for e := range errs {
		out = append(out, e)
	}
	return out
}

// 42. Cond.Wait in a loop on a value-field Cond whose L is set in the constructor
type Sem struct {
	mu    sync.Mutex
	c     sync.Cond
	avail int
}

func NewSem(n int) *Sem {
	s := &Sem{avail: n}
	s.c.L = &s.mu
	return s
}

func (s *Sem) Acquire() {
	s.mu.Lock()
	for s.avail == 0 {
		s.c.Wait()
	}
	s.avail--
	s.mu.Unlock()
}

func (s *Sem) Release() {
	s.mu.Lock()
	s.avail++
	s.mu.Unlock()
	s.c.Signal()
}

// 43. lock then unlock in a helper pair used by callers in one order
type Bank struct {
	mu     sync.Mutex
	ledger []int
}

func (b *Bank) with(f func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f()
}

func (b *Bank) Record(v int) {
	b.with(func() { b.ledger = append(b.ledger, v) })
}
