package goroutineleak

import "goroutineleak/dep"

// Consumers of another package's generators (dep.Numbers and its kin,
// whose goroutines fill the channel with plain sends): the producer's
// package cannot see them, so they are judged here.

// Bad: returns at the first positive even number; dep.Numbers' goroutine
// stays blocked in its next send.
func firstEven(n int) int {
	for v := range dep.Numbers(n) { // want `the goroutine dep.Numbers starts to fill the channel it returns can block forever in its send on out \(producers.go:\d+:\d+\): this consumer stops receiving from the channel before it is closed`
		if v > 0 && v%2 == 0 {
			return v
		}
	}
	return -1
}

// Bad: the channel is dropped: nothing ever receives.
func startNumbers(n int) {
	dep.Numbers(n) // want `the goroutine dep.Numbers starts to fill the channel it returns can block forever in its send on out \(producers.go:\d+:\d+\): this consumer drops the channel`
}

// Good: receives until the close.
func sumNumbers(n int) int {
	s := 0
	for v := range dep.Numbers(n) {
		s += v
	}
	return s
}

// Good: returns on the producer's error, which comes with no channel.
func sumNumbersOrErr(n int) (int, error) {
	ch, err := dep.NumbersOrErr(n)
	if err != nil {
		return 0, err
	}
	s := 0
	for v := range ch {
		s += v
	}
	return s, nil
}

// Bad: returns on the producer's error, which may come with the channel.
func sumNumbersAndErr(n int) (int, error) {
	ch, err := dep.NumbersAndErr(n) // want `the goroutine dep.NumbersAndErr starts to fill the channel it returns can block forever in its send on out \(producers.go:\d+:\d+\): this consumer stops receiving`
	if err != nil {
		return 0, err
	}
	s := 0
	for v := range ch {
		s += v
	}
	return s, nil
}

func init() {
	_ = firstEven
	_ = startNumbers
	_ = sumNumbers
	_ = sumNumbersOrErr
	_ = sumNumbersAndErr
}

// Good: returns once the producer has had its last word (its error, or
// the close of errc): it no longer sends on ec.
func countEvents(next func() (int, error)) (int, error) {
	ec, errc := dep.Events(next)
	n := 0
	for {
		select {
		case <-ec:
			n++
		case err := <-errc:
			return n, err
		}
	}
}

// Bad: returns on its own stop too, while the producer still sends.
func countEventsUntil(next func() (int, error), stop <-chan struct{}) int {
	ec, errc := dep.Events(next) // want `the goroutine dep.Events starts to fill the channel it returns can block forever in its send on ec \(producers.go:\d+:\d+\): this consumer stops receiving`
	n := 0
	for {
		select {
		case <-ec:
			n++
		case <-errc:
			return n
		case <-stop:
			return n
		}
	}
}

// Good: the same, in a goroutine that captures both channels
// (containerd's oom watcher over cgroups' EventChan).
func forwardEvents(next func() (int, error), out chan<- int) {
	ec, errc := dep.Events(next)
	go func() {
		for {
			select {
			case v := <-ec:
				out <- v
			case <-errc:
				return
			}
		}
	}()
}

func init() {
	_ = countEvents
	_ = countEventsUntil
	_ = forwardEvents
}

// Good: countEvents over a method-started producer.
func countSourceEvents(s *dep.Source) (int, error) {
	ec, errc := s.Events()
	n := 0
	for {
		select {
		case <-ec:
			n++
		case err := <-errc:
			return n, err
		}
	}
}

var _ = countSourceEvents
