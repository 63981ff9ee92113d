package goroutineleak

// Two goroutines share a channel made per round, each started under its
// own condition and received from under the same condition (go-git's
// NegotiatePack): counted path by path, a path that decides the
// condition one way at the start and the other way at the receive does
// not exist (cfg.ConsistentCount).

// negotiateRounds: the reader started when !stateless is received from
// when !stateless, so only the write error's return leaves it behind; the
// second reader is received from right after its start on every path.
func negotiateRounds(rounds int, stateless bool, read, write func() error) error {
	for range rounds {
		readc := make(chan error)
		if !stateless {
			go func() { readc <- read() }() // want `goroutine can block forever in send on readc`
		}
		if err := write(); err != nil {
			return err
		}
		if stateless {
			if err := read(); err != nil {
				return err
			}
		} else if err := <-readc; err != nil {
			return err
		}
		go func() { readc <- read() }() // ok: received on the next line, on every path
		if err := <-readc; err != nil {
			return err
		}
	}
	return nil
}

func init() { _ = negotiateRounds }

// negotiateCaptured: the same with the goroutines reading the condition
// too (the literal captures stateless, so go/ssa keeps it in a cell that
// each test loads again): the loads still name one value.
func negotiateCaptured(rounds int, stateless bool, read func(bool) error, write func() error) error {
	for range rounds {
		readc := make(chan error)
		if !stateless {
			go func() { readc <- read(stateless) }() // want `goroutine can block forever in send on readc`
		}
		if err := write(); err != nil {
			return err
		}
		if stateless {
			if err := read(stateless); err != nil {
				return err
			}
		} else if err := <-readc; err != nil {
			return err
		}
		go func() { readc <- read(stateless) }() // ok: received on the next line, on every path
		if err := <-readc; err != nil {
			return err
		}
	}
	return nil
}

func init() { _ = negotiateCaptured }
