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

// Bad: the goroutine that would receive captures errC, but the early
// error is sent before the closure exists: the variable is kept in a cell
// for the closure, and the send goes through it.
func ContainerWaitAsync(n int, run func() error) <-chan error {
	errC := make(chan error)
	if err := mayFail(n); err != nil {
		errC <- err // want `send on errC blocks forever: errC is unbuffered and goroutineleak\.ContainerWaitAsync has not handed it to anyone yet`
		return errC
	}
	go func() {
		errC <- run()
	}()
	return errC
}

// Bad: a send on a local unbuffered channel before the goroutine that
// receives it is started.
func StartThenServe(handle func(int)) {
	reqs := make(chan int)
	reqs <- 0 // want `send on reqs blocks forever: reqs is unbuffered and goroutineleak\.StartThenServe has not handed it to anyone yet`
	go func() {
		for r := range reqs {
			handle(r)
		}
	}()
	close(reqs)
}

// Good: the goroutine that captures errC starts before the early send.
func containerWaitAsyncServed(n int, handle func(error)) {
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

// Good: the variable's address is handed to a helper before the send;
// what the helper does with it is not known.
func containerWaitRegistered(n int, register func(*chan error)) {
	errC := make(chan error)
	register(&errC)
	if err := mayFail(n); err != nil {
		errC <- err // ok: register may have started a receiver
	}
}

// Good: the variable may be set to another channel before the send, so
// the send may not be on the unbuffered one.
func containerWaitSwapped(n int, shared chan error) {
	errC := make(chan error)
	if n > 0 {
		errC = shared
	}
	errC <- mayFail(n) // ok: errC may be shared
	go func() { <-errC }()
}
