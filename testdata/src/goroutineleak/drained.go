package goroutineleak

import "errors"

// Producers whose every consumer is in the package (the producer is
// unexported and only called): the consumers are checked instead of
// assuming that one may stop early.

// Bad: the only consumer returns from its range loop on the first match;
// the producer is left blocked on its next send.
func evensLeaky(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i += 2 {
			out <- i // want `producer goroutine can block forever in send on out: goroutineleak.evensLeaky returns the channel and a consumer that stops receiving early leaves it blocked`
		}
	}()
	return out
}

func firstEvenAbove(n, min int) int {
	for v := range evensLeaky(n) {
		if v > min {
			return v
		}
	}
	return -1
}

// Bad: a goroutine consumer breaks out of its range loop.
func idsLeaky(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // want `producer goroutine can block forever in send on out: goroutineleak.idsLeaky returns the channel and a consumer that stops receiving early leaves it blocked`
		}
	}()
	return out
}

func watchIDs(n int, seen func(int) bool) {
	ids := idsLeaky(n)
	go func() {
		for id := range ids {
			if seen(id) {
				break
			}
		}
	}()
}

// Bad: the consumer's select loop returns on an error from the other
// channel while the producer may still send.
func ticksLeaky(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i // want `producer goroutine can block forever in send on out: goroutineleak.ticksLeaky returns the channel and a consumer that stops receiving early leaves it blocked`
		}
	}()
	return out
}

func sumTicksUntilError(n int, errs <-chan error) (int, error) {
	ticks := ticksLeaky(n)
	sum := 0
	for {
		select {
		case v, ok := <-ticks:
			if !ok {
				return sum, nil
			}
			sum += v
		case err := <-errs:
			return sum, err // the producer of ticks is left behind
		}
	}
}

// Bad: a consumer that drops the channel (ch = nil) before it is closed.
func wordsLeaky(n int) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- "w" // want `producer goroutine can block forever in send on out: goroutineleak.wordsLeaky returns the channel and a consumer that stops receiving early leaves it blocked`
		}
	}()
	return out
}

func countWordsDropping(n int, stop <-chan struct{}) int {
	words := wordsLeaky(n)
	count := 0
	go func() {
		for {
			if words == nil {
				return
			}
			select {
			case _, ok := <-words:
				if !ok {
					words = nil
					continue
				}
				count++
			case <-stop:
				words = nil // stops receiving while the producer still sends
			}
		}
	}()
	return count
}

// Good: the only consumer ranges over the channel to the end.
func squares(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- i * i // ok: every consumer receives until the close
		}
	}()
	return out
}

func sumSquares(n int) int {
	sum := 0
	for v := range squares(n) {
		sum += v
	}
	return sum
}

// Good: two producers read by one goroutine that disables each channel
// when it is closed and ends only when both are (a comms loop).
func readPackets(n int) <-chan []byte {
	out := make(chan []byte)
	go func() {
		for i := 0; i < n; i++ {
			out <- make([]byte, i) // ok: the reader drains until the close
		}
		close(out)
	}()
	return out
}

func readErrors(n int) <-chan error {
	out := make(chan error)
	go func() {
		for i := 0; i < n; i++ {
			out <- errors.New("read") // ok: the reader drains until the close
		}
		close(out)
	}()
	return out
}

func startReader(n int, handle func([]byte), fail func(error)) {
	packets, errs := readPackets(n), readErrors(n)
	go func() {
		for {
			if packets == nil && errs == nil {
				return
			}
			select {
			case p, ok := <-packets:
				if !ok {
					packets = nil
					continue
				}
				handle(p)
			case err, ok := <-errs:
				if !ok {
					errs = nil
					continue
				}
				fail(err)
			}
		}
	}()
}

// Good: the channel is handed to a named function that ranges to the end,
// started as a goroutine or called.
func lines(n int) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			out <- "line" // ok: the consumers drain until the close
		}
	}()
	return out
}

func printAll(ch <-chan string, print func(string)) {
	for l := range ch {
		print(l)
	}
}

func startPrinting(n int, print func(string)) {
	go printAll(lines(n), print)
}

func printNow(n int, print func(string)) {
	printAll(lines(n), print)
}

// UseDrainedConsumers runs every consumer of this file: a consumer is
// evidence only where something shows that it runs (wake.Evidence).
func UseDrainedConsumers(errs <-chan error, stop <-chan struct{}) {
	_ = firstEvenAbove(10, 3)
	watchIDs(10, func(int) bool { return true })
	_, _ = sumTicksUntilError(10, errs)
	_ = countWordsDropping(10, stop)
	_ = sumSquares(10)
	startReader(10, func([]byte) {}, func(error) {})
	startPrinting(10, func(string) {})
	printNow(10, func(string) {})
}
