package goroutineleak

import "errors"

// A producer that sends every value and then closes its channel is
// consumed by ranging until the close; a consumer that leaves the range
// early (a return on the value it looked for, a break) leaves the
// producer blocked in its next send.

// Bad: returns on the first value over the limit.
func firstOverLeaky(xs []int, limit int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x // want `goroutine can block forever in send on ch: the goroutines send values until they close ch, and goroutineleak.firstOverLeaky can stop receiving before that`
		}
		close(ch)
	}()
	for v := range ch {
		if v > limit {
			return v
		}
	}
	return -1
}

// Bad: breaks out of the range.
func countUntilNegativeLeaky(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x // want `goroutine can block forever in send on ch: the goroutines send values until they close ch, and goroutineleak.countUntilNegativeLeaky can stop receiving before that`
		}
	}()
	n := 0
	for v := range ch {
		if v < 0 {
			break
		}
		n++
	}
	return n
}

// Good: after the break the rest is drained.
func firstOverDrained(xs []int, limit int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x // ok: the consumer receives until the close
		}
		close(ch)
	}()
	found := -1
	for v := range ch {
		if v > limit {
			found = v
			break
		}
	}
	for range ch {
	}
	return found
}

// Good: the producer leaves on done, which the consumer closes as it
// returns.
func firstOverCancelled(xs []int, limit int) int {
	ch := make(chan int)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(ch)
		for _, x := range xs {
			select {
			case ch <- x: // ok: a select with done
			case <-done:
				return
			}
		}
	}()
	for v := range ch {
		if v > limit {
			return v
		}
	}
	return -1
}

var errNegative = errors.New("negative")

type item struct {
	v   int
	err error
}

// Good: the producer's error is the last thing it sends, and the
// consumer stops only on it (a send on the way out is not flooding).
func sumUntilError(xs []int) (int, error) {
	ch := make(chan item)
	go func() {
		defer close(ch)
		for _, x := range xs {
			if x < 0 {
				ch <- item{err: errNegative} // ok: its last send
				return
			}
			ch <- item{v: x}
		}
	}()
	sum := 0
	for it := range ch {
		if it.err != nil {
			return 0, it.err
		}
		sum += it.v
	}
	return sum, nil
}

// Bad: first error wins with a buffer of one for any number of senders:
// all but the first two stay blocked.
func firstErrorOneSlot(tasks []func() error) error {
	errc := make(chan error, 1)
	for _, task := range tasks {
		go func() {
			errc <- task() // want `goroutine can block forever in send on errc: goroutineleak.firstErrorOneSlot can return after 1 receive from it, and the goroutines, one per loop iteration, can send more than errc's capacity of 1 holds`
		}()
	}
	return <-errc
}

// Good: a buffer of three for exactly three senders.
func firstOfThree(task func() error) error {
	errc := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() {
			errc <- task() // ok: the buffer holds every send
		}()
	}
	return <-errc
}

// Good: a buffer of two for the two senders a slice literal of two starts
// (resolve both families, take the first answer).
func firstFamily(resolve func(string) error) error {
	errc := make(chan error, 2)
	for _, family := range []string{"udp4", "udp6"} {
		go func() {
			errc <- resolve(family) // ok: the buffer holds every send
		}()
	}
	return <-errc
}

// Bad: the same unbuffered: the second sender is left blocked.
func firstFamilyUnbuffered(resolve func(string) error) error {
	errc := make(chan error)
	for _, family := range []string{"udp4", "udp6"} {
		go func() {
			errc <- resolve(family) // want `goroutine can block forever in send on errc: goroutineleak.firstFamilyUnbuffered can return after 1 receive from it, errc has capacity 0, and its goroutines can send 2 values`
		}()
	}
	return <-errc
}

// Good: the loop breaks with err set, and the error path drains the rest
// (which paths reach the drain depends on err: not judged).
func sumOrFirstError(xs []int) (int, error) {
	ch := make(chan item)
	go func() {
		defer close(ch)
		for _, x := range xs {
			var err error
			if x < 0 {
				err = errNegative
			}
			ch <- item{v: x, err: err} // ok: drained on the error path
		}
	}()
	var err error
	sum := 0
	for it := range ch {
		if it.err != nil {
			err = it.err
			break
		}
		sum += it.v
	}
	if err != nil {
		for range ch {
		}
		return 0, err
	}
	return sum, nil
}
