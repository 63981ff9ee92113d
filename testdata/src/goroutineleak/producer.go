package goroutineleak

import "context"

// Bad: a generator with no way to stop it, in the package's API. A
// consumer that breaks out of its range loop leaves the producer blocked
// on its next send.
func CountLeaky(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // want `producer goroutine can block forever in send on out: goroutineleak.CountLeaky returns the channel and a consumer that stops receiving early leaves it blocked`
		}
	}()
	return out
}

// Good: the generator takes a context and selects on it.
func countCtx(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case out <- i: // ok: ctx.Done case
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Good: a future: one send into a buffer of one.
func future(work func() int) <-chan int {
	out := make(chan int, 1)
	go func() {
		out <- work() // ok: the single send fits in the buffer
	}()
	return out
}

// A generator whose consumers are out of view: an unexported method handed
// as a value to a broadcaster the package does not show. No consumer in
// view stops early, so there is no evidence that one does.
type feed struct {
	n    int
	next func() int
}

func (f *feed) stream() <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < f.n; i++ {
			out <- f.next() // ok: consumers unseen, none seen stops early
		}
	}()
	return out
}

func (f *feed) register(subscribe func(source func() <-chan int)) {
	subscribe(f.stream)
}

// The near miss: the same unexported generator, called by a consumer in
// view that returns on the first value it wants.
type feedStopped struct {
	n    int
	next func() int
}

func (f *feedStopped) stream() <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < f.n; i++ {
			out <- f.next() // want `producer goroutine can block forever in send on out: \(\*feedStopped\).stream returns the channel`
		}
	}()
	return out
}

func (f *feedStopped) register(subscribe func(source func() <-chan int)) {
	subscribe(f.stream)
}

func (f *feedStopped) first(want int) bool {
	for v := range f.stream() {
		if v == want {
			return true
		}
	}
	return false
}

// Bad: an exported method of an unexported type, handed out through an
// exported interface: other packages call it, and may stop early.
type Lister interface{ Names() <-chan string }

type lister struct{ names []string }

func NewLister(names []string) Lister { return &lister{names: names} }

func (l *lister) Names() <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, n := range l.names {
			out <- n // want `producer goroutine can block forever in send on out: \(\*lister\).Names returns the channel`
		}
	}()
	return out
}
