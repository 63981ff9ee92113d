package goroutineleak

import "context"

// Bad: a generator with no way to stop it, in the package's API, and a
// consumer in view (firstCount) that returns from its range loop and
// leaves the producer blocked on its next send.
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

func firstCount() int {
	for v := range CountLeaky(10) {
		return v
	}
	return -1
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

// Silent: an exported method of an unexported type, handed out through
// an exported interface (podman's GetBlobAt). Other packages call it, but
// through the interface, and no consumer in view stops early: there is no
// evidence that any does. The fact is still exported, for an importer
// that calls the method directly.
type Lister interface{ Names() <-chan string }

type lister struct{ names []string }

func NewLister(names []string) Lister { return &lister{names: names} }

func (l *lister) Names() <-chan string { // want Names:`producer\(out at producer.go:\d+:\d+\)`
	out := make(chan string)
	go func() {
		defer close(out)
		for _, n := range l.names {
			out <- n // ok: no consumer in view stops early
		}
	}()
	return out
}

// A forwarding stage over a source tied to the caller's context: the
// goroutine forwards the watch's events until the source is closed, which
// the watch does once the context ends, and then closes its own channel.
// The caller's contract is to cancel and drain to the close (a pipeline
// stage); a consumer that stops early without draining is the consumer's
// leak, judged where the consumer is in view, not here.
type Event struct {
	Key string
	Err error
}

type Watcher interface {
	Watch(ctx context.Context, key string) <-chan Event
	Subscribe(key string) <-chan Event
}

func WatchKey(ctx context.Context, w Watcher, key string) <-chan string {
	ctx, cancel := context.WithCancel(ctx)
	events := w.Watch(ctx, key)
	out := make(chan string, 10)
	go func() {
		defer cancel()
		defer close(out)
		for ev := range events {
			if ev.Err != nil {
				return
			}
			out <- ev.Key // ok: the source ends with the caller's context; the caller drains to the close
		}
	}()
	return out
}

// Bad: the same stage over a subscription that no context of
// the caller's ends: cancelling cannot end the source, and a consumer that
// stops (firstKey) leaves the stage blocked for good.
func SubscribeKey(ctx context.Context, w Watcher, key string) <-chan string {
	events := w.Subscribe(key)
	out := make(chan string, 10)
	go func() {
		defer close(out)
		for ev := range events {
			out <- ev.Key // want `producer goroutine can block forever in send on out: goroutineleak.SubscribeKey returns the channel`
		}
	}()
	return out
}

func firstKey(ctx context.Context, w Watcher) string {
	for k := range SubscribeKey(ctx, w, "k") {
		return k
	}
	return ""
}

// The near miss of CountLeaky: the same generator, retired by its authors
// (a paragraph of its doc begins "Deprecated: "). Callers are told to use
// something else; the finding would ask to repair what is being removed.
//
// Deprecated: use a range over an iterator instead.
func CountRetired(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // ok: deprecated
		}
	}()
	return out
}

// CountMentioned mentions that it is not deprecated in a sentence: only a
// paragraph that begins with the marker counts. Deprecated: is not
// what this sentence starts with.
func CountMentioned(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // want `producer goroutine can block forever in send on out: goroutineleak.CountMentioned returns the channel`
		}
	}()
	return out
}

// firstOfEach stops early on both generators: the evidence that makes
// CountMentioned reported; CountRetired stays silent (deprecated).
func firstOfEach() int {
	for v := range CountRetired(3) {
		for w := range CountMentioned(3) {
			return v + w
		}
	}
	return 0
}

// listNames hands out a channel, or an error and no channel (podman's
// getBlobAt): a consumer that returns on the error holds no channel.
func listNames(names []string, fail bool) (<-chan string, error) {
	if fail {
		return nil, errList
	}
	out := make(chan string)
	go func() {
		defer close(out)
		for _, n := range names {
			out <- n // ok: every consumer drains it, and the error return holds no channel
		}
	}()
	return out, nil
}

var errList = errorString("list")

func countNames(names []string, fail bool) (int, error) {
	ch, err := listNames(names, fail)
	if err != nil {
		return 0, err
	}
	n := 0
	for range ch {
		n++
	}
	return n, nil
}

// The near miss: the producer hands out the channel together with an
// error on one path, and the consumer returns on the error while the
// channel is open.
func listNamesPartial(names []string, partial bool) (<-chan string, error) {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, n := range names {
			out <- n // want `producer goroutine can block forever in send on out: goroutineleak.listNamesPartial returns the channel`
		}
	}()
	if partial {
		return out, errList
	}
	return out, nil
}

func countNamesPartial(names []string, partial bool) (int, error) {
	ch, err := listNamesPartial(names, partial)
	if err != nil {
		return 0, err
	}
	n := 0
	for range ch {
		n++
	}
	return n, nil
}

// UseProducerConsumers runs every consumer of this file: a consumer is
// evidence only where something shows that it runs (wake.Evidence).
func UseProducerConsumers(ctx context.Context, w Watcher) {
	_, _ = countNames(nil, false)
	_, _ = countNamesPartial(nil, false)
	_ = firstCount()
	_ = firstKey(ctx, w)
	_ = firstOfEach()
	_ = (&feedStopped{}).first(1)
}

// Odds is an exported generator whose only consumer in view that stops
// early is a test (scaffolding_test.go): the test's choreography, not
// evidence that its users stop early (swarmkit's CallbackWatch, whose
// tests stop reading). The fact leaves the question to its importers.
func Odds(n int) <-chan int { // want Odds:`producer\(out at producer.go:\d+:\d+\)`
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; i < n; i += 2 {
			out <- i // ok: only a test stops early
		}
	}()
	return out
}

// Good: the near miss of the early stop: the only consumer that stops
// early (firstDisabledCount) is dead code that nothing calls, so it is no
// evidence (x/build's disabled _WatchPod); the consumer that runs drains
// the channel to its close.
func countDisabled(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // ok: the consumer that stops early never runs
		}
	}()
	return out
}

func firstDisabledCount() int {
	for v := range countDisabled(10) {
		return v
	}
	return -1
}

// SumDisabled drains countDisabled to its close.
func SumDisabled(n int) int {
	sum := 0
	for v := range countDisabled(n) {
		sum += v
	}
	return sum
}
