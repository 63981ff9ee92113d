package goroutineleak

// A future: a function starts a goroutine that sends one result on the
// channel it returns. A caller that drops the channel leaves the
// goroutine blocked in its send for good.

func fetchAsync(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

// Bad: the future is dropped.
func fireAndForget(f func() error) {
	fetchAsync(f) // want `the channel goroutineleak.fetchAsync returns is dropped here: nothing can receive from it`
}

// Bad: dropped explicitly.
func fireAndForgetBlank(f func() error) {
	_ = fetchAsync(f) // want `the channel goroutineleak.fetchAsync returns is dropped here`
}

// Good: the future is awaited.
func awaitFetch(f func() error) error {
	return <-fetchAsync(f) // ok: received
}

func fetchAsyncBuffered(f func() error) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- f() }()
	return ch
}

// Good: the result fits in the buffer, received or not.
func fireBuffered(f func() error) {
	fetchAsyncBuffered(f) // ok: the send never blocks
}
