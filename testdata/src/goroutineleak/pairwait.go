package goroutineleak

// Two goroutines of one owner that each send first to the other.

// Bad: each pump sends its greeting before it takes the other's, on
// unbuffered channels only they share.
func exchangeGreetings(recvA, recvB func() []byte, sendA, sendB func([]byte)) {
	aToB := make(chan []byte)
	bToA := make(chan []byte)
	done := make(chan struct{}, 2)
	go func() {
		aToB <- recvA() // want `send on aToB blocks forever: another goroutine goroutineleak.exchangeGreetings starts is blocked in its send on bToA at the same time`
		sendA(<-bToA)
		done <- struct{}{}
	}()
	go func() {
		bToA <- recvB()
		sendB(<-aToB)
		done <- struct{}{}
	}()
	<-done
	<-done
}

// Good: the near miss: the second pump takes the first one's greeting
// before it sends its own.
func exchangeGreetingsOrdered(recvA, recvB func() []byte, sendA, sendB func([]byte)) {
	aToB := make(chan []byte)
	bToA := make(chan []byte)
	done := make(chan struct{}, 2)
	go func() {
		aToB <- recvA() // ok: the other pump receives first
		sendA(<-bToA)
		done <- struct{}{}
	}()
	go func() {
		fromA := <-aToB
		bToA <- recvB()
		sendB(fromA)
		done <- struct{}{}
	}()
	<-done
	<-done
}

// Good: the near miss: a slot each lets both greetings be left before
// either is taken.
func exchangeGreetingsBuffered(recvA, recvB func() []byte, sendA, sendB func([]byte)) {
	aToB := make(chan []byte, 1)
	bToA := make(chan []byte, 1)
	done := make(chan struct{}, 2)
	go func() {
		aToB <- recvA() // ok: fits in the buffer
		sendA(<-bToA)
		done <- struct{}{}
	}()
	go func() {
		bToA <- recvB()
		sendB(<-aToB)
		done <- struct{}{}
	}()
	<-done
	<-done
}
