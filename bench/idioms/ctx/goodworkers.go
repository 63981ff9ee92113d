package ctxidioms

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// 76. Workers that ignore ctx range over a jobs channel a producer
// goroutine closes when it finishes or ctx ends.
func ProduceConsume(ctx context.Context, n int, f func(int) int) []int {
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	out := make([]int, n)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				out[j] = f(j)
			}
		}()
	}
	wg.Wait()
	return out
}

// 77. A request built with ctx, sent from a goroutine, result received
// plainly.
func DoAsync(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	type res struct {
		code int
		err  error
	}
	ch := make(chan res)
	go func() {
		resp, err := c.Do(req)
		if err != nil {
			ch <- res{0, err}
			return
		}
		resp.Body.Close()
		ch <- res{resp.StatusCode, nil}
	}()
	r := <-ch
	return r.code, r.err
}

// 78. Collect every worker's error from a buffered channel.
func CollectErrs(ctx context.Context, items []string, work func(context.Context, string) error) error {
	errc := make(chan error, len(items))
	for _, it := range items {
		go func() { errc <- work(ctx, it) }()
	}
	var first error
	for range items {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// 79. Shutdown(ctx) waiting for a WaitGroup through a helper goroutine.
type Workers struct {
	quit chan struct{}
	wg   sync.WaitGroup
}

func (w *Workers) Start(n int, f func()) {
	for range n {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for {
				select {
				case <-w.quit:
					return
				default:
					f()
				}
			}
		}()
	}
}

func (w *Workers) Shutdown(ctx context.Context) error {
	close(w.quit)
	done := make(chan struct{})
	go func() {
		w.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// 80. A worker that takes ctx for request-scoped values only and ranges
// over jobs its starter closes.
func logWorker(ctx context.Context, jobs <-chan string, wg *sync.WaitGroup) {
	defer wg.Done()
	id, _ := ctx.Value(reqIDKey{}).(string)
	for j := range jobs {
		slog.Info("job", "id", id, "job", j)
	}
}

func RunJobs(ctx context.Context, js []string) {
	jobs := make(chan string, len(js))
	var wg sync.WaitGroup
	wg.Add(2)
	go logWorker(ctx, jobs, &wg)
	go logWorker(ctx, jobs, &wg)
	for _, j := range js {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
}

// 81. A local daemon on a unix socket, dialled with a timeout.
func Docker(path string) (net.Conn, error) {
	return net.DialTimeout("unix", path, 2*time.Second)
}

// 82. A debug server bound to loopback.
func DebugServer(h http.Handler) error {
	ln, err := net.Listen("tcp", "127.0.0.1:6060")
	if err != nil {
		return err
	}
	return http.Serve(ln, h)
}

// 83. DefaultClient with a request carrying the caller's ctx.
func Head(ctx context.Context, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// 84. A client kept in a struct field, built with Timeout in the
// constructor, used without ctx.
type Notifier struct{ c *http.Client }

func NewNotifier() *Notifier { return &Notifier{c: &http.Client{Timeout: 5 * time.Second}} }

func (n *Notifier) Notify(url string) error {
	resp, err := n.c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// 85. A goroutine started with ctx that watches it to close a connection,
// joined by a WaitGroup after the read loop.
func ReadUntil(ctx context.Context, conn net.Conn, handle func([]byte)) error {
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-ctx.Done():
			conn.Close()
		case <-done:
		}
	}()
	defer wg.Wait()
	defer close(done)
	buf := make([]byte, 512)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return err
		}
		handle(buf[:n])
	}
}

// 86. A timed-out wait on a ready channel closed by the initializer.
type Service struct {
	ready chan struct{}
}

func (s *Service) Init(load func()) {
	load()
	close(s.ready)
}

func (s *Service) WaitReady(ctx context.Context) error {
	select {
	case <-s.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// 87. A keep-alive loop in a goroutine owned by a struct with a ctx field.
type Session struct {
	ctx    context.Context
	cancel context.CancelFunc
	ping   func() error
}

func NewSession(parent context.Context, ping func() error) *Session {
	ctx, cancel := context.WithCancel(parent)
	s := &Session{ctx: ctx, cancel: cancel, ping: ping}
	go s.keepAlive()
	return s
}

func (s *Session) keepAlive() {
	t := time.NewTicker(15 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if err := s.ping(); err != nil {
				s.cancel()
				return
			}
		case <-s.ctx.Done():
			return
		}
	}
}

func (s *Session) Close() { s.cancel() }
