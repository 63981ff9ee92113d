package goroutineleak

import "time"

// A receive that comes after the owner has taken every value its
// goroutines can send blocks forever: nothing else sends or closes.

// Bad: a one-shot result received twice.
func fetchTwice(f func() int) (int, int) {
	ch := make(chan int)
	go func() { ch <- f() }()
	a := <-ch
	b := <-ch // want `receive from ch blocks forever: the goroutines started for it send once in all, and on some path this is receive number 2`
	return a, b
}

// Bad: the result is taken in the select, and received again after it.
func fetchAfterTimeout(f func() int) int {
	ch := make(chan int, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		_ = v
	case <-time.After(time.Second):
	}
	return <-ch // want `receive from ch blocks forever: .* on some path this is receive number 2`
}

// Good: the near miss: two goroutines, one send each, two receives.
func fetchPair(f, g func() int) (int, int) {
	ch := make(chan int)
	go func() { ch <- f() }()
	go func() { ch <- g() }()
	return <-ch, <-ch // ok: two sends for two receives
}

// Good: the near miss: the second receive runs only when the select took
// the timeout, so the one value is still to come.
func fetchOrWait(f func() int) int {
	ch := make(chan int, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
	}
	return <-ch // ok: the first receive of the value on this path
}
