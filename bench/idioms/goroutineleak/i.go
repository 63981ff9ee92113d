package idioms

import (
	"context"
	"errors"
	"runtime"
	"time"
)

// 80. unbuffered, goroutine per slice element, receive per element
func PerItem(items []string, f func(string) int) int {
	ch := make(chan int)
	for _, it := range items {
		go func() { ch <- f(it) }()
	}
	sum := 0
	for range items {
		sum += <-ch
	}
	return sum
}

// 81. same with an index loop on len
func PerItemIdx(items []string, f func(string) int) int {
	ch := make(chan int)
	for _, it := range items {
		go func() { ch <- f(it) }()
	}
	sum := 0
	for i := 0; i < len(items); i++ {
		sum += <-ch
	}
	return sum
}

// 82. counter of pending replies
func Pending(items []string, f func(string) error) error {
	errc := make(chan error)
	for _, it := range items {
		go func() { errc <- f(it) }()
	}
	var first error
	for pending := len(items); pending > 0; pending-- {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// 83. owner receives in a helper
func waitErr(ch <-chan error) error { return <-ch }

func ViaHelper(f func() error) error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return waitErr(ch)
}

// 84. owner hands the channel to a consumer goroutine and waits on done
func HandOff(f func() int) int {
	ch := make(chan int)
	done := make(chan int)
	go func() { ch <- f() }()
	go func() { done <- <-ch }()
	return <-done
}

// 85. go-cache style janitor stopped by a finalizer
type janitor struct {
	interval time.Duration
	stop     chan bool
}

func (j *janitor) run(f func()) {
	t := time.NewTicker(j.interval)
	for {
		select {
		case <-t.C:
			f()
		case <-j.stop:
			t.Stop()
			return
		}
	}
}

func stopJanitor(c *Cache) { c.j.stop <- true }

type cache struct{ j *janitor }

type Cache struct{ *cache }

func NewCache(interval time.Duration) *Cache {
	c := &cache{}
	C := &Cache{c}
	j := &janitor{interval: interval, stop: make(chan bool)}
	c.j = j
	go j.run(func() {})
	runtime.SetFinalizer(C, stopJanitor)
	return C
}

// 86. deferred receive of the goroutine's completion
func Deferred(f func()) {
	done := make(chan struct{})
	defer func() { <-done }()
	go func() {
		defer close(done)
		f()
	}()
}

// 87. early error return but sender selects on a quit the owner closes by defer
func EarlyQuit(fs []func() (int, error)) (int, error) {
	quit := make(chan struct{})
	defer close(quit)
	type r struct {
		v   int
		err error
	}
	ch := make(chan r)
	for _, f := range fs {
		go func() {
			v, err := f()
			select {
			case ch <- r{v, err}:
			case <-quit:
			}
		}()
	}
	sum := 0
	for range fs {
		x := <-ch
		if x.err != nil {
			return 0, x.err
		}
		sum += x.v
	}
	return sum, nil
}

// 88. future returned unbuffered: the caller's receive is its only consumer
func start(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

func UseStart(f func() error) error { return <-start(f) }

// 89. a loop waiting on either input or a closed done, exits when input closes
func Forward(ctx context.Context, in <-chan int, out chan<- int) error {
	for {
		select {
		case v, ok := <-in:
			if !ok {
				return nil
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return ctx.Err()
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// 90. unexported producer, unexported consumer chain, all drained
func chunk(xs []int, n int) <-chan []int {
	out := make(chan []int)
	go func() {
		defer close(out)
		for len(xs) > 0 {
			k := min(n, len(xs))
			out <- xs[:k]
			xs = xs[k:]
		}
	}()
	return out
}

func SumChunks(xs []int) (int, error) {
	total := 0
	var err error
	for c := range chunk(xs, 3) {
		if len(c) == 0 && err == nil {
			err = errors.New("empty")
			continue
		}
		for _, v := range c {
			total += v
		}
	}
	return total, err
}
