package clustertest

// The _test.go files of a test-only package are analyzed like any other's:
// a bug kernel written as a test helper is reported.
func fetchForTest(check func() error) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- 1 // want `goroutine can block forever in send on ch: clustertest.fetchForTest can return without receiving`
	}()
	if err := check(); err != nil {
		return 0, err
	}
	return <-ch, nil
}
