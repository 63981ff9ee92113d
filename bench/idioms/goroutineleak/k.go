package idioms

import (
	"context"
	"sync"
)

// 101. generic send helper honoring ctx
func send[T any](ctx context.Context, ch chan<- T, v T) bool {
	select {
	case ch <- v:
		return true
	case <-ctx.Done():
		return false
	}
}

func Numbers(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			if !send(ctx, out, i) {
				return
			}
		}
	}()
	return out
}

// 102. non-generic send helper with a done channel
func sendOr(done <-chan struct{}, ch chan<- string, v string) bool {
	select {
	case ch <- v:
		return true
	case <-done:
		return false
	}
}

func Words(done <-chan struct{}, ws []string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, w := range ws {
			if !sendOr(done, out, w) {
				return
			}
		}
	}()
	return out
}

// 103. producer method using struct ctx
type Stream struct {
	ctx    context.Context
	cancel context.CancelFunc
	src    func() (string, error)
}

func NewStream(src func() (string, error)) *Stream {
	ctx, cancel := context.WithCancel(context.Background())
	return &Stream{ctx: ctx, cancel: cancel, src: src}
}

func (s *Stream) Messages() <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for {
			m, err := s.src()
			if err != nil {
				return
			}
			select {
			case out <- m:
			case <-s.ctx.Done():
				return
			}
		}
	}()
	return out
}

func (s *Stream) Close() { s.cancel() }

// 104. producer delivering via a method that selects on quit
type Feed struct {
	quit chan struct{}
	once sync.Once
}

func NewFeed() *Feed { return &Feed{quit: make(chan struct{})} }

func (f *Feed) deliver(out chan<- int, v int) bool {
	select {
	case out <- v:
		return true
	case <-f.quit:
		return false
	}
}

func (f *Feed) Items(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			if !f.deliver(out, i) {
				return
			}
		}
	}()
	return out
}

func (f *Feed) Close() { f.once.Do(func() { close(f.quit) }) }

// 105. exported generator with error channel, both buffered for a single result
func Walk(ctx context.Context, root string, list func(string) ([]string, error)) (<-chan string, <-chan error) {
	paths := make(chan string)
	errc := make(chan error, 1)
	go func() {
		defer close(paths)
		entries, err := list(root)
		if err != nil {
			errc <- err
			return
		}
		for _, e := range entries {
			select {
			case paths <- e:
			case <-ctx.Done():
				errc <- ctx.Err()
				return
			}
		}
		errc <- nil
	}()
	return paths, errc
}

// 106. send helper with a context in a struct argument
type sink struct {
	ctx context.Context
	out chan<- int
}

func (s sink) put(v int) error {
	select {
	case s.out <- v:
		return nil
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
}

func Counting(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	s := sink{ctx: ctx, out: out}
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			if s.put(i) != nil {
				return
			}
		}
	}()
	return out
}
