// Package ctxidioms holds correct context-using idioms (good*.go) and buggy
// variants (ctx_bad.go) for auditing ctxdone and ctxtimeout.
package ctxidioms

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"
)

// 1. Every wait selects on ctx.Done().
func Consume(ctx context.Context, in <-chan int, out chan<- int) error {
	for {
		var v int
		var ok bool
		select {
		case v, ok = <-in:
			if !ok {
				return nil
			}
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case out <- v * 2:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// 2. Polling with a ticker and ctx.Done.
func Poll(ctx context.Context, interval time.Duration, check func(context.Context) (bool, error)) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		ok, err := check(ctx)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// 3. Retry with exponential backoff via time.NewTimer + select on ctx.
func Retry(ctx context.Context, attempts int, op func(context.Context) error) error {
	backoff := 50 * time.Millisecond
	var err error
	for i := 0; i < attempts; i++ {
		if err = op(ctx); err == nil {
			return nil
		}
		jitter := time.Duration(rand.Int64N(int64(backoff) / 2))
		timer := time.NewTimer(backoff + jitter)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return errors.Join(err, ctx.Err())
		}
		backoff *= 2
	}
	return err
}

// 4. Retry with time.After (one timer per attempt).
func RetryAfter(ctx context.Context, op func(context.Context) error) error {
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-time.After(time.Second):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// 5. A sleep helper that honours ctx.
func SleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// 6. A loop that sleeps through the ctx-aware helper.
func Heartbeat(ctx context.Context, beat func()) error {
	for {
		beat()
		if err := SleepCtx(ctx, time.Second); err != nil {
			return err
		}
	}
}

// 7. Short critical sections under a mutex in a ctx function.
type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *Cache) Get(ctx context.Context, k string, load func(context.Context, string) (string, error)) (string, error) {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := load(ctx, k)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]string)
	}
	c.m[k] = v
	return v, nil
}

// 8. sync.WaitGroup waits for workers that receive ctx.
func FanOut(ctx context.Context, items []string, work func(context.Context, string) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(items))
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = work(ctx, it)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// 9. WaitGroup.Go (Go 1.25) with workers that select on ctx.
func FanOutGo(ctx context.Context, n int, jobs <-chan int, handle func(int)) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for {
				select {
				case j, ok := <-jobs:
					if !ok {
						return
					}
					handle(j)
				case <-ctx.Done():
					return
				}
			}
		})
	}
	wg.Wait()
}

// 10. Pipeline: a generator closes its output on ctx cancel, the next stage
// ranges over it.
func Gen(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func Square(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- v * v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func Sum(ctx context.Context, n int) int {
	total := 0
	for v := range Square(ctx, Gen(ctx, n)) {
		total += v
	}
	return total
}

// 11. Results sent to a buffered channel sized for all senders.
func Gather(ctx context.Context, urls []string, fetch func(context.Context, string) (int, error)) (int, error) {
	type result struct {
		n   int
		err error
	}
	results := make(chan result, len(urls))
	for _, u := range urls {
		go func() {
			n, err := fetch(ctx, u)
			results <- result{n, err}
		}()
	}
	total := 0
	for range urls {
		select {
		case r := <-results:
			if r.err != nil {
				return 0, r.err
			}
			total += r.n
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return total, nil
}

// 12. First answer wins; buffered channel of one per sender, ctx cancels
// the losers.
func First(ctx context.Context, replicas []func(context.Context) (string, error)) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan string, len(replicas))
	for _, r := range replicas {
		go func() {
			if v, err := r(ctx); err == nil {
				ch <- v
			}
		}()
	}
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// 13. ctx used only for logging / values.
type reqIDKey struct{}

func Describe(ctx context.Context, logger *slog.Logger, w io.Writer, name string) {
	id, _ := ctx.Value(reqIDKey{}).(string)
	logger.InfoContext(ctx, "describe", "id", id, "name", name)
	io.WriteString(w, name)
}

// 14. context.AfterFunc stops a blocking reader when ctx ends.
func ReadAll(ctx context.Context, r io.ReadCloser) ([]byte, error) {
	stop := context.AfterFunc(ctx, func() { r.Close() })
	defer stop()
	b, err := io.ReadAll(r)
	if err != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return b, err
}

// 15. A sync.Once-guarded init inside a ctx function.
type Lazy struct {
	once sync.Once
	v    int
}

func (l *Lazy) Value(ctx context.Context) int {
	l.once.Do(func() { l.v = 42 })
	return l.v
}

// 16. A cond-free semaphore with select on ctx for the acquire, release in
// defer.
type Sem chan struct{}

func (s Sem) Do(ctx context.Context, f func(context.Context) error) error {
	select {
	case s <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s }()
	return f(ctx)
}

// 17. A worker pool: jobs channel closed after feeding, workers get ctx,
// results drained.
func Pool(ctx context.Context, in []int, f func(context.Context, int) int) []int {
	jobs := make(chan int)
	out := make([]int, len(in))
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = f(ctx, in[i])
			}
		}()
	}
feed:
	for i := range in {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return out
}

// 18. A long-lived loop started with ctx, stopped by cancel; Stop waits for
// it via a done channel closed by the loop.
type Runner struct {
	cancel context.CancelFunc
	done   chan struct{}
	tick   func()
}

func (r *Runner) Start(ctx context.Context) {
	ctx, r.cancel = context.WithCancel(ctx)
	r.done = make(chan struct{})
	go r.loop(ctx)
}

func (r *Runner) loop(ctx context.Context) {
	defer close(r.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			r.tick()
		case <-ctx.Done():
			return
		}
	}
}

func (r *Runner) Stop() {
	r.cancel()
	<-r.done
}

// 19. Shutdown(ctx) that waits for the loop or gives up when ctx ends.
func (r *Runner) Shutdown(ctx context.Context) error {
	r.cancel()
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
