package goroutineleak

// A goroutine started in a loop, in a branch an index test takes in one
// iteration only: one goroutine, not one per iteration.

// Good: the near miss: only the last command's output is copied, by one
// goroutine whose one send the buffer holds, whichever return is taken.
func runPipe(cmds []string, start func(string) error, copyOut func(string) error) error {
	done := make(chan error, 1)
	for i, c := range cmds {
		if i+1 == len(cmds) {
			go func() { done <- copyOut(c) }()
		}
		if err := start(c); err != nil {
			return err // ok: the one goroutine's send fits in the buffer
		}
	}
	return <-done
}

// Bad: every command after the first gets a copier, and a failed start
// returns with their sends past what the buffer holds.
func runPipeEach(cmds []string, start func(string) error, copyOut func(string) error) error {
	done := make(chan error, 1)
	for i, c := range cmds {
		if i > 0 {
			go func() { done <- copyOut(c) }() // want `goroutine can block forever in send on done: goroutineleak.runPipeEach can return after 1 receive from it, and the goroutines, one per loop iteration, can send more than done's capacity of 1 holds`
		}
		if err := start(c); err != nil {
			return err
		}
	}
	return <-done
}
