package idioms

import (
	"errors"
	"sync"
	"time"
)

// 113. close through a local closure called in a defer
func WithStop(prep func() error, tick func()) error {
	stop := make(chan struct{})
	cancel := func() { close(stop) }
	defer cancel()
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				tick()
			}
		}
	}()
	if err := prep(); err != nil {
		return err
	}
	return nil
}

// 114. close through sync.Once inside a local stop func
func WithOnceStop(prep func() error, f func(int)) error {
	jobs := make(chan int)
	var once sync.Once
	stop := func() { once.Do(func() { close(jobs) }) }
	defer stop()
	go func() {
		for j := range jobs {
			f(j)
		}
	}()
	for i := 0; i < 3; i++ {
		if err := prep(); err != nil {
			return err
		}
		jobs <- i
	}
	stop()
	return nil
}

// 115. close scheduled with time.AfterFunc
func Expiring(d time.Duration) <-chan struct{} {
	expired := make(chan struct{})
	time.AfterFunc(d, func() { close(expired) })
	return expired
}

func RunUntilExpired(d time.Duration, f func()) {
	exp := Expiring(d)
	go func() {
		for {
			select {
			case <-exp:
				return
			default:
				f()
			}
		}
	}()
}

// 116. FeedAll: owner hands jobs then closes in every path, including error
func FeedAll(items []int, f func(int) error) error {
	jobs := make(chan int)
	errc := make(chan error, 1)
	go func() {
		var first error
		for j := range jobs {
			if err := f(j); err != nil && first == nil {
				first = err
			}
		}
		errc <- first
	}()
	for _, it := range items {
		if it < 0 {
			close(jobs)
			<-errc
			return errors.New("negative")
		}
		jobs <- it
	}
	close(jobs)
	return <-errc
}
