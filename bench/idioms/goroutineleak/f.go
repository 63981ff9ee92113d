package idioms

import (
	"context"
	"net"
	"os"
	"os/signal"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// 43. wg.Go (Go 1.25) fan-out with a closer goroutine
func WGGo(items []int, f func(int) int) []int {
	var wg sync.WaitGroup
	out := make(chan int)
	for _, it := range items {
		wg.Go(func() { out <- f(it) })
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	var res []int
	for v := range out {
		res = append(res, v)
	}
	return res
}

// 44. errgroup producer + closer goroutine waiting on g.Wait
func ErrgroupCloser(ctx context.Context, items []int, f func(context.Context, int) (int, error)) ([]int, error) {
	g, ctx := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, it := range items {
		g.Go(func() error {
			v, err := f(ctx, it)
			if err != nil {
				return err
			}
			select {
			case results <- v:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	var err error
	done := make(chan struct{})
	go func() {
		err = g.Wait()
		close(results)
		close(done)
	}()
	var out []int
	for v := range results {
		out = append(out, v)
	}
	<-done
	return out, err
}

// 45. early return with deferred cancel; senders select on ctx.Done
func FirstError(ctx context.Context, fs []func() error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error)
	for _, f := range fs {
		go func() {
			select {
			case errc <- f():
			case <-ctx.Done():
			}
		}()
	}
	for range fs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// 46. goroutine closing a connection on ctx cancellation
func ReadAll(ctx context.Context, c net.Conn) ([]byte, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		<-ctx.Done()
		c.Close()
	}()
	var buf []byte
	b := make([]byte, 1024)
	for {
		n, err := c.Read(b)
		buf = append(buf, b[:n]...)
		if err != nil {
			return buf, err
		}
	}
}

// 47. context.AfterFunc closes a channel
func WaitOrCancel(ctx context.Context, work func(stop <-chan struct{})) {
	stop := make(chan struct{})
	unreg := context.AfterFunc(ctx, func() { close(stop) })
	defer unreg()
	work(stop)
}

// 48. n goroutines, n receives with range over int
func NRecv(n int, f func(int) int) int {
	ch := make(chan int)
	for i := range n {
		go func() { ch <- f(i) }()
	}
	sum := 0
	for range n {
		sum += <-ch
	}
	return sum
}

// 49. counter loop: n goroutines, n receives
func NRecv2(n int, f func(int) int) int {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() { ch <- f(i) }()
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	return sum
}

// 50. exported generator with a buffer holding every value
func FromSlice(xs []int) <-chan int {
	out := make(chan int, len(xs))
	go func() {
		defer close(out)
		for _, x := range xs {
			out <- x
		}
	}()
	return out
}

// 51. service with closing/closed channels and sync.Once close
type Service struct {
	closing   chan struct{}
	closed    chan struct{}
	closeOnce sync.Once
	events    chan string
}

func NewService() *Service {
	s := &Service{closing: make(chan struct{}), closed: make(chan struct{}), events: make(chan string)}
	go s.run()
	return s
}

func (s *Service) run() {
	defer close(s.closed)
	for {
		select {
		case e := <-s.events:
			_ = e
		case <-s.closing:
			return
		}
	}
}

func (s *Service) Emit(e string) bool {
	select {
	case s.events <- e:
		return true
	case <-s.closing:
		return false
	}
}

func (s *Service) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
	<-s.closed
}

// 52. accept loop started in the constructor, ended by closing the listener
type Listener struct {
	ln    net.Listener
	conns chan net.Conn
	done  chan struct{}
}

func Listen(addr string) (*Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	l := &Listener{ln: ln, conns: make(chan net.Conn), done: make(chan struct{})}
	go l.acceptLoop()
	return l, nil
}

func (l *Listener) acceptLoop() {
	defer close(l.conns)
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		select {
		case l.conns <- c:
		case <-l.done:
			c.Close()
			return
		}
	}
}

func (l *Listener) Accept() (net.Conn, bool) {
	c, ok := <-l.conns
	return c, ok
}

func (l *Listener) Close() error {
	close(l.done)
	return l.ln.Close()
}

// 53. ping-pong: owner sends request, goroutine always replies
func PingPong(n int) int {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	<-pong
	return v
}

// 54. signal.NotifyContext in a library-like Run
func Run(work func(context.Context) error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return work(ctx)
}

// 55. select send with timeout
func TrySend(ch chan<- int, v int, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case ch <- v:
		return true
	case <-t.C:
		return false
	}
}

// 56. local mutex handed to goroutines, owner unlocks
func MutexOrder(n int) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	count := 0
	mu.Lock()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	mu.Unlock()
	wg.Wait()
	return count
}

// 57. Cond as value field, waiter goroutine, Broadcast in Close
type Notifier struct {
	mu      sync.Mutex
	cond    sync.Cond
	version int
	closed  bool
}

func NewNotifier() *Notifier {
	n := &Notifier{}
	n.cond.L = &n.mu
	return n
}

func (n *Notifier) Bump() {
	n.mu.Lock()
	n.version++
	n.mu.Unlock()
	n.cond.Broadcast()
}

func (n *Notifier) WaitFor(v int) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for n.version < v && !n.closed {
		n.cond.Wait()
	}
	return !n.closed
}

func (n *Notifier) Close() {
	n.mu.Lock()
	n.closed = true
	n.mu.Unlock()
	n.cond.Broadcast()
}

// 58. goroutine per connection with a reader goroutine feeding a channel
func HandleConn(c net.Conn, quit <-chan struct{}) {
	defer c.Close()
	lines := make(chan []byte)
	go func() {
		defer close(lines)
		b := make([]byte, 512)
		for {
			n, err := c.Read(b)
			if err != nil {
				return
			}
			select {
			case lines <- append([]byte(nil), b[:n]...):
			case <-quit:
				return
			}
		}
	}()
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				return
			}
			c.Write(l)
		case <-quit:
			return
		}
	}
}

// 59. result struct future with buffered channel, exported
func Async(f func() error) <-chan error {
	errc := make(chan error, 1)
	go func() { errc <- f() }()
	return errc
}

// 60. watch returning a channel and a cancel func
func WatchFile(path string, poll time.Duration) (<-chan os.FileInfo, func()) {
	out := make(chan os.FileInfo)
	stop := make(chan struct{})
	go func() {
		defer close(out)
		t := time.NewTicker(poll)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fi, err := os.Stat(path)
				if err != nil {
					continue
				}
				select {
				case out <- fi:
				case <-stop:
					return
				}
			case <-stop:
				return
			}
		}
	}()
	var once sync.Once
	return out, func() { once.Do(func() { close(stop) }) }
}
