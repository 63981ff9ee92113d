package goroutineleak

import "errors"

// A producer goroutine sends until it closes the channel, and the
// function that started it hands the channel to a consumer that ranges
// over it and can return from inside its loop (gnark's NewWitness and
// its witness's Fill): the rest of the values are never taken.

type witnessVec struct{ vals []int }

var errBadWitnessValue = errors.New("negative value")

// fill returns on the first bad value, leaving the rest unreceived.
func (w *witnessVec) fill(values <-chan int) error {
	for v := range values {
		if v < 0 {
			return errBadWitnessValue
		}
		w.vals = append(w.vals, v)
	}
	return nil
}

// fillAll takes every value, bad or not.
func (w *witnessVec) fillAll(values <-chan int) error {
	var err error
	for v := range values {
		if v < 0 {
			err = errBadWitnessValue
			continue
		}
		w.vals = append(w.vals, v)
	}
	return err
}

// Bad: the producer blocks forever once fill returns on a bad value.
func NewWitness(xs []int) (*witnessVec, error) {
	w := &witnessVec{}
	values := make(chan int)
	go func() {
		defer close(values)
		for _, x := range xs {
			values <- x // want `goroutine can block forever in send on values: the goroutines send values until they close values, and goroutineleak\.NewWitness can stop receiving before that`
		}
	}()
	if err := w.fill(values); err != nil {
		return nil, err
	}
	return w, nil
}

// Good: the consumer drains the channel on every path.
func newWitnessDrained(xs []int) (*witnessVec, error) {
	w := &witnessVec{}
	values := make(chan int)
	go func() {
		defer close(values)
		for _, x := range xs {
			values <- x // ok: fillAll takes every value
		}
	}()
	if err := w.fillAll(values); err != nil {
		return nil, err
	}
	return w, nil
}

// Good: the buffer holds every value the producer sends.
func newWitnessBuffered(xs []int) (*witnessVec, error) {
	w := &witnessVec{}
	values := make(chan int, len(xs))
	go func() {
		defer close(values)
		for _, x := range xs {
			values <- x // ok: the buffer is sized to the values
		}
	}()
	if err := w.fill(values); err != nil {
		return nil, err
	}
	return w, nil
}

// Good: after a failed fill, the rest is drained before the return.
func newWitnessDrainAfter(xs []int) (*witnessVec, error) {
	w := &witnessVec{}
	values := make(chan int)
	go func() {
		defer close(values)
		for _, x := range xs {
			values <- x // ok: the owner drains what fill left
		}
	}()
	if err := w.fill(values); err != nil {
		for range values {
		}
		return nil, err
	}
	return w, nil
}
