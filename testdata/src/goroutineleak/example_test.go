package goroutineleak

import "time"

// An example shows the documented usage of a blocking exporter: start it
// with go for the life of the program. go test compiles it without an
// Output comment and never runs it.
func ExamplePublish() {
	every := 10 * time.Second
	if testing := false; testing {
		every = time.Second
	}
	go Publish(every, func() {}) // ok: an example's illustration
}
