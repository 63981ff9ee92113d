package idioms

import (
	"context"
	"sync"
	"time"
)

func sendPlain[T any](ch chan<- T, v T) { ch <- v }

// BAD 8: producer through a generic helper without ctx
func BadNumbers(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			sendPlain(out, i)
		}
	}()
	return out
}

// BAD 9: method producer with plain send
func (s *Stream) BadMessages() <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for {
			m, err := s.src()
			if err != nil {
				return
			}
			out <- m
		}
	}()
	return out
}

// BAD 10: wg.Go senders with owner returning early
func BadWGGo(items []int, f func(int) (int, error)) ([]int, error) {
	var wg sync.WaitGroup
	type r struct {
		v   int
		err error
	}
	out := make(chan r)
	for _, it := range items {
		wg.Go(func() {
			v, err := f(it)
			out <- r{v, err}
		})
	}
	go func() { wg.Wait(); close(out) }()
	var res []int
	for x := range out {
		if x.err != nil {
			return nil, x.err
		}
		res = append(res, x.v)
	}
	return res, nil
}

// BAD 11: unbuffered reply with caller timeout
type BadStore struct{ reqs chan chan int }

func NewBadStore() *BadStore {
	s := &BadStore{reqs: make(chan chan int)}
	return s
}

func (s *BadStore) Get(ctx context.Context) (int, error) {
	reply := make(chan int)
	go func() { reply <- 1 }()
	select {
	case v := <-reply:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// BAD 12: Close forgets to stop the loop; loop started per object
type BadSyncer struct {
	stop chan struct{}
}

func NewBadSyncer() *BadSyncer {
	s := &BadSyncer{stop: make(chan struct{})}
	go func() {
		for {
			select {
			case <-time.After(time.Second):
			case <-s.stop:
				return
			}
		}
	}()
	return s
}

func (s *BadSyncer) Close() {}

// BAD 13: errgroup closer, sender without ctx, owner returns early
func BadTransform(ctx context.Context, in []int) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan int)
	for _, v := range in {
		go func() { ch <- v * 2 }()
	}
	for range in {
		select {
		case v := <-ch:
			if v < 0 {
				return 0, nil
			}
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return 1, nil
}
