package goroutineleak

import "goroutineleak/dep"

// Bad: the producer is another package's function (its fact: sends in a
// loop, closes), and the consumer returns on the first failure.
func uploadAll(items []int, put func(int) error) error {
	parts := make(chan int)
	go dep.SendAll(items, parts) // want `goroutine can block forever in dep.SendAll`
	for p := range parts {
		if err := put(p); err != nil {
			return err
		}
	}
	return nil
}

// Good: the near miss: the consumer keeps the first failure and ranges to
// the close, so every value dep.SendAll sends is taken.
func uploadAllDrained(items []int, put func(int) error) error {
	parts := make(chan int)
	go dep.SendAll(items, parts) // ok: the range takes every value up to the close
	var first error
	for p := range parts {
		if err := put(p); err != nil && first == nil {
			first = err
		}
	}
	return first
}
