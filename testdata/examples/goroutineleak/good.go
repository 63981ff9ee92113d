package goroutineleak

import (
	"context"
	"errors"
)

// FetchSafe buffers the result channel to the number of senders, so the
// worker can always finish its send and exit.
func FetchSafe(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
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
