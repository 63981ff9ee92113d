// Command cmd shows that goroutines owned by main live as long as the
// process and are not reported.
package main

import "time"

func main() {
	ticks := make(chan int)
	go func() {
		for t := range ticks { // ok: main-owned, lives as long as the process
			_ = t
		}
	}()
	ticks <- 1
	time.Sleep(time.Millisecond)
}

// startMetrics is called only from main: its ticker goroutine lives as
// long as the process.
func startMetrics(f func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C { // ok: process lifetime
			f()
		}
	}()
}

func init() { startMetrics(func() {}) }
