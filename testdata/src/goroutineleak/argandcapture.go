package goroutineleak

import (
	"errors"
	"time"
)

// A goroutine handed its channel as an argument that also sends on the
// captured variable: the two names are one channel.

var errShortRead = errors.New("short read")

func readPacket(n int) (int, error) {
	if n < 0 {
		return 0, errShortRead
	}
	return n, nil
}

// Good: the near miss: every send through errs is followed by a return,
// and the send through recvErrors comes after the loop: one send per run,
// which the buffer of one holds (a DHCP client's receive loop).
func receiveReply(sizes []int, timeout time.Duration) (int, error) {
	var got int
	recvErrors := make(chan error, 1)
	go func(errs chan<- error) {
		for _, n := range sizes {
			v, err := readPacket(n)
			if err != nil {
				errs <- err // ok: the buffer holds the one send
				return
			}
			if v > 0 {
				got = v
				break
			}
		}
		recvErrors <- nil // ok: the one send of this path
	}(recvErrors)
	select {
	case err := <-recvErrors:
		return got, err
	case <-time.After(timeout):
		return 0, errors.New("timed out")
	}
}

// Bad: the twin: the goroutine sends through errs and then through
// recvErrors on every path: two values, one more than the buffer holds
// after the timeout.
func receiveReplyTwice(n int, slow, timeout time.Duration) (int, error) {
	recvErrors := make(chan error, 1)
	go func(errs chan<- error) {
		time.Sleep(slow)
		_, err := readPacket(n)
		errs <- err // want `goroutine can block forever in send on recvErrors: goroutineleak.receiveReplyTwice can return without receiving from it and recvErrors has capacity 1`
		recvErrors <- nil
	}(recvErrors)
	select {
	case err := <-recvErrors:
		return 0, err
	case <-time.After(timeout):
		return 0, errors.New("timed out")
	}
}
