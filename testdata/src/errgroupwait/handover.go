package errgroupwait

import (
	"errors"
	"sync"
)

// Finisher completes work on behalf of a goroutine; no implementation is in
// view (other packages provide them).
type Finisher interface {
	Finish(wg *sync.WaitGroup, v int)
	Report(v int)
}

// Good: the path without Done hands the WaitGroup to an implementation
// the pass cannot see, which may call its Done.
func handedToFinisher(f Finisher, keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				wg.Done()
				return
			}
			f.Finish(&wg, v) // ok: Finish is given wg
		}()
	}
	wg.Wait()
}

// Bad: the unseen implementation is not given the WaitGroup: it cannot
// call Done on it.
func reportedToFinisher(f Finisher, keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			v, err := load(k)
			if err != nil {
				wg.Done()
				return
			}
			f.Report(v)
		}() // want `goroutine returns here without calling wg.Done`
	}
	wg.Wait()
}

// pingRequest carries the callback its dispatcher calls once, on the
// response, the timeout or the cancellation.
type pingRequest struct {
	addr     string
	callback pingHandler
}

// pingHandler is the named callback type: storing a closure in it converts
// the closure first.
type pingHandler func(err error)

// pingQueue queues requests; its reader (not shown) answers each one by
// calling its callback.
type pingQueue struct{ reqs chan *pingRequest }

func (q *pingQueue) dispatch(req *pingRequest) error {
	select {
	case q.reqs <- req:
		return nil
	default:
		return errFull
	}
}

var errFull = errors.New("queue full")

// Good: on success the goroutine hands its Done over in the request's
// callback; it calls Done itself only when the dispatch fails.
func pingCallback(q *pingQueue, addrs []string) {
	var wg sync.WaitGroup
	for _, a := range addrs {
		wg.Add(1)
		go func() {
			handler := func(err error) {
				_ = err
				wg.Done()
			}
			req := &pingRequest{addr: a, callback: handler}
			if err := q.dispatch(req); err != nil {
				wg.Done()
				return
			}
		}() // ok: the callback owes the Done once dispatched
	}
	wg.Wait()
}

// Bad: the near miss: the closure that calls Done is only called in
// place, and one path returns with the Done still owed.
func pingInPlace(q *pingQueue, addrs []string) {
	var wg sync.WaitGroup
	for _, a := range addrs {
		wg.Add(1)
		go func() {
			finish := func() { wg.Done() }
			if err := q.dispatch(&pingRequest{addr: a}); err != nil {
				finish()
				return
			}
			if a == "" {
				return // want `goroutine returns here without calling wg.Done`
			}
			wg.Done()
		}()
	}
	wg.Wait()
}
