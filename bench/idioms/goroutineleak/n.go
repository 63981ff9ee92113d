package idioms

import (
	"context"
	"iter"
	"sync"
)

// 107. iterator over a goroutine-fed channel, stopped through done
func ParallelMap[T, U any](xs []T, f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		done := make(chan struct{})
		defer close(done)
		ch := make(chan U)
		var wg sync.WaitGroup
		for _, x := range xs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				select {
				case ch <- f(x):
				case <-done:
				}
			}()
		}
		go func() { wg.Wait(); close(ch) }()
		for u := range ch {
			if !yield(u) {
				return
			}
		}
	}
}

// 108. range-over-func consumer that breaks early
func FirstBig(xs []int) int {
	for v := range ParallelMap(xs, func(x int) int { return x * x }) {
		if v > 100 {
			return v
		}
	}
	return -1
}

// 109. iterator reading a producer channel with ctx cancel on early stop
func Lines(ctx context.Context, next func() (string, bool)) iter.Seq[string] {
	return func(yield func(string) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		ch := make(chan string)
		go func() {
			defer close(ch)
			for {
				s, ok := next()
				if !ok {
					return
				}
				select {
				case ch <- s:
				case <-ctx.Done():
					return
				}
			}
		}()
		for s := range ch {
			if !yield(s) {
				return
			}
		}
	}
}

// 110. goroutine in a range-over-func body, joined
func EachParallel(seq iter.Seq[int], f func(int)) {
	var wg sync.WaitGroup
	for v := range seq {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(v)
		}()
	}
	wg.Wait()
}

// 111. Mutex-protected map of waiters keyed by id, reply buffered
type Mux struct {
	mu      sync.Mutex
	pending map[int]chan []byte
	next    int
}

func (m *Mux) Call(ctx context.Context, send func(id int) error) ([]byte, error) {
	ch := make(chan []byte, 1)
	m.mu.Lock()
	m.next++
	id := m.next
	if m.pending == nil {
		m.pending = map[int]chan []byte{}
	}
	m.pending[id] = ch
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		delete(m.pending, id)
		m.mu.Unlock()
	}()
	if err := send(id); err != nil {
		return nil, err
	}
	select {
	case b := <-ch:
		return b, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (m *Mux) Deliver(id int, b []byte) {
	m.mu.Lock()
	ch := m.pending[id]
	m.mu.Unlock()
	if ch != nil {
		ch <- b
	}
}

// 112. reader goroutine demuxing into the Mux until the source fails
func (m *Mux) ReadLoop(read func() (int, []byte, error)) error {
	for {
		id, b, err := read()
		if err != nil {
			return err
		}
		m.Deliver(id, b)
	}
}
