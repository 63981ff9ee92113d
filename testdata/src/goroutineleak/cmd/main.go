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
