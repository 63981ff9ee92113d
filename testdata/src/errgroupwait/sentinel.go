package errgroupwait

import (
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

// A goroutine may return an error only to cancel the group once its
// result is in: that sentinel carries nothing the waiter does not receive.

type answer struct{ ok bool }

func ask(u string) (*answer, error) { return &answer{}, nil }

// Good: every goroutine returns nil or the constant "done" after sending
// its answer on a channel the function reads right after Wait.
func firstAnswer(urls []string) *answer {
	var g errgroup.Group
	answers := make(chan *answer, len(urls))
	for _, u := range urls {
		g.Go(func() error {
			a, err := ask(u)
			if err != nil || !a.ok {
				return nil // soft failure: try the others
			}
			answers <- a
			return errors.New("done")
		})
	}
	_ = g.Wait() // ok: the only error is the sentinel sent after the answer
	select {
	case a := <-answers:
		return a
	default:
		return nil
	}
}

func release() {}

// Good: the same in a goroutine with a defer (its results go through a
// result variable).
func firstAnswerDeferred(urls []string) *answer {
	var g errgroup.Group
	answers := make(chan *answer, len(urls))
	for _, u := range urls {
		g.Go(func() error {
			defer release()
			a, err := ask(u)
			if err != nil || !a.ok {
				return nil
			}
			answers <- a
			return errors.New("done")
		})
	}
	_ = g.Wait() // ok: the only error is the sentinel sent after the answer
	select {
	case a := <-answers:
		return a
	default:
		return nil
	}
}

// Bad: the same with a defer, and an error that says what failed.
func firstAnswerDeferredLosing(urls []string) *answer {
	var g errgroup.Group
	answers := make(chan *answer, len(urls))
	for _, u := range urls {
		g.Go(func() error {
			defer release()
			a, err := ask(u)
			if err != nil {
				return fmt.Errorf("ask %s: %w", u, err)
			}
			answers <- a
			return errors.New("done")
		})
	}
	g.Wait() // want `error from g.Wait is dropped`
	select {
	case a := <-answers:
		return a
	default:
		return nil
	}
}

// Bad: the same, but the error says what failed, and nothing else does.
func firstAnswerLosing(urls []string) *answer {
	var g errgroup.Group
	answers := make(chan *answer, len(urls))
	for _, u := range urls {
		g.Go(func() error {
			a, err := ask(u)
			if err != nil {
				return err
			}
			answers <- a
			return errors.New("done")
		})
	}
	g.Wait() // want `error from g.Wait is dropped`
	select {
	case a := <-answers:
		return a
	default:
		return nil
	}
}

// Bad: a constant error with no answer sent: the failure itself is lost.
func allOK(urls []string) bool {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error {
			if a, _ := ask(u); a == nil || !a.ok {
				return errors.New("not ok")
			}
			return nil
		})
	}
	g.Wait() // want `error from g.Wait is dropped`
	return true
}
