package clustertest

import "errors"

// Good: the _test.go files of a package that has other files are test
// scaffolding: a helper's goroutine left parked on a passing path stays
// parked until the test binary exits. (A package made only of tests, a bug
// kernel, is reported for the same helper: ../kernels/testonlyhelper_test.go.)
func fetchForTest(skip func() bool) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- 1 // ok: a goroutine of test scaffolding
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
