package goroutineleak

import "errors"

// A send on an unbuffered channel before the function has handed the
// channel to anyone: the only goroutine that holds it is the one blocked
// in the send.

func mayFail(n int) error {
	if n%2 == 1 {
		return errors.New("odd")
	}
	return nil
}

// Bad: the error is sent before errC is returned, so no receiver can
// exist yet.
func ContainerWait(n int) <-chan error {
	errC := make(chan error)
	if err := mayFail(n); err != nil {
		errC <- err // want `send on errC blocks forever: errC is unbuffered and goroutineleak\.ContainerWait has not handed it to anyone yet`
		return errC
	}
	return errC
}

// Good: a buffer of one takes the error before the channel is returned.
func containerWaitBuffered(n int) <-chan error {
	errC := make(chan error, 1)
	if err := mayFail(n); err != nil {
		errC <- err // ok: the buffer holds it
		return errC
	}
	return errC
}

// Good: the goroutine that receives is started before the send.
func containerWaitServed(n int, handle func(error)) {
	errC := make(chan error)
	go func() {
		handle(<-errC)
	}()
	if err := mayFail(n); err != nil {
		errC <- err // ok: the goroutine holds errC already
		return
	}
	close(errC)
}

// Good: the channel is handed to a helper on the first round of the
// loop, before any later round's send.
func containerWaitRounds(n int, serve func(chan error)) {
	errC := make(chan error)
	for i := range n {
		if i > 0 {
			errC <- mayFail(i) // ok: the first round handed errC to serve
		}
		if i == 0 {
			go serve(errC)
		}
	}
	close(errC)
}
