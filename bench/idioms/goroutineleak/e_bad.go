package idioms

import (
	"context"
	"errors"
	"sync"
	"time"
)

// BAD 1: timeout with unbuffered result
func BadTimeout(f func() int, d time.Duration) (int, error) {
	ch := make(chan int)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		return 0, errors.New("timeout")
	}
}

// BAD 2: first error wins with unbuffered
func BadFirstErr(fs []func() error) error {
	errc := make(chan error)
	for _, f := range fs {
		go func() { errc <- f() }()
	}
	for range fs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// BAD 3: ticker without stop in constructor
type BadRefresher struct{ n int }

func NewBadRefresher() *BadRefresher {
	r := &BadRefresher{}
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
			r.n++
		}
	}()
	return r
}

// BAD 4: producer without done
func BadProduce() <-chan int {
	out := make(chan int)
	go func() {
		for i := 0; ; i++ {
			out <- i
		}
	}()
	return out
}

// BAD 5: worker pool never closing jobs on error path
func BadPool(ctx context.Context, items []int, f func(int) error) error {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				f(j)
			}
		}()
	}
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		jobs <- it
	}
	close(jobs)
	wg.Wait()
	return nil
}

// BAD 6: Stop never closes quit
type BadLoop struct{ quit chan struct{} }

func NewBadLoop() *BadLoop {
	l := &BadLoop{quit: make(chan struct{})}
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
			case <-l.quit:
				return
			}
		}
	}()
	return l
}

// BAD 7: early return between spawn and receive
func BadEarly(f func() int, check func() error) (int, error) {
	ch := make(chan int)
	go func() { ch <- f() }()
	if err := check(); err != nil {
		return 0, err
	}
	return <-ch, nil
}
