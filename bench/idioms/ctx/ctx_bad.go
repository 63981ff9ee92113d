package ctxidioms

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// BAD: blocking receive without ctx on a result its worker may never send.
func BadRecv(ctx context.Context, jobs <-chan int) int {
	res := make(chan int)
	go func() { res <- 2 * <-jobs }()
	return <-res
}

// BAD: time.Sleep in a ctx loop.
func BadPoll(ctx context.Context, check func() bool) {
	for !check() {
		time.Sleep(5 * time.Second)
	}
}

// BAD: http.Get on the default client (no timeout).
func BadGet(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// BAD: net.Dial without timeout.
func BadDial(addr string, msg []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write(msg)
	return err
}

// BAD: wg.Wait for workers not given ctx.
func BadWait(ctx context.Context, jobs <-chan int, f func(int)) {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				f(j)
			}
		}()
	}
	wg.Wait()
}

// BAD: a select with no ctx case in a ctx loop.
func BadSelect(ctx context.Context, a, b <-chan int) int {
	for {
		select {
		case v := <-a:
			return v
		case v := <-b:
			if v > 0 {
				return v
			}
		}
	}
}

// BAD: a ticker loop with no way out.
func BadTicker(ctx context.Context, flush func()) {
	t := time.NewTicker(time.Second)
	for range t.C {
		flush()
	}
}

// BAD: a server without ReadHeaderTimeout.
func BadServe(addr string, h http.Handler) error {
	return http.ListenAndServe(addr, h)
}

// BAD: a request built without ctx inside a ctx function.
func BadRequest(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// BAD: a client with no timeout used in a function without ctx.
func BadClient(url string) error {
	c := &http.Client{}
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// BAD: a time.Sleep-based retry in a ctx function.
func BadRetry(ctx context.Context, op func(context.Context) error) error {
	var err error
	for i := 0; i < 5; i++ {
		if err = op(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Duration(i) * time.Second)
	}
	return err
}
