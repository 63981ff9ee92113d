package clustertest

import "errors"

// The _test.go files of a test-only package are analyzed like any other's:
// a bug kernel written as a test helper is reported when it leaks on a
// path that passes.
func fetchForTest(skip func() bool) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- 1 // want `goroutine can block forever in send on ch: clustertest.fetchForTest can return without receiving`
	}()
	if skip() {
		return 0, nil
	}
	return <-ch, nil
}

// Good: the near miss: the helper leaks only on the path that returns an
// error, which fails the test that called it.
func fetchOrFail(check func() error) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- 1 // ok: left parked only by a failing test
	}()
	if err := check(); err != nil {
		return 0, errors.Join(errors.New("check"), err)
	}
	return <-ch, nil
}
