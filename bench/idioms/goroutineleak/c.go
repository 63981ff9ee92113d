package idioms

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// 24. errgroup with context
func FetchAll(ctx context.Context, urls []string, get func(context.Context, string) (int, error)) ([]int, error) {
	g, ctx := errgroup.WithContext(ctx)
	res := make([]int, len(urls))
	for i, u := range urls {
		g.Go(func() error {
			n, err := get(ctx, u)
			if err != nil {
				return err
			}
			res[i] = n
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return res, nil
}

// 25. errgroup pipeline: producer + consumers with channel, ctx-cancelled
func ErrgroupPipeline(ctx context.Context, paths []string, read func(string) (int, error)) (int, error) {
	g, ctx := errgroup.WithContext(ctx)
	ch := make(chan string)
	g.Go(func() error {
		defer close(ch)
		for _, p := range paths {
			select {
			case ch <- p:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			for p := range ch {
				n, err := read(p)
				if err != nil {
					return err
				}
				select {
				case results <- n:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	total := 0
	for n := range results {
		total += n
	}
	return total, g.Wait()
}

// 26. errgroup SetLimit
func Limited(ctx context.Context, items []int, f func(context.Context, int) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, it := range items {
		g.Go(func() error { return f(ctx, it) })
	}
	return g.Wait()
}

// 27. semaphore channel bounding parallelism
func Bounded(items []int, f func(int)) {
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, it := range items {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			f(it)
		}()
	}
	wg.Wait()
}

// 28. http server with graceful shutdown, error channel buffer 1
func RunServer(ctx context.Context, srv *http.Server) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

// 29. line reader goroutine closing its channel at EOF, consumer in same pkg
func lines(r io.Reader) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			out <- sc.Text()
		}
	}()
	return out
}

func CountLines(r io.Reader) int {
	n := 0
	for range lines(r) {
		n++
	}
	return n
}

// 30. io.Pipe producer
func Encode(f func(io.Writer) error) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(f(pw))
	}()
	return pr
}

// 31. batcher: flush on size or tick, stop flushes and waits
type Batcher struct {
	in   chan int
	done chan struct{}
	out  func([]int)
}

func NewBatcher(out func([]int)) *Batcher {
	b := &Batcher{in: make(chan int, 64), done: make(chan struct{}), out: out}
	go b.run()
	return b
}

func (b *Batcher) Add(v int) { b.in <- v }

func (b *Batcher) run() {
	defer close(b.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	var buf []int
	for {
		select {
		case v, ok := <-b.in:
			if !ok {
				if len(buf) > 0 {
					b.out(buf)
				}
				return
			}
			buf = append(buf, v)
			if len(buf) >= 10 {
				b.out(buf)
				buf = nil
			}
		case <-t.C:
			if len(buf) > 0 {
				b.out(buf)
				buf = nil
			}
		}
	}
}

func (b *Batcher) Close() {
	close(b.in)
	<-b.done
}

// 32. done-channel future
type Future struct {
	done chan struct{}
	val  int
	err  error
}

func Go(f func() (int, error)) *Future {
	fu := &Future{done: make(chan struct{})}
	go func() {
		defer close(fu.done)
		fu.val, fu.err = f()
	}()
	return fu
}

func (f *Future) Wait(ctx context.Context) (int, error) {
	select {
	case <-f.done:
		return f.val, f.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// 33. retry with backoff, timer
func Retry(ctx context.Context, f func() error) error {
	backoff := 10 * time.Millisecond
	for i := 0; i < 5; i++ {
		if err := f(); err == nil {
			return nil
		}
		t := time.NewTimer(backoff)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
		backoff *= 2
	}
	return errors.New("retries exhausted")
}

// 34. goroutine per request with result via buffered channel and ctx
func Query(ctx context.Context, q func() (string, error)) (string, error) {
	type result struct {
		s   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		s, err := q()
		ch <- result{s, err}
	}()
	select {
	case r := <-ch:
		return r.s, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// 35. unbuffered done with the owner always receiving
func Parallel2(a, b func() error) error {
	errA := make(chan error)
	go func() { errA <- a() }()
	errB := b()
	if err := <-errA; err != nil {
		return err
	}
	return errB
}

// 36. worker pool struct: Submit, Shutdown closes jobs and waits
type WorkerPool struct {
	jobs chan func()
	wg   sync.WaitGroup
}

func NewWorkerPool(n int) *WorkerPool {
	p := &WorkerPool{jobs: make(chan func())}
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for j := range p.jobs {
				j()
			}
		}()
	}
	return p
}

func (p *WorkerPool) Submit(f func()) { p.jobs <- f }

func (p *WorkerPool) Shutdown() {
	close(p.jobs)
	p.wg.Wait()
}

// 37. ctx.AfterFunc / context-closed reader
func Watch(ctx context.Context, events <-chan string, f func(string)) {
	go func() {
		for {
			select {
			case e, ok := <-events:
				if !ok {
					return
				}
				f(e)
			case <-ctx.Done():
				return
			}
		}
	}()
}

// 38. heartbeat with stop channel returned
func Heartbeat(d time.Duration) (<-chan struct{}, func()) {
	beats := make(chan struct{}, 1)
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				select {
				case beats <- struct{}{}:
				default:
				}
			case <-stop:
				return
			}
		}
	}()
	return beats, func() { close(stop) }
}
