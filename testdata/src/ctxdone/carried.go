package ctxdone

import (
	"context"
	"net/http"
)

type status struct {
	code int
	err  error
}

// Good: the request carries ctx, so the goroutine's Do ends when ctx is
// cancelled, and so does the receive of its result.
func DoInBackground(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	ch := make(chan status)
	go func() {
		resp, err := c.Do(req)
		if err != nil {
			ch <- status{0, err}
			return
		}
		resp.Body.Close()
		ch <- status{resp.StatusCode, nil}
	}()
	s := <-ch // ok: the other side's wait ends with ctx
	return s.code, s.err
}

// Bad: the goroutine's request has no context: cancelling ctx ends nothing.
func GetInBackground(ctx context.Context, c *http.Client, url string) (int, error) {
	ch := make(chan status)
	go func() {
		resp, err := c.Get(url)
		if err != nil {
			ch <- status{0, err}
			return
		}
		resp.Body.Close()
		ch <- status{resp.StatusCode, nil}
	}()
	s := <-ch // want `receive from channel ch ignores ctx: its other side waits without bound`
	return s.code, s.err
}
