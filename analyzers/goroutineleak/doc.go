// Package goroutineleak defines an Analyzer that reports goroutines that
// can block forever on a channel because the function that started them
// can return without doing its half of the exchange.
//
// # Analyzer goroutineleak
//
// goroutineleak: report goroutines that can block forever on a channel whose other end may never come
//
// A goroutine is a task that nobody awaits by default. When it sends a
// result on an unbuffered channel and the function that started it has
// already returned (a timeout, ctx.Done(), an early error return, the
// first of several results), the send waits forever: the goroutine, its
// stack and everything it references leak. The same happens to a
// goroutine that receives from, or ranges over, a channel its owner
// forgets to close on some path. This is the Go form of asyncio's "task
// never awaited" and "timeout fires, the task keeps running".
//
// The pass reasons about the owner: the function that makes a channel and
// starts goroutines sharing it. For each goroutine it uses a summary of
// its body (a closure or a named function or method, in this package or,
// through facts, in another): how many plain sends it makes on each
// channel it gets, whether it waits to receive (once, or in a range loop
// until close), whether its sends sit in a select with another way out,
// whether it closes the channel or hands it on.
//
// Abandoned sender. Along every path from the make to a return, the pass
// adds the sends of the goroutines started and subtracts the receives
// made; a return reached with more values pending than the buffer holds is
// a leak:
//
//	ch := make(chan int)
//	go func() { ch <- work() }() // blocks forever after the timeout
//	select {
//	case v := <-ch:
//		return v, nil
//	case <-ctx.Done():
//		return 0, ctx.Err()
//	}
//
// Buffer the channel to the number of senders (a suggested fix is offered
// when the make is local and the count is known) or give the send a
// ctx.Done() case:
//
//	ch := make(chan int, 1)
//	go func() { ch <- work() }() // always finds room
//
// The same count catches an early return between the spawn and the
// receive, and the "first error wins" fan-in: goroutines started in a loop
// and a receive loop that returns on the first error it receives.
//
// Abandoned receiver. A goroutine that receives from a channel (or ranges
// over it) that only its owner sends on or closes, when the owner has a
// path to a return that neither sends nor closes (for a range: does not
// close). Close it in a defer.
//
// Producer with no consumer exit. A function returns a channel that a
// goroutine it started fills in a loop with plain sends: a consumer that
// stops early leaves the producer blocked. Take a context and select on
// ctx.Done() (or a done channel) in the producer.
//
// The asyncio analog: await the task or cancel it; in Go, make sure every
// goroutine has a receiver for what it sends, or a cancellation case.
//
// Precision rules (silent): a send that fits in the buffer; a send or
// receive in a select with another case or a default; a channel that
// escapes (stored in a field, map or slice, passed to an unknown or
// dynamic call, sent on a channel, converted to an interface) or that a
// goroutine both sends on and receives from; owners that also send on a
// channel their goroutines send on; buffers sized at run time
// (make(chan T, len(xs))); a constant buffer for goroutines started in a
// loop (presumed sized to the loop); a goroutine's sends counted beyond
// one only when every finishing path makes them; receive loops left by
// their header, by a range seeing the channel closed, or by a counter
// condition that does not look at the received value, or skipped by the
// zero-trip guard of a rotated loop (for range n); goroutines started in a
// loop whose send is conditional count as one sender, not one per
// iteration; paths that end in panic, os.Exit, log.Fatal, t.Fatal or
// t.Skip, and paths on which a test already failed (t.Error, t.Errorf,
// t.Fail); sends or closes that
// happen before the spawn (semaphores); a loop that sends or closes is
// assumed to run; goroutines started by main.main and init; a generator
// that sends a fixed number of values (a future) or whose owner receives.
//
// Known limits: channels held in struct fields, slices or maps are not
// followed (the escape makes the pass silent); WaitGroup, Cond and Mutex
// waits inside goroutines are not reported yet; a loop's trip count is
// known only for a counter from one constant to another, so goroutines
// started by other loops that all send are counted as unbounded; calls
// through interfaces and function values are unknown (silent); the
// position of a send in another package is not known, so such findings
// point at the go statement.
//
// Silence a finding with a //conclint:ignore goroutineleak <reason> comment.
package goroutineleak
