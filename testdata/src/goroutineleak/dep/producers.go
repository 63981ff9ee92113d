package dep

import "errors"

// Numbers is a generator with plain sends and no consumer exit. No
// consumer in this package stops early, so it is not reported here: the
// fact takes the question to the importers, where its consumers are.
func Numbers(n int) <-chan int { // want Numbers:`producer\(out at producers.go:\d+:\d+\)`
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // ok: judged at the consumers, in the importers
		}
	}()
	return out
}

var errNegative = errors.New("negative count")

// NumbersOrErr hands out no channel with an error: a consumer that
// returns on the error holds no channel.
func NumbersOrErr(n int) (<-chan int, error) { // want NumbersOrErr:`producer\(out at producers.go:\d+:\d+\)`
	if n < 0 {
		return nil, errNegative
	}
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // ok: judged at the consumers
		}
	}()
	return out, nil
}

var errTooMany = errors.New("too many")

// NumbersAndErr hands out the channel together with an error when the
// count is large: a consumer that returns on that error leaves the
// producer blocked.
func NumbersAndErr(n int) (<-chan int, error) { // want NumbersAndErr:`producer\(out at producers.go:\d+:\d+\)`
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // ok: judged at the consumers
		}
	}()
	if n > 100 {
		return out, errTooMany
	}
	return out, nil
}

// Events fills the first channel it returns and has its last word on the
// second: it sends its error there, or closes it, only as it returns
// (cgroups' EventChan). A consumer that has received from the second is
// done.
func Events(next func() (int, error)) (<-chan int, <-chan error) { // want Events:`producer\(ec at producers.go:\d+:\d+\)`
	ec := make(chan int)
	errc := make(chan error, 1)
	go func() {
		defer close(errc)
		for {
			v, err := next()
			if err != nil {
				errc <- err
				return
			}
			ec <- v // ok: judged at the consumers
		}
	}()
	return ec, errc
}

// Source is Events with its goroutine a method that is handed both
// channels (cgroups' Manager.EventChan and waitForEvents).
type Source struct{ next func() (int, error) }

func (s *Source) Events() (<-chan int, <-chan error) { // want Events:`producer\(ec at producers.go:\d+:\d+\)`
	ec := make(chan int)
	errc := make(chan error, 1)
	go s.wait(ec, errc)
	return ec, errc
}

func (s *Source) wait(ec chan<- int, errc chan<- error) {
	defer close(errc)
	for {
		v, err := s.next()
		if err != nil {
			errc <- err
			return
		}
		ec <- v // ok: judged at the consumers
	}
}

// NewSource returns a Source over next.
func NewSource(next func() (int, error)) *Source { return &Source{next: next} }
