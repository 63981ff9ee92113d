// Package idioms holds correct concurrent Go idioms.
package idioms

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"
)

// 1. pipeline with a done channel
func Gen(done <-chan struct{}, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func Sq(done <-chan struct{}, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			select {
			case out <- n * n:
			case <-done:
				return
			}
		}
	}()
	return out
}

// 2. fan-in with WaitGroup + close
func Merge(done <-chan struct{}, cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int)
	output := func(c <-chan int) {
		defer wg.Done()
		for n := range c {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// 3. pipeline consumer in the same package
func SumSquares(nums []int) int {
	done := make(chan struct{})
	defer close(done)
	total := 0
	for v := range Sq(done, Gen(done, nums...)) {
		total += v
	}
	return total
}

// 4. worker pool with a closed jobs channel
func Pool(items []int, workers int) []int {
	jobs := make(chan int)
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * 2
			}
		}()
	}
	go func() {
		for _, it := range items {
			jobs <- it
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// 5. fan-out with results buffered to the number of senders
func FanOut(items []string, f func(string) int) []int {
	results := make(chan int, len(items))
	for _, it := range items {
		go func() { results <- f(it) }()
	}
	out := make([]int, 0, len(items))
	for range items {
		out = append(out, <-results)
	}
	return out
}

// 6. first response wins with a buffer of len(senders)
func First(ctx context.Context, replicas []func(context.Context) (string, error)) (string, error) {
	type res struct {
		s   string
		err error
	}
	ch := make(chan res, len(replicas))
	for _, r := range replicas {
		go func() {
			s, err := r(ctx)
			ch <- res{s, err}
		}()
	}
	var lastErr error
	for range replicas {
		select {
		case r := <-ch:
			if r.err == nil {
				return r.s, nil
			}
			lastErr = r.err
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	return "", lastErr
}

// 7. request with timeout via select, buffer 1
func WithTimeout(f func() int, d time.Duration) (int, error) {
	ch := make(chan int, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return 0, errors.New("timeout")
	}
}

// 8. context-cancelled producer
func Produce(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; ; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// 9. server with a goroutine per connection ended by closing the conn
type Server struct {
	ln    net.Listener
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

func (s *Server) Serve(ln net.Listener) error {
	s.ln = ln
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		s.mu.Lock()
		if s.conns == nil {
			s.conns = map[net.Conn]struct{}{}
		}
		s.conns[c] = struct{}{}
		s.mu.Unlock()
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *Server) handle(c net.Conn) {
	defer s.wg.Done()
	defer c.Close()
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
	}
}

func (s *Server) Close() error {
	err := s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

// 10. Close() that closes a quit channel and waits
type Ticker struct {
	quit chan struct{}
	done chan struct{}
	n    int
}

func NewTicker(d time.Duration) *Ticker {
	t := &Ticker{quit: make(chan struct{}), done: make(chan struct{})}
	go t.loop(d)
	return t
}

func (t *Ticker) loop(d time.Duration) {
	defer close(t.done)
	tk := time.NewTicker(d)
	defer tk.Stop()
	for {
		select {
		case <-tk.C:
			t.n++
		case <-t.quit:
			return
		}
	}
}

func (t *Ticker) Close() {
	close(t.quit)
	<-t.done
}

// 11. Close with a WaitGroup and a stop channel
type Refresher struct {
	stop chan struct{}
	wg   sync.WaitGroup
}

func NewRefresher(f func()) *Refresher {
	r := &Refresher{stop: make(chan struct{})}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				f()
			case <-r.stop:
				return
			}
		}
	}()
	return r
}

func (r *Refresher) Stop() {
	close(r.stop)
	r.wg.Wait()
}

// 12. time.AfterFunc with stop
type Debouncer struct {
	mu sync.Mutex
	t  *time.Timer
	f  func()
}

func (d *Debouncer) Trigger() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.t != nil {
		d.t.Stop()
	}
	d.t = time.AfterFunc(100*time.Millisecond, d.f)
}
