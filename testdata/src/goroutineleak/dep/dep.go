// Package dep holds goroutine bodies used from another package: their
// behavior reaches the caller only through facts.
package dep

import "context"

// Produce sends v on out once.
func Produce(out chan<- int, v int) { out <- v }

// ProduceCtx sends v on out unless ctx ends first.
func ProduceCtx(ctx context.Context, out chan<- int, v int) {
	select {
	case out <- v:
	case <-ctx.Done():
	}
}

// Consume ranges over in until it is closed.
func Consume(in <-chan int, f func(int)) {
	for v := range in {
		f(v)
	}
}

// SendAll sends every item on out, then closes it: a range consumer that
// stops early leaves it blocked in its next send.
func SendAll(items []int, out chan<- int) {
	defer close(out)
	for _, it := range items {
		out <- it
	}
}

// Watch sends next's value on out from a goroutine it starts, and
// returns at once: to its caller, a call of Watch starts a goroutine.
func Watch(next func() int, out chan<- int) {
	go func() { out <- next() }()
}

// Updater hands out a channel of late updates.
type Updater interface{ Updates() <-chan struct{} }

// RelayUpdates calls f for each update u hands out until stop is closed.
func RelayUpdates(u Updater, stop <-chan struct{}, f func()) {
	go func() {
		ch := u.Updates()
		for {
			select {
			case <-ch:
				f()
			case <-stop:
				return
			}
		}
	}()
}
