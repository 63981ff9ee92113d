package goroutineleak

import "errors"

// emitAll sends every value on out, or an error on errs for a negative
// one, then closes both.
func emitAll(vs []int, out chan<- int, errs chan<- error) {
	defer close(out)
	defer close(errs)
	for _, v := range vs {
		if v < 0 {
			errs <- errors.New("negative") // want `goroutine can block forever in send on errs: goroutineleak.FirstEmitted can return without receiving from it`
			continue
		}
		out <- v // want `goroutine can block forever in send on out: the goroutines send values until they close out, and goroutineleak.FirstEmitted can stop receiving before that`
	}
}

// FirstEmitted is the near miss of TestFirstEmitted: shipped code that
// takes the first value and never reads errs: an emitter given a negative
// value stays blocked, once per call, and so does one given a second
// value to send on out.
func FirstEmitted(vs []int) (int, bool) {
	out := make(chan int)
	errs := make(chan error)
	go emitAll(vs, out, errs)
	v, ok := <-out
	return v, ok
}
