package goroutineleak

// Good: a loop that counts to a constant starts that many goroutines, and
// the owner receives that many values.
func twoWorkers(work func() int) int {
	c := make(chan int)
	for i := 0; i < 2; i++ {
		go func() {
			c <- work() // ok: two goroutines, two receives
		}()
	}
	return <-c + <-c
}

// Bad: three goroutines, two receives.
func threeWorkers(work func() int) int {
	c := make(chan int)
	for i := 0; i < 3; i++ {
		go func() {
			c <- work() // want `goroutine can block forever in send on c: goroutineleak.threeWorkers can return after 2 receives from it, c has capacity 0, and its goroutines can send 3 values \(goroutine leak\)`
		}()
	}
	return <-c + <-c
}
