// Package goroutineleak shows the pitfall goroutineleak reports (bad.go)
// beside the correct pattern (good.go).
package goroutineleak

import (
	"context"
	"errors"
)

func work() int { return 42 }

// Fetch gives up when ctx is done, but the worker then blocks forever on
// its send to the unbuffered channel nobody will read: a goroutine leak.
func Fetch(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- work()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, errors.New("timed out")
	}
}
