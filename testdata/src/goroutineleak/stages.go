package goroutineleak

import "goroutineleak/dep"

// Forwarding stages over a channel their caller hands in, and consumers
// that stop at a terminal value of the stream (wake.ForwardsCallerSource,
// wake.ForwardsReceived, wake.KnownConsumerStops).

type streamKind int

const (
	progressKind streamKind = iota
	failedKind
	doneKind
)

type streamEvent struct {
	kind streamKind
	msg  string
}

type stampedEvent struct {
	streamEvent
	seq int
}

// Bad: a stage over its caller's channel, and a consumer in view that
// stops at a limit it computes, not at a value of the stream: the stage is
// left blocked on its next send while the source still has values.
func relayLeaky(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			out <- v // want `producer goroutine can block forever in send on out: goroutineleak.relayLeaky returns the channel and a consumer that stops receiving early leaves it blocked`
		}
	}()
	return out
}

func sumRelayedUpTo(in <-chan int, limit int) int {
	sum := 0
	for v := range relayLeaky(in) {
		sum += v
		if sum > limit {
			return sum
		}
	}
	return sum
}

// Good: an exported filter stage over its caller's channel, with no
// consumer in view: it ends when its source is closed, and a caller that
// stops early must end the source and drain to the close.
func FilterStage[T any](in <-chan T, keep func(T) bool) <-chan T {
	out := make(chan T)
	go func() {
		for v := range in {
			if keep(v) {
				out <- v // ok: the caller holds the source
			}
		}
		close(out)
	}()
	return out
}

// Good: a stage that stamps what its caller's channel carries; its one
// consumer stops at the terminal done event, which the stage forwards as
// the source sends it: the consumer stops where the source ends.
func stampStream(in <-chan streamEvent) <-chan stampedEvent {
	out := make(chan stampedEvent)
	go func() {
		defer close(out)
		seq := 0
		for e := range in {
			out <- stampedEvent{streamEvent: e, seq: seq} // ok: forwards the source's protocol
			seq++
		}
	}()
	return out
}

func showUntilDone(in <-chan streamEvent) int {
	shown := 0
	for e := range stampStream(in) {
		if e.kind == doneKind {
			return shown
		}
		shown++
	}
	return shown
}

// Bad: the same consumer, but the producer is the source: it reports a
// failure as an event and goes on, so a consumer that stops at the failure
// leaves it blocked on its next send.
func checkStream(items []string, bad func(string) bool) <-chan streamEvent {
	out := make(chan streamEvent)
	go func() {
		defer close(out)
		for _, it := range items {
			if bad(it) {
				out <- streamEvent{kind: failedKind, msg: it} // want `producer goroutine can block forever in send on out: goroutineleak.checkStream returns the channel and a consumer that stops receiving early leaves it blocked`
				continue
			}
			out <- streamEvent{kind: progressKind, msg: it} // (reported once per goroutine, at its first send)
		}
	}()
	return out
}

func firstFailure(items []string, bad func(string) bool) string {
	for e := range checkStream(items, bad) {
		if e.kind == failedKind {
			return e.msg
		}
	}
	return ""
}

// Good: an unexported producer whose one consumer hands the channel to a
// function of another package: nothing in view stops receiving early.
func feedNumbers(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // ok: no consumer in view stops early
		}
	}()
	return out
}

func consumeNumbers(n int, f func(int)) {
	dep.Consume(feedNumbers(n), f)
}

// Good: the same stage as a named function started with the caller's
// channel as its argument: the go statement hands the source in.
func pumpValues(in <-chan int, out chan<- int) {
	defer close(out)
	for v := range in {
		out <- v // ok: the caller holds the source
	}
}

func Pumped(in <-chan int) <-chan int {
	out := make(chan int)
	go pumpValues(in, out)
	return out
}

// UseStageConsumers runs every consumer of this file: a consumer is
// evidence only where something shows that it runs (wake.Evidence).
func UseStageConsumers(in <-chan int, events <-chan streamEvent) {
	_ = sumRelayedUpTo(in, 10)
	_ = showUntilDone(events)
	_ = firstFailure(nil, func(string) bool { return false })
	consumeNumbers(10, func(int) {})
}
