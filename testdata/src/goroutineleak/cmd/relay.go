package main

// A main package's exported function is no API: no other package can
// import it, so its callers in view are all of them.

// Relay forwards in to the channel it returns. main's helper reads one
// value and stops; the relay then blocks, once for the process.
func Relay(in <-chan int) <-chan int {
	out := make(chan int, 4)
	go func() {
		for v := range in {
			out <- v // ok: Relay runs once per process
		}
	}()
	return out
}

// RelayEach is the same relay, started once per source.
func RelayEach(in <-chan int) <-chan int {
	out := make(chan int, 4)
	go func() {
		for v := range in {
			out <- v // want `producer goroutine can block forever in send on out: main.RelayEach returns the channel and a consumer that stops receiving early leaves it blocked`
		}
	}()
	return out
}

func firstRelayed(ch <-chan int) int { return <-ch }

func relayAll(sources []chan int) (sum int) {
	for _, s := range sources {
		sum += firstRelayed(RelayEach(s))
	}
	return sum
}

func init() {
	in := make(chan int, 1)
	in <- 1
	_ = firstRelayed(Relay(in))
	_ = relayAll(nil)
}
