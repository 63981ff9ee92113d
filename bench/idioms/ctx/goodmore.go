package ctxidioms

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// 43. Run a ctx-aware call in a goroutine, wait on its buffered result.
func Async(ctx context.Context, c *http.Client, url string) (int, error) {
	errc := make(chan error, 1)
	var code int
	go func() {
		var err error
		code, err = FetchStatus(ctx, c, url)
		errc <- err
	}()
	err := <-errc
	return code, err
}

// 44. Wait for a WaitGroup with a ctx bound: helper goroutine closes done.
func WaitCtx(ctx context.Context, wg *sync.WaitGroup) error {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// 45. Cancel workers, then join them.
func RunFor(ctx context.Context, d time.Duration, n int, work func(context.Context)) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(ctx)
		}()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
	cancel()
	wg.Wait()
}

// 46. A ticker loop that checks ctx.Err() each tick.
func TickErr(ctx context.Context, f func()) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C {
		if err := ctx.Err(); err != nil {
			return err
		}
		f()
	}
	return nil
}

// 47. Non-blocking ctx check in a loop of ctx-aware work.
func Drain(ctx context.Context, rows *sql.Rows, f func(*sql.Rows) error) error {
	for rows.Next() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// 48. A short constant sleep in a loop that checks ctx each iteration.
func SpinWait(ctx context.Context, ready func() bool) error {
	for !ready() {
		if err := ctx.Err(); err != nil {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}

// 49. semaphore.Weighted acquired with ctx.
func Limited(ctx context.Context, sem *semaphore.Weighted, f func(context.Context) error) error {
	if err := sem.Acquire(ctx, 1); err != nil {
		return err
	}
	defer sem.Release(1)
	return f(ctx)
}

// 50. A subscription whose channel is closed by Unsubscribe on ctx done.
type Bus struct {
	mu   sync.Mutex
	subs map[chan string]struct{}
}

func (b *Bus) Subscribe(ctx context.Context) <-chan string {
	ch := make(chan string, 16)
	b.mu.Lock()
	if b.subs == nil {
		b.subs = make(map[chan string]struct{})
	}
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	context.AfterFunc(ctx, func() {
		b.mu.Lock()
		delete(b.subs, ch)
		close(ch)
		b.mu.Unlock()
	})
	return ch
}

func (b *Bus) Publish(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- msg:
		default: // slow subscriber drops
		}
	}
}

func Listen(ctx context.Context, b *Bus, handle func(string)) {
	for msg := range b.Subscribe(ctx) {
		handle(msg)
	}
}

// 51. A handler waiting for its work or the client to leave.
func Slow(work func(context.Context) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		type res struct {
			s   string
			err error
		}
		ch := make(chan res, 1)
		go func() {
			s, err := work(ctx)
			ch <- res{s, err}
		}()
		select {
		case x := <-ch:
			if x.err != nil {
				http.Error(w, x.err.Error(), http.StatusInternalServerError)
				return
			}
			io.WriteString(w, x.s)
		case <-ctx.Done():
		}
	}
}

// 52. A graceful shutdown: server Shutdown with ctx, joined goroutines.
type App struct {
	srv *http.Server
	wg  sync.WaitGroup
}

func NewApp(addr string, h http.Handler) *App {
	return &App{srv: &http.Server{Addr: addr, Handler: h, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}}
}

func (a *App) Start() {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		if err := a.srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(err)
		}
	}()
}

func (a *App) Shutdown(ctx context.Context) error {
	err := a.srv.Shutdown(ctx)
	a.wg.Wait()
	return err
}

// 53. A request with a per-call timeout on a client without one.
func FetchTimeout(ctx context.Context, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// 54. A background job with its own deadline.
func Refresh(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := db.ExecContext(ctx, "REFRESH MATERIALIZED VIEW stats")
	return err
}

// 55. net.DialTimeout plus per-read deadlines in a loop.
func Tail(addr string, handle func([]byte)) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	buf := make([]byte, 4096)
	for {
		conn.SetReadDeadline(time.Now().Add(time.Minute))
		n, err := conn.Read(buf)
		if err != nil {
			return err
		}
		handle(buf[:n])
	}
}

// 56. A client whose Timeout is set after construction.
func ConfiguredClient(url string) error {
	c := &http.Client{}
	c.Timeout = 15 * time.Second
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// 57. errgroup (plain) whose goroutines get the caller's ctx.
func Both(ctx context.Context, a, b func(context.Context) error) error {
	var g errgroup.Group
	g.Go(func() error { return a(ctx) })
	g.Go(func() error { return b(ctx) })
	return g.Wait()
}

// 58. A loop that stops on a quit channel the type closes in Close.
type Flusher struct {
	quit chan struct{}
	once sync.Once
	f    func(context.Context)
}

func (fl *Flusher) Run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			fl.f(ctx)
		case <-fl.quit:
			return
		case <-ctx.Done():
			return
		}
	}
}

func (fl *Flusher) Close() { fl.once.Do(func() { close(fl.quit) }) }

// 59. An acquire-with-ctx on a buffered token channel, release in defer.
type Limiter struct{ tokens chan struct{} }

func NewLimiter(n int) *Limiter { return &Limiter{tokens: make(chan struct{}, n)} }

func (l *Limiter) Do(ctx context.Context, f func() error) error {
	select {
	case l.tokens <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-l.tokens }()
	return f()
}

// 60. A future: the result channel is closed when done; waiters select on
// ctx.
type Future struct {
	done chan struct{}
	val  int
	err  error
}

func Go(ctx context.Context, f func(context.Context) (int, error)) *Future {
	fu := &Future{done: make(chan struct{})}
	go func() {
		defer close(fu.done)
		fu.val, fu.err = f(ctx)
	}()
	return fu
}

func (fu *Future) Get(ctx context.Context) (int, error) {
	select {
	case <-fu.done:
		return fu.val, fu.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// 61. A connection closer goroutine: reads end when ctx does.
func Pump(ctx context.Context, conn net.Conn, out chan<- []byte) error {
	go func() {
		<-ctx.Done()
		conn.Close()
	}()
	for {
		buf := make([]byte, 1024)
		n, err := conn.Read(buf)
		if err != nil {
			return err
		}
		select {
		case out <- buf[:n]:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// 62. A mutex-guarded state machine whose method waits on a cond channel
// replaced on every change, with ctx.
type State struct {
	mu      sync.Mutex
	v       int
	changed chan struct{}
}

func (s *State) Set(v int) {
	s.mu.Lock()
	s.v = v
	if s.changed != nil {
		close(s.changed)
	}
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

func (s *State) WaitFor(ctx context.Context, want int) error {
	for {
		s.mu.Lock()
		if s.v == want {
			s.mu.Unlock()
			return nil
		}
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
